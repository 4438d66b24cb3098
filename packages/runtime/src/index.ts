export { clientIdentity, createClient } from "./client.js";
export { bracketPairs, encodeForm, encodeQuery, encodeStyledQuery } from "./encode.js";
export type { ArrayStyle, BodyEncoder, FormEncoding, ParamStyle, ParamStyles, QueryEncoder } from "./encode.js";
export { fillQuery, idempotencyKeys } from "./hooks.js";
export type { QueryFill, RequestHook } from "./hooks.js";
export { nextItemCursor, nextPageNumber, nextResponseCursor } from "./paginate.js";
export type { ItemCursorRule, NextPage, PageNumberRule, ResponseCursorRule } from "./paginate.js";
export type { BaseClientConfig, CallOptions, ClientIdentity, PagePromise } from "./client.js";
/** The openapi-fetch client type of `@checkoutkit/runtime/raw`; a type only, so importing it loads nothing. */
export type { Client as FetchClient } from "openapi-fetch";
export type {
  BindingDefinition,
  ErrorBodies,
  ClientDefinition,
  CredentialDefinition,
  ErrorDefinition,
  OperationDefinition,
  PaginationDefinition,
} from "./definition.js";
export {
  ApiError,
  CheckoutKitError,
  ConfigurationError,
  ConnectionError,
  InvalidArgumentError,
  ResponseParseError,
  TimeoutError,
} from "./errors.js";
export type { ApiErrorInit, ApiIssue } from "./errors.js";
export type { FetchLike } from "./transport.js";
export {
  WebhookVerificationError,
  fromHex,
  hmacSha256,
  timingSafeEqual,
  verifyDeliveryWith,
  verifyWebhookWith,
} from "./webhooks.js";
export type {
  VerifiedDelivery,
  VerifyWebhookOptions,
  WebhookDefinition,
  WebhookFailureReason,
  WebhookHeaders,
  WebhookRequest,
  WebhookValueSource,
} from "./webhooks.js";
export { PARSED_BODY_MESSAGE, createWebhookHandlerWith, toNodeHandler } from "./handler.js";
export type {
  NodeHandlerOptions,
  NodeRequestLike,
  NodeResponseLike,
  UnknownWebhookEvent,
  WebhookDelivery,
  WebhookHandler,
  WebhookHandlerOptions,
} from "./handler.js";
