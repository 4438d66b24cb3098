/**
 * workerd as this project runs it: the `workerd` npm package's binary serving one module worker (bundled by
 * esbuild with the Workers export conditions) on a free loopback port, without Node compatibility, its outbound
 * fetch allowed to loopback only (workerd's default network refuses the local addresses the mocks listen on).
 */
import { build, type BuildOptions, type Plugin } from "esbuild";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort, probe } from "./prism.js";

const workerdPackage = dirname(createRequire(import.meta.url).resolve("workerd/package.json"));

/** The version of the `workerd` package that `startWorkerd` runs. */
export function workerdVersion(): string {
  return (JSON.parse(readFileSync(join(workerdPackage, "package.json"), "utf8")) as { version: string }).version;
}

/** Bundles `entry` and what it imports into one ES2022 module at `outfile`; `options` add to or override esbuild's. */
export async function bundleModule(entry: string, outfile: string, options: BuildOptions = {}): Promise<void> {
  await build({ entryPoints: [entry], outfile, bundle: true, format: "esm", target: "es2022", logLevel: "error", ...options });
}

/** Bundles `entry` for workerd, resolving packages with the `workerd`, `worker` and `browser` conditions, as a Workers build would. */
export function bundleWorker(entry: string, outfile: string, plugins: Plugin[] = []): Promise<void> {
  return bundleModule(entry, outfile, { platform: "browser", conditions: ["workerd", "worker", "browser"], plugins });
}

export interface WorkerdServer {
  /** `http://127.0.0.1:<port>`, where the worker answers. */
  url: string;
  /** What workerd printed so far (the worker's console output included). */
  output(): string;
  stop(): Promise<void>;
}

export interface WorkerdOptions {
  /** The loopback port to listen on; default: a free one. */
  port?: number;
  /** Also write what workerd prints to this process's stderr, as it comes (a dev server's log). */
  echo?: boolean;
  /** Text bindings: the worker reads them as `env.NAME` (a module worker's second `fetch` argument). */
  bindings?: Record<string, string>;
}

/** Serves the bundled module worker at `script` (a file) with workerd; resolves once it listens. */
export async function startWorkerd(script: string, options: WorkerdOptions = {}): Promise<WorkerdServer> {
  const dir = await mkdtemp(join(tmpdir(), "checkoutkit-workerd-"));
  const port = options.port ?? (await freePort());
  await writeFile(join(dir, "worker.js"), readFileSync(script));
  await writeFile(join(dir, "config.capnp"), workerdConfig(port, options.bindings ?? {}));
  const child = spawn(join(workerdPackage, "bin", "workerd"), ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", (error) => ((output += String(error)), resolve()));
  });
  const stop = async () => {
    child.kill();
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, exited, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, output: () => output, stop };
}

function workerdConfig(port: number, bindings: Record<string, string>): string {
  const texts = Object.entries(bindings).map(([name, value]) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`);
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .mainWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const mainWorker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [${texts.join(", ")}],
);
`;
}

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
