import { describeMockFetch, fulfilmentLog, describeWebhookContract, describeWebhookHandler, signDelivery } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import { createCreemClient, createWebhookHandler, toNodeHandler, verifyWebhook } from "../src/index.js";
import * as kit from "../src/testing.js";

const secret = "whsec_3pQ8vN1mRk5TzYb2";

// Every event example in the Creem spec round-trips; forged, tampered and re-serialised deliveries are refused.
describeWebhookContract({ spec: "creem", verifyWebhook, secret, eventName: (event) => event.eventType });

// The generated handler and test kit: status codes, awaited handlers, unknown events, node:http and parsed bodies.
describeWebhookHandler({ spec: "creem", provider: "creem", secret, createWebhookHandler, toNodeHandler, verifyWebhook, kit });
describeMockFetch({ spec: "creem", createMockFetch: kit.createMockFetch });

describe("receiving the payment webhook", () => {
  it("hands back a checkout.completed event narrowed to the paid checkout", async () => {
    const body = JSON.stringify({
      id: "evt_5WHHcZPv7VS0YUsberIuOz",
      eventType: "checkout.completed",
      created_at: 1763718000000,
      object: { id: "ch_4l0Ns7pPzRzY1RLYwMT4Yf", object: "checkout", status: "completed", mode: "test", product: "prod_7CIbZEZnRC5DWibmoOboOu", units: 1 },
    });
    const request = new Request("https://shop.example.com/webhooks/creem", { method: "POST", body, headers: signDelivery("creem", body, secret).headers });

    const event = await verifyWebhook(request, secret);
    if (event.eventType !== "checkout.completed") throw new Error("expected checkout.completed");
    expect(event.object.id).toBe("ch_4l0Ns7pPzRzY1RLYwMT4Yf");
    expect(event.object.status).toBe("completed");
  });
});

describe("the README's createWebhookHandler and test kit", () => {
  it("fulfils checkout.completed once per event id, and tests client code against createMockFetch", async () => {
    const { alreadyHandled, fulfil, fulfilled } = fulfilmentLog();
    const POST = createWebhookHandler({
      secret,
      on: {
        "checkout.completed": async (event, delivery) => {
          if (await alreadyHandled(delivery.id)) return;
          await fulfil(event.object.id, event.object.request_id);
        },
      },
    });
    const delivery = kit.signWebhook(kit.exampleEvent("checkout.completed", { object: { request_id: "order_1" } }), secret);
    expect((await POST(delivery.clone())).status).toBe(200);
    expect((await POST(delivery)).status).toBe(200);
    expect(fulfilled).toEqual([[kit.exampleEvent("checkout.completed").object.id, "order_1"]]);

    const mockFetch = kit.createMockFetch({ errors: { "checkouts.retrieve": 404 } });
    const creem = createCreemClient({ apiKey: "creem_test_key", fetch: mockFetch, maxRetries: 0 });
    await expect(creem.checkouts.retrieve({ checkout_id: "ch_1" })).rejects.toMatchObject({ name: "ApiError", status: 404 });
    expect(mockFetch.calls).toEqual([expect.objectContaining({ operation: "checkouts.retrieve", method: "GET" })]);
  });
});
