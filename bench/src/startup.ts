/** Cold import time: fresh Node processes that import one package, against bare `node` doing nothing. */
import { spawnSync } from "node:child_process";
import { benchDir, type MeasuredPackage } from "./cases.js";
import { median } from "./stats.js";

export interface StartupResult {
  /** `node` for the bare baseline, else the imported module. */
  entry: string;
  medianMs: number;
  /** Median over runs of this process's time over the bare process run just before it. */
  ratioToBare: number;
}

function timeProcess(source: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", source], { cwd: benchDir, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node -e ${JSON.stringify(source)} failed: ${run.stderr.trim().split("\n").at(-1)}`);
  return ms;
}

export function measureStartup(packages: MeasuredPackage[], runs: number): StartupResult[] {
  const bare: number[] = [];
  const samples = new Map<string, { ms: number[]; ratios: number[] }>(packages.map((p) => [p.entry, { ms: [], ratios: [] }]));
  for (let run = 0; run < runs; run++) {
    for (const { entry } of packages) {
      const floor = timeProcess("0");
      bare.push(floor);
      const ms = timeProcess(`await import(${JSON.stringify(entry)})`);
      samples.get(entry)!.ms.push(ms);
      samples.get(entry)!.ratios.push(ms / floor);
    }
  }
  return [
    { entry: "node", medianMs: median(bare), ratioToBare: 1 },
    ...packages.map(({ entry }) => ({ entry, medianMs: median(samples.get(entry)!.ms), ratioToBare: median(samples.get(entry)!.ratios) })),
  ];
}
