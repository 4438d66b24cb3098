// Scaffolded once by scripts/generate.ts for a new provider package; yours to edit, never regenerated.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starts a Prism mock for every spec generated into this package.
    globalSetup: ["./test/setup.ts"],
    // A limit that only catches a hang, never reached by a passing test: on a loaded two-core machine Prism's
    // first answer for an operation (it compiles the validators then) can take seconds. Never a timing assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // *.test-d.ts files are compile-time tests: tsc checks them, and an unused @ts-expect-error fails the run.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
