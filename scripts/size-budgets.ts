/**
 * Size budgets for `pnpm check-packages`: what an app pays, bundled by esbuild, minified and gzipped, to
 * import one client factory and make calls with it. Methods are built at run time from the operation table,
 * so one create call costs the same as importing the factory: the client, retries, timeouts and every error
 * class are all in. openapi-fetch is not: it is only in each package's `./raw` entry point.
 *
 * The project's target for one create call is 4 KB (4 KiB, 4096 bytes, as `pnpm bench` counts), and every factory
 * is held to it. The measured sizes are in the comments, in bytes: Polar, with the largest operation table, is the
 * closest to the limit.
 */

/** The target, and the budget of a factory that has none of its own yet (a new package). */
export const DEFAULT_BUDGET = "4 KiB";

/** Keyed `<package> <export>`. */
export const SIZE_BUDGETS: Record<string, string> = {
  "@checkoutkit/runtime createClient": "4 KiB", // 3641
  "@checkoutkit/creem createCreemClient": "4 KiB", // 3850
  "@checkoutkit/flowglad createFlowgladClient": "4 KiB", // 4010
  "@checkoutkit/paynow createPayNowManagementClient": "4 KiB", // 3920
  "@checkoutkit/paynow createPayNowStorefrontClient": "4 KiB", // 3860
  // Over the 4 KiB target, knowingly (issue 12 is open on it): the spec-chosen Content-Type/Accept and the
  // idempotency hook in the shared request path took Polar, with the largest operation table, from 4089 to 4120.
  "@checkoutkit/polar createPolarClient": "4.2 KiB", // 4120
  // Over the 4 KiB target, knowingly: Lemon Squeezy's list takes deepObject parameters (filter[store_id], page[number]),
  // so its client carries the runtime's styled query encoder (encodeStyledQuery, which only such specs import), the
  // bound filter (fillQuery) and the page walk over a dotted parameter. Measured with encoders' c6c1a63.
  "@checkoutkit/lemonsqueezy createLemonSqueezyClient": "4.5 KiB", // 4430
  "checkoutkit createLemonSqueezyClient": "4.5 KiB", // 4440
  // Stripe's client also carries the form encoder (bracketed bodies) and idempotency keys: over the 4 KiB target.
  "@checkoutkit/stripe createStripeClient": "4.75 KiB", // ~4570
  "checkoutkit createStripeClient": "4.75 KiB", // ~4580
  // The facade re-exports the same factories (the others are held to the default).
  "checkoutkit createPolarClient": "4.2 KiB", // 4120
};
