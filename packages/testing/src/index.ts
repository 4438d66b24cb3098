export { freePort, probe, startPrism, type MockServer } from "./prism.js";
export { formOperations, formToJson, jsonBodiesSpec, parseForm, startFormProxy, type FormOperation, type FormProxy } from "./form-proxy.js";
export { listSpecs, repoRoot, type ListedSpec } from "./specs.js";
export { capturingFetch, type CapturedExchange } from "./capture.js";
export { fakeClock, type FakeClock } from "./clock.js";
export { deref, errorStatuses, loadSpec, rejectionOf, requestExample, responseExample, type Node } from "./examples.js";
export { describeContract, type ClientFactory } from "./contract.js";
export {
  describeWebhookContract,
  otherSecret,
  providerLibraries,
  signDelivery,
  webhookExamples,
  webhookRules,
  type Delivery,
  type ProviderLibrary,
  type SigningRules,
} from "./webhooks.js";
export { describeMockFetch, describeWebhookHandler, fulfilmentLog, type MockFetchContract, type WebhookHandlerContract } from "./handler.js";
