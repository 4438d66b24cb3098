// Scaffolded once by scripts/generate.ts for a new provider package; yours to edit, never regenerated.
import { defineConfig } from "tsup";

export default defineConfig({
  // "./raw" and "./testing" are entry points of their own: only code importing them loads openapi-fetch or the test kit.
  entry: ["src/index.ts", "src/raw.ts", "src/testing.ts"],
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
