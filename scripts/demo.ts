/**
 * The demo: starts a Prism mock for every spec, then creates a checkout through each generated client and
 * prints what was sent and what came back.
 *
 *   pnpm demo           run once and stop the mocks
 *   pnpm demo --serve   then keep the mocks running on fixed ports (4010 upwards), for the README examples
 */
import { capturingFetch, listSpecs, requestExample, startPrism, type MockServer } from "@checkoutkit/testing";
import { createPayNowStorefrontClient } from "@checkoutkit/paynow";

const serve = process.argv.includes("--serve");
const FIRST_PORT = 4010;

interface Demo {
  spec: string;
  run(baseUrl: string, fetch: ReturnType<typeof capturingFetch>): Promise<unknown>;
}

// One create call per API, each sending its spec's own request example.
const demos: Demo[] = [
  {
    spec: "paynow-storefront",
    run: (baseUrl, fetch) =>
      createPayNowStorefrontClient({ customerToken: "pnct_demo_customer_token", storeId: "411486491630370001", baseUrl, fetch })
        .checkouts.create(requestExample("paynow-storefront", "POST", "/v1/checkouts"), {
          headers: { "x-paynow-customer-countrycode": "DE" },
        }),
  },
];

const secretHeaders = new Set(["authorization", "x-api-key"]);
const redact = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, secretHeaders.has(k) ? `${v.slice(0, 12)}…` : v]));

async function main() {
  const specs = listSpecs();
  const servers = new Map<string, MockServer>();
  try {
    for (const [index, spec] of specs.entries()) {
      const server = await startPrism(spec.file, serve ? { port: FIRST_PORT + index } : {});
      servers.set(spec.name, server);
      console.log(`mock ${spec.name.padEnd(18)} ${server.url}`);
    }
    let failures = 0;
    for (const demo of demos) {
      const server = servers.get(demo.spec);
      if (!server) throw new Error(`no spec named ${demo.spec}`);
      const fetch = capturingFetch();
      console.log(`\n== ${demo.spec}`);
      try {
        const result = await demo.run(server.url, fetch);
        for (const exchange of fetch.exchanges) {
          console.log(`sent ${exchange.method} ${exchange.url}`);
          console.log(`     headers ${JSON.stringify(redact(exchange.headers))}`);
          console.log(`     body    ${exchange.body}`);
          console.log(`got  ${exchange.response?.status}${exchange.response?.headers["sl-violations"] ? " WITH SPEC VIOLATIONS" : ""}`);
        }
        console.log(`     ${JSON.stringify(result)}`);
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
