/**
 * Cold import time: fresh Node processes that import one module, against bare `node` doing nothing, plus two floors
 * that show what Node itself charges for any import: an empty file module, and an empty package with the same
 * package.json (so the same `exports` map resolution) as one of ours.
 */
import { buildSync } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { benchDir, type MeasuredPackage } from "./cases.js";
import { timedChildEnv } from "./env.js";
import { interleave, median, quartiles } from "./stats.js";

export type StartupKind = "node" | "empty-module" | "empty-package" | "package" | "one-file";

export interface StartupResult {
  kind: StartupKind;
  /**
   * `node` for the bare baseline, `empty` for an empty module, the name of the empty package, the module, or the
   * module followed by ` as one file` for the same code bundled into a single file (to show what module count costs).
   */
  entry: string;
  /** For `empty-package`: the package whose package.json it copies. */
  likePackage?: string;
  /** Median wall time of the whole process, as the parent sees it. */
  medianMs: number;
  /** Median over runs of this process's time over the bare process run just before it: the headline figure. */
  ratioToBare: number;
  /** 25th and 75th percentile of those per-pair ratios. */
  ratioIqr: [number, number];
  /** Inside the child: the time `await import(…)` took, median and quartiles (absent for bare node). */
  importMs?: number;
  importIqr?: [number, number];
}

export interface StartupReport {
  runs: number;
  results: StartupResult[];
}

/** The name the empty package is installed under in the temporary node_modules: scoped, like ours. */
const FLOOR_PACKAGE = "@checkoutkit-bench/empty";

const env = timedChildEnv();

/** Runs `node --input-type=module -e source` in `cwd`; returns the process's wall time and what it printed. */
function timeProcess(source: string, cwd: string): { ms: number; stdout: string } {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", source], { cwd, env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`node -e ${JSON.stringify(source)} failed: ${run.stderr.trim().split("\n").at(-1)}`);
  return { ms, stdout: run.stdout };
}

/** The child's source: import the module and print how long the import took, timed inside the child. */
function importSource(specifier: string): string {
  // process.hrtime is always loaded; `performance` would load perf_hooks first and add that to the process's time.
  return `const t = process.hrtime.bigint(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
}

/**
 * Writes `node_modules/<FLOOR_PACKAGE>` under `dir`: the package.json of `like` with only its name changed, and
 * every file its `exports`, `main`, `module` and `types` name as an empty module.
 */
function writeEmptyPackage(dir: string, like: MeasuredPackage): void {
  const manifest = JSON.parse(readFileSync(join(benchDir, "node_modules", like.importName, "package.json"), "utf8")) as Record<string, unknown>;
  const root = join(dir, "node_modules", ...FLOOR_PACKAGE.split("/"));
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ ...manifest, name: FLOOR_PACKAGE }, null, 2));
  const targets = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === "string") targets.add(value);
    else if (value && typeof value === "object") for (const inner of Object.values(value)) collect(inner);
  };
  collect(manifest.exports);
  for (const field of ["main", "module", "types"]) collect(manifest[field]);
  for (const target of targets) {
    if (target.endsWith("package.json") || target.includes("*")) continue;
    const file = join(root, target);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, target.endsWith(".cjs") ? "module.exports = {};\n" : "export {};\n");
  }
}

export function measureStartup(packages: MeasuredPackage[], runs: number, bundledToo: string): StartupReport {
  const dir = mkdtempSync(join(tmpdir(), "checkoutkit-bench-startup-"));
  try {
    const empty = join(dir, "empty.mjs");
    writeFileSync(empty, "export {};\n");
    const like = packages.find((p) => p.local);
    if (like) writeEmptyPackage(dir, like);
    const oneFile = join(dir, "one-file.mjs");
    buildSync({
      stdin: { contents: `export * from ${JSON.stringify(bundledToo)};`, resolveDir: benchDir },
      bundle: true,
      format: "esm",
      platform: "node",
      outfile: oneFile,
      logLevel: "silent",
    });
    type Target = { kind: StartupKind; entry: string; specifier: string; cwd: string; likePackage?: string };
    const targets: Target[] = [
      { kind: "empty-module", entry: "empty", specifier: pathToFileURL(empty).href, cwd: benchDir },
      // Run from the temporary folder, so the bare specifier resolves through its node_modules as ours do through bench's.
      ...(like ? [{ kind: "empty-package" as const, entry: FLOOR_PACKAGE, specifier: FLOOR_PACKAGE, cwd: dir, likePackage: like.entry }] : []),
      ...packages.map((p) => ({ kind: "package" as const, entry: p.entry, specifier: p.entry, cwd: benchDir })),
      { kind: "one-file", entry: `${bundledToo} as one file`, specifier: pathToFileURL(oneFile).href, cwd: benchDir },
    ];
    const bare: number[] = [];
    const samples = new Map(targets.map((t) => [t, { ms: [] as number[], ratios: [] as number[], importMs: [] as number[] }]));
    for (let run = 0; run < runs; run++) {
      for (const target of interleave(targets, run)) {
        const floor = timeProcess("0", benchDir).ms;
        bare.push(floor);
        const { ms, stdout } = timeProcess(importSource(target.specifier), target.cwd);
        const own = samples.get(target)!;
        own.ms.push(ms);
        own.ratios.push(ms / floor);
        own.importMs.push(Number(stdout));
      }
    }
    return {
      runs,
      results: [
        { kind: "node", entry: "node", medianMs: median(bare), ratioToBare: 1, ratioIqr: [1, 1] },
        ...targets.map(({ kind, entry, likePackage }, index) => {
          const own = samples.get(targets[index]!)!;
          return {
            kind,
            entry,
            likePackage,
            medianMs: median(own.ms),
            ratioToBare: median(own.ratios),
            ratioIqr: quartiles(own.ratios),
            importMs: median(own.importMs),
            importIqr: quartiles(own.importMs),
          };
        }),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
