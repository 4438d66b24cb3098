/** Cold import time: fresh Node processes that import one package, against bare `node` doing nothing. */
import { buildSync } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { benchDir, type MeasuredPackage } from "./cases.js";
import { median } from "./stats.js";

export interface StartupResult {
  /**
   * `node` for the bare baseline, `empty` for an empty module (the fixed cost of any import), the module, or the
   * module followed by ` as one file` for the same code bundled into a single file (to show what module count costs).
   */
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

export function measureStartup(packages: MeasuredPackage[], runs: number, bundledToo: string): StartupResult[] {
  const dir = mkdtempSync(join(tmpdir(), "checkoutkit-bench-startup-"));
  try {
    const empty = join(dir, "empty.mjs");
    writeFileSync(empty, "export {};\n");
    const oneFile = join(dir, "one-file.mjs");
    buildSync({
      stdin: { contents: `export * from ${JSON.stringify(bundledToo)};`, resolveDir: benchDir },
      bundle: true,
      format: "esm",
      platform: "node",
      outfile: oneFile,
      logLevel: "silent",
    });
    const targets = [
      { entry: "empty", specifier: pathToFileURL(empty).href },
      ...packages.map((p) => ({ entry: p.entry, specifier: p.entry })),
      { entry: `${bundledToo} as one file`, specifier: pathToFileURL(oneFile).href },
    ];
    const bare: number[] = [];
    const samples = new Map(targets.map((t) => [t.entry, { ms: [] as number[], ratios: [] as number[] }]));
    for (let run = 0; run < runs; run++) {
      for (const { entry, specifier } of targets) {
        const floor = timeProcess("0");
        bare.push(floor);
        const ms = timeProcess(`await import(${JSON.stringify(specifier)})`);
        samples.get(entry)!.ms.push(ms);
        samples.get(entry)!.ratios.push(ms / floor);
      }
    }
    return [
      { entry: "node", medianMs: median(bare), ratioToBare: 1 },
      ...targets.map(({ entry }) => ({ entry, medianMs: median(samples.get(entry)!.ms), ratioToBare: median(samples.get(entry)!.ratios) })),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
