import { CheckoutKitError } from "@checkoutkit/runtime";
import { checkoutCapabilities, type CheckoutApi, type CheckoutField } from "./capabilities.js";

/**
 * The input asks for something the provider cannot do (`reason: "unsupported"`: a cancel URL where the provider has
 * none, a second item where it sells one) or leaves out something it must have (`reason: "required"`). Thrown
 * before any request is sent.
 */
export class UnsupportedCheckoutInputError extends CheckoutKitError {
  /** The provider, as in `ApiError.provider`. */
  readonly provider: string;
  /** The provider API, as in `checkoutCapabilities`. */
  readonly api: CheckoutApi;
  /** The input field, as named in `CheckoutInput`: `cancelUrl`, `items`, `customer.email`... */
  readonly field: CheckoutField;
  readonly reason: "unsupported" | "required";

  constructor(api: CheckoutApi, field: CheckoutField, reason: "unsupported" | "required", message: string) {
    super(message);
    this.provider = checkoutCapabilities[api].provider;
    this.api = api;
    this.field = field;
    this.reason = reason;
  }
}

/**
 * The provider created the checkout but its answer lacks what `createCheckout` promises (an ID, a URL, a
 * readable expiry). The checkout exists: `raw` is the provider's answer, as it came.
 */
export class IncompleteCheckoutError extends CheckoutKitError {
  /** The provider, as in `ApiError.provider`. */
  readonly provider: string;
  /** The provider API, as in `checkoutCapabilities`. */
  readonly api: CheckoutApi;
  /** The result field that could not be filled: `id`, `url` or `expiresAt`. */
  readonly field: "id" | "url" | "expiresAt";
  readonly raw: unknown;

  constructor(api: CheckoutApi, field: "id" | "url" | "expiresAt", message: string, raw: unknown) {
    super(message);
    this.provider = checkoutCapabilities[api].provider;
    this.api = api;
    this.field = field;
    this.raw = raw;
  }
}
