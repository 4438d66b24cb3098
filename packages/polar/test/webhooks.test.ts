import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describeMockFetch, fulfilmentLog, responseExample, describeWebhookContract, describeWebhookHandler, signDelivery, webhookExamples } from "@checkoutkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPolarClient, createWebhookHandler, toNodeHandler, verifyWebhook, WebhookVerificationError } from "../src/index.js";
import * as kit from "../src/testing.js";

// Polar keys the HMAC with this string's UTF-8 bytes, exactly as its dashboard shows it.
const secret = "polar_whs_4Tq9LmX2cVb7Nz8Rk1Yd5Hs3Wp6Jf0Ga";

// Every event example in the Polar spec round-trips; forged, tampered, stale and re-serialised deliveries are refused.
describeWebhookContract({ spec: "polar", verifyWebhook, secret, library: "standardwebhooks", eventName: (event) => event.type });

// The generated handler and test kit: status codes, awaited handlers, unknown events, node:http and parsed bodies.
describeWebhookHandler({ spec: "polar", provider: "polar", secret, createWebhookHandler, toNodeHandler, verifyWebhook, kit, library: "standardwebhooks" });
describeMockFetch({ spec: "polar", createMockFetch: kit.createMockFetch });

const orderPaid = JSON.stringify(webhookExamples("polar").find(({ name }) => name === "order.paid")!.example);

describe("receiving the payment webhook", () => {
  it("hands back an order.paid event narrowed to the paid order", async () => {
    const { headers } = signDelivery("polar", orderPaid, secret, { id: "msg_2xVq8LkP4mRt7Ns1" });
    const request = new Request("https://shop.example.com/webhooks/polar", { method: "POST", body: orderPaid, headers });

    const event = await verifyWebhook(request, secret);
    if (event.type !== "order.paid") throw new Error("expected order.paid");
    expect(event.data.id).toBe("f1a7c3e9-5b2d-4e86-8a04-6d9b3f1c7e25");
    expect(event.data.checkout_id).toBe("3c9d7e1f-4a2b-4c8d-9e6f-1a5b7c3d9e2f");
    expect(event.data.metadata).toEqual({ order_ref: "ORD-10042", source: "pricing-page" });
    expect(event.data.total_amount).toBe(3106);
  });

  describe("with the README's node:http handler", () => {
    const fulfilled: string[] = [];
    const seen = new Set<string>();
    let server: Server;
    let url: string;

    beforeAll(async () => {
      server = createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk);
        try {
          const event = await verifyWebhook({ body: Buffer.concat(chunks), headers: req.headers }, secret);
          const id = req.headers["webhook-id"] as string; // the same on every retry of a delivery
          if (event.type === "order.paid" && !seen.has(id)) {
            seen.add(id);
            fulfilled.push(event.data.metadata.order_ref as string);
          }
          res.writeHead(200).end();
        } catch (error) {
          if (!(error instanceof WebhookVerificationError)) throw error;
          res.writeHead(400).end(error.reason);
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/polar`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const post = (body: string, headers: Record<string, string>) => fetch(url, { method: "POST", body, headers });

    it("fulfils a signed order.paid once, even when Polar delivers it twice", async () => {
      const { headers } = signDelivery("polar", orderPaid, secret, { id: "msg_2xVq8LkP4mRt7Ns1" });

      expect((await post(orderPaid, headers)).status).toBe(200);
      expect((await post(orderPaid, headers)).status).toBe(200);
      expect(fulfilled).toEqual(["ORD-10042"]);
    });

    it("answers 400 with the reason for a forged, tampered or unsigned delivery", async () => {
      const forged = signDelivery("polar", orderPaid, "polar_whs_someone_else", { id: "msg_forged" });
      const valid = signDelivery("polar", orderPaid, secret, { id: "msg_tampered" });
      const tampered = orderPaid.replace('"total_amount":3106', '"total_amount":1');
      expect(tampered).not.toBe(orderPaid);
      const before = fulfilled.length;

      for (const [body, headers, reason] of [
        [orderPaid, forged.headers, "bad_signature"],
        [tampered, valid.headers, "bad_signature"],
        [orderPaid, { "content-type": "application/json" }, "missing_header"],
      ] as const) {
        const response = await post(body, headers);
        expect(response.status).toBe(400);
        expect(await response.text()).toBe(reason);
      }
      expect(fulfilled.length).toBe(before);
    });
  });
});

describe("the README's createWebhookHandler and test kit", () => {
  it("fulfils order.paid once per delivery id, and tests client code against createMockFetch", async () => {
    const { alreadyHandled, fulfil, fulfilled } = fulfilmentLog();
    const POST = createWebhookHandler({
      secret,
      on: {
        "order.paid": async (event, delivery) => {
          if (await alreadyHandled(delivery.id)) return;
          await fulfil(delivery.id, event.data.checkout_id, event.data.metadata);
        },
      },
    });
    const delivery = kit.signWebhook(kit.exampleEvent("order.paid", { data: { metadata: { order_ref: "ORD-1" } } }), secret, { id: "msg_readme" });
    expect((await POST(delivery.clone())).status).toBe(200);
    expect((await POST(delivery)).status).toBe(200);
    expect(fulfilled).toEqual([["msg_readme", "3c9d7e1f-4a2b-4c8d-9e6f-1a5b7c3d9e2f", { order_ref: "ORD-1", source: "pricing-page" }]]);

    const mockFetch = kit.createMockFetch({ errors: { "checkouts.retrieve": 404 } });
    const polar = createPolarClient({ accessToken: "polar_oat_test", fetch: mockFetch, maxRetries: 0 });
    const created = await polar.checkouts.create({ products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"] } as never);
    expect(created).toEqual(responseExample("polar", "post", "/v1/checkouts/", 201));
    await expect(polar.checkouts.retrieve(created.id)).rejects.toMatchObject({ name: "ApiError", status: 404, code: "ResourceNotFound" });
    expect(mockFetch.calls.map((call) => call.operation)).toEqual(["checkouts.create", "checkouts.retrieve"]);
  });
});
