import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts a Prism mock for every spec generated into this package.
    globalSetup: ["./test/setup.ts"],
    // Prism's first answer from the large Polar spec takes ~2 s of CPU; on a loaded CI machine that passed
    // vitest's 5 s default. A limit, not a timing assertion.
    testTimeout: 30_000,
    // *.test-d.ts files are compile-time tests: tsc checks them, and an unused @ts-expect-error fails the run.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
