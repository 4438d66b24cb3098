import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, InvalidArgumentError, clientIdentity, createClient } from "../src/index.js";
import { createRawClient } from "../src/raw.js";
import { acme, rejectionOf } from "./helpers.js";
import { definition, json, scriptedServer, SECRET, type ScriptedServer } from "./scripted-server.js";

let server: ScriptedServer;
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  return server?.close();
});

/**
 * Runs `fn` with the global `process` replaced, and puts it back before returning. Never across an await, nor
 * until afterEach: Node's own child_process code reads the global `process` when a message from vitest's main
 * process arrives, and one arriving in that window (as happens on a busy machine) throws "process.nextTick is
 * not a function" in a loop that hangs the worker.
 */
function withProcess<T>(standIn: unknown, fn: () => T): T {
  vi.stubGlobal("process", standIn);
  try {
    return fn();
  } finally {
    vi.unstubAllGlobals();
  }
}

describe("credentials", () => {
  it("sends the secret in the scheme's header, with its prefix", async () => {
    server = await scriptedServer([json(201, {})]);
    await acme(server.url).checkouts.create({});
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it("falls back to the environment variable", async () => {
    vi.stubEnv("ACME_API_KEY", "sk_from_env");
    server = await scriptedServer([json(201, {})]);
    await (createClient(definition, { storeId: "s", baseUrl: server.url }) as any).checkouts.create({});
    expect(server.requests[0]!.headers.authorization).toBe("Bearer sk_from_env");
  });

  it("names the option and the variable when the secret is missing", () => {
    vi.stubEnv("ACME_API_KEY", "");
    expect(() => createClient(definition, { storeId: "s" })).toThrow(ConfigurationError);
    expect(() => createClient(definition, { storeId: "s" })).toThrow("missing apiKey: pass { apiKey } or set the ACME_API_KEY environment variable");
  });

  it("works where there is no process (browsers, workers)", () => {
    withProcess(undefined, () => {
      expect(() => createClient(definition, { storeId: "s" })).toThrow("missing apiKey");
    });
  });

  it("still throws ConfigurationError where reading the environment is refused (Deno without --allow-env)", () => {
    const refused = new Error('Requires env access to "ACME_API_KEY", run again with the --allow-env flag');
    const error = withProcess({ env: new Proxy({}, { get: () => { throw refused; } }) }, () => {
      try {
        createClient(definition, { storeId: "s" });
      } catch (thrown) {
        return thrown as ConfigurationError;
      }
    });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toBe(
      'acme client: missing apiKey: pass { apiKey } or set the ACME_API_KEY environment variable (Requires env access to "ACME_API_KEY", run again with the --allow-env flag)',
    );
    expect(error?.cause).toBe(refused);
  });

  it("refuses a secret with a line break, without echoing it", () => {
    const attempt = () => createClient(definition, { apiKey: "abc\r\nX-Evil: 1", storeId: "s" });
    expect(attempt).toThrow("apiKey contains a line break");
    expect(attempt).not.toThrow("X-Evil");
  });
});

describe("base URL", () => {
  it("uses the first server by default and another by name", () => {
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.url);
      return new Response("{}", { status: 201 });
    };
    const make = (server?: string) => createClient(definition, { apiKey: SECRET, storeId: "s", server, fetch }) as any;
    return Promise.all([make().checkouts.create({}), make("sandbox").checkouts.create({})]).then(() => {
      expect(seen).toEqual(["https://api.acme.test/v1/stores/s/checkouts", "https://sandbox.acme.test/v1/stores/s/checkouts"]);
    });
  });

  it("rejects an unknown server name", () => {
    expect(() => createClient(definition, { apiKey: SECRET, storeId: "s", server: "staging" })).toThrow('unknown server "staging"; use one of "production", "sandbox"');
  });

  it("refuses plain HTTP except on loopback, so a secret never travels in clear text", () => {
    const make = (baseUrl: string) => () => createClient(definition, { apiKey: SECRET, storeId: "s", baseUrl });
    expect(make("http://api.acme.test")).toThrow(/HTTPS only/);
    expect(make("http://10.0.0.5:8080")).toThrow(ConfigurationError);
    expect(make("ftp://api.acme.test")).toThrow(ConfigurationError);
    expect(make("not a url")).toThrow("baseUrl is not an absolute URL");
    expect(make("https://user:pw@api.acme.test")).toThrow("must not carry credentials");
    for (const ok of ["https://proxy.acme.test/base/", "http://localhost:4010", "http://127.0.0.1:1", "http://[::1]:80", "http://shop.localhost"]) {
      expect(make(ok)).not.toThrow();
    }
  });
});

