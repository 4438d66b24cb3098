import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/setup.ts"],
    // Each runtime starts a process (or a browser) and makes two calls per spec against the mocks.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
