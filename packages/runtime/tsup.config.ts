import { defineConfig } from "tsup";

export default defineConfig({
  // `raw` is its own entry point so that openapi-fetch is loaded only by code that imports it.
  entry: ["src/index.ts", "src/raw.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // One self-contained file per entry: importing the main entry loads one module, not a shared chunk too.
  splitting: false,
});
