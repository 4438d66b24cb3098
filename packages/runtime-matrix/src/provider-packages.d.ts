/** Written by the bundler (test/bundle.ts) for each run: every provider package, keyed by its npm name. */
declare module "virtual:provider-packages" {
  export const packages: Record<string, Record<string, unknown>>;
  /** Each package's `./testing` entry, by the package's npm name. */
  export const kits: Record<string, Record<string, unknown>>;
}
