import { describeMockFetch, fulfilmentLog, describeWebhookContract, describeWebhookHandler, signDelivery } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import { createPayNowManagementClient, createWebhookHandler, toNodeHandler, verifyWebhook, WebhookVerificationError } from "../src/index.js";
import * as kit from "../src/testing.js";

const secret = "pn_whsec_8Hq2Vx5LmR9tKc3Zb7Yw";

// Every event example in the PayNow management spec round-trips; forged, tampered, stale and re-serialised
// deliveries are refused.
describeWebhookContract({ spec: "paynow-management", verifyWebhook, secret, eventName: (event) => event.event_type });

// The generated handler and test kit: status codes, awaited handlers, unknown events, node:http and parsed bodies.
describeWebhookHandler({ spec: "paynow-management", provider: "paynow", secret, createWebhookHandler, toNodeHandler, verifyWebhook, kit });
describeMockFetch({ spec: "paynow-management", createMockFetch: kit.createMockFetch, qualified: true });
describeMockFetch({ spec: "paynow-storefront", createMockFetch: kit.createMockFetch, qualified: true });

describe("receiving the payment webhook", () => {
  const body = JSON.stringify({
    event_type: "ON_ORDER_COMPLETED",
    event_id: "411502337914863616",
    body: {
      id: "411502337180860416",
      store_id: "411486491630370800",
      checkout_id: "411502201436405760",
      checkout: { id: "411502201436405760", metadata: { order_ref: "INV-2026-00042" }, lines: [] },
      currency: "USD",
      total_amount: 1606,
      status: "completed",
    },
  });

  it("hands back an ON_ORDER_COMPLETED event narrowed to the completed order", async () => {
    const request = new Request("https://shop.example.com/webhooks/paynow", { method: "POST", body, headers: signDelivery("paynow-management", body, secret).headers });

    const event = await verifyWebhook(request, secret);
    if (event.event_type !== "ON_ORDER_COMPLETED") throw new Error("expected ON_ORDER_COMPLETED");
    expect(event.event_id).toBe("411502337914863616");
    expect(event.body.checkout_id).toBe("411502201436405760");
    expect(event.body.checkout.metadata).toEqual({ order_ref: "INV-2026-00042" });
    expect(event.body.total_amount).toBe(1606);
  });

  it("refuses the same delivery signed more than 5 minutes ago", async () => {
    const { headers } = signDelivery("paynow-management", body, secret, { at: Date.now() - 6 * 60_000 });
    const error = await verifyWebhook({ body, headers }, secret).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ provider: "paynow", reason: "timestamp_out_of_window" });
  });
});

describe("the README's createWebhookHandler and test kit", () => {
  it("fulfils ON_ORDER_COMPLETED once per event_id, and tests client code against createMockFetch", async () => {
    const { alreadyHandled, fulfil, fulfilled } = fulfilmentLog();
    const POST = createWebhookHandler({
      secret,
      on: {
        ON_ORDER_COMPLETED: async (event, delivery) => {
          if (await alreadyHandled(delivery.id)) return;
          await fulfil(delivery.id, event.body.checkout_id, event.body.checkout.metadata);
        },
      },
    });
    const example = kit.exampleEvent("ON_ORDER_COMPLETED", { body: { checkout: { metadata: { order_ref: "INV-1" } } } });
    const delivery = kit.signWebhook(example, secret);
    expect((await POST(delivery.clone())).status).toBe(200);
    expect((await POST(delivery)).status).toBe(200);
    expect(fulfilled).toEqual([[example.event_id, example.body.checkout_id, expect.objectContaining({ order_ref: "INV-1" })]]);

    const mockFetch = kit.createMockFetch({ errors: { "paynow-management:checkouts.create": 422 } });
    const paynow = createPayNowManagementClient({ apiKey: "pn_key", storeId: "411486491630370001", fetch: mockFetch, maxRetries: 0 });
    await expect(paynow.checkouts.create({ customer_id: "411486491630370900", lines: [{ product_id: "411486491630370816", quantity: 1 }] })).rejects.toMatchObject({ name: "ApiError", status: 422 });
    expect(mockFetch.calls).toEqual([expect.objectContaining({ operation: "paynow-management:checkouts.create", params: { storeId: "411486491630370001" } })]);
  });
});
