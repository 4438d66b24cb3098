/**
 * Per-request client overhead: every client makes the same create-checkout call, N at a time in sequence,
 * against the local server in another process. Each round runs every client once, in an order that changes
 * from round to round; we keep the median over rounds of the mean wall and CPU time per call.
 */
import { fork } from "node:child_process";
import { pathToFileURL } from "node:url";
import { clientId, clients, programFile, type Client } from "./cases.js";
import { cannedAnswer } from "./canned.js";
import { interleave, median } from "./stats.js";

export interface OverheadSettings {
  warmupCalls: number;
  callsPerRound: number;
  rounds: number;
}

export interface OverheadResult {
  client: string;
  /** Medians over rounds, microseconds per call. */
  wallUs: number;
  cpuUs: number;
  /** Medians over rounds of this client's figure divided by plain fetch's for the same provider in the same round. */
  wallRatio: number;
  cpuRatio: number;
}

export interface OverheadReport {
  settings: OverheadSettings;
  results: OverheadResult[];
  /** Clients that could not make a verified call, with the reason. */
  failed: { client: string; reason: string }[];
}

type Call = () => Promise<string>;

async function startServer(): Promise<{ origin: string; stop: () => void }> {
  const child = fork(new URL("./server.ts", import.meta.url), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message: { port: number }) => resolve(message.port));
    child.once("exit", (code) => reject(new Error(`the bench server exited with ${code} before listening`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.disconnect() };
}

/** For a client with a fixed origin, a fetch that sends its requests to the local server instead. */
function redirectingFetch(from: string, to: string): typeof fetch {
  const real = globalThis.fetch;
  return (input, init) => real(typeof input === "string" && input.startsWith(from) ? to + input.slice(from.length) : input, init);
}

async function withFetch<T>(client: Client, baseUrl: string, run: () => Promise<T>): Promise<T> {
  if (!client.fixedOrigin) return run();
  const real = globalThis.fetch;
  globalThis.fetch = redirectingFetch(client.fixedOrigin, baseUrl);
  try {
    return await run();
  } finally {
    globalThis.fetch = real;
  }
}

async function prepare(client: Client, baseUrl: string): Promise<Call> {
  const module = (await import(pathToFileURL(programFile(client)).href)) as { default: (baseUrl: string) => Call };
  // creem_io warns on every construction that it is deprecated; keep that out of the benchmark's output.
  const warn = console.warn;
  console.warn = () => {};
  try {
    return module.default(baseUrl);
  } finally {
    console.warn = warn;
  }
}

/** One call, checked: the client must hand back the canned checkout URL, which proves it parsed the answer. */
async function verify(client: Client, call: Call, baseUrl: string): Promise<void> {
  const expected = client.provider.urlField.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], cannedAnswer(client.provider).body);
  const url = await withFetch(client, baseUrl, call);
  if (url !== expected) throw new Error(`returned ${JSON.stringify(url)} instead of the canned ${JSON.stringify(expected)}`);
}

async function batch(client: Client, call: Call, calls: number, baseUrl: string): Promise<{ wallUs: number; cpuUs: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  return withFetch(client, baseUrl, async () => {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await call();
    const wallNs = Number(process.hrtime.bigint() - start);
    const used = process.cpuUsage(cpu);
    return { wallUs: wallNs / 1000 / calls, cpuUs: (used.user + used.system) / calls };
  });
}

export async function measureOverhead(settings: OverheadSettings, log: (line: string) => void): Promise<OverheadReport> {
  const server = await startServer();
  try {
    const ready: { client: Client; call: Call; baseUrl: string }[] = [];
    const failed: OverheadReport["failed"] = [];
    for (const client of clients) {
      const baseUrl = `${server.origin}/${client.provider.id}`;
      try {
        const call = await prepare(client, baseUrl);
        await verify(client, call, baseUrl);
        ready.push({ client, call, baseUrl });
      } catch (error) {
        failed.push({ client: clientId(client), reason: error instanceof Error ? error.message : String(error) });
        log(`  ${clientId(client)}: NOT MEASURED: ${failed.at(-1)!.reason}`);
      }
    }
    for (const { client, call, baseUrl } of ready) await batch(client, call, settings.warmupCalls, baseUrl);

    const perRound = new Map<Client, { wallUs: number; cpuUs: number }[]>(ready.map(({ client }) => [client, []]));
    for (let round = 0; round < settings.rounds; round++) {
      for (const { client, call, baseUrl } of interleave(ready, round)) {
        perRound.get(client)!.push(await batch(client, call, settings.callsPerRound, baseUrl));
      }
      log(`  round ${round + 1}/${settings.rounds}`);
    }

    const results = ready.map(({ client }): OverheadResult => {
      const own = perRound.get(client)!;
      const floor = ready.find((r) => r.client.provider === client.provider && r.client.kind === "fetch");
      const floorRounds = floor ? perRound.get(floor.client)! : undefined;
      const ratio = (key: "wallUs" | "cpuUs") =>
        floorRounds ? median(own.map((sample, round) => sample[key] / floorRounds[round]![key])) : Number.NaN;
      return {
        client: clientId(client),
        wallUs: median(own.map((s) => s.wallUs)),
        cpuUs: median(own.map((s) => s.cpuUs)),
        wallRatio: ratio("wallUs"),
        cpuRatio: ratio("cpuUs"),
      };
    });
    return { settings, results, failed };
  } finally {
    server.stop();
  }
}
