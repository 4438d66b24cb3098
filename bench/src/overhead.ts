/**
 * Per-request client overhead: every client makes the same create-checkout call, N at a time in sequence,
 * against the local server in another process. Each round runs every client once, in an order that changes
 * from round to round, each in a group of batches right next to its provider's plain fetch (fetch, client, client,
 * fetch), so its ratio to fetch compares calls made within the same fraction of a second rather than seconds apart;
 * we keep the median over rounds of the mean wall and CPU time per call and of those ratios.
 */
import { fork } from "node:child_process";
import { pathToFileURL } from "node:url";
import { clientId, clients, programFile, type Client } from "./cases.js";
import { cannedAnswer } from "./canned.js";
import { interleave, median, quartiles } from "./stats.js";

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
  /**
   * Medians over rounds of this client's figure divided by plain fetch's for the same provider, measured in the
   * batches right around it (see measureOverhead); 1 for plain fetch itself, NaN where that provider has no fetch.
   */
  wallRatio: number;
  cpuRatio: number;
  /** 25th and 75th percentile over rounds of those ratios. */
  wallRatioIqr: [number, number];
  cpuRatioIqr: [number, number];
}

export interface OverheadReport {
  settings: OverheadSettings;
  results: OverheadResult[];
  /** Clients that could not make a verified call, with the reason. */
  failed: { client: string; reason: string }[];
}

type Call = () => Promise<string>;
type Ready = { client: Client; call: Call; baseUrl: string };

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

/** Mean wall and CPU time per call over several batches of the same client, weighted by their call counts. */
function pooled(batches: { wallUs: number; cpuUs: number }[]): { wallUs: number; cpuUs: number } {
  const mean = (key: "wallUs" | "cpuUs") => batches.reduce((sum, b) => sum + b[key], 0) / batches.length;
  return { wallUs: mean("wallUs"), cpuUs: mean("cpuUs") };
}

export async function measureOverhead(settings: OverheadSettings, log: (line: string) => void): Promise<OverheadReport> {
  const server = await startServer();
  try {
    const ready: Ready[] = [];
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

    const floorOf = (client: Client) => ready.find((r) => r.client.provider === client.provider && r.client.kind === "fetch");
    // Every client other than a provider's plain fetch is measured in a group of four batches right next to that fetch:
    // fetch, client, client, fetch (ABBA, so a drift in machine speed over the group cancels out). Each batch is a
    // quarter of callsPerRound, so a client still makes callsPerRound calls per round, half of them its own.
    const measured = ready.filter((r) => r.client.kind !== "fetch");
    const quarter = Math.max(1, Math.round(settings.callsPerRound / 4));
    const own = new Map<Client, { wallUs: number; cpuUs: number }[]>(ready.map(({ client }) => [client, []]));
    const ratios = new Map<Client, { wall: number[]; cpu: number[] }>(ready.map(({ client }) => [client, { wall: [], cpu: [] }]));
    for (let round = 0; round < settings.rounds; round++) {
      const fetchBatches = new Map<Client, { wallUs: number; cpuUs: number }[]>();
      for (const subject of interleave(measured, round)) {
        const floor = floorOf(subject.client);
        const time = (r: Ready) => batch(r.client, r.call, quarter, r.baseUrl);
        if (!floor) {
          own.get(subject.client)!.push(pooled([await time(subject), await time(subject)]));
          continue;
        }
        const f1 = await time(floor);
        const c1 = await time(subject);
        const c2 = await time(subject);
        const f2 = await time(floor);
        const client = pooled([c1, c2]);
        const fetchPair = pooled([f1, f2]);
        own.get(subject.client)!.push(client);
        ratios.get(subject.client)!.wall.push(client.wallUs / fetchPair.wallUs);
        ratios.get(subject.client)!.cpu.push(client.cpuUs / fetchPair.cpuUs);
        fetchBatches.set(floor.client, [...(fetchBatches.get(floor.client) ?? []), f1, f2]);
      }
      // A plain fetch's own figure for the round: every one of its batches in that round, none left out.
      for (const [client, batches] of fetchBatches) own.get(client)!.push(pooled(batches));
      log(`  round ${round + 1}/${settings.rounds}`);
    }

    const results = ready.map(({ client }): OverheadResult => {
      const samples = own.get(client)!;
      const isFloor = client.kind === "fetch";
      const pairs = ratios.get(client)!;
      const ratio = (values: number[]) => (isFloor ? 1 : values.length ? median(values) : Number.NaN);
      const spread = (values: number[]): [number, number] => (isFloor ? [1, 1] : quartiles(values));
      return {
        client: clientId(client),
        wallUs: median(samples.map((s) => s.wallUs)),
        cpuUs: median(samples.map((s) => s.cpuUs)),
        wallRatio: ratio(pairs.wall),
        cpuRatio: ratio(pairs.cpu),
        wallRatioIqr: spread(pairs.wall),
        cpuRatioIqr: spread(pairs.cpu),
      };
    });
    return { settings, results, failed };
  } finally {
    server.stop();
  }
}
