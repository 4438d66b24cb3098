/**
 * What some specs add to a request, as functions the generated definition imports only when its spec declares
 * them: idempotency keys (`x-checkoutkit-idempotency`) and bound query parameters (`bind[].query`).
 */
import type { CallOptions } from "./client.js";
import { pick, put } from "./paginate.js";

/** Called with each request's method, its headers (to change) and the call's options, before the first attempt. */
export type RequestHook = (method: string, headers: Headers, options: CallOptions) => void;

/** Given the call's query (if any) and the client's bound query values by path, the query to send. */
export type QueryFill = (query: Record<string, unknown> | undefined, bound: Record<string, string>) => Record<string, unknown> | undefined;

/**
 * Sends a fresh key (`crypto.randomUUID()`) in `header` on every call of `methods`: one key per call, the same on
 * each of its retries (they reuse the call's headers). `options.idempotencyKey`, or the header in
 * `options.headers`, overrides it.
 */
export function idempotencyKeys(header: string, methods: readonly string[]): RequestHook {
  return (method, headers, options) => {
    if (methods.includes(method) && !headers.has(header)) headers.set(header, options.idempotencyKey ?? crypto.randomUUID());
  };
}

/**
 * Fills each of `paths` (a query parameter, or a dotted path into a deepObject one: `filter.store_id`) from the
 * client's bound option, unless the caller gave it.
 */
export function fillQuery(...paths: string[]): QueryFill {
  return (query, bound) => {
    for (const path of paths) if (bound[path] !== undefined && pick(query, path) === undefined) query = put(query, path, bound[path]);
    return query;
  };
}
