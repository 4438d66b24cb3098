// Every provider package, as a namespace, and every factory, client type and webhook verifier by name: generated
// from the spec list (src/generated/exports.ts).
export * from "./generated/exports.js";

// The error classes match across the runtime copies bundled into each provider package (a `Symbol.for` brand), so
// `instanceof ApiError` holds for an error from any provider. `toNodeHandler` adapts any handler below to Node's (req, res).
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
  NodeHandlerOptions,
  VerifyWebhookOptions,
  WebhookDelivery,
  WebhookFailureReason,
  WebhookRequest,
} from "@checkoutkit/runtime";

// The facade's own: one createCheckout for every client, and the table of what each provider honours.
export { createCheckout } from "./checkout.js";
export type {
  CheckoutApiOf,
  CheckoutApiTypes,
  CheckoutClient,
  CheckoutCustomer,
  CheckoutInput,
  CheckoutItem,
  CheckoutOptions,
  CheckoutResult,
  DeepPartial,
  IgnorableField,
  ProviderOf,
} from "./checkout.js";
export { checkoutCapabilities, checkoutFields } from "./capabilities.js";
export type { ApiCapabilities, CheckoutApi, CheckoutField, FieldSupport } from "./capabilities.js";
export { IncompleteCheckoutError, UnsupportedCheckoutInputError } from "./errors.js";
export { normalizeCompletedCheckout } from "./completed-checkout.js";
export type { CompletedCheckout, WebhookEvent } from "./completed-checkout.js";

// One endpoint for every provider's webhooks, and a route that starts a checkout.
export { createCheckoutHandler, createCompletedCheckoutHandler } from "./handlers.js";
export type { CheckoutHandlerOptions, CompletedCheckoutHandlerOptions, WebhookProvider, WebhookSecrets } from "./handlers.js";
