import { ConnectionError, TimeoutError } from "./errors.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * One HTTP request, whoever describes it: a generated method or the path-based `raw` client. The body is
 * sent as is on every attempt, so a retry needs no clone.
 */
export interface HttpRequest {
  url: string;
  method: string;
  /** By lower-case name. */
  headers: Record<string, string>;
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

/**
 * The attempt's `Response`, its body read in full inside the attempt's timeout into `buffer` (so the body stream is
 * used up: `raw` builds a fresh `Response` from the buffer).
 */
export interface BufferedResponse extends Response {
  /** The body's bytes; empty when there was none. */
  readonly buffer: ArrayBuffer;
}

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

/** `Retry-After` in milliseconds (it gives seconds or an HTTP date); undefined when absent or unusable. */
export function retryAfterDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  const ms = value ? (/^\d+(\.\d+)?$/.test(value) ? +value * 1000 : Date.parse(value) - now) : NaN;
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      signal?.aborted ? reject(signal.reason) : resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.aborted ? done() : signal?.addEventListener("abort", done);
  });
}

/**
 * The one way a request leaves a client. Retries connection failures, timeouts, 408, 409, 429 and 5xx, each
 * attempt sending the same body. The answer's body is read inside the attempt's timeout, so a response that
 * stalls half-way also times out. The caller's signal ends it at once, before, during or between attempts.
 */
export async function send(request: HttpRequest, { fetch: custom, timeoutMs, maxRetries, signal: outer, label }: TransportOptions): Promise<BufferedResponse> {
  for (let attempt = 0; ; attempt++) {
    if (outer?.aborted) throw outer.reason;
    const controller = new AbortController();
    const { signal } = controller;
    const onAbort = () => controller.abort(outer!.reason);
    outer?.addEventListener("abort", onAbort);
    // Aborts with no reason of its own: an aborted attempt whose caller did not abort has timed out.
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let answer: BufferedResponse | undefined;
    let failure: unknown;
    try {
      // The request's own fields are the init (`url` among them, which fetch ignores).
      const init: RequestInit = { ...request, signal };
      // With the global fetch no `Request` is built at all; a custom fetch gets a complete one, as documented.
      const response = await (custom ? custom(new Request(request.url, init), { signal }) : fetch(request.url, init));
      answer = Object.assign(response, { buffer: await response.arrayBuffer() });
    } catch (error) {
      if (outer?.aborted) throw outer.reason;
      failure = signal.aborted
        ? new TimeoutError(`${label} timed out after ${timeoutMs} ms`, { cause: error })
        : new ConnectionError(`${label} could not reach the server: ${describe(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onAbort);
    }
    const last = attempt >= maxRetries;
    let wait: number | undefined;
    if (!answer) {
      if (last) throw failure;
    } else if (last || !isRetryableStatus(answer.status) || (wait = retryAfterDelay(answer.headers))! > MAX_RETRY_AFTER_MS) return answer;
    await sleep(wait ?? backoffDelay(attempt), outer);
  }
}

/** What went wrong, as specifically as the error says: its cause's code (`ECONNREFUSED`), else its message. */
function describe(error: unknown): string {
  const { message = error, cause } = Object(error) as { message?: unknown; cause?: { code?: unknown } };
  return String(cause?.code ?? message);
}
