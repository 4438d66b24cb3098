import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, ConnectionError, InvalidArgumentError, TimeoutError, type FetchLike } from "../src/index.js";
import { createRawClient } from "../src/raw.js";
import { acme, rejectionOf } from "./helpers.js";
import { hang, json, reset, scriptedServer, SECRET, type ScriptedServer, type Step } from "./scripted-server.js";

let server: ScriptedServer;
afterEach(() => {
  vi.restoreAllMocks();
  return server?.close();
});

const fast = { "retry-after": "0.001" };

/** A custom fetch as a user would write one: it passes the complete `Request` on to the global fetch. */
function passThrough() {
  return vi.fn<FetchLike>((request, init) => fetch(request, init));
}

/**
 * The same call made the two ways a client offers, with the same config and per-call signal: a generated method
 * (which throws ApiError) and the openapi-fetch client from `@checkoutkit/runtime/raw` (which answers `{ data, error }`).
 */
const callers = {
  method: (url: string, config: Record<string, unknown>, signal?: AbortSignal) =>
    acme(url, config).checkouts.retrieve("chk_1", { signal }),
  raw: async (url: string, config: Record<string, unknown>, signal?: AbortSignal) => {
    const { data, error, response } = await createRawClient<any>(acme(url, config)).GET("/v1/stores/{storeId}/checkouts/{id}", {
      params: { path: { storeId: "store_1", id: "chk_1" } },
      signal,
    });
    if (error !== undefined) return { error, status: response.status };
    return data;
  },
};

describe.each([
  { fetchKind: "the global fetch", makeFetch: () => undefined },
  { fetchKind: "a custom fetch", makeFetch: passThrough },
])("with $fetchKind", ({ makeFetch }) => {
  describe.each(Object.entries(callers))("%s", (_kind, call) => {
    const config = () => ({ fetch: makeFetch() });
    // An abort that is not honoured would end in this timeout instead, and reject with TimeoutError.
    const abortable = () => ({ fetch: makeFetch(), timeoutMs: 2_000, maxRetries: 0 });

    it("does not send anything when the signal is already aborted", async () => {
      server = await scriptedServer([]);
      const reason = new Error("too late");
      await expect(call(server.url, abortable(), AbortSignal.abort(reason))).rejects.toBe(reason);
      expect(server.requests).toHaveLength(0);
    });

    it("rejects with the signal's reason when the caller aborts while the server has not answered", async () => {
      const controller = new AbortController();
      const reason = new Error("user navigated away");
      const arrived: Step = () => controller.abort(reason); // and never answers
      server = await scriptedServer([arrived]);
      await expect(call(server.url, abortable(), controller.signal)).rejects.toBe(reason);
      expect(server.requests).toHaveLength(1);
    });

    it("rejects with the signal's reason when the caller aborts while the body is arriving", async () => {
      const controller = new AbortController();
      const reason = new Error("cancelled mid-body");
      server = await scriptedServer([
        (_req, res) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.write('{"id":', () => setTimeout(() => controller.abort(reason), 50));
        },
      ]);
      await expect(call(server.url, abortable(), controller.signal)).rejects.toBe(reason);
    });

    it("stops waiting as soon as the caller aborts during a backoff", async () => {
      const controller = new AbortController();
      const reason = new Error("cancelled during the backoff");
      // The caller aborts the moment the client starts its 30 s pause (the server's Retry-After).
      const setTimer = globalThis.setTimeout;
      vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, ms?: number) => {
        if (ms === 30_000) controller.abort(reason);
        return setTimer(callback, ms);
      }) as typeof setTimeout);
      server = await scriptedServer([json(503, { message: "busy" }, { "retry-after": "30" })]);
      await expect(call(server.url, { ...config(), timeoutMs: 2_000 }, controller.signal)).rejects.toBe(reason);
      expect(server.requests).toHaveLength(1);
    });

    it("retries a 5xx and returns the answer that follows", async () => {
      server = await scriptedServer([json(500, { message: "boom" }, fast), json(200, { id: "chk_1" })]);
      await expect(call(server.url, config())).resolves.toEqual({ id: "chk_1" });
      expect(server.requests).toHaveLength(2);
    });

    it("times out an attempt that gets no answer, and retries it", async () => {
      server = await scriptedServer([hang, json(200, { id: "chk_1" })]);
      await expect(call(server.url, { ...config(), timeoutMs: 100 })).resolves.toEqual({ id: "chk_1" });
      expect(server.requests).toHaveLength(2);
    });

    it("throws TimeoutError once every attempt has timed out", async () => {
      server = await scriptedServer([hang]);
      const error = await rejectionOf(call(server.url, { ...config(), timeoutMs: 50, maxRetries: 0 }));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toMatch(/^acme .+ timed out after 50 ms$/);
    });

    it("throws ConnectionError after retrying a reset connection", async () => {
      server = await scriptedServer([reset, reset]);
      const error = await rejectionOf(call(server.url, { ...config(), maxRetries: 1 }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toMatch(/^acme .+ could not reach the server/);
      expect(server.requests).toHaveLength(2);
    });
  });

  it("gives raw the error body a method puts on ApiError, from the same answer", async () => {
    const body = { detail: "Not found", trace_id: "t_1" };
    server = await scriptedServer([json(404, body), json(404, body)]);
    const thrown = await rejectionOf(callers.method(server.url, config()));
    const answered = await callers.raw(server.url, config());
    expect(thrown).toBeInstanceOf(ApiError);
    expect(answered).toEqual({ error: thrown.body, status: thrown.status });
    expect(server.requests[0]!.headers).toEqual(server.requests[1]!.headers);

    function config() {
      return { fetch: makeFetch() };
    }
  });
});

