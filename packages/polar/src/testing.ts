/**
 * The test kit, `@checkoutkit/polar/testing`: signed webhook deliveries, the spec's example events
 * and a mock `fetch` answering from the spec's examples, for testing your own code. Kept out of the main entry.
 */
export * from "./generated/testing.js";
export type { DeepPartial, MockFetch, MockFetchCall, MockFetchOptions, SignWebhookOptions } from "@checkoutkit/runtime/testing";
