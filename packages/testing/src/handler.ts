/**
 * The sweep every provider package runs over its generated `createWebhookHandler`, `toNodeHandler` and `./testing`
 * kit, with deliveries signed independently (node:crypto driven by the spec's description, and the providers' own
 * libraries where one exists).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { listOperations, loadSpec as loadSpecDocument } from "@checkoutkit/spec-model";
import { describe, expect, it, vi } from "vitest";
import { otherSecret, providerLibraries, signDelivery, webhookExamples, webhookRules, type ProviderLibrary } from "./webhooks.js";

type Handler = (request: Request) => Promise<Response>;
type Delivery = { id: string; provider: string; timestamp?: Date; eventType: string };
type NodeHandler = (req: any, res: any) => Promise<void>;

export interface WebhookHandlerContract {
  spec: string;
  provider: string;
  secret: string;
  createWebhookHandler: (options: any) => Handler;
  toNodeHandler: (handler: Handler, options?: { log?: (message: string) => void }) => NodeHandler;
  verifyWebhook: (request: any, secret: string, options?: any) => Promise<unknown>;
  /** The package's `./testing` kit. */
  kit: {
    signWebhook: (event: any, secret: string, options?: { id?: string; timestamp?: Date | number; url?: string }) => Request;
    exampleEvent: (type: any, overrides?: any) => any;
    createMockFetch: (options?: any) => ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) & { calls: unknown[] };
  };
  /** The provider's own library, when it has one: it must accept what the kit signs. */
  library?: ProviderLibrary;
}

const post = (body: string, headers: Record<string, string>) =>
  new Request("https://shop.example.com/webhooks", { method: "POST", body, headers });

/** Deep-copies `value` with the field at the dotted `path` set to `to`. */
function withValue(value: unknown, path: string, to: unknown) {
  const copy = structuredClone(value) as Record<string, any>;
  const keys = path.split(".");
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key];
  node[keys[keys.length - 1]!] = to;
  return copy;
}

const valueAt = (value: unknown, path: string): unknown => path.split(".").reduce<any>((node, key) => node?.[key], value);

