/**
 * `@checkoutkit/runtime/raw`: the path-based openapi-fetch client over a client's own request pipeline. A
 * separate entry point, so that only code that imports it pays for openapi-fetch.
 */
import createFetchClient, { type Client } from "openapi-fetch";
import { clientPipeline, encodeBody, encodeQueryOf, JSON_TYPE, type ClientPipeline } from "./client.js";
import { InvalidArgumentError } from "./errors.js";

export type { Client as FetchClient } from "openapi-fetch";

/** Statuses whose `Response` cannot carry a body. */
const NULL_BODY = new Set([204, 205, 304]);

/**
 * The openapi-fetch client for `client`'s API: `GET`, `POST`, … by path, answering `{ data, error }` as
 * openapi-fetch does. Every request goes through the client's pipeline: its auth and bound headers, retries,
 * timeouts, and the `signal` given to the call. A connection failure, a timeout or an abort rejects with the
 * same error as a method would. Generated `create<Name>RawClient` factories call this.
 */
export function createRawClient<Paths extends {}>(client: object): Client<Paths> {
  const pipeline = (client as { [clientPipeline]?: ClientPipeline })[clientPipeline];
  if (!pipeline) throw new InvalidArgumentError("createRawClient: expected a client made by a checkoutkit factory");
  const { baseUrl, definition } = pipeline;
  const { provider } = definition;
  const fetchClient = createFetchClient<Paths>({
    baseUrl,
    fetch: async (request: Request) => {
      const { pathname } = new URL(request.url);
      const label = `${provider} ${request.method} ${pathname}`;
      // openapi-fetch takes a base URL per call too: refuse any other origin or path, so the credential stays put.
      if (!`${request.url}/`.startsWith(`${baseUrl}/`) && !request.url.startsWith(`${baseUrl}?`)) {
        throw new InvalidArgumentError(`${label}: refusing a URL outside the client's base URL ${baseUrl}`);
      }
      const body = request.body === null ? undefined : await request.arrayBuffer();
      const answer = await pipeline.request(request.method, request.url, request.headers, body, { signal: request.signal }, label);
      return new Response(NULL_BODY.has(answer.status) ? null : answer.buffer, {
        status: answer.status,
        statusText: answer.statusText,
        headers: answer.headers,
      });
    },
  });
  // Each call encodes its body and query, and sends Content-Type and Accept, as the generated method for that
  // path does: the same encoders, chosen by the spec (the caller's own serializers and headers still win).
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
    const call = fetchClient[method] as unknown as (path: string, init?: Record<string, any>) => Promise<unknown>;
    (fetchClient as unknown as Record<string, unknown>)[method] = (path: string, init: Record<string, any> = {}) => {
      const operation = Object.values(definition.operations).find((o) => o.method === method && o.path === path);
      return call(path, {
        querySerializer: (query: Record<string, unknown>) => encodeQueryOf(operation, query),
        bodySerializer: (body: Record<string, unknown>) => encodeBody(operation, body),
        ...init,
        headers: {
          ...(operation?.accept ? { accept: operation.accept } : {}),
          ...(init.body === undefined ? {} : { "content-type": operation?.type ?? JSON_TYPE }),
          ...init.headers,
        },
      });
    };
  }
  return fetchClient;
}
