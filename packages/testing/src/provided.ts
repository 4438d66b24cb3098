import type {} from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock of each spec generated into the package under test, by spec name. */
    prism: Record<string, string>;
  }
}
