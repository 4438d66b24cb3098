/**
 * The runtimes of the matrix. Each one runs a built smoke program (test/bundle.ts) on the cases and hands back
 * the results. Bun and Deno come from their npm packages (devDependencies), workerd through @checkoutkit/testing
 * (which runs the `workerd` package), Chromium from Debian.
 */
import { chromiumPath, launchChromium, requireChromium } from "@checkoutkit/testing/chromium";
import { startWorkerd, workerdVersion } from "@checkoutkit/testing/workerd";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { SmokeResult } from "../src/smoke.js";
import type { Host } from "./bundle.js";
import type { PlannedCase } from "./cases.js";

export interface Runtime {
  name: string;
  /** Which build of the smoke program it runs. */
  host: Host;
  version(): Promise<string>;
  run(program: string, cases: PlannedCase[]): Promise<SmokeResult[]>;
}

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const RUN_TIMEOUT_MS = 60_000;

/**
 * Runs a command, resolving to its stdout; rejects with its stderr when it fails or outlives the timeout.
 * `env` adds to this process's environment; a variable set to undefined is left out.
 */
function runCommand(file: string, args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const childEnv = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: RUN_TIMEOUT_MS, maxBuffer: 16 << 20, env: childEnv }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args[0]} failed: ${error.message}\n${stderr}`.trim()));
      else resolve(stdout);
    });
  });
}

/** The results line the CLI host prints last. */
function parseResults(stdout: string): SmokeResult[] {
  const last = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as SmokeResult[];
  } catch {
    throw new Error(`the smoke program printed no results:\n${stdout.slice(-2000)}`);
  }
}

const cliRuntime = (name: string, binary: string, argsFor: (program: string) => string[], env?: Record<string, string>): Omit<Runtime, "version"> => ({
  name,
  host: "cli",
  async run(program, cases) {
    // The smoke program checks what a factory throws without its credential, so no fallback variable may be set.
    const credentials = Object.fromEntries(cases.flatMap((c) => (c.credentialEnv ? [[c.credentialEnv, undefined]] : [])));
    return parseResults(await runCommand(binary, [...argsFor(program), JSON.stringify(cases)], { ...env, ...credentials }));
  },
});

export const node: Runtime = {
  ...cliRuntime("Node", process.execPath, (program) => [program]),
  version: async () => process.version.slice(1),
};

const bunBinary = join(packageDir("bun"), "bin", "bun.exe");
export const bun: Runtime = {
  // --no-install: resolve from node_modules only, as the workspace installed it; never fetch a package.
  ...cliRuntime("Bun", bunBinary, (program) => ["--no-install", program], { DO_NOT_TRACK: "1" }),
  version: async () => (await runCommand(bunBinary, ["--version"])).trim(),
};

const denoBinary = join(packageDir("deno"), "deno");
const denoEnv = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
export const deno: Runtime = {
  // Network access to loopback only, no files, no environment: a client must need nothing else.
  ...cliRuntime("Deno", denoBinary, (program) => ["run", "--no-prompt", "--no-lock", "--allow-net=127.0.0.1", program], denoEnv),
  async version() {
    if (!existsSync(denoBinary)) throw new Error(`no ${denoBinary}: the deno package's postinstall puts it there; run pnpm install`);
    return (await runCommand(denoBinary, ["--version"], denoEnv)).split(/\s+/)[1]!;
  },
};

export const workerd: Runtime = {
  name: "workerd",
  host: "worker",
  version: async () => workerdVersion(),
  async run(program, cases) {
    const server = await startWorkerd(program);
    try {
      const response = await fetch(`${server.url}/`, { method: "POST", body: JSON.stringify(cases), signal: AbortSignal.timeout(RUN_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`workerd answered ${response.status}: ${await response.text()}\n${server.output()}`);
      return (await response.json()) as SmokeResult[];
    } finally {
      await server.stop();
    }
  },
};

export const chromiumRuntime: Runtime = {
  name: "Chromium (headless)",
  host: "browser",
  async version() {
    requireChromium();
    const version = await runCommand(chromiumPath, ["--version"]);
    return version.match(/\d+(\.\d+)+/)?.[0] ?? version.trim();
  },
  async run(program, cases) {
    // The page comes from its own loopback origin, so every call to a mock is a real cross-origin request.
    const script = readFileSync(program);
    const server = createServer((request, response) => {
      if (request.url === "/smoke.js") response.writeHead(200, { "content-type": "text/javascript" }).end(script);
      else response.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><script type="module" src="/smoke.js"></script>`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => typeof (globalThis as { runSmoke?: unknown }).runSmoke === "function", undefined, { timeout: 60_000 }).catch(() => {
        throw new Error(`the smoke page did not load: ${pageErrors.join("; ")}`);
      });
      return await page.evaluate((input) => (globalThis as unknown as { runSmoke(c: unknown): Promise<SmokeResult[]> }).runSmoke(input), cases);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  },
};

export const runtimes: Runtime[] = [node, bun, deno, workerd, chromiumRuntime];
