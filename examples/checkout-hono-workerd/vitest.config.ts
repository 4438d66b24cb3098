import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts a Prism mock for every spec; the app's checkout routes call them from inside workerd.
    globalSetup: ["./test/setup.ts"],
    // Limits that only catch a hang: bundling, starting workerd and Prism's first request take seconds on a busy
    // two-core machine. Never a timing assertion.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
