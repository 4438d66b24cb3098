import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { signDelivery, webhookRules } from "@checkoutkit/testing";
import { describe, expect, it, vi } from "vitest";
import { createWebhookHandlerWith, InvalidArgumentError, toNodeHandler, type WebhookDefinition, type WebhookDelivery } from "../src/index.js";

// A shop whose events name themselves in `kind`, signed as Polar signs, with the delivery id in the body.
const definition: WebhookDefinition = {
  ...webhookRules("polar"),
  provider: "shop",
  type: "kind",
  events: { paid: "order.paid", refunded: "order.refunded" },
  deliveryId: { body: "event.id" },
};
type ShopEvents = { "order.paid": { kind: "paid"; event: { id: string }; total: number }; "order.refunded": { kind: "refunded"; event: { id: string } } };
const secret = "shop_whs_7Tq2Lm";
const paid = { kind: "paid", event: { id: "evt_41" }, total: 1999 };
const deliver = (event: unknown, at = Date.now()) => {
  const body = JSON.stringify(event);
  return new Request("https://shop.example.com/webhooks", { method: "POST", body, headers: signDelivery(definition, body, secret, { at }).headers });
};

describe("createWebhookHandlerWith", () => {
  it("maps the type field's value to the spec's event name for `on`, with the delivery id from the body", async () => {
    const seen: Array<[unknown, WebhookDelivery]> = [];
    const at = Date.UTC(2026, 10, 21, 9, 30, 15);
    vi.useFakeTimers({ now: at, toFake: ["Date"] });
    try {
      const handle = createWebhookHandlerWith<ShopEvents>(definition, {
        secret,
        on: { "order.paid": (event, delivery) => void seen.push([event.total, delivery]) },
      });
      expect((await handle(deliver(paid, at))).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    expect(seen).toEqual([[1999, { id: "evt_41", provider: "shop", eventType: "order.paid", timestamp: new Date(at) }]]);
  });

  it("refuses a delivery whose body has no delivery id as malformed_body", async () => {
    const response = await createWebhookHandlerWith(definition, { secret })(deliver({ kind: "paid" }));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("malformed_body");
  });

  it("answers 500 when verification fails for another reason than the delivery, and ignores a failing onError", async () => {
    const onError = vi.fn(() => {
      throw new Error("the logger is down too");
    });
    const response = await createWebhookHandlerWith(definition, { secret, toleranceSeconds: -1, onError })(deliver(paid));
    expect(response.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(expect.any(InvalidArgumentError), undefined);
  });

  it("awaits on before onEvent, and does not treat inherited names as handlers", async () => {
    const order: string[] = [];
    const handle = createWebhookHandlerWith<ShopEvents>(definition, {
      secret,
      on: { "order.paid": async () => void (await Promise.resolve(), order.push("on")) },
      onEvent: () => void order.push("onEvent"),
    });
    await handle(deliver(paid));
    expect(order).toEqual(["on", "onEvent"]);
    const toString = vi.fn();
    const odd = createWebhookHandlerWith(definition, { secret, on: Object.create({ toString }) });
    expect((await odd(deliver({ ...paid, kind: "toString" }))).status).toBe(200);
    expect(toString).not.toHaveBeenCalled();
  });

  it("needs a secret when it is built, not at the first delivery", () => {
    expect(() => createWebhookHandlerWith(definition, { secret: "" })).toThrow(InvalidArgumentError);
    expect(() => createWebhookHandlerWith(definition, { secret: undefined as never })).toThrow(/shop webhook secret/);
  });
});

describe("toNodeHandler", () => {
  it("passes the method, URL, repeated headers and a string body through, and writes the answer's headers", async () => {
    let received: Request | undefined;
    const node = toNodeHandler(async (request) => {
      received = request;
      return new Response("accepted", { status: 202, headers: { "x-handled-by": "checkoutkit" } });
    });
    const res = { statusCode: 0, headers: {} as Record<string, unknown>, body: "", setHeader(name: string, value: unknown) { this.headers[name] = value; }, end(chunk?: Uint8Array) { this.body = new TextDecoder().decode(chunk); } };
    await node({ method: "post", url: "/ignored", originalUrl: "/hooks/shop?x=1", headers: { host: "shop.example.com", "x-many": ["a", "b"], "x-none": undefined }, body: '{"a":1}', on: () => {} }, res);
    expect(received!.method).toBe("POST");
    expect(received!.url).toBe("http://shop.example.com/hooks/shop?x=1");
    expect(received!.headers.get("x-many")).toBe("a, b");
    expect(await received!.text()).toBe('{"a":1}');
    expect(res).toMatchObject({ statusCode: 202, body: "accepted", headers: { "x-handled-by": "checkoutkit" } });
  });

  it("reads a streamed body, in chunks, from node:http", async () => {
    const bodies: string[] = [];
    const server = createServer(toNodeHandler(async (request) => (bodies.push(await request.text()), new Response(null, { status: 204 }))));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const body = "x".repeat(200_000);
      expect((await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body })).status).toBe(204);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(204);
      expect(bodies).toEqual([body, ""]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("answers 500 and logs when the handler itself throws", async () => {
    const log = vi.fn();
    const res = { statusCode: 0, setHeader() {}, end() {} };
    await toNodeHandler(async () => Promise.reject(new Error("boom")), { log })({ method: "POST", headers: {}, body: "{}", on: () => {} }, res);
    expect(res.statusCode).toBe(500);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("Error: boom"));
  });

  it("logs to console.error by default when the body was parsed", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = { statusCode: 0, setHeader() {}, end() {} };
      await toNodeHandler(async () => new Response())({ method: "POST", headers: {}, body: { parsed: true }, on: () => {} }, res);
      expect(res.statusCode).toBe(500);
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/already parsed.*express\.raw/s));
    } finally {
      error.mockRestore();
    }
  });
});
