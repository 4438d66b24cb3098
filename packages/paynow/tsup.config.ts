import { defineConfig } from "tsup";

export default defineConfig({
  // "./raw" is its own entry point, so that only code importing it loads openapi-fetch.
  entry: ["src/index.ts", "src/raw.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // The runtime's code is bundled in and each entry is one self-contained file, so importing the package loads
  // one module. Error classes still match across packages: they compare a Symbol.for brand, not identity.
  noExternal: ["@checkoutkit/runtime"],
  splitting: false,
});
