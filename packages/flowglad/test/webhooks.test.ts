import { describeMockFetch, fulfilmentLog, describeWebhookContract, describeWebhookHandler, signDelivery } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";
import { createWebhookHandler, toNodeHandler, createFlowgladClient, verifyWebhook, WebhookVerificationError } from "../src/index.js";
import * as kit from "../src/testing.js";

// A Svix secret: `whsec_` and the base64 of the signing key.
const secret = "whsec_MfKQ9r4GKGbMoX4OQ1kZ3zBGRYL5JG2i";

// The body does not name the event, so the sweep maps `object` to the event name.
const eventNames = { purchase: "purchase.completed", payment: "payment.succeeded" } as const;

// Every event example in the Flowglad spec round-trips; forged, tampered, stale and re-serialised deliveries are refused.
describeWebhookContract({ spec: "flowglad", verifyWebhook, secret, library: "svix", eventName: (event) => eventNames[event.object as keyof typeof eventNames] });

// The generated handler and test kit: status codes, awaited handlers, unknown events, node:http and parsed bodies.
describeWebhookHandler({ spec: "flowglad", provider: "flowglad", secret, createWebhookHandler, toNodeHandler, verifyWebhook, kit, library: "svix" });
describeMockFetch({ spec: "flowglad", createMockFetch: kit.createMockFetch });

describe("receiving the payment webhook", () => {
  const purchaseCompleted = JSON.stringify({
    id: "prch_Lp0Ok9Ij8Uh7Yg6T",
    object: "purchase",
    customer: { id: "cust_9XyZ3aBc4DeF6gHi", externalId: "user_4821" },
    pricingModelId: "pricing_model_Ab3XyZ123Qw",
  });

  it("hands back a purchase.completed event narrowed on object", async () => {
    const { headers } = signDelivery("flowglad", purchaseCompleted, secret, { id: "msg_2xVq8LkP4mRt7Ns1" });
    const request = new Request("https://shop.example.com/webhooks/flowglad", { method: "POST", body: purchaseCompleted, headers });

    const event = await verifyWebhook(request, secret);
    if (event.object !== "purchase") throw new Error("expected a purchase");
    expect(event.id).toBe("prch_Lp0Ok9Ij8Uh7Yg6T");
    expect(event.customer).toEqual({ id: "cust_9XyZ3aBc4DeF6gHi", externalId: "user_4821" });
  });

  it("runs the README's route handler: verifies, dedupes on svix-id, reads the session for the rest", async () => {
    const flowglad = createFlowgladClient({ apiKey: "sk_test_webhooks", baseUrl: inject("prism")["flowglad"]! });
    // What the shop saved when it created the checkout session, keyed by its own user ID.
    const sessionOf = new Map([["user_4821", "chckt_session_V1StGXR8Z5jdHi6BmyT"]]);
    const handled = new Set<string>();
    const fulfilled: unknown[] = [];

    async function POST(request: Request) {
      const deliveryId = request.headers.get("svix-id");
      try {
        const event = await verifyWebhook(request, secret);
        if (event.object === "purchase" && !handled.has(deliveryId!)) {
          const { checkoutSession } = await flowglad.checkoutSessions.retrieve(sessionOf.get(event.customer.externalId)!);
          if (checkoutSession.status === "succeeded" && checkoutSession.purchaseId === event.id) {
            handled.add(deliveryId!);
            fulfilled.push({ user: event.customer.externalId, what: checkoutSession.outputName, metadata: checkoutSession.outputMetadata });
          }
        }
        return new Response(null, { status: 200 });
      } catch (error) {
        if (error instanceof WebhookVerificationError) return new Response(error.reason, { status: 400 });
        throw error;
      }
    }
    const deliver = (body: string, headers: Record<string, string>) =>
      POST(new Request("https://shop.example.com/webhooks/flowglad", { method: "POST", body, headers }));

    const signed = signDelivery("flowglad", purchaseCompleted, secret, { id: "msg_2xVq8LkP4mRt7Ns1" });
    expect((await deliver(purchaseCompleted, signed.headers)).status).toBe(200);
    // Svix retries with the same svix-id and a fresh timestamp and signature.
    const retry = signDelivery("flowglad", purchaseCompleted, secret, { id: "msg_2xVq8LkP4mRt7Ns1", at: Date.now() + 5_000 });
    expect((await deliver(purchaseCompleted, retry.headers)).status).toBe(200);
    expect(fulfilled).toEqual([{ user: "user_4821", what: "Pro plan (annual)", metadata: { plan: "pro", seats: 5 } }]);

    const forged = signDelivery("flowglad", purchaseCompleted, "whsec_" + Buffer.from("not-the-shop-secret-at-all-32b!!").toString("base64"));
    const refused = await deliver(purchaseCompleted, forged.headers);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe("bad_signature");
    expect(fulfilled).toHaveLength(1);
  });
});

describe("the README's createWebhookHandler and test kit", () => {
  it("runs purchase.completed once per svix-id, and tests client code against createMockFetch", async () => {
    const { alreadyHandled, fulfil: onPurchase, fulfilled: purchases } = fulfilmentLog();
    const POST = createWebhookHandler({
      secret,
      on: {
        "purchase.completed": async (event, delivery) => {
          if (await alreadyHandled(delivery.id)) return;
          await onPurchase(delivery.id, event.id, event.customer.externalId);
        },
      },
    });
    const delivery = kit.signWebhook(kit.exampleEvent("purchase.completed", { customer: { externalId: "user_1" } }), secret, { id: "msg_readme" });
    expect((await POST(delivery.clone())).status).toBe(200);
    expect((await POST(delivery)).status).toBe(200);
    expect(purchases).toEqual([["msg_readme", "prch_7Kq2Lm9XwR4tVb8Nc3Jd", "user_1"]]);

    const mockFetch = kit.createMockFetch({ errors: { "checkoutSessions.retrieve": 404 } });
    const flowglad = createFlowgladClient({ apiKey: "sk_test_key", fetch: mockFetch, maxRetries: 0 });
    await expect(flowglad.checkoutSessions.retrieve("chckt_session_1")).rejects.toMatchObject({ name: "ApiError", status: 404, code: "NOT_FOUND" });
  });
});
