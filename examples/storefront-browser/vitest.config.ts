import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts the PayNow Storefront mock, builds the page with Vite and serves it, once for the whole run.
    globalSetup: ["./test/global-setup.ts"],
    // A cold Chromium on a busy two-core machine; generous limits, never asserted on.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
