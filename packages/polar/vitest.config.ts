import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts a Prism mock for every spec generated into this package.
    globalSetup: ["./test/setup.ts"],
    // A limit that only catches a hang, never reached by a passing test: Prism's first answer from the large
    // Polar spec takes ~2 s of CPU, more on a loaded two-core machine. Never a timing assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // *.test-d.ts files are compile-time tests: tsc checks them, and an unused @ts-expect-error fails the run.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