export function describeWebhookHandler({ spec, provider, secret, createWebhookHandler, toNodeHandler, verifyWebhook, kit, library }: WebhookHandlerContract) {
  const rules = webhookRules(spec);
  const examples = webhookExamples(spec);
  const first = examples[0]!;
  const sign = (event: unknown, options: { at?: number; id?: string; key?: string } = {}) => {
    const body = JSON.stringify(event);
    return post(body, signDelivery(rules, body, options.key ?? secret, { id: options.id ?? "msg_handler_1", at: options.at }).headers);
  };
  const unknownEvent = withValue(first.example, rules.type, "something.the_spec_does_not_know");
  const deliveryIdOf = (event: unknown, id: string) => (rules.deliveryId.header !== undefined ? id : String(valueAt(event, rules.deliveryId.body!)));

  describe(`${spec} webhooks: createWebhookHandler`, () => {
    it.each(examples)("awaits the $name handler once with the typed event and the delivery, then answers 200", async ({ name, example }) => {
      const calls: Array<[unknown, Delivery]> = [];
      let finished = false;
      const handle = createWebhookHandler({
        secret,
        on: {
          [name]: async (event: unknown, delivery: Delivery) => {
            calls.push([event, delivery]);
            await new Promise((resolve) => setTimeout(resolve, 20));
            finished = true;
          },
        },
      });
      const at = Date.now();
      const response = await handle(sign(example, { id: "msg_handler_2", at }));
      expect(response.status).toBe(200);
      expect(finished).toBe(true);
      expect(calls).toHaveLength(1);
      const [event, delivery] = calls[0]!;
      expect(event).toEqual(example);
      expect(delivery).toMatchObject({ id: deliveryIdOf(example, "msg_handler_2"), provider, eventType: name });
      if (rules.timestamp) expect(delivery.timestamp?.getTime()).toBe(rules.timestamp.unit === "s" ? Math.floor(at / 1000) * 1000 : at);
      else expect(delivery.timestamp).toBeUndefined();
    });

    it("answers 400 with the reason for a tampered body, another secret and (where signed) a stale timestamp, calling no handler", async () => {
      const handled = vi.fn();
      const onError = vi.fn();
      const handle = createWebhookHandler({ secret, on: { [first.name]: handled }, onEvent: handled, onError });
      const valid = sign(first.example);
      const tampered = new Request(valid.url, { method: "POST", headers: valid.headers, body: (await valid.text()).replace(/.$/, " }") });
      const refusals: Array<[Request, string]> = [
        [tampered, "bad_signature"],
        [sign(first.example, { key: otherSecret(rules, secret) }), "bad_signature"],
        [post(JSON.stringify(first.example), { "content-type": "application/json" }), "missing_header"],
      ];
      if (rules.timestamp) refusals.push([sign(first.example, { at: Date.now() - 600_000 }), "timestamp_out_of_window"]);
      for (const [request, reason] of refusals) {
        const response = await handle(request);
        expect(response.status).toBe(400);
        const text = await response.text();
        expect(text).toBe(reason);
        expect(text).not.toContain(secret);
      }
      expect(handled).not.toHaveBeenCalled();
      expect(onError).toHaveBeenCalledTimes(refusals.length);
      expect(onError.mock.calls[0]![0]).toMatchObject({ name: "WebhookVerificationError", reason: "bad_signature", provider });
      expect(onError.mock.calls[0]![1]).toBeUndefined();
    });

    if (rules.timestamp) {
      it("takes toleranceSeconds for the replay window", async () => {
        const handle = createWebhookHandler({ secret, toleranceSeconds: 3600 });
        expect((await handle(sign(first.example, { at: Date.now() - 600_000 }))).status).toBe(200);
      });
    }

    it("answers 500 when a handler throws or rejects, so that the provider retries, and tells onError", async () => {
      const failure = new Error("the database is down");
      const onError = vi.fn();
      const throwing = createWebhookHandler({ secret, on: { [first.name]: () => { throw failure; } }, onError });
      const response = await throwing(sign(first.example));
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("database");
      expect(onError).toHaveBeenCalledWith(failure, expect.objectContaining({ provider, eventType: first.name }));
      const rejecting = createWebhookHandler({ secret, onEvent: async () => Promise.reject(failure) });
      expect((await rejecting(sign(first.example))).status).toBe(500);
    });

    it("answers 200 to an event type the spec does not know, calling no `on` handler; onEvent sees it untyped", async () => {
      const on = Object.fromEntries(examples.map(({ name }) => [name, vi.fn()]));
      const onEvent = vi.fn();
      const response = await createWebhookHandler({ secret, on, onEvent })(sign(unknownEvent));
      expect(response.status).toBe(200);
      for (const handler of Object.values(on)) expect(handler).not.toHaveBeenCalled();
      expect(onEvent).toHaveBeenCalledWith(unknownEvent, expect.objectContaining({ eventType: "something.the_spec_does_not_know" }));
      expect((await createWebhookHandler({ secret })(sign(unknownEvent))).status).toBe(200);
    });

    it("runs under node:http through toNodeHandler, reading the raw body itself", async () => {
      const handled: string[] = [];
      const handle = createWebhookHandler({ secret, on: { [first.name]: (_: unknown, delivery: Delivery) => void handled.push(delivery.id) } });
      const server = createServer(toNodeHandler(handle));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
        const signed = sign(first.example, { id: "msg_node_1" });
        const send = (body: string) => fetch(url, { method: "POST", headers: signed.headers, body });
        const body = await signed.text();
        expect((await send(body)).status).toBe(200);
        const refused = await send(body.replace(/.$/, " }"));
        expect(refused.status).toBe(400);
        expect(await refused.text()).toBe("bad_signature");
        expect(handled).toEqual([deliveryIdOf(first.example, "msg_node_1")]);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it("answers 500 and says how to fix it when a framework already parsed the body; takes an express.raw Buffer", async () => {
      const handled = vi.fn();
      const log = vi.fn();
      const node = toNodeHandler(createWebhookHandler({ secret, onEvent: handled }), { log });
      const signed = sign(first.example);
      const headers = Object.fromEntries(signed.headers);
      const body = await signed.text();
      const response = () => ({ statusCode: 0, headers: {} as Record<string, unknown>, body: "", setHeader(name: string, value: unknown) { this.headers[name] = value; }, end(chunk?: Uint8Array) { this.body = new TextDecoder().decode(chunk); } });

      const parsed = response();
      await node({ method: "POST", url: "/webhooks", headers, body: JSON.parse(body), on: () => {} }, parsed);
      expect(parsed.statusCode).toBe(500);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('express.raw({ type: "application/json" })'));
      expect(handled).not.toHaveBeenCalled();

      const raw = response();
      await node({ method: "POST", url: "/webhooks", headers, body: Buffer.from(body), on: () => {} }, raw);
      expect(raw.statusCode).toBe(200);
      expect(handled).toHaveBeenCalledTimes(1);
    });
  });

  describe(`${spec} test kit: signWebhook, exampleEvent`, () => {
    it.each(examples)("signs the $name example so that verifyWebhook and the handler accept it", async ({ name, example }) => {
      const event = kit.exampleEvent(name);
      expect(event).toEqual(example);
      await expect(verifyWebhook(kit.signWebhook(event, secret), secret)).resolves.toEqual(example);
      const seen = vi.fn();
      expect((await createWebhookHandler({ secret, on: { [name]: seen } })(kit.signWebhook(event, secret))).status).toBe(200);
      expect(seen).toHaveBeenCalledTimes(1);
    });

    it("signs exactly as the independent node:crypto signer does, with the given id, timestamp and url", async () => {
      const at = Date.UTC(2026, 10, 21, 12, 0, 0);
      const request = kit.signWebhook(first.example, secret, { id: "msg_kit_1", timestamp: new Date(at), url: "https://shop.example.com/hooks/x" });
      expect(request.url).toBe("https://shop.example.com/hooks/x");
      expect(request.method).toBe("POST");
      const body = await request.text();
      const expected = signDelivery(rules, body, secret, { at, id: "msg_kit_1" });
      for (const [header, value] of Object.entries(expected.headers)) expect(request.headers.get(header)).toBe(value);
      expect(deliveryIdOf(JSON.parse(body), "msg_kit_1")).toBe("msg_kit_1");
    });

    if (library) {
      it(`is accepted by the provider's own library (${library})`, async () => {
        const request = kit.signWebhook(kit.exampleEvent(first.name), secret);
        const body = await request.text();
        expect(providerLibraries[library].verify(secret, body, Object.fromEntries(request.headers))).toEqual(first.example);
      });
    }

    it("deep-merges overrides into a copy of the example, and refuses an event the spec does not declare", () => {
      const path = nestedString(first.example);
      const override = path.reduceRight<unknown>((value, key) => ({ [key]: value }), "overridden") as Record<string, unknown>;
      const overridden = kit.exampleEvent(first.name, override);
      expect(overridden).toEqual(withValue(first.example, path.join("."), "overridden"));
      expect(kit.exampleEvent(first.name)).toEqual(first.example);
      expect(() => kit.exampleEvent("no.such.event")).toThrow(/no example event "no.such.event"/);
    });
  });
}

/** The path of the first string inside an object of an example (`["data", "object", "id"]`), at least two deep. */
function nestedString(example: Record<string, unknown>, depth = 0): string[] {
  for (const [key, value] of Object.entries(example)) {
    if (typeof value === "string" && depth > 0) return [key];
    if (value === null || typeof value !== "object" || Array.isArray(value)) continue;
    const inner = nestedString(value as Record<string, unknown>, depth + 1);
    if (inner.length) return [key, ...inner];
  }
  if (depth > 0) return [];
  throw new Error("the example has no nested string field");
}

export interface MockFetchContract {
  spec: string;
  createMockFetch: WebhookHandlerContract["kit"]["createMockFetch"];
  /** Operation names carry the API's name (`paynow-management:checkouts.create`): packages with several APIs. */
  qualified?: boolean;
}

/** Every operation of the spec is answered from its examples, an error status on demand from the error examples. */
export function describeMockFetch({ spec, createMockFetch, qualified = false }: MockFetchContract) {
  const document = loadSpecDocument(spec);
  const operations = listOperations(document).map(({ method, path, op }) => {
    const example = (code: string) => {
      const content = document.deref(op.responses[code]).content ?? {};
      const json = Object.keys(content).find((type) => /^application\/(json|[^/]+\+json)$/.test(type));
      return json === undefined ? undefined : content[json]?.example;
    };
    const success = Object.keys(op.responses).find((code) => /^2\d\d$/.test(code))!;
    const errors = Object.keys(op.responses).filter((code) => /^[45]\d\d$/.test(code) && example(code) !== undefined);
    // A `default` response answers any error status asked for.
    const fallback = op.responses.default && example("default") !== undefined ? [{ status: 422, example: example("default") }] : [];
    return {
      name: `${qualified ? `${spec}:` : ""}${op["x-checkoutkit-method"]}`,
      method: method.toUpperCase(),
      path,
      init: { method: method.toUpperCase(), ...(["GET", "DELETE"].includes(method.toUpperCase()) ? {} : { body: "{}" }) },
      status: Number(success),
      example: example(success),
      errors: [...errors.map((code) => ({ status: Number(code), example: example(code) })), ...fallback],
      hasDefault: fallback.length > 0,
      url: `https://api.example.com${path.replace(/\{([^}]+)\}/g, "id_1")}`,
    };
  });

  describe(`${spec} test kit: createMockFetch`, () => {
    it.each(operations)("answers $name ($method $path) with the spec's success example", async ({ name, init, status, example, url }) => {
      const mockFetch = createMockFetch();
      const response = await mockFetch(url, init);
      expect(response.status).toBe(status);
      if (example === undefined) expect(await response.text()).toBe("");
      else expect(await response.json()).toEqual(example);
      expect(mockFetch.calls).toEqual([expect.objectContaining({ operation: name, method: init.method, url })]);
    });

    it.each(operations.filter((operation) => operation.errors.length))("answers $name with each declared error status on demand", async ({ name, init, errors, url }) => {
      for (const { status, example } of errors) {
        const response = await createMockFetch({ errors: { [name]: status } })(url, init);
        expect(response.status).toBe(status);
        expect(await response.json()).toEqual(example);
      }
    });

    it("answers an override instead of the example, merged into it when both are objects", async () => {
      const { name, init, url, example, status } = operations.find((operation) => operation.example && typeof operation.example === "object")!;
      const merged = await createMockFetch({ responses: { [name]: { overridden: true } } })(url, init);
      expect(await merged.json()).toEqual({ ...(example as object), overridden: true });
      const answered = await createMockFetch({ responses: { [name]: () => new Response("teapot", { status: 418 }) } })(url, init);
      expect(answered.status).toBe(418);
      expect(status).not.toBe(418);
    });

    it("refuses an operation or an error status the spec does not have, and answers 404 to an unknown path", async () => {
      expect(() => createMockFetch({ errors: { "no.such": 404 } })).toThrow(/no operation "no.such"/);
      const strict = operations.find((operation) => !operation.hasDefault);
      if (strict) expect(() => createMockFetch({ errors: { [strict.name]: 599 } })).toThrow(/no 599 example/);
      expect((await createMockFetch()("https://api.example.com/no/such/path")).status).toBe(404);
    });
  });
}


/**
 * The shop side of the READMEs' handler examples: `alreadyHandled(id)` answers whether a delivery id was seen (and
 * remembers it), `fulfil(...args)` records what was fulfilled in `fulfilled`.
 */
export function fulfilmentLog() {
  const handled = new Set<string>();
  const fulfilled: unknown[][] = [];
  return {
    fulfilled,
    alreadyHandled: async (id: string) => handled.has(id) || !handled.add(id),
    fulfil: async (...args: unknown[]) => void fulfilled.push(args),
  };
}
