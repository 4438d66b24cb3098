export { listSpecs, repoRoot, type ListedSpec } from "./list.js";
export { loadSpec, loadSpecFile, pointer, escapePointer, SpecDocument, SpecError, type Node } from "./document.js";
export { HTTP_METHODS, fillPathTemplate, listOperations, pathTemplateParams, type HttpMethod, type OperationNode } from "./operations.js";
export { reachableRefs } from "./resolved.js";
export { checkExtension, type JsonSchema } from "./validate.js";
export {
  CLIENT_METHODS,
  ENCODABLE_MEDIA_TYPES,
  createCheckoutOperation,
  exampleConfig,
  findOperation,
  loadModel,
  loadModels,
  readModel,
  type BindModel,
  type ClientModel,
  type OperationModel,
  type ParameterModel,
  type ResponseModel,
  type SpecModel,
} from "./model.js";
export { clientSchema, type BindRule, type ClientRule } from "./extensions/client.js";
export { credentialSchema, type CredentialModel } from "./extensions/credential.js";
export { errorsSchema, type ErrorsRule } from "./extensions/errors.js";
export { methodSchema } from "./extensions/method.js";
export { paginateSchema, paginationKind, schemaAtPath, type PaginationParam, type PaginationRule } from "./extensions/paginate.js";
export {
  FORM_MEDIA_TYPE,
  JSON_MEDIA_TYPE,
  arraysSchema,
  chooseMediaType,
  idempotencySchema,
  readFormEncoding,
  readIdempotency,
  readQueryStyle,
  responseMediaType,
  type ArrayStyle,
  type FormEncoding,
  type FormPropertyEncoding,
  type IdempotencyRule,
  type QueryStyle,
  type QueryStyleName,
} from "./extensions/encoding.js";
export { serverSchema, type ServerModel } from "./extensions/server.js";
export { CHECKOUT_FIELDS, checkoutSchema, readCheckout, type CheckoutFieldName, type CheckoutFieldRule, type CheckoutRules, type CompletionPaths, type CompletionRules, type ExpiryFormat } from "./extensions/checkout.js";
export { readWebhooks, readWebhookModel, WEBHOOKS_SCHEMA, type WebhookRules, type WebhookModel, type SignatureRules, type TimestampRules, type ValueSource, type SignedContent } from "./extensions/webhooks.js";
