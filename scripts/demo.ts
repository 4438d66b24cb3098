/**
 * The demo: starts a Prism mock for every spec, then creates a checkout through each generated client and
 * prints what was sent and what came back.
 *
 *   pnpm demo           run once and stop the mocks
 *   pnpm demo --serve   then keep the mocks running on fixed ports (4010 upwards), for the README examples
 */
import { capturingFetch, listSpecs, requestExample, startPrism, type MockServer } from "@checkoutkit/testing";
import { createCreemClient } from "@checkoutkit/creem";
import { createFlowgladClient } from "@checkoutkit/flowglad";
import { createPayNowManagementClient, createPayNowStorefrontClient } from "@checkoutkit/paynow";
import { createPolarClient } from "@checkoutkit/polar";

const serve = process.argv.includes("--serve");
const FIRST_PORT = 4010;

interface Demo {
  spec: string;
  run(baseUrl: string, fetch: ReturnType<typeof capturingFetch>): Promise<unknown>;
}

// One create call per API, each sending its spec's own request example. The mocks accept any credential.
const storeId = "411486491630370001";
const demos: Demo[] = [
  {
    spec: "paynow-storefront",
    run: (baseUrl, fetch) =>
      createPayNowStorefrontClient({ customerToken: "pnct_demo_customer_token", storeId, baseUrl, fetch }).checkouts.create(
        requestExample("paynow-storefront", "POST", "/v1/checkouts"),
        { headers: { "x-paynow-customer-countrycode": "DE" } },
      ),
  },
  {
    spec: "paynow-management",
    run: (baseUrl, fetch) =>
      createPayNowManagementClient({ apiKey: "pnapi_demo_key", storeId, baseUrl, fetch }).checkouts.create(
        requestExample("paynow-management", "POST", "/v1/stores/{storeId}/checkouts"),
      ),
  },
  {
    spec: "creem",
    run: (baseUrl, fetch) =>
      createCreemClient({ apiKey: "creem_test_demo_key", baseUrl, fetch }).checkouts.create(requestExample("creem", "POST", "/v1/checkouts")),
  },
  {
    spec: "flowglad",
    run: (baseUrl, fetch) =>
      createFlowgladClient({ apiKey: "sk_test_demo_key", baseUrl, fetch }).checkoutSessions.create(
        requestExample("flowglad", "POST", "/api/v1/checkout-sessions"),
      ),
  },
  {
    spec: "polar",
    run: (baseUrl, fetch) =>
      createPolarClient({ accessToken: "polar_oat_demo_token", baseUrl, fetch }).checkouts.create(requestExample("polar", "POST", "/v1/checkouts/")),
  },
];

const secretHeaders = new Set(["authorization", "x-api-key"]);
const redact = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, secretHeaders.has(k) ? `${v.slice(0, 12)}…` : v]));

async function main() {
  const specs = listSpecs();
  const servers = new Map<string, MockServer>();
  try {
    await Promise.all(
      specs.map(async (spec, index) => servers.set(spec.name, await startPrism(spec.file, serve ? { port: FIRST_PORT + index } : {}))),
    );
    for (const spec of specs) console.log(`mock ${spec.name.padEnd(18)} ${servers.get(spec.name)!.url}`);
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
