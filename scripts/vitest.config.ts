import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The add-provider test copies the workspace, installs, generates, builds and runs Prism and the demo: slow
    // on a shared machine, and run once (no retries, one file at a time).
    testTimeout: 30 * 60_000,
    hookTimeout: 5 * 60_000,
    fileParallelism: false,
    retry: 0,
  },
});
