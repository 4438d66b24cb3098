/**
 * Which `createCheckout` input fields each provider API can honour, and where each one goes in that API's create
 * body. The table is generated from each spec's `x-checkoutkit-checkout` (src/generated/checkout.ts);
 * `createCheckout` maps and checks every input from it, and the README's table is rendered from it, so the three
 * cannot disagree.
 */
import { checkoutCapabilities, checkoutFields } from "./generated/checkout.js";

export { checkoutCapabilities, checkoutFields };

/** The input fields a provider may not honour, named as in `CheckoutInput` (and in errors and `ignoreUnsupported`). */
export type CheckoutField = (typeof checkoutFields)[number];

/**
 * How one API treats one input field. `to` is a dotted path into the create body; `[]` marks the item's own
 * entry of a list (`lines[].product_id`: one line per item).
 */
export type FieldSupport =
  | { readonly support: "yes"; readonly to?: string; readonly note?: string; readonly notWith?: CheckoutField }
  | { readonly support: "required"; readonly to: string; readonly note?: string }
  | { readonly support: "no"; readonly note: string };

export interface ApiCapabilities {
  /** The provider's id, as in `ApiError.provider`. */
  readonly provider: string;
  /** A name for people, from the spec (`x-checkoutkit-checkout.label`). */
  readonly label: string;
  /** The client factory whose clients this row is for. */
  readonly factory: string;
  readonly fields: { readonly [F in CheckoutField]: FieldSupport };
}

/** The provider APIs `createCheckout` works with, by spec name. */
export type CheckoutApi = keyof typeof checkoutCapabilities;
