/**
 * What some specs add to a request, as functions the generated definition imports only when its spec declares
 * them: idempotency keys (`x-checkoutkit-idempotency`) and bound query parameters (`bind[].query`).
 */
import type { CallOptions } from "./client.js";
import { pick, put } from "./paginate.js";

/** Called with each request's method, its headers (to change, by lower-case name) and the call's options, before the first attempt. */
export type RequestHook = (method: string, headers: Record<string, string>, options: CallOptions) => void;

/** Given the call's query (if any) and the client's config (checked when the client was made), the query to send. */
export type QueryFill = (query: Record<string, unknown> | undefined, config: Record<string, unknown>) => Record<string, unknown> | undefined;

/**
 * Sends a fresh key (`crypto.randomUUID()`) in `header` on every call of `methods`: one key per call, the same on
 * each of its retries (they reuse the call's headers). `options.idempotencyKey`, or the header in
 * `options.headers`, overrides it.
 */
export function idempotencyKeys(header: string, methods: readonly string[]): RequestHook {
  const name = header.toLowerCase();
  return (method, headers, options) => {
    if (methods.includes(method)) headers[name] ??= options.idempotencyKey ?? crypto.randomUUID();
  };
}

/**
 * Fills each query parameter of `bound` (a name, or a dotted path into a deepObject parameter: `filter.store_id`)
 * with the client option it names, unless the caller gave it or the option is not set.
 */
export function fillQuery(bound: Readonly<Record<string, string>>): QueryFill {
  return (query, config) => {
    for (const [path, option] of Object.entries(bound)) {
      if (config[option] && pick(query, path) === undefined) query = put(query, path, config[option]);
    }
    return query;
  };
}
