export { freePort, probe, startPrism, type MockServer } from "./prism.js";
export { listSpecs, repoRoot, type ListedSpec } from "./specs.js";
export { capturingFetch, type CapturedExchange } from "./capture.js";
export { fakeClock, type FakeClock } from "./clock.js";
export { deref, errorStatuses, loadSpec, rejectionOf, requestExample, responseExample, type Node } from "./examples.js";
export { describeContract, type ClientFactory } from "./contract.js";
export { describeWebhookContract, signDelivery, webhookExamples, type Delivery, type SigningScheme } from "./webhooks.js";
