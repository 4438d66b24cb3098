/**
 * Checks what a user installs, for every published package (lib/published-packages.ts), on the `pnpm pack`
 * tarball exactly as it would be published (workspace: and catalog: versions already replaced):
 *
 *   contents  only package.json, README.md, LICENSE, CHANGELOG.md and dist/ (no sources, tests or source maps)
 *   publint   strict: warnings fail too
 *   attw      ESM, CJS and types resolve under node10, node16 (from CJS and from ESM) and bundler resolution
 *   size      each exported client factory, bundled and gzipped, within its budget (size-budgets.ts)
 *   lean      each client factory's bundle holds no webhook handler and no test kit (they are for other imports)
 *
 * Needs built packages: the root `pnpm check-packages` builds first.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { repoRoot } from "@checkoutkit/spec-model";
import { listPublishedPackages, type PublishedPackage } from "./lib/published-packages.ts";
import { DEFAULT_BUDGET, SIZE_BUDGETS } from "./size-budgets.ts";

const scriptsDir = import.meta.dirname;
const bin = (name: string) => join(scriptsDir, "node_modules", ".bin", name);

/** Files a package may ship. dist/ holds readable, unminified ESM, CJS and .d.ts, so no source maps: they would point at src/, which is not shipped. */
const ALLOWED_FILE = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+)$/;
const FORBIDDEN_IN_DIST = /\.map$|\.tsbuildinfo$|\.(test|spec)(-d)?\.[cm]?[jt]s$|(^|\/)\.env/;
const REQUIRED_FILES = ["package.json", "README.md", "LICENSE"];
const CLIENT_FACTORY = /^create\w*Client$/;

interface Outcome {
  check: string;
  ok: boolean;
  detail: string;
}

function run(command: string, args: string[], cwd = scriptsDir) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
  if (result.error) throw result.error;
  return { ok: result.status === 0, stdout: result.stdout, output: `${result.stdout}${result.stderr}`.trim() };
}

export function contentProblems(files: string[]): string[] {
  const problems = files.filter((file) => !ALLOWED_FILE.test(file) || FORBIDDEN_IN_DIST.test(file)).map((file) => `ships ${file}`);
  for (const required of REQUIRED_FILES) if (!files.includes(required)) problems.push(`does not ship ${required}`);
  if (!files.some((file) => file.startsWith("dist/"))) problems.push("ships no dist/");
  return problems;
}

function checkTarball(pkg: PublishedPackage, destination: string): Outcome[] {
  const packed = run("pnpm", ["pack", "--json", "--pack-destination", destination], pkg.dir);
  if (!packed.ok) return [{ check: "pack", ok: false, detail: packed.output }];
  const { filename, files } = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] };
  const problems = contentProblems(files.map((file) => file.path));
  const publint = run(bin("publint"), ["run", filename, "--strict"]);
  const attw = run(bin("attw"), [filename, "--profile", "strict", "--no-definitely-typed", "--format", "ascii"]);
  return [
    { check: "contents", ok: problems.length === 0, detail: problems.join("\n") || `${files.length} files` },
    { check: "publint", ok: publint.ok, detail: publint.output },
    { check: "attw", ok: attw.ok, detail: attw.output },
  ];
}

interface SizeCheck {
  name: string;
  path: string;
  import: string;
  gzip: true;
  limit: string;
}

/** One size check per client factory the built ESM entry exports, found by importing it. */
async function sizeChecks(pkg: PublishedPackage): Promise<SizeCheck[]> {
  const entry = esmEntry(pkg.manifest.exports?.["."]) ?? (pkg.manifest.module as string | undefined);
  if (!entry) throw new Error(`${pkg.name}: package.json names no ESM entry (exports["."].import or module)`);
  const path = join(pkg.dir, entry);
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  return Object.keys(module)
    .filter((name) => CLIENT_FACTORY.test(name) && typeof module[name] === "function")
    .map((factory) => ({
      name: `${pkg.name} ${factory}`,
      path,
      import: `{ ${factory} }`,
      gzip: true,
      limit: SIZE_BUDGETS[`${pkg.name} ${factory}`] ?? DEFAULT_BUDGET,
    }));
}

/** Runtime functions a client factory never needs: if one is in its bundle, tree-shaking failed somewhere. */
const NOT_IN_A_CLIENT = ["createWebhookHandlerWith", "toNodeHandler", "signWebhookWith", "createMockFetchWith", "hmacSha256Sync"];

/** Bundles `import { factory }` unminified, as size-limit does, and names what it holds that it should not. */
async function leanCheck(check: SizeCheck): Promise<Outcome> {
  const { outputFiles } = await build({
    stdin: { contents: `export ${check.import} from ${JSON.stringify(pathToFileURL(check.path).href.replace("file://", ""))};`, resolveDir: scriptsDir },
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    treeShaking: true,
    logLevel: "silent",
  });
  const code = outputFiles[0]!.text;
  const found = NOT_IN_A_CLIENT.filter((name) => code.includes(name));
  return { check: `lean ${check.name}`, ok: found.length === 0, detail: found.length ? `bundles ${found.join(", ")}` : "" };
}

/** The file an `import` of the package's root resolves to, following `import` then `default` conditions. */
function esmEntry(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (target === null || typeof target !== "object") return undefined;
  const conditions = target as Record<string, unknown>;
  return esmEntry(conditions.import ?? conditions.default);
}

async function main() {
  const packages = listPublishedPackages(repoRoot(scriptsDir));
  const work = mkdtempSync(join(tmpdir(), "checkoutkit-check-packages-"));
  let failed = false;
  try {
    for (const pkg of packages) {
      for (const outcome of checkTarball(pkg, work)) {
        console.log(`${outcome.ok ? "ok  " : "FAIL"} ${pkg.name} ${outcome.check}${outcome.ok ? "" : `\n${outcome.detail}\n`}`);
        failed ||= !outcome.ok;
      }
    }
    const checks = (await Promise.all(packages.map(sizeChecks))).flat();
    for (const outcome of await Promise.all(checks.map(leanCheck))) {
      console.log(`${outcome.ok ? "ok  " : "FAIL"} ${outcome.check}${outcome.ok ? "" : `: ${outcome.detail}`}`);
      failed ||= !outcome.ok;
    }
    const unbudgeted = checks.filter((check) => !(check.name in SIZE_BUDGETS)).map((check) => check.name);
    if (unbudgeted.length) console.log(`no budget of their own yet, so held to ${DEFAULT_BUDGET}: ${unbudgeted.join(", ")}`);
    const config = join(work, "size-limit.json");
    writeFileSync(config, JSON.stringify(checks));
    const measured = run(bin("size-limit"), ["--config", config, "--json"]);
    let results: { name: string; size: number; sizeLimit: number; passed: boolean }[];
    try {
      results = JSON.parse(measured.stdout);
    } catch {
      throw new Error(`size-limit failed:\n${measured.output}`);
    }
    for (const result of results) {
      const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
      console.log(`${result.passed ? "ok  " : "FAIL"} ${result.name} size: ${kB(result.size)} gzip, budget ${kB(result.sizeLimit)}`);
      failed ||= !result.passed;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(failed ? "\ncheck-packages: FAILED" : `\ncheck-packages: ${packages.length} packages ok`);
  if (failed) process.exitCode = 1;
}

await main();
