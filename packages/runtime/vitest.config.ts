import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A limit that only catches a hang: every test here talks to a loopback server, a pause between attempts or a
    // timeout on a path that must succeed runs on a fake clock (fakeClock from @checkoutkit/testing), and the only
    // real timers are those of attempts meant to time out. Never a timing assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["src/**"],
      reporter: ["text", "json-summary"],
      thresholds: { lines: 90 },
    },
  },
});