describe("bound options and headers", () => {
  it("fills bound path parameters and headers, and checks their values", async () => {
    server = await scriptedServer([json(201, {}), json(201, {})]);
    await acme(server.url, { storeId: "store 9/x", apiVersion: "2026-03" }).checkouts.create({});
    expect(server.requests[0]!.url).toBe("/v1/stores/store%209%2Fx/checkouts");
    expect(server.requests[0]!.headers["acme-version"]).toBe("2026-03");
    await acme(server.url).checkouts.create({});
    expect(server.requests[1]!.headers["acme-version"]).toBe("2026-04");
    expect(() => acme(server.url, { storeId: undefined })).toThrow("storeId is required");
    expect(() => acme(server.url, { apiVersion: "2020-01" })).toThrow('apiVersion must be one of "2026-03", "2026-04"');
    expect(() => acme(server.url, { storeId: 42 })).toThrow("storeId must be a string");
  });

  it("identifies itself, and merges client and call headers", async () => {
    server = await scriptedServer([json(201, {})]);
    await acme(server.url, { headers: { "x-team": "growth", "x-both": "client" } }).checkouts.create({}, { headers: { "x-both": "call" } });
    const headers = server.requests[0]!.headers;
    expect(headers["user-agent"]).toBe("checkoutkit @checkoutkit/acme/1.2.3");
    expect(headers["x-team"]).toBe("growth");
    expect(headers["x-both"]).toBe("call");
    expect(headers["content-type"]).toBe("application/json");
  });

  it("sends a header once, whatever the case a config gives it in: the credential wins over config.headers", async () => {
    server = await scriptedServer([json(201, {})]);
    await acme(server.url, { headers: { Authorization: "Basic c3RhbGU=" } }).checkouts.create({});
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it("leaves the User-Agent to the browser", async () => {
    vi.stubGlobal("document", {});
    server = await scriptedServer([json(201, {})]);
    await acme(server.url).checkouts.create({});
    expect(server.requests[0]!.headers["user-agent"]).not.toContain("checkoutkit");
  });

  it("checks arguments before sending anything", async () => {
    server = await scriptedServer([]);
    const client = acme(server.url);
    expect(() => client.checkouts.retrieve("")).toThrow(InvalidArgumentError);
    expect(() => client.checkouts.retrieve(undefined)).toThrow("acme checkouts.retrieve: id must be a non-empty string");
    await expect(client.checkouts.create({}, { timeoutMs: -1 })).rejects.toThrow("timeoutMs must be a positive number");
    await expect(client.checkouts.create({}, { maxRetries: 1.5 })).rejects.toThrow("maxRetries must be a whole number");
    expect(() => acme(server.url, { timeoutMs: 0 })).toThrow(InvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("operations", () => {
  it("puts path parameters in the path, the query in the query string, and returns nothing for 204", async () => {
    server = await scriptedServer([json(200, { id: "chk_1" }), (_req, res) => res.writeHead(204).end()]);
    const client = acme(server.url);
    await expect(client.checkouts.retrieve("chk_1", { headers: { "x-trace": "1" } })).resolves.toEqual({ id: "chk_1" });
    await expect(client.links.delete("lnk_1", { force: true })).resolves.toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /v1/stores/store_1/checkouts/chk_1",
      "DELETE /v1/stores/store_1/links/lnk_1?force=true",
    ]);
    expect(server.requests[0]!.headers["x-trace"]).toBe("1");
  });

  it("encodes path parameters, and serialises the query the way raw (openapi-fetch) does", async () => {
    server = await scriptedServer([json(200, { id: "a/b" }), json(200, {}), (_req, res) => res.writeHead(204).end()]);
    const client = acme(server.url);
    await client.checkouts.retrieve("a/b c");
    const query = { force: true, tag: ["x y", "z&"], filter: { status: "open" }, skipped: undefined, none: null };
    await createRawClient<any>(client).DELETE("/v1/stores/{storeId}/links/{id}", { params: { path: { storeId: "store_1", id: "lnk 1" }, query } });
    await client.links.delete("lnk 1", query);
    const [retrieve, viaRaw, viaMethod] = server.requests.map((r) => r.url);
    expect(retrieve).toBe("/v1/stores/store_1/checkouts/a%2Fb%20c");
    expect(viaMethod).toBe(viaRaw);
    expect(viaMethod).toBe("/v1/stores/store_1/links/lnk%201?force=true&tag=x%20y&tag=z%26&filter[status]=open");
  });

  it("uses a custom fetch", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ id: "x" }), { status: 201 }));
    const client = createClient(definition, { apiKey: SECRET, storeId: "s", fetch }) as any;
    await expect(client.checkouts.create({ a: 1 })).resolves.toEqual({ id: "x" });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("rejects a failed call without a dangling promise", async () => {
    server = await scriptedServer([json(400, { message: "bad" })]);
    const error = await rejectionOf(acme(server.url).checkouts.create({}));
    expect(error.status).toBe(400);
  });
});

describe("client identity", () => {
  it("names the provider and API under clientIdentity, out of sight of keys, spread and JSON", () => {
    const client = createClient(definition, { apiKey: SECRET, storeId: "s" });
    expect((client as Record<symbol, unknown>)[clientIdentity]).toEqual({ provider: "acme", api: "acme-checkout", options: { storeId: "s", apiVersion: "2026-04" } });
    expect(clientIdentity).toBe(Symbol.for("checkoutkit.client"));
    expect(Object.keys(client)).not.toContain(clientIdentity);
    expect(Object.getOwnPropertySymbols({ ...client })).toEqual([]);
    expect(JSON.stringify(Object.keys(client))).not.toContain("acme-checkout");
  });

  it("keeps the bound options it was given or defaulted to, and never the credential", () => {
    const client = createClient(definition, { apiKey: SECRET, storeId: "store_9", apiVersion: "2026-03" });
    const identity = (client as Record<symbol, { options: Record<string, string> }>)[clientIdentity]!;
    expect(identity.options).toEqual({ storeId: "store_9", apiVersion: "2026-03" });
    expect(Object.isFrozen(identity.options)).toBe(true);
    expect(JSON.stringify(identity)).not.toContain(SECRET);
  });
});