describe("the raw client", () => {
  it("sends the client's auth, bound and config headers, under the call's own", async () => {
    server = await scriptedServer([json(201, { id: "chk_1" })]);
    const raw = createRawClient<any>(acme(server.url, { headers: { "x-team": "growth", "x-both": "client" } }));
    const { data } = await raw.POST("/v1/stores/{storeId}/checkouts", {
      params: { path: { storeId: "store_1" } },
      body: { items: [1] },
      headers: { "x-both": "call" },
    });
    expect(data).toEqual({ id: "chk_1" });
    const [request] = server.requests;
    expect(request!.headers).toMatchObject({
      authorization: `Bearer ${SECRET}`,
      "acme-version": "2026-04",
      "user-agent": "checkoutkit @checkoutkit/acme/1.2.3",
      "x-team": "growth",
      "x-both": "call",
      "content-type": "application/json",
    });
    expect(JSON.parse(request!.body)).toEqual({ items: [1] });
  });

  it("hands a custom fetch a complete Request on every attempt, body included", async () => {
    const seen: { body: string; aborted: boolean }[] = [];
    const controller = new AbortController();
    const answers = [new Response("{}", { status: 503, headers: fast }), new Response('{"id":"chk_1"}', { status: 201 })];
    const fetch: FetchLike = async (request) => {
      seen.push({ body: await request.text(), aborted: request.signal.aborted });
      return answers.shift()!;
    };
    const raw = createRawClient<any>(acme("http://127.0.0.1:9", { fetch }));
    const { data } = await raw.POST("/v1/stores/{storeId}/checkouts", { params: { path: { storeId: "s" } }, body: { a: 1 }, signal: controller.signal });
    expect(data).toEqual({ id: "chk_1" });
    expect(seen).toEqual([
      { body: '{"a":1}', aborted: false },
      { body: '{"a":1}', aborted: false },
    ]);
  });

  it("answers a 204 with no data", async () => {
    server = await scriptedServer([(_req, res) => res.writeHead(204).end()]);
    const raw = createRawClient<any>(acme(server.url));
    const { data, error, response } = await raw.DELETE("/v1/stores/{storeId}/links/{id}", { params: { path: { storeId: "s", id: "l" } } });
    expect({ data, error, status: response.status }).toEqual({ data: undefined, error: undefined, status: 204 });
  });

  it("refuses to send the credential outside the client's base URL", async () => {
    server = await scriptedServer([]);
    const raw = createRawClient<any>(acme(server.url));
    const error = await rejectionOf(raw.GET("/v1/anything", { baseUrl: "https://elsewhere.test" }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain("outside the client's base URL");
    expect(error.message).not.toContain(SECRET);
    expect(server.requests).toHaveLength(0);
  });

  it("is made only from a checkoutkit client", () => {
    expect(() => createRawClient({})).toThrow(InvalidArgumentError);
  });
});
