/**
 * Keeps the capability table in README.md in step with `checkoutCapabilities`: the table lives between two
 * marker comments and is rendered from the code. `pnpm --filter checkoutkit readme` rewrites it; the README
 * test fails while it is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCapabilityTable } from "../src/capabilities.ts";

export const README = join(dirname(dirname(fileURLToPath(import.meta.url))), "README.md");
const START = "<!-- capability-table:start (generated from src/capabilities.ts: pnpm --filter checkoutkit readme) -->";
const END = "<!-- capability-table:end -->";

/** The README with its capability table section rendered afresh from the code. */
export function withCurrentTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs the lines\n${START}\n${END}\nwhere the capability table goes`);
  return `${readme.slice(0, start + START.length)}\n${renderCapabilityTable()}\n${readme.slice(end)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const current = readFileSync(README, "utf8");
  const fresh = withCurrentTable(current);
  if (fresh === current) console.log("README.md: the capability table is up to date.");
  else if (process.argv.includes("--write")) {
    writeFileSync(README, fresh);
    console.log("README.md: capability table rewritten.");
  } else {
    console.error("README.md: the capability table is stale; run `pnpm --filter checkoutkit readme`.");
    process.exit(1);
  }
}
