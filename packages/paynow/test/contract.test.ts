import { describeContract } from "@checkoutkit/testing";
import { createPayNowManagementClient, createPayNowStorefrontClient } from "../src/index.js";

// Every operation of both PayNow specs, against their Prism mocks: examples, every declared error, bad input, no credentials.
describeContract("paynow-storefront", "paynow", (options) =>
  createPayNowStorefrontClient({ customerToken: "pnct_contract_token", storeId: "411486491630370001", ...options }),
);
describeContract("paynow-management", "paynow", (options) =>
  createPayNowManagementClient({ apiKey: "pnapi_contract_key", storeId: "411486491630370001", ...options }),
);
