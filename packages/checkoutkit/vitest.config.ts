import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts a Prism mock for every spec: the facade drives every provider's client.
    globalSetup: ["./test/setup.ts"],
    // Prism compiles a spec's validators on its first request, which takes seconds on a busy 2-core machine.
    testTimeout: 30_000,
    // *.test-d.ts files are compile-time tests: tsc checks them, and an unused @ts-expect-error fails the run.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
