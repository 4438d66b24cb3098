/**
 * What one-provider code costs through the facade versus the provider package: bundles a one-line entry with
 * esbuild (ESM, browser, minified, tree-shaken from the built dist/ of every package) and prints the minified
 * and gzipped sizes. Run after `pnpm build`: `pnpm --filter checkoutkit bundle-size`.
 */
import { build } from "esbuild";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

const entries: Record<string, string> = {
  'createCreemClient from "checkoutkit"': `import { createCreemClient } from "checkoutkit"; console.log(createCreemClient);`,
  'createCreemClient from "@checkoutkit/creem"': `import { createCreemClient } from "@checkoutkit/creem"; console.log(createCreemClient);`,
  'creem namespace from "checkoutkit"': `import { creem } from "checkoutkit"; console.log(creem.createCreemClient);`,
  'createCheckout + createCreemClient from "checkoutkit"': `import { createCheckout, createCreemClient } from "checkoutkit"; console.log(createCheckout, createCreemClient);`,
  'createCompletedCheckoutHandler from "checkoutkit"': `import { createCompletedCheckoutHandler } from "checkoutkit"; console.log(createCompletedCheckoutHandler);`,
  'everything from "checkoutkit"': `import * as all from "checkoutkit"; console.log(all);`,
};

async function measure(source: string): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

const kb = (bytes: number) => `${bytes.toLocaleString("en")} B`;
console.log("| import | minified | gzipped |\n|---|---:|---:|");
for (const [label, source] of Object.entries(entries)) {
  const { minified, gzipped } = await measure(source);
  console.log(`| \`${label}\` | ${kb(minified)} | ${kb(gzipped)} |`);
}
