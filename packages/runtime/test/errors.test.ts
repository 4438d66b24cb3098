import { inspect } from "node:util";
import { fakeClock } from "@checkoutkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError, ConnectionError, ResponseParseError, createClient, type ClientDefinition } from "../src/index.js";
import { acme, rejectionOf } from "./helpers.js";
import { definition, json, reset, scriptedServer, SECRET, text, type ScriptedServer } from "./scripted-server.js";

let server: ScriptedServer;
afterEach(() => server?.close());

function everythingAbout(error: Error): string {
  return [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), error.stack].join("\n");
}

describe("error mapping", () => {
  it("maps a JSON error body onto ApiError: status, code, message, issues, request ID, headers, body", async () => {
    const body = { detail: [{ loc: ["body", "items", 0, "quantity"], msg: "must be positive", type: "greater_than" }], trace_id: "trace_1" };
    server = await scriptedServer([json(422, body, { "x-request-id": "req_42" })]);

    const error = await rejectionOf(acme(server.url).checkouts.create({ items: [] }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      name: "ApiError",
      status: 422,
      provider: "acme",
      operation: "checkouts.create",
      code: "http_422",
      message: "acme checkouts.create failed with 422 http_422: body.items.0.quantity: must be positive",
      issues: [{ path: "body.items.0.quantity", message: "must be positive" }],
      requestId: "req_42",
      body,
    });
    expect(error.headers.get("content-type")).toBe("application/json");
  });

  it("takes code and message from the first field that has them", async () => {
    server = await scriptedServer([json(404, { error: "ResourceNotFound", detail: "Not found", trace_id: "t_9" })]);
    const error = await rejectionOf(acme(server.url).checkouts.retrieve("chk_404"));
    expect(error).toMatchObject({ code: "ResourceNotFound", issues: [], requestId: "t_9", operation: "checkouts.retrieve" });
    expect(error.message).toContain("Not found");
  });

  it("joins a list of messages, and turns plain strings into issues", async () => {
    const creem: ClientDefinition = { ...definition, errors: { code: ["error"], message: ["message"], issues: { list: "message" } } };
    server = await scriptedServer([json(400, { error: "Bad Request", message: ["a must be set", "b is too long"] })]);
    const client = createClient(creem, { apiKey: SECRET, storeId: "s", baseUrl: server.url }) as any;
    const error = await rejectionOf(client.checkouts.create({}));
    expect(error.message).toContain("a must be set; b is too long");
    expect(error.issues).toEqual([
      { path: "", message: "a must be set" },
      { path: "", message: "b is too long" },
    ]);
  });

  it("keeps issue items it cannot read, as JSON", async () => {
    server = await scriptedServer([json(422, { detail: [{ weird: true }] })]);
    const error = await rejectionOf(acme(server.url).checkouts.create({}));
    expect(error.issues).toEqual([{ path: "", message: '{"weird":true}' }]);
  });

  it("gives an ApiError with the page's text for a non-JSON error page", async () => {
    server = await scriptedServer(
      Array(3).fill(text(502, "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>", "text/html")),
    );
    const error = await rejectionOf(acme(server.url).checkouts.create({}, { maxRetries: 0 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.code).toBe("http_502");
    expect(error.message).toContain("502 Bad Gateway nginx");
    expect(error.body).toContain("<h1>502 Bad Gateway</h1>");
  });

  it("falls back to the status text when the error has no body", async () => {
    server = await scriptedServer([(_req, res) => res.writeHead(404).end()]);
    const error = await rejectionOf(acme(server.url).checkouts.retrieve("chk_1"));
    expect(error.message).toContain("Not Found");
  });

  it("throws ConnectionError after retrying a reset connection", async () => {
    // The backoff between the two attempts runs out on a fake clock, not in real time.
    const clock = fakeClock();
    server = await scriptedServer([reset, reset]);
    const error = await rejectionOf(clock.settle(acme(server.url, { maxRetries: 1, fetch: clock.fetch() }).checkouts.create({})));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain("could not reach the server");
    expect(server.requests).toHaveLength(2);
  });

  it("throws ConnectionError when nothing listens", async () => {
    server = await scriptedServer([]);
    const url = server.url;
    await server.close();
    const error = await rejectionOf(acme(url, { maxRetries: 0 }).checkouts.create({}));
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it("throws ResponseParseError for a 2xx answer that is not JSON", async () => {
    server = await scriptedServer([text(201, '{"id": "chk_1",', "application/json")]);
    const error = await rejectionOf(acme(server.url).checkouts.create({}));
    expect(error).toBeInstanceOf(ResponseParseError);
    expect(error).toMatchObject({ status: 201, text: '{"id": "chk_1",' });
    expect(error.message).toContain("not valid JSON");
  });

  it("never lets the secret into an error, however it is printed", async () => {
    server = await scriptedServer([json(401, { message: `invalid key` }), reset]);
    const client = acme(server.url, { maxRetries: 0 });
    for (const error of [await rejectionOf(client.checkouts.create({})), await rejectionOf(client.checkouts.create({}))]) {
      expect(everythingAbout(error)).not.toContain(SECRET);
    }
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(client)).not.toContain(SECRET);
  });
});
