/**
 * Keeps the capability table in README.md in step with `checkoutCapabilities`: the table lives between two
 * marker comments and is rendered from the table the generator wrote from the specs. `pnpm generate` rewrites
 * it (so does `pnpm --filter checkoutkit readme`); the README test fails while it is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkoutCapabilities } from "../src/capabilities.ts";
import { withTable } from "./render-table.ts";

export const README = join(dirname(dirname(fileURLToPath(import.meta.url))), "README.md");

/** The README with its capability table section rendered afresh from the code. */
export function withCurrentTable(readme: string): string {
  return withTable(readme, checkoutCapabilities);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const current = readFileSync(README, "utf8");
  const fresh = withCurrentTable(current);
  if (fresh === current) console.log("README.md: the capability table is up to date.");
  else if (process.argv.includes("--write")) {
    writeFileSync(README, fresh);
    console.log("README.md: capability table rewritten.");
  } else {
    console.error("README.md: the capability table is stale; run `pnpm generate`.");
    process.exit(1);
  }
}
