/**
 * The runtimes of the matrix. Each one runs a built smoke program (test/bundle.ts) on the cases and hands back
 * the results. Bun, Deno and workerd come from their npm packages (devDependencies), Chromium from Debian.
 */
import { freePort, probe } from "@checkoutkit/testing";
import { chromiumPath, launchChromium, requireChromium } from "@checkoutkit/testing/chromium";
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
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

const workerdPackage = packageDir("workerd");
export const workerd: Runtime = {
  name: "workerd",
  host: "worker",
  version: async () => (JSON.parse(readFileSync(join(workerdPackage, "package.json"), "utf8")) as { version: string }).version,
  async run(program, cases) {
    const dir = await mkdtemp(join(tmpdir(), "checkoutkit-workerd-"));
    const port = await freePort();
    await writeFile(join(dir, "worker.js"), readFileSync(program));
    await writeFile(join(dir, "config.capnp"), workerdConfig(port));
    const child = spawn(join(workerdPackage, "bin", "workerd"), ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const exited = new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.once("error", (error) => ((output += String(error)), resolve()));
    });
    try {
      await waitForPort(port, exited, () => output);
      const response = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: JSON.stringify(cases), signal: AbortSignal.timeout(RUN_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`workerd answered ${response.status}: ${await response.text()}\n${output}`);
      return (await response.json()) as SmokeResult[];
    } finally {
      child.kill();
      await exited;
      await rm(dir, { recursive: true, force: true });
    }
  },
};

/**
 * One worker without Node compatibility. Its outbound fetch goes through a network service that allows only
 * loopback ("local"): workerd's default network refuses private and local addresses, where the mocks listen.
 */
function workerdConfig(port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "smoke", worker = .smokeWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "smoke")],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`;
}

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

/** Resolves once something accepts connections on the port; rejects if the process exits or 30 s pass first. */
async function waitForPort(port: number, exited: Promise<void>, output: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (!(await probe(port))) {
    if (gone) throw new Error(`workerd exited before listening:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`workerd did not listen on ${port} within 30 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
