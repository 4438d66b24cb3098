import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A limit that only catches a hang. These tests parse and walk whole specs (Polar's upstream snapshot is 250 KB):
    // CPU-bound work that took 6.6 s under `pnpm test:stress` against vitest's default 5 s. Never a timing assertion.
    testTimeout: 60_000,
  },
});
