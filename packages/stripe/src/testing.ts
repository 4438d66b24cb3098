/** The test kit, `@checkoutkit/stripe/testing`: signed webhook deliveries, example events and a mock `fetch` from the spec. */
export * from "./generated/testing.js";
export type { DeepPartial, MockFetch, MockFetchCall, MockFetchOptions, SignWebhookOptions } from "@checkoutkit/runtime/testing";
