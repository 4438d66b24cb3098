/**
 * `pnpm test:stress [N]`: runs the whole test command (`pnpm test`) N times (default 3), every task re-run as from
 * a clean turbo cache (`--force`), with two busy-looping processes taking CPU alongside, as a busy CI machine or
 * a laptop compiling something else would. Prints every failing test with the number of runs it failed in, each
 * run's time, and the slowest test files. Exits non-zero when any run failed. Not part of CI: run it before
 * calling a flaky test fixed, or after changing timeouts, the task graph or how the mocks start.
 *
 * Each run's full output is kept in test-artifacts/stress/run-<i>.log (git-ignored). A run that has not finished
 * after 30 minutes (STRESS_RUN_LIMIT_S) is stopped and reported as hung.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@checkoutkit/spec-model";

const runs = Number(process.argv[2] ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`usage: pnpm test:stress [N]  (N: how many runs, a whole number from 1; got ${process.argv[2]})`);
  process.exit(2);
}
const BUSY_LOOPS = 2;
/** A run still going after this long is stopped and counted as hung (a healthy one takes 3 to 7 minutes here). */
const RUN_LIMIT_S = Number(process.env.STRESS_RUN_LIMIT_S ?? 30 * 60);

const root = repoRoot();
const logDir = join(root, "test-artifacts", "stress");
mkdirSync(logDir, { recursive: true });

// The load: processes that never sleep, at normal priority, for the whole stress run.
const busy: ChildProcess[] = [];
const stopBusy = () => {
  for (const child of busy) if (child.exitCode === null) child.kill("SIGKILL");
};
process.once("exit", stopBusy);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    stopBusy();
    process.exit(130);
  });
}
for (let i = 0; i < BUSY_LOOPS; i++) busy.push(spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));

interface RunResult {
  ok: boolean;
  seconds: number;
  passed: number;
  failed: number;
  /** `package > file > describe > test` of every failing test, or `package (task)` when a task failed without one. */
  failures: string[];
  /** Each test file's duration in ms, by `package > file`. */
  files: Map<string, number>;
}

const strip = (line: string) => line.replace(/\x1b\[[0-9;]*m/g, "");

async function run(index: number): Promise<RunResult> {
  const log = createWriteStream(join(logDir, `run-${index}.log`));
  const started = Date.now();
  // `pnpm test` exactly as a user types it; --force re-runs every task (builds included) as from a clean cache,
  // --continue lets the other packages finish after one fails, so every failing test is counted.
  const child = spawn("pnpm", ["test", "--force", "--continue"], {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: "0", TURBO_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so a hung run can be stopped whole
  });
  let hung = false;
  const stopGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const limit = setTimeout(() => {
    hung = true;
    stopGroup("SIGTERM"); // lets vitest stop its Prism mocks
    setTimeout(() => stopGroup("SIGKILL"), 15_000).unref();
  }, RUN_LIMIT_S * 1000);
  let text = "";
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      log.write(chunk);
    });
  }
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearTimeout(limit);
  log.end();
  const result = parse(text);
  if (hung) result.failures.push(`the whole run (hung: stopped after ${RUN_LIMIT_S} s)`);
  return { ...result, ok: code === 0 && !hung, seconds: (Date.now() - started) / 1000 };
}

/** Reads turbo's prefixed vitest output: `@checkoutkit/x:test: <vitest line>`. */
function parse(text: string): Omit<RunResult, "ok" | "seconds"> {
  const failures: string[] = [];
  const files = new Map<string, number>();
  const failedTasks = new Set<string>();
  const packagesWithFailingTests = new Set<string>();
  let passed = 0;
  let failed = 0;
  for (const raw of text.split("\n")) {
    const line = strip(raw);
    const failedTask = /Failed:\s+(\S+)#(\S+)/.exec(line) ?? /^\s*(\S+)#(\S+): (?:command .* exited|ERROR)/.exec(line);
    if (failedTask) failedTasks.add(`${failedTask[1]} (${failedTask[2]})`);
    const prefixed = /^(\S+?):(\S+?): (.*)$/.exec(line);
    if (!prefixed) continue;
    const [, pkg, , rest] = prefixed as unknown as [string, string, string, string];
    const fail = /^\s*FAIL\s+(.+?)\s*$/.exec(rest);
    if (fail) {
      failures.push(`${pkg} > ${fail[1]}`);
      packagesWithFailingTests.add(pkg);
    }
    const file = /^\s*[✓❯×]\s+(\S+\.test(?:-d)?\.ts)\s+\(\d+ tests?[^)]*\)\s+(\d+)ms/.exec(rest);
    if (file) files.set(`${pkg} > ${file[1]}`, Number(file[2]));
    const tests = /^\s*Tests\s+(.*)$/.exec(rest);
    if (tests) {
      passed += Number(/(\d+) passed/.exec(tests[1]!)?.[1] ?? 0);
      failed += Number(/(\d+) failed/.exec(tests[1]!)?.[1] ?? 0);
    }
  }
  for (const task of failedTasks) if (![...packagesWithFailingTests].some((pkg) => task.startsWith(`${pkg} `))) failures.push(task);
  return { passed, failed, failures: [...new Set(failures)], files };
}

const minutes = (seconds: number) => `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;

console.log(`test:stress: ${runs} run(s) of \`pnpm test --force\` beside ${BUSY_LOOPS} busy loops; logs in ${logDir}`);
const results: RunResult[] = [];
for (let i = 1; i <= runs; i++) {
  const result = await run(i);
  results.push(result);
  console.log(
    `run ${i}/${runs}: ${result.ok ? "passed" : "FAILED"} in ${minutes(result.seconds)} (${result.passed} tests passed, ${result.failed} failed)` +
      result.failures.map((f) => `\n  ✗ ${f}`).join(""),
  );
}
stopBusy();

const failing = new Map<string, number>();
for (const result of results) for (const failure of result.failures) failing.set(failure, (failing.get(failure) ?? 0) + 1);
const slowest = new Map<string, number>();
for (const result of results) for (const [file, ms] of result.files) slowest.set(file, Math.max(ms, slowest.get(file) ?? 0));
const times = results.map((r) => r.seconds);

console.log(`\n${results.filter((r) => r.ok).length} of ${runs} runs passed; run time ${minutes(Math.min(...times))} to ${minutes(Math.max(...times))}`);
console.log(failing.size ? "failing tests (runs failed in):" : "failing tests: none");
for (const [name, count] of [...failing].sort((a, b) => b[1] - a[1])) console.log(`  ${count}/${runs}  ${name}`);
console.log("slowest test files (worst run):");
for (const [file, ms] of [...slowest].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
