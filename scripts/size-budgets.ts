/**
 * Size budgets for `pnpm check-packages`: what an app pays, bundled by esbuild, minified and gzipped, to
 * import one client factory and make calls with it. Methods are built at run time from the operation table,
 * so one create call costs the same as importing the factory: the client, retries, timeouts and every error
 * class are all in. openapi-fetch is not: it is only in each package's `./raw` entry point.
 *
 * The project's target for one create call is 4 KB (4 KiB, 4096 bytes, as `pnpm bench` counts), and every factory
 * is held to it. The measured sizes are in the comments, in bytes: of the JSON-only clients Polar, with the largest
 * operation table, is the closest to the limit.
 */

/** The target, and the budget of a factory that has none of its own yet (a new package). */
export const DEFAULT_BUDGET = "4 KiB";

/** Keyed `<package> <export>`. */
export const SIZE_BUDGETS: Record<string, string> = {
  "@checkoutkit/runtime createClient": "4 KiB", // 3400
  "@checkoutkit/creem createCreemClient": "4 KiB", // 3630
  "@checkoutkit/flowglad createFlowgladClient": "4 KiB", // 3790
  "@checkoutkit/paynow createPayNowManagementClient": "4 KiB", // 3700
  "@checkoutkit/paynow createPayNowStorefrontClient": "4 KiB", // 3640
  "@checkoutkit/polar createPolarClient": "4 KiB", // 3900
  // Over the 4 KiB target, knowingly (issue 12): Lemon Squeezy's list takes deepObject parameters (filter[store_id],
  // page[number]), so its client carries the styled query encoder, the bound-filter hook (fillQuery) and the page walk
  // over a dotted parameter, about 300 bytes that JSON-only clients do not bundle.
  "@checkoutkit/lemonsqueezy createLemonSqueezyClient": "4.2 KiB", // 4200
  "checkoutkit createLemonSqueezyClient": "4.2 KiB", // 4200
  // Over the 4 KiB target, knowingly: Stripe's client also carries the form encoder (bracketed bodies), idempotency
  // keys and the item-cursor page walk, about 400 bytes that JSON-only clients do not bundle.
  "@checkoutkit/stripe createStripeClient": "4.3 KiB", // 4290
  "checkoutkit createStripeClient": "4.3 KiB", // 4290
};
