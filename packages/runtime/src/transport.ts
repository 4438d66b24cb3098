import { ConnectionError, TimeoutError } from "./errors.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * One HTTP request, whoever describes it: a generated method or the path-based `raw` client. The body is
 * sent as is on every attempt, so a retry needs no clone.
 */
export interface HttpRequest {
  url: string;
  method: string;
  headers: Headers;
  body?: string | ArrayBuffer;
}

export interface TransportOptions {
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch: FetchLike | undefined;
  timeoutMs: number;
  maxRetries: number;
  signal: AbortSignal | undefined;
  /** Names the call in error messages, e.g. `acme checkouts.create`. */
  label: string;
}

const decoder = /* @__PURE__ */ new TextDecoder();

/**
 * An answer whose body was read in full inside the attempt's timeout: the parts of a `Response` that callers
 * read, without the cost of building a second `Response` on every call (`raw` builds a real one from it).
 */
export interface BufferedResponse extends Pick<Response, "status" | "statusText" | "ok" | "headers" | "text"> {
  /** The body's bytes; empty when there was none. */
  readonly bytes: ArrayBuffer;
}

function buffered({ status, statusText, ok, headers }: Response, bytes: ArrayBuffer): BufferedResponse {
  return { status, statusText, ok, headers, bytes, text: async () => decoder.decode(bytes) };
}

/**
 * The transport's timers, behind one object so that tests can drive backoffs and per-attempt timeouts without
 * waiting (`vi.spyOn(clock, "sleep")`, a fake `setTimer`). Internal: not exported from the package index.
 * Jitter and `Retry-After` dates read `Math.random` and `Date.now`, which tests can stub as they are.
 */
export const clock = {
  setTimer: (callback: () => void, ms: number): unknown => setTimeout(callback, ms),
  clearTimer: (timer: unknown): void => clearTimeout(timer as ReturnType<typeof setTimeout>),
  sleep,
};

/** A server asking for a longer pause than this is not retried: the caller is better placed to wait. */
const MAX_RETRY_AFTER_MS = 60_000;

export function isRetryableStatus(status: number): boolean {
  return status >= 500 || [408, 409, 429].includes(status);
}

/** Exponential backoff from 0.5 s doubling to at most 8 s, less up to 25% jitter so clients do not retry in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 8000);
  return Math.round(base * (1 - 0.25 * random()));
}

/** Reads `retry-after-ms`, then `Retry-After` (seconds or an HTTP date); undefined when absent or unusable. */
export function retryAfterDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number(headers.get("retry-after-ms")?.trim() || NaN);
  if (Number.isFinite(ms)) return Math.max(0, ms);
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clock.clearTimer(timer);
      reject(signal!.reason);
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The one way a request leaves a client. Retries connection failures, timeouts, 408, 409, 429 and 5xx, each
 * attempt sending the same body. The answer's body is read inside the attempt's timeout, so a response that
 * stalls half-way also times out. The caller's signal ends it at once, before, during or between attempts.
 */
export async function send(request: HttpRequest, options: TransportOptions): Promise<BufferedResponse> {
  const { signal, maxRetries } = options;
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    const last = attempt >= maxRetries;
    let wait: number | undefined;
    try {
      const response = await sendOnce(request, options);
      if (last || !isRetryableStatus(response.status)) return response;
      wait = retryAfterDelay(response.headers);
      if ((wait ?? 0) > MAX_RETRY_AFTER_MS) return response;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (last) throw error;
    }
    await clock.sleep(wait ?? backoffDelay(attempt), signal);
  }
}

async function sendOnce(request: HttpRequest, options: TransportOptions): Promise<BufferedResponse> {
  const controller = new AbortController();
  const { signal: outer, timeoutMs } = options;
  const onAbort = () => controller.abort(outer!.reason);
  outer?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer = clock.setTimer(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    // The request's own fields are the init (`url` among them, which fetch ignores).
    const init: RequestInit = { ...request, signal: controller.signal };
    // With the global fetch no `Request` is built at all; a custom fetch gets a complete one, as documented.
    const response = await (options.fetch ? options.fetch(new Request(request.url, init), { signal: controller.signal }) : fetch(request.url, init));
    return buffered(response, await response.arrayBuffer());
  } catch (error) {
    if (outer?.aborted) throw outer.reason;
    if (timedOut) throw new TimeoutError(`${options.label} timed out after ${timeoutMs} ms`, { cause: error });
    throw new ConnectionError(`${options.label} could not reach the server: ${describe(error)}`, { cause: error });
  } finally {
    clock.clearTimer(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}

/** The error's message, and its cause's code or message (`fetch failed (ECONNREFUSED)`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { cause } = error;
  return error.message + (cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.message})` : "");
}
