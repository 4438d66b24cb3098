/**
 * `pnpm bench`: every measurement in one run on one machine, then bench/RESULTS.md.
 *
 *   pnpm bench            the full run (about 10 minutes on 2 cores)
 *   pnpm bench --quick    small counts, prints the report instead of writing it (for working on the bench)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchDir, measuredPackages } from "./cases.js";
import { measureBundles } from "./bundle.js";
import { measureInstalls } from "./install.js";
import { measureOverhead } from "./overhead.js";
import { describeMachine, renderHeadline, renderReport, type Measurements } from "./report.js";
import { measureStartup } from "./startup.js";
import { measureTypecheck } from "./typecheck.js";

const quick = process.argv.includes("--quick");
const log = (line: string) => console.error(line);

async function main() {
  if (typeof (globalThis as { gc?: unknown }).gc !== "function") throw new Error("run with node --expose-gc (pnpm bench does)");
  const startedAt = new Date();
  const machine = describeMachine();
  const packages = measuredPackages();

  const overheadSettings = quick ? { warmupCalls: 50, callsPerRound: 50, rounds: 3 } : { warmupCalls: 500, callsPerRound: 400, rounds: 21 };
  log("1/5 per-request overhead");
  const overhead = await measureOverhead(overheadSettings, log);
  log("2/5 bundle size");
  const bundles = await measureBundles();
  const startupRuns = quick ? 3 : 30;
  log(`3/5 cold import (${startupRuns} runs of two fresh processes each)`);
  const startup = measureStartup(packages, startupRuns, "@checkoutkit/polar");
  log("4/5 install footprint");
  const installs = measureInstalls(packages, log);
  const typecheckRuns = quick ? 1 : 3;
  log(`5/5 type-check cost (${typecheckRuns} runs each)`);
  const typecheck = measureTypecheck(typecheckRuns);

  const measurements: Measurements = {
    startedAt,
    minutes: (Date.now() - startedAt.getTime()) / 60_000,
    machine,
    packages,
    overhead,
    bundles,
    startup,
    installs,
    typecheck: { runs: typecheckRuns, results: typecheck },
  };
  const report = renderReport(measurements);
  const headline = renderHeadline(measurements);
  if (quick) process.stdout.write(`${report}\n---\n\n${headline}\n`);
  else {
    writeFileSync(join(benchDir, "RESULTS.md"), report);
    updateReadme(headline);
    log("wrote bench/RESULTS.md and the numbers in README.md");
  }
}

/** Replaces the root README's table between its `bench:headline` markers, so it always quotes the last run. */
function updateReadme(headline: string) {
  const file = join(benchDir, "..", "README.md");
  const readme = readFileSync(file, "utf8");
  const pattern = /(<!-- bench:headline:start[^>]*-->)[\s\S]*?(<!-- bench:headline:end -->)/;
  if (!pattern.test(readme)) throw new Error("README.md has no <!-- bench:headline:start --> … <!-- bench:headline:end --> block");
  writeFileSync(file, readme.replace(pattern, (_, start: string, end: string) => `${start}\n${headline}\n${end}`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
