import { defineConfig } from "tsup";

export default defineConfig({
  // "./raw" and "./testing" are entry points of their own: only code importing them loads openapi-fetch or the test kit.
  entry: ["src/index.ts", "src/raw.ts", "src/testing.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // One self-contained file per entry: importing the main entry loads one module, not a shared chunk too.
  splitting: false,
});
