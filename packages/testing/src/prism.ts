import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, connect } from "node:net";
import { dirname, join } from "node:path";
import { loadSpecFile } from "@checkoutkit/spec-model";
import { formOperations, startFormProxy, writeJsonBodiesSpec } from "./form-proxy.js";

export interface MockServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Only catches a Prism that hangs: it starts in 2–3 s of CPU, but several packages start theirs at once on a
 * two-core machine that may be busy with other work, and a mock that is merely slow must still come up.
 */
const STARTUP_TIMEOUT_MS = 180_000;

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgPath) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.prism!;
  return join(dirname(pkgPath), bin);
}

/**
 * Starts `prism mock --errors` for one spec on a loopback port (a free one unless `port` is given), in its own process group, and resolves
 * once Prism says it is listening and answers HTTP. Rejects (with Prism's output) if it exits or does not answer
 * within three minutes: a contract test must never run without its mock.
 *
 * A spec with `application/x-www-form-urlencoded` request bodies, which Prism 5.14 cannot read when keys are
 * bracketed, gets the form proxy (`form-proxy.ts`) at the returned URL: Prism serves a copy of the spec whose form
 * bodies are declared as JSON, and the proxy re-encodes each form body into that JSON (refusing any other media
 * type on those operations with 415).
 */
export async function startPrism(spec: string, options: { port?: number } = {}): Promise<MockServer> {
  const doc = loadSpecFile(spec).doc;
  if (!formOperations(doc).length) return startOn(spec, options.port);
  const derived = writeJsonBodiesSpec(doc);
  let prism: MockServer | undefined;
  try {
    prism = await startOn(derived.file);
    const proxy = await startFormProxy(doc, prism.url, options.port ?? (await freePort()));
    const inner = prism;
    return {
      url: proxy.url,
      async stop() {
        await proxy.close();
        await inner.stop();
        derived.remove();
      },
    };
  } catch (error) {
    await prism?.stop();
    derived.remove();
    throw error;
  }
}

async function startOn(spec: string, fixedPort?: number): Promise<MockServer> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    try {
      return await launch(spec, port);
    } catch (error) {
      // Another process (a sibling package's mocks, starting at the same moment) can take a free port between
      // freePort() and Prism's listen: pick another one rather than fail the run.
      const taken = error instanceof Error && error.message.includes("EADDRINUSE");
      if (!taken || fixedPort !== undefined || attempt === 3) throw error;
    }
  }
}

async function launch(spec: string, port: number): Promise<MockServer> {
  const child = spawn(process.execPath, [prismBin(), "mock", "--errors", "-h", "127.0.0.1", "-p", String(port), spec], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  stopAllOnExit();
  running.add(child.pid!);
  void exited.then(() => running.delete(child.pid!));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${STARTUP_TIMEOUT_MS / 1000} s`), STARTUP_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      kill(child.pid);
      reject(new Error(`Prism for ${spec} ${why}:\n${output.slice(-2000)}`));
    };
    const onData = async (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes("Prism is listening")) return;
      child.stdout.off("data", onData);
      if (!(await probe(port))) return fail(`said it was listening but port ${port} refuses connections`);
      // Ready means answering HTTP: the first answer also loads Prism's request handling, a cost that would
      // otherwise land inside the first test's own time limit.
      const answered = await fetch(`http://127.0.0.1:${port}/`).then(
        (response) => response.arrayBuffer().then(() => true),
        () => false,
      );
      if (!answered) return fail(`accepts connections on port ${port} but does not answer HTTP`);
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => fail(`exited with code ${code}`));
  });
  // Keep draining Prism's logs so it never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();

  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      kill(child.pid);
      const timer = setTimeout(() => kill(child.pid, "SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// Prism runs in its own process group, so it outlives a test run that is stopped before its teardown (turbo
// stopping the other tasks after a failure, Ctrl-C). Stop every mock still running when this process goes.
const running = new Set<number>();
let listening = false;
function stopAllOnExit() {
  if (listening) return;
  listening = true;
  process.once("exit", () => running.forEach((pid) => kill(pid)));
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      running.forEach((pid) => kill(pid));
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function kill(pid: number | undefined, signal: NodeJS.Signals = "SIGTERM") {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal); // the whole group: Prism may fork workers
  } catch {
    // already gone
  }
}
