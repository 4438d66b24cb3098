/** One client per provider API, pointed at its Prism mock, with a fetch that records what was sent. */
import { capturingFetch } from "@checkoutkit/testing";
import { inject } from "vitest";
import {
  createCreemClient,
  createFlowgladClient,
  createLemonSqueezyClient,
  createPayNowManagementClient,
  createPayNowStorefrontClient,
  createPolarClient,
  type CheckoutApi,
} from "../src/index.js";

type Fetch = ReturnType<typeof capturingFetch>;

export function clients(respond?: Parameters<typeof capturingFetch>[0]) {
  const fetch: Fetch = capturingFetch(respond);
  const prism = inject("prism");
  const common = (api: CheckoutApi) => ({ baseUrl: prism[api]!, fetch, maxRetries: 0 });
  return {
    fetch,
    /** The JSON body of the one request sent so far. */
    sentBody: () => {
      if (fetch.exchanges.length !== 1) throw new Error(`expected one request, got ${fetch.exchanges.length}`);
      return JSON.parse(fetch.exchanges[0]!.body) as unknown;
    },
    paynowManagement: createPayNowManagementClient({ apiKey: "pnapi_facade_test", storeId: "411486491630370001", ...common("paynow-management") }),
    paynowStorefront: createPayNowStorefrontClient({ customerToken: "pnct_facade_test", storeId: "411486491630370001", ...common("paynow-storefront") }),
    creem: createCreemClient({ apiKey: "creem_test_facade", ...common("creem") }),
    flowglad: createFlowgladClient({ apiKey: "sk_test_facade", ...common("flowglad") }),
    polar: createPolarClient({ accessToken: "polar_oat_facade_test", ...common("polar") }),
    lemonsqueezy: createLemonSqueezyClient({ apiKey: "ls_facade_test_key", storeId: "31415", ...common("lemonsqueezy") }),
  };
}

/** The last exchange's answer passed the spec: Prism found nothing wrong with the request. */
export function noViolations(fetch: Fetch): boolean {
  return fetch.exchanges.every((exchange) => exchange.response?.headers["sl-violations"] === undefined);
}
