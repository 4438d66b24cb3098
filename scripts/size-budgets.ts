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
  "@checkoutkit/creem createCreemClient": "4 KiB", // 3890
  "@checkoutkit/flowglad createFlowgladClient": "4 KiB", // 3961
  "@checkoutkit/paynow createPayNowManagementClient": "4 KiB", // 3953
  "@checkoutkit/paynow createPayNowStorefrontClient": "4 KiB", // 3893
  "@checkoutkit/polar createPolarClient": "4 KiB", // 4089
  // Stripe's client also carries the form encoder (bracketed bodies) and idempotency keys: over the 4 KiB target.
  "@checkoutkit/stripe createStripeClient": "4.75 KiB", // ~4570
  // The facade re-exports the same factories (the others are held to the default).
  "checkoutkit createPolarClient": "4 KiB", // 4089
  "checkoutkit createStripeClient": "4.75 KiB", // ~4580
};
