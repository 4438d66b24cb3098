/**
 * `pnpm bench`: every measurement in one run on one machine, then bench/RESULTS.md.
 *
 *   pnpm bench            the full run (about 10 minutes on 2 cores)
 *   pnpm bench --quick    small counts, prints the report instead of writing it (for working on the bench)
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchDir, measuredPackages } from "./cases.js";
import { measureBundles } from "./bundle.js";
import { measureInstalls } from "./install.js";
import { measureOverhead } from "./overhead.js";
import { describeMachine, renderReport } from "./report.js";
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
  const startupRuns = quick ? 3 : 15;
  log(`3/5 cold import (${startupRuns} fresh processes each)`);
  const startup = measureStartup(packages, startupRuns);
  log("4/5 install footprint");
  const installs = measureInstalls(packages, log);
  const typecheckRuns = quick ? 1 : 3;
  log(`5/5 type-check cost (${typecheckRuns} runs each)`);
  const typecheck = measureTypecheck(typecheckRuns);

  const report = renderReport({
    startedAt,
    minutes: (Date.now() - startedAt.getTime()) / 60_000,
    machine,
    packages,
    overhead,
    bundles,
    startup: { runs: startupRuns, results: startup },
    installs,
    typecheck: { runs: typecheckRuns, results: typecheck },
  });
  if (quick) process.stdout.write(report);
  else {
    writeFileSync(join(benchDir, "RESULTS.md"), report);
    log("wrote bench/RESULTS.md");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
