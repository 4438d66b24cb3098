export { listSpecs, repoRoot, type ListedSpec } from "./list.js";
export { loadSpec, loadSpecFile, pointer, escapePointer, SpecDocument, SpecError, type Node } from "./document.js";
export { HTTP_METHODS, fillPathTemplate, listOperations, pathTemplateParams, type HttpMethod, type OperationNode } from "./operations.js";
export { checkExtension, type JsonSchema } from "./validate.js";
export { readWebhooks, readWebhookModel, WEBHOOKS_SCHEMA, type WebhookRules, type WebhookModel, type SignatureRules, type TimestampRules, type ValueSource, type SignedContent } from "./extensions/webhooks.js";
