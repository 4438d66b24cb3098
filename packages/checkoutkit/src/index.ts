// Every provider package, as a namespace (`polar.createPolarClient`, `creem.CreemSchemas`)...
export * as paynow from "@checkoutkit/paynow";
export * as creem from "@checkoutkit/creem";
export * as flowglad from "@checkoutkit/flowglad";
export * as polar from "@checkoutkit/polar";

// ...and every factory, client type and error class by name. The error classes come from the one shared
// runtime, so `instanceof ApiError` holds for an error from any provider.
export { createPayNowManagementClient, createPayNowStorefrontClient } from "@checkoutkit/paynow";
export type {
  PayNowManagementClient,
  PayNowManagementClientConfig,
  PayNowStorefrontClient,
  PayNowStorefrontClientConfig,
} from "@checkoutkit/paynow";
export { createCreemClient } from "@checkoutkit/creem";
export type { CreemClient, CreemClientConfig } from "@checkoutkit/creem";
export { createFlowgladClient } from "@checkoutkit/flowglad";
export type { FlowgladClient, FlowgladClientConfig } from "@checkoutkit/flowglad";
export { createPolarClient } from "@checkoutkit/polar";
export type { PolarClient, PolarClientConfig } from "@checkoutkit/polar";
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
export type { ApiIssue, BaseClientConfig, CallOptions, VerifyWebhookOptions, WebhookFailureReason, WebhookRequest } from "@checkoutkit/runtime";

// Each provider's webhook verifier, named for its provider (each package calls its own `verifyWebhook`).
export { verifyWebhook as verifyPayNowWebhook, type PayNowWebhookEvent } from "@checkoutkit/paynow";
export { verifyWebhook as verifyCreemWebhook, verifyCreemRedirect, type CreemRedirect, type CreemWebhookEvent } from "@checkoutkit/creem";
export { verifyWebhook as verifyFlowgladWebhook, type FlowgladWebhookEvent } from "@checkoutkit/flowglad";
export { verifyWebhook as verifyPolarWebhook, type PolarWebhookEvent } from "@checkoutkit/polar";

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
