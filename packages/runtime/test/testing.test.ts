import { createHash, createHmac } from "node:crypto";
import { webhookRules } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, verifyDeliveryWith, type WebhookDefinition } from "../src/index.js";
import { hmacSha256Sync, sha256 } from "../src/sha256.js";
import { stripeLike } from "./helpers.js";
import { createMockFetchWith, exampleEventWith, mergeExample, signWebhookWith, type MockOperation } from "../src/testing.js";

const schemes: Array<[string, WebhookDefinition, string]> = [
  ["paynow-management", { ...webhookRules("paynow-management"), provider: "paynow", type: "type" }, "pn_whsec_1"],
  ["creem", { ...webhookRules("creem"), provider: "creem", type: "type" }, "whsec_creem_1"],
  ["flowglad", { ...webhookRules("flowglad"), provider: "flowglad", type: "type" }, "whsec_" + Buffer.from("a-flowglad-key-of-32-bytes-long!").toString("base64")],
  ["polar", { ...webhookRules("polar"), provider: "polar", type: "type" }, "polar_whs_1"],
  ["a Stripe-like definition", stripeLike, "whsec_stripe_1"],
];

describe("signWebhookWith", () => {
  it.each(schemes)("signs for %s what the verifier accepts, with the id and timestamp it was given", async (_, definition, secret) => {
    const at = Date.UTC(2026, 10, 21, 9, 30, 15, 250);
    const event = { id: "evt_1", event_id: "evt_1", type: "order.paid" };
    const request = signWebhookWith(definition, event, secret, { id: "evt_9", timestamp: new Date(at) });
    const verified = await verifyDeliveryWith(definition, request, secret, { now: () => at });
    expect(verified.id).toBe("evt_9");
    if (definition.timestamp) expect(verified.timestamp!.getTime()).toBe(definition.timestamp.unit === "s" ? at - 250 : at);
    expect(request.headers.get("content-type")).toBe("application/json");
  });

  it("writes Stripe's header as t=…,v1=<hex>, as Stripe does, taking the time in milliseconds or seconds", () => {
    const signature = createHmac("sha256", "whsec_stripe_1").update("1700000000.{}").digest("hex");
    for (const timestamp of [1_700_000_000_000, 1_700_000_000]) {
      const request = signWebhookWith(stripeLike, "{}", "whsec_stripe_1", { timestamp });
      expect(request.headers.get("stripe-signature")).toBe(`t=1700000000,v1=${signature}`);
    }
  });

  it("refuses a secret the scheme cannot use, and makes a fresh id when none is given", () => {
    expect(() => signWebhookWith(schemes[2]![1], {}, "whsec_not base64!")).toThrow(InvalidArgumentError);
    const polar = schemes[3]![1];
    const ids = [signWebhookWith(polar, {}, "k"), signWebhookWith(polar, {}, "k")].map((request) => request.headers.get("webhook-id"));
    expect(ids[0]).toMatch(/^msg_\w{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe("example events", () => {
  const examples = { "order.paid": { type: "order.paid", data: { id: "o_1", lines: [1, 2], metadata: { a: "1" } } } };

  it("deep-merges overrides into a copy: objects by field, arrays and values replaced, undefined kept out", () => {
    const event = exampleEventWith<any>(examples, "order.paid", { data: { lines: [3], metadata: { b: "2" }, id: undefined } });
    expect(event).toEqual({ type: "order.paid", data: { id: "o_1", lines: [3], metadata: { a: "1", b: "2" } } });
    event.data.metadata.a = "changed";
    expect(examples["order.paid"].data.metadata.a).toBe("1");
    expect(mergeExample({ a: 1 }, null)).toBeNull();
  });

  it("names the events there are when asked for another", () => {
    expect(() => exampleEventWith(examples, "toString")).toThrow('no example event "toString"; the spec declares "order.paid"');
  });
});

describe("createMockFetchWith", () => {
  const operations: Record<string, MockOperation> = {
    "items.list": { method: "GET", path: "/v1/items/", status: 200, body: { items: [{ id: "i_1" }] }, errors: { default: { message: "no" } } },
    "items.retrieve": { method: "GET", path: "/v1/items/{id}", status: 200, body: { id: "i_1", name: "Pen" }, errors: { "404": { error: "not found" } } },
    "items.delete": { method: "DELETE", path: "/v1/items/{id}", status: 204, errors: {} },
  };

  it("matches literal paths before templates, under a base path, and records the call", async () => {
    const mockFetch = createMockFetchWith(operations);
    expect(await (await mockFetch("https://api.example.com/base/v1/items/")).json()).toEqual({ items: [{ id: "i_1" }] });
    const deleted = await mockFetch(new URL("https://api.example.com/v1/items/a%20b"), { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect(mockFetch.calls.map(({ operation, params }) => [operation, params])).toEqual([
      ["items.list", {}],
      ["items.delete", { id: "a b" }],
    ]);
  });

  it("answers an override (plain body, function, Response) and a non-JSON body is recorded as text", async () => {
    const mockFetch = createMockFetchWith(operations, {
      responses: { "items.retrieve": (_request, call) => ({ id: call.params.id }), "items.list": [] as never },
    });
    expect(await (await mockFetch("https://x.test/v1/items/i_9", { method: "GET" })).json()).toEqual({ id: "i_9" });
    expect(await (await mockFetch("https://x.test/v1/items/")).json()).toEqual([]);
    await mockFetch("https://x.test/v1/items/i_9", { method: "DELETE", body: "not json" });
    expect(mockFetch.calls[2]!.body).toBe("not json");
  });

  it("answers an error status from its example or the default one", async () => {
    const mockFetch = createMockFetchWith(operations, { errors: { "items.retrieve": 404, "items.list": 503 } });
    expect(await (await mockFetch("https://x.test/v1/items/i_1")).json()).toEqual({ error: "not found" });
    const unavailable = await mockFetch("https://x.test/v1/items/");
    expect([unavailable.status, await unavailable.json()]).toEqual([503, { message: "no" }]);
    expect(() => createMockFetchWith(operations, { errors: { "items.delete": 404 } })).toThrow(/no 404 example; it has none/);
  });
});

describe("the test kit's synchronous HMAC-SHA256", () => {
  it.each([0, 1, 55, 56, 63, 64, 65, 1000])("matches node:crypto for %i bytes, with short and long keys", (length) => {
    const data = Uint8Array.from({ length }, (_, i) => (i * 31) & 255);
    expect(Buffer.from(sha256(data)).toString("hex")).toBe(createHash("sha256").update(data).digest("hex"));
    for (const key of [Uint8Array.of(1, 2, 3), new Uint8Array(100).fill(7)]) {
      expect(Buffer.from(hmacSha256Sync(key, data)).toString("hex")).toBe(createHmac("sha256", key).update(data).digest("hex"));
    }
  });
});
