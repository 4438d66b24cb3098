export * from "./generated/client.js";
export { verifyCreemRedirect, type CreemRedirect } from "./redirect.js";
export {
  ApiError,
  CheckoutKitError,
  ConfigurationError,
  ConnectionError,
  InvalidArgumentError,
  ResponseParseError,
  TimeoutError,
  WebhookVerificationError,
} from "@checkoutkit/runtime";
export type {
  ApiIssue,
  BaseClientConfig,
  CallOptions,
  PagePromise,
  VerifyWebhookOptions,
  WebhookFailureReason,
  WebhookRequest,
} from "@checkoutkit/runtime";
