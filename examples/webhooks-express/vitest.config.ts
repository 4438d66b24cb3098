import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Limits that only catch a hang: the app listens on loopback in this process, and on a loaded two-core machine
    // its first request can take seconds. Never a timing assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
