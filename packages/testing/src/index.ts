export { freePort, startPrism, type MockServer } from "./prism.js";
export { listSpecs, repoRoot, type ListedSpec } from "./specs.js";
export { capturingFetch, type CapturedExchange } from "./capture.js";
export { errorStatuses, rejectionOf, requestExample, responseExample } from "./examples.js";
export { describeContract, type ClientFactory } from "./contract.js";
