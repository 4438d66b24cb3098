import { ConnectionError, TimeoutError } from "./errors.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  /** Defaults to the global `fetch`, looked up at call time. */
  fetch: FetchLike | undefined;
  timeoutMs: number;
  maxRetries: number;
  signal: AbortSignal | undefined;
  /** Names the call in error messages, e.g. `polar checkouts.create`. */
  label: string;
}

/**
 * What the generated methods send: the URL and init, not a `Request`. Its body is a string, so retries resend it
 * without cloning, and with the global fetch no `Request` is built at all (a custom `fetch` still gets a real one,
 * as documented).
 */
export class PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly init: RequestInit;
  constructor(url: string, init: RequestInit) {
    this.url = url;
    this.init = init;
    this.method = init.method ?? "GET";
    this.headers = init.headers as Headers; // the methods always pass a `Headers`
  }
}

/** The parts of a `Response` that openapi-fetch and the methods read, with the body already read as text. */
function bufferedAnswer(response: Response, text: string): Response {
  const { status, statusText, ok, headers } = response;
  return { status, statusText, ok, headers, text: () => Promise.resolve(text) } as Response;
}

const RETRY_STATUSES = new Set([408, 409, 429]);
/** A server asking for a longer pause than this is not retried: the caller is better placed to wait. */
const MAX_RETRY_AFTER_MS = 60_000;

export function isRetryableStatus(status: number): boolean {
  return RETRY_STATUSES.has(status) || status >= 500;
}

/** Exponential backoff from 0.5 s doubling to at most 8 s, less up to 25% jitter so clients do not retry in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(500 * 2 ** attempt, 8000);
  return Math.round(base * (1 - 0.25 * random()));
}

/** Reads `retry-after-ms`, then `Retry-After` (seconds or an HTTP date); undefined when absent or unusable. */
export function retryAfterDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Sends a request, retrying connection failures, timeouts, 408, 409, 429 and 5xx. Each attempt sends the same
 * body (a `Request` is cloned for every attempt but the last). The answer's body is read inside the attempt's
 * timeout, so a response that stalls half-way also times out.
 */
export async function send(request: Request | PreparedRequest, options: TransportOptions): Promise<Response> {
  const { signal, maxRetries } = options;
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw signal.reason;
    const last = attempt >= maxRetries;
    let response: Response;
    try {
      response = await attempt_(last || request instanceof PreparedRequest ? request : request.clone(), options);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (last) throw error;
      await sleep(backoffDelay(attempt), signal);
      continue;
    }
    if (last || !isRetryableStatus(response.status)) return response;
    const wait = retryAfterDelay(response.headers);
    if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) return response;
    await sleep(wait ?? backoffDelay(attempt), signal);
  }
}

async function attempt_(request: Request | PreparedRequest, options: TransportOptions): Promise<Response> {
  const controller = new AbortController();
  const { signal: outer, timeoutMs } = options;
  const onAbort = () => controller.abort(outer!.reason);
  outer?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const { signal } = controller;
    if (request instanceof PreparedRequest) {
      const response = options.fetch
        ? await options.fetch(new Request(request.url, request.init), { signal })
        : await globalThis.fetch(request.url, { ...request.init, signal });
      return bufferedAnswer(response, await response.text());
    }
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const response = await fetchImpl(request, { signal });
    // Buffer inside the timeout; an empty body stays null so 204 and HEAD answers remain valid.
    const body = response.status === 204 || response.status === 304 ? null : await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    if (outer?.aborted) throw outer.reason;
    if (timedOut) throw new TimeoutError(`${options.label} timed out after ${timeoutMs} ms`, { cause: error });
    throw new ConnectionError(`${options.label} could not reach the server: ${describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? ` (${(cause as { code?: string }).code ?? cause.message})` : "";
    return `${error.message}${detail}`;
  }
  return String(error);
}
