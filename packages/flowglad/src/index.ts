export * from "./generated/client.js";
export {
  ApiError,
  CheckoutKitError,
  ConfigurationError,
  ConnectionError,
  InvalidArgumentError,
  ResponseParseError,
  TimeoutError,
  WebhookVerificationError,
  toNodeHandler,
} from "@checkoutkit/runtime";
export type {
  ApiIssue,
  BaseClientConfig,
  CallOptions,
  PagePromise,
  NodeHandlerOptions,
  UnknownWebhookEvent,
  VerifyWebhookOptions,
  WebhookDefinition,
  WebhookDelivery,
  WebhookFailureReason,
  WebhookHandler,
  WebhookHandlerOptions,
  WebhookRequest,
} from "@checkoutkit/runtime";
