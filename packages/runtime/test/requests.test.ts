/**
 * What a client built from a form-bodied, JSON:API-like definition puts on the wire: the encoder, Content-Type and
 * Accept its spec chose, idempotency keys, bound query parameters and item-cursor pages. The definition is written
 * as the generator writes one (scripts/lib/render-client.ts).
 */
import { fakeClock } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import {
  createClient,
  encodeForm,
  encodeStyledQuery,
  fillQuery,
  idempotencyKeys,
  nextItemCursor,
  nextPageNumberAt,
  type ClientDefinition,
  type FetchLike,
} from "../src/index.js";
import { createRawClient } from "../src/raw.js";
import { all } from "./helpers.js";

const definition: ClientDefinition = {
  provider: "till",
  api: "till",
  userAgent: "checkoutkit @checkoutkit/till/0.0.0",
  servers: { production: "https://api.till.test" },
  credential: { option: "apiKey", header: "Authorization", prefix: "Bearer " },
  bind: [{ option: "storeId", query: "filter.store_id", required: false }],
  errors: { code: ["error.code"], message: ["error.message"] },
  idempotency: idempotencyKeys("Idempotency-Key", ["POST"]),
  operations: {
    "sessions.create": {
      method: "POST",
      path: "/v1/sessions",
      payload: "body",
      type: "application/x-www-form-urlencoded",
      encode: encodeForm,
      encoding: { arrays: "brackets", properties: { line_items: { style: "deepObject" }, metadata: { style: "deepObject" }, expand: { style: "deepObject" } } },
    },
    "sessions.list": {
      method: "GET",
      path: "/v1/sessions",
      payload: "query",
      paginate: { items: "data", cursor: "starting_after", itemCursor: "id", hasMore: "has_more", next: nextItemCursor },
    },
    "sessions.expire": { method: "POST", path: "/v1/sessions/{id}/expire", pathParams: ["id"] },
    "checkouts.create": { method: "POST", path: "/v1/checkouts", payload: "body", type: "application/vnd.api+json", accept: "application/vnd.api+json" },
    "checkouts.list": {
      method: "GET",
      path: "/v1/checkouts",
      payload: "query",
      accept: "application/vnd.api+json",
      query: encodeStyledQuery,
      styles: { filter: { style: "deepObject" }, page: { style: "deepObject" } },
      fill: fillQuery({ "filter.store_id": "storeId" }),
      paginate: { items: "data", page: "page.number", lastPage: "meta.page.lastPage", next: nextPageNumberAt },
    },
  },
};

