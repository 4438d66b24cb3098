import { createHmac } from "node:crypto";
import { describeMockFetch, describeWebhookContract, describeWebhookHandler, fulfilmentLog } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import { createLemonSqueezyClient, createWebhookHandler, toNodeHandler, verifyWebhook, WebhookVerificationError } from "../src/index.js";
import * as kit from "../src/testing.js";

// The signing secret is whatever you typed in the dashboard (6 to 40 characters), used as is.
const secret = "lemon-webhook-secret-7Kq2";

// Every event example in the spec round-trips; forged, tampered and re-serialised deliveries are refused.
describeWebhookContract({ spec: "lemonsqueezy", verifyWebhook, secret, eventName: (event) => event.meta.event_name });

// The generated handler and test kit: status codes, awaited handlers, unknown events, node:http and parsed bodies.
describeWebhookHandler({ spec: "lemonsqueezy", provider: "lemonsqueezy", secret, createWebhookHandler, toNodeHandler, verifyWebhook, kit });
describeMockFetch({ spec: "lemonsqueezy", createMockFetch: kit.createMockFetch });

/** A delivery signed the way Lemon Squeezy documents it, computed here without the package's own signer. */
function delivery(body: string, key = secret): Request {
  const signature = createHmac("sha256", key).update(body).digest("hex");
  const event = (JSON.parse(body) as { meta: { event_name: string } }).meta.event_name;
  return new Request("https://shop.example.com/webhooks/lemonsqueezy", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-event-name": event, "x-signature": signature },
  });
}

describe("receiving the order_created webhook", () => {
  it("verifies X-Signature (hex HMAC-SHA256 of the raw body) and narrows the event on meta.event_name", async () => {
    const body = JSON.stringify(kit.exampleEvent("order_created", { meta: { custom_data: { user_id: "usr_9" } } }));

    const event = await verifyWebhook(delivery(body), secret);

    if (event.meta.event_name !== "order_created") throw new Error("expected order_created");
    expect(event.data.type).toBe("orders");
    expect(event.data.attributes.status).toBe("paid");
    expect(event.data.attributes.total).toBe(2761);
    expect(event.meta.custom_data).toEqual({ user_id: "usr_9" });
  });

  it("refuses a body changed after signing, and a signature made with another secret", async () => {
    const body = JSON.stringify(kit.exampleEvent("order_created"));
    const signed = delivery(body);
    const tampered = new Request(signed.url, { method: "POST", body: body.replace('"total":2761', '"total":1'), headers: signed.headers });

    await expect(verifyWebhook(tampered, secret)).rejects.toMatchObject({ name: "WebhookVerificationError", reason: "bad_signature" });
    await expect(verifyWebhook(delivery(body, "someone-elses-secret"), secret)).rejects.toMatchObject({ reason: "bad_signature" });
  });

  it("never puts the secret in a refusal", async () => {
    const body = JSON.stringify(kit.exampleEvent("order_created"));
    const error = await verifyWebhook(delivery(body, "a-wrong-secret"), secret).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(`${String(error)} ${(error as Error).stack} ${JSON.stringify(error)}`).not.toContain(secret);
  });

  it("signs with the test kit exactly as Lemon Squeezy does", async () => {
    const event = kit.exampleEvent("order_refunded");
    const signed = kit.signWebhook(event, secret);
    const body = await signed.clone().text();

    expect(signed.headers.get("x-signature")).toBe(createHmac("sha256", secret).update(body).digest("hex"));
    await expect(verifyWebhook(signed, secret)).resolves.toEqual(event);
  });
});

describe("the README's createWebhookHandler and test kit", () => {
  it("fulfils order_created once per order, and tests client code against createMockFetch", async () => {
    const { alreadyHandled, fulfil, fulfilled } = fulfilmentLog();
    const POST = createWebhookHandler({
      secret,
      on: {
        order_created: async (event, delivery) => {
          // No delivery ID in Lemon Squeezy's deliveries: delivery.id is the order's ID (data.id).
          if (await alreadyHandled(`order_created:${delivery.id}`)) return;
          if (event.data.attributes.status === "paid") await fulfil(event.data.id, event.meta.custom_data?.user_id);
        },
      },
    });
    const signed = kit.signWebhook(kit.exampleEvent("order_created"), secret);
    expect((await POST(signed.clone())).status).toBe(200);
    expect((await POST(signed)).status).toBe(200);
    expect(fulfilled).toEqual([["1734202", "usr_4821"]]);

    const mockFetch = kit.createMockFetch({ errors: { "checkouts.retrieve": 404 } });
    const lemon = createLemonSqueezyClient({ apiKey: "ls_test_key", fetch: mockFetch, maxRetries: 0 });
    await expect(lemon.checkouts.retrieve("5e8b546c-c561-4a2c-a586-40c18bb2a195")).rejects.toMatchObject({ name: "ApiError", status: 404 });
    expect(mockFetch.calls).toEqual([expect.objectContaining({ operation: "checkouts.retrieve", method: "GET" })]);
  });
});
