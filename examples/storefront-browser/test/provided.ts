import type {} from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The PayNow Storefront Prism mock. */
    mockUrl: string;
    /** The built page, served by `vite preview`. */
    pageUrl: string;
    /** A loopback URL nothing listens on. */
    closedUrl: string;
  }
}