type Call = (...args: unknown[]) => Promise<any> & AsyncIterable<any>;
interface Till {
  sessions: Record<"create" | "list" | "expire", Call>;
  checkouts: Record<"create" | "list", Call>;
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch answering `answers` in turn (the last one again when they run out), recording every request. */
function fakeFetch(...answers: (() => Response)[]) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (request) => {
    sent.push({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
    return (answers.length > 1 ? answers.shift()! : answers[0]!)();
  };
  return { fetch, sent };
}

const ok = (body: unknown = { id: "cs_1" }, status = 200) => () => Response.json(body, { status });
const till = (fetch: FetchLike, config: Record<string, unknown> = {}) =>
  createClient(definition, { apiKey: "sk_test_till", fetch, maxRetries: 0, ...config }) as unknown as Till;

describe("request bodies", () => {
  it("sends a form body as its encoding says, with the form Content-Type, never JSON", async () => {
    const { fetch, sent } = fakeFetch(ok());
    await till(fetch).sessions.create({ line_items: [{ price: "price_1", quantity: 2 }], metadata: { order: "42" }, expand: ["line_items"] });
    expect(sent[0]!.body).toBe("line_items[0][price]=price_1&line_items[0][quantity]=2&metadata[order]=42&expand[]=line_items");
    expect(sent[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(sent[0]!.headers.accept).toBeUndefined(); // the success is plain JSON: whatever the server sends
    expect(() => JSON.parse(sent[0]!.body)).toThrow();
  });

  it("sends a JSON:API body as JSON with its own media type as Content-Type and Accept", async () => {
    const { fetch, sent } = fakeFetch(ok({ data: { id: "1" } }, 201));
    const body = { data: { type: "checkouts", attributes: { custom_price: 500 } } };
    await expect(till(fetch).checkouts.create(body)).resolves.toEqual({ data: { id: "1" } });
    expect(JSON.parse(sent[0]!.body)).toEqual(body);
    expect(sent[0]!.headers["content-type"]).toBe("application/vnd.api+json");
    expect(sent[0]!.headers.accept).toBe("application/vnd.api+json");
  });

  it("sends no body and no Content-Type for an operation without one", async () => {
    const { fetch, sent } = fakeFetch(ok());
    await till(fetch).sessions.expire("cs_1");
    expect(sent[0]).toMatchObject({ method: "POST", url: "https://api.till.test/v1/sessions/cs_1/expire", body: "" });
    expect(sent[0]!.headers["content-type"]).toBeUndefined();
  });
});

describe("idempotency keys", () => {
  it("sends one key per call, the same on its retry, and a different one on the next call", async () => {
    const clock = fakeClock();
    const { fetch, sent } = fakeFetch(ok({ error: { message: "busy" } }, 500), ok(), ok());
    const client = till(clock.fetch(fetch), { maxRetries: 2 });
    await clock.settle(client.sessions.create({ metadata: { order: "1" } }));
    await clock.settle(client.sessions.create({ metadata: { order: "2" } }));
    const keys = sent.map((request) => request.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("takes the caller's key from options.idempotencyKey or from the header itself", async () => {
    const { fetch, sent } = fakeFetch(ok());
    const client = till(fetch);
    await client.sessions.create({}, { idempotencyKey: "order-42" });
    await client.sessions.create({}, { headers: { "Idempotency-Key": "order-43" } });
    expect(sent.map((request) => request.headers["idempotency-key"])).toEqual(["order-42", "order-43"]);
  });

  it("is not sent on GET", async () => {
    const { fetch, sent } = fakeFetch(ok({ data: [], has_more: false }));
    await till(fetch).sessions.list();
    expect(sent[0]!.headers["idempotency-key"]).toBeUndefined();
  });
});

describe("bound query parameters", () => {
  const page = ok({ data: [], meta: { page: { lastPage: 1 } } });

  it("fill a dotted path into a deepObject parameter when the caller leaves it out", async () => {
    const { fetch, sent } = fakeFetch(page);
    await till(fetch, { storeId: "7" }).checkouts.list({ page: { size: 10 } });
    expect(sent[0]!.url).toBe("https://api.till.test/v1/checkouts?page[size]=10&filter[store_id]=7");
  });

  it("leave the caller's own value, and are not sent by operations that do not declare them", async () => {
    const { fetch, sent } = fakeFetch(page);
    const client = till(fetch, { storeId: "7" });
    await client.checkouts.list({ filter: { store_id: "8" } });
    await client.sessions.list();
    expect(sent.map((request) => request.url)).toEqual(["https://api.till.test/v1/checkouts?filter[store_id]=8", "https://api.till.test/v1/sessions"]);
  });

  it("are left out when the client has no value for them", async () => {
    const { fetch, sent } = fakeFetch(page);
    await till(fetch).checkouts.list();
    expect(sent[0]!.url).toBe("https://api.till.test/v1/checkouts");
  });
});

describe("item-cursor pagination", () => {
  it("passes the last item's id as starting_after while has_more is true", async () => {
    const { fetch, sent } = fakeFetch(
      ok({ data: [{ id: "cs_1" }, { id: "cs_2" }], has_more: true }),
      ok({ data: [{ id: "cs_3" }], has_more: true }),
      ok({ data: [{ id: "cs_4" }], has_more: false }),
    );
    await expect(all(till(fetch).sessions.list({ limit: 2 }))).resolves.toEqual([{ id: "cs_1" }, { id: "cs_2" }, { id: "cs_3" }, { id: "cs_4" }]);
    expect(sent.map((request) => request.url)).toEqual([
      "https://api.till.test/v1/sessions?limit=2",
      "https://api.till.test/v1/sessions?limit=2&starting_after=cs_2",
      "https://api.till.test/v1/sessions?limit=2&starting_after=cs_3",
    ]);
  });

  it("stops on an empty page, even one claiming there is more", async () => {
    const { fetch, sent } = fakeFetch(ok({ data: [{ id: "cs_1" }], has_more: true }), ok({ data: [], has_more: true }));
    await expect(all(till(fetch).sessions.list())).resolves.toEqual([{ id: "cs_1" }]);
    expect(sent).toHaveLength(2);
  });

  it("does not loop when the cursor does not advance", async () => {
    const { fetch, sent } = fakeFetch(ok({ data: [{ id: "cs_1" }], has_more: true }));
    await expect(all(till(fetch).sessions.list({ starting_after: "cs_1" }))).resolves.toEqual([{ id: "cs_1" }]);
    expect(sent).toHaveLength(1);
  });

  it("awaited, answers the first page only", async () => {
    const { fetch, sent } = fakeFetch(ok({ data: [{ id: "cs_1" }], has_more: true }));
    await expect(till(fetch).sessions.list()).resolves.toEqual({ data: [{ id: "cs_1" }], has_more: true });
    expect(sent).toHaveLength(1);
  });
});

describe("page-number pagination through a deepObject parameter", () => {
  it("counts page[number] up to the last page, keeping page[size] and the bound filter", async () => {
    const page = (n: number) => ok({ data: [n], meta: { page: { currentPage: n, lastPage: 3 } } });
    const { fetch, sent } = fakeFetch(page(1), page(2), page(3));
    await expect(all(till(fetch, { storeId: "7" }).checkouts.list({ page: { size: 1 } }))).resolves.toEqual([1, 2, 3]);
    expect(sent.map((request) => decodeURIComponent(new URL(request.url).search))).toEqual([
      "?page[size]=1&filter[store_id]=7",
      "?page[size]=1&page[number]=2&filter[store_id]=7",
      "?page[size]=1&page[number]=3&filter[store_id]=7",
    ]);
  });
});

describe("the raw client", () => {
  it("sends the bytes and headers the method sends, through the same encoders", async () => {
    const { fetch, sent } = fakeFetch(ok());
    const body = { line_items: [{ price: "price_1", quantity: 2 }], metadata: { order: "42" }, expand: ["line_items"] };
    const client = till(fetch);
    await client.sessions.create(body, { idempotencyKey: "k1" });
    const raw = createRawClient<any>(client);
    await raw.POST("/v1/sessions", { body, headers: { "Idempotency-Key": "k1" } });
    await client.checkouts.list({ page: { size: 10 }, filter: { store_id: "1" } });
    await raw.GET("/v1/checkouts", { params: { query: { page: { size: 10 }, filter: { store_id: "1" } } } });
    const [method, viaRaw, list, listViaRaw] = sent;
    expect(viaRaw!.body).toBe(method!.body);
    expect(viaRaw!.body).toBe("line_items[0][price]=price_1&line_items[0][quantity]=2&metadata[order]=42&expand[]=line_items");
    for (const header of ["content-type", "accept", "idempotency-key"]) expect(viaRaw!.headers[header]).toBe(method!.headers[header]);
    expect(listViaRaw!.url).toBe(list!.url);
    expect(listViaRaw!.headers.accept).toBe("application/vnd.api+json");
  });
});
