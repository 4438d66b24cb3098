/**
 * The demo: starts a Prism mock for every spec in specs/redocly.yaml, then creates a checkout through each
 * generated client and prints what was sent and what came back. It knows no provider: each spec's model says
 * which package and factory to use, which operation creates a checkout, and the example it sends.
 *
 *   pnpm demo           run once and stop the mocks
 *   pnpm demo --serve   then keep the mocks running on fixed ports (4010 upwards, in spec-list order), for the README examples
 */
import { createCheckoutOperation, exampleConfig, loadModels, type SpecModel } from "@checkoutkit/spec-model";
import { capturingFetch, startPrism, type MockServer } from "@checkoutkit/testing";

const serve = process.argv.includes("--serve");
const FIRST_PORT = 4010;

type Factory = (config: Record<string, unknown>) => Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;

/** One create call per API, sending its spec's own request example. The mocks accept any credential. */
async function createCheckout(model: SpecModel, baseUrl: string, fetch: ReturnType<typeof capturingFetch>): Promise<unknown> {
  const module = (await import(model.client.package)) as Record<string, unknown>;
  const factory = module[model.client.factory] as Factory;
  const operation = createCheckoutOperation(model);
  const client = factory({ ...exampleConfig(model, baseUrl, "demo_fake_credential"), fetch });
  const args = [...operation.pathParams.map((name) => operation.pathExample[name]), structuredClone(operation.requestExample)];
  return client[operation.group]![operation.method]!(...args, { headers: operation.headerExample });
}

const redact = (secretHeader: string, headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, k === secretHeader.toLowerCase() ? `${v.slice(0, 12)}…` : v]));

async function main() {
  const models = loadModels();
  const servers = new Map<string, MockServer>();
  try {
    await Promise.all(
      models.map(async (model, index) => servers.set(model.name, await startPrism(model.file, serve ? { port: FIRST_PORT + index } : {}))),
    );
    for (const model of models) {
      const { url } = servers.get(model.name)!;
      console.log(`mock ${model.name.padEnd(18)} ${url} (port ${new URL(url).port}, ${model.source})`);
    }
    let failures = 0;
    for (const model of models) {
      const fetch = capturingFetch();
      console.log(`\n== ${model.name}: ${model.client.package} ${model.client.factory}`);
      try {
        const result = await createCheckout(model, servers.get(model.name)!.url, fetch);
        for (const exchange of fetch.exchanges) {
          console.log(`sent ${exchange.method} ${exchange.url}`);
          console.log(`     headers ${JSON.stringify(redact(model.credential.header, exchange.headers))}`);
          console.log(`     body    ${exchange.body}`);
          console.log(`got  ${exchange.response?.status}${exchange.response?.headers["sl-violations"] ? " WITH SPEC VIOLATIONS" : ""}`);
        }
        const text = JSON.stringify(result);
        console.log(`     ${text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text}`);
      } catch (error) {
        failures++;
        console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures) process.exitCode = 1;
    if (serve) {
      console.log("\nMocks are running; press Ctrl+C to stop them.");
      await new Promise((resolve) => process.once("SIGINT", resolve));
    }
  } finally {
    await Promise.all([...servers.values()].map((s) => s.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
