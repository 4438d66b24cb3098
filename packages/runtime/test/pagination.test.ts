import { afterEach, describe, expect, it } from "vitest";
import { acme, all } from "./helpers.js";
import { json, scriptedServer, type ScriptedServer } from "./scripted-server.js";

let server: ScriptedServer;
afterEach(() => server?.close());

describe("list methods", () => {
  it("await one page", async () => {
    server = await scriptedServer([json(200, { items: [1, 2], pagination: { max_page: 3 } })]);
    await expect(acme(server.url).checkouts.list({ limit: 2 })).resolves.toEqual({ items: [1, 2], pagination: { max_page: 3 } });
    expect(server.requests[0]!.url).toBe("/v1/stores/store_1/checkouts?limit=2");
  });

  it("iterate every item of every numbered page", async () => {
    server = await scriptedServer([
      json(200, { items: [1, 2], pagination: { max_page: 3 } }),
      json(200, { items: [3, 4], pagination: { max_page: 3 } }),
      json(200, { items: [5], pagination: { max_page: 3 } }),
    ]);
    await expect(all(acme(server.url).checkouts.list({ limit: 2 }))).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/stores/store_1/checkouts?limit=2",
      "/v1/stores/store_1/checkouts?limit=2&page=2",
      "/v1/stores/store_1/checkouts?limit=2&page=3",
    ]);
  });

  it("stop at an empty page even if the last page number says otherwise", async () => {
    server = await scriptedServer([json(200, { items: [], pagination: { max_page: 9 } })]);
    await expect(all(acme(server.url).checkouts.list())).resolves.toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("follow cursors while there are more", async () => {
    server = await scriptedServer([
      json(200, { data: ["a"], hasMore: true, nextCursor: "c1" }),
      json(200, { data: ["b"], hasMore: true, nextCursor: "c2" }),
      json(200, { data: ["c"], hasMore: false }),
    ]);
    await expect(all(acme(server.url).sessions.list({ limit: 1 }))).resolves.toEqual(["a", "b", "c"]);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/stores/store_1/sessions?limit=1",
      "/v1/stores/store_1/sessions?limit=1&cursor=c1",
      "/v1/stores/store_1/sessions?limit=1&cursor=c2",
    ]);
  });

  it("stop when a cursor repeats, rather than loop forever", async () => {
    server = await scriptedServer([json(200, { data: ["a"], hasMore: true, nextCursor: "c1" }), json(200, { data: ["b"], hasMore: true, nextCursor: "c1" })]);
    await expect(all(acme(server.url).sessions.list())).resolves.toEqual(["a", "b"]);
  });

  it("surface an error from a later page", async () => {
    server = await scriptedServer([json(200, { data: ["a"], hasMore: true, nextCursor: "c1" }), json(404, { message: "gone" })]);
    await expect(all(acme(server.url).sessions.list())).rejects.toMatchObject({ status: 404 });
  });
});
