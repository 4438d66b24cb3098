import { responseExample, signDelivery, webhookExamples, type Delivery } from "@checkoutkit/testing";
import { describe, expect, it, vi } from "vitest";
import {
  createCheckoutHandler,
  createCompletedCheckoutHandler,
  InvalidArgumentError,
  normalizeCompletedCheckout,
  type CheckoutInput,
  type CompletedCheckout,
  type WebhookEvent,
} from "../src/index.js";
import { clients } from "./clients.js";

const secrets = {
  paynow: "pn_whsec_facade",
  creem: "whsec_creem_facade",
  flowglad: "whsec_" + Buffer.from("flowglad-facade-test-key-32bytes").toString("base64"),
  polar: "polar_whs_facade",
  lemonsqueezy: "lemon-facade-signing-secret",
};
const example = (spec: string, name: string) => webhookExamples(spec).find((e) => e.name === name)!.example as any;
const post = ({ body, headers }: Delivery) => new Request("https://shop.example.com/webhooks", { method: "POST", body, headers });

// Each provider's completion event, signed as that provider signs it (the scheme names of @checkoutkit/testing).
const paid = {
  paynow: () => example("paynow-management", "ON_ORDER_COMPLETED"),
  creem: () => example("creem", "checkout.completed"),
  flowglad: () => example("flowglad", "purchase.completed"),
  polar: () => example("polar", "order.paid"),
  lemonsqueezy: () => example("lemonsqueezy", "order_created"),
};
const sign = {
  paynow: (event: object, secret = secrets.paynow) => signDelivery("paynow-management", JSON.stringify(event), secret),
  creem: (event: object, secret = secrets.creem) => signDelivery("creem", JSON.stringify(event), secret),
  flowglad: (event: object, secret = secrets.flowglad) => signDelivery("flowglad", JSON.stringify(event), secret),
  polar: (event: object, secret = secrets.polar) => signDelivery("polar", JSON.stringify(event), secret),
  lemonsqueezy: (event: object, secret = secrets.lemonsqueezy) => signDelivery("lemonsqueezy", JSON.stringify(event), secret),
};

describe("createCompletedCheckoutHandler: one webhook endpoint for every provider", () => {
  it("tells each provider's delivery apart by its signature headers and hands over its completed checkout", async () => {
    const completed: CompletedCheckout[] = [];
    const handler = createCompletedCheckoutHandler({
      secrets,
      onCompleted: async (checkout) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        completed.push(checkout);
      },
    });
    const events = { paynow: paid.paynow(), creem: paid.creem(), flowglad: paid.flowglad(), polar: paid.polar(), lemonsqueezy: paid.lemonsqueezy() };

    for (const provider of ["paynow", "creem", "flowglad", "polar", "lemonsqueezy"] as const) {
      const response = await handler(post(sign[provider](events[provider])));
      expect(response.status).toBe(200);
      // Awaited: the checkout was handed over before the answer.
      expect(completed.at(-1)?.provider).toBe(provider);
    }

    expect(completed.map((c) => c.orderId)).toEqual([
      events.paynow.body.id,
      events.creem.object.order.id,
      events.flowglad.id,
      events.polar.data.id,
      events.lemonsqueezy.data.id,
    ]);
    expect(completed.map((c) => c.raw)).toEqual([events.paynow, events.creem, events.flowglad, events.polar, events.lemonsqueezy]);
    expect(completed).toEqual(Object.values(events).map((event) => normalizeCompletedCheckout(event as WebhookEvent)));
  });

  it("answers 400 bad_signature for a delivery signed with another secret, without calling onCompleted or echoing a secret", async () => {
    const onCompleted = vi.fn();
    const onError = vi.fn();
    const handler = createCompletedCheckoutHandler({ secrets, onCompleted, onError });

    for (const provider of ["paynow", "creem", "polar", "lemonsqueezy"] as const) {
      const response = await handler(post(sign[provider](paid[provider](), `${secrets[provider]}-rotated`)));
      expect(response.status).toBe(400);
      const body = await response.text();
      expect(body).toBe("bad_signature");
      expect(body).not.toContain(secrets[provider]);
    }
    const otherKey = "whsec_" + Buffer.from("another-key-entirely-32-bytes!!!").toString("base64");
    const response = await handler(post(sign.flowglad(paid.flowglad(), otherKey)));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("bad_signature");

    expect(onCompleted).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(5);
    expect(onError.mock.calls[0]![0]).toMatchObject({ name: "WebhookVerificationError", reason: "bad_signature", provider: "paynow" });
  });

  it("answers 200 to a verified event that is not a completion, without calling onCompleted", async () => {
    const onCompleted = vi.fn();
    const handler = createCompletedCheckoutHandler({ secrets, onCompleted });

    const others = [
      sign.paynow(example("paynow-management", "ON_PAYMENT_FAILED")),
      sign.flowglad(example("flowglad", "payment.succeeded")),
      sign.polar(example("polar", "checkout.created")),
    ];
    for (const delivery of others) {
      const response = await handler(post(delivery));
      expect(response.status).toBe(200);
    }
    expect(onCompleted).not.toHaveBeenCalled();
  });

  it("answers 400 when no provider's headers are there, or that provider has no secret here", async () => {
    const onCompleted = vi.fn();
    const handler = createCompletedCheckoutHandler({ secrets: { creem: secrets.creem }, onCompleted });

    const unsigned = await handler(new Request("https://shop.example.com/webhooks", { method: "POST", body: JSON.stringify(paid.creem()) }));
    expect(unsigned.status).toBe(400);
    expect(await unsigned.text()).toBe("missing_header");

    const fromPolar = await handler(post(sign.polar(paid.polar())));
    expect(fromPolar.status).toBe(400);
    expect(await fromPolar.text()).toBe("bad_secret");

    expect(onCompleted).not.toHaveBeenCalled();
  });

  it("answers 500 when onCompleted throws, so the provider retries, and tells onError", async () => {
    const failure = new Error("database down");
    const onError = vi.fn();
    const handler = createCompletedCheckoutHandler({ secrets, onCompleted: () => Promise.reject(failure), onError });

    const response = await handler(post(sign.polar(paid.polar())));

    expect(response.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(failure);
  });

  it("refuses a secret for a provider it does not know, when created", () => {
    expect(() => createCompletedCheckoutHandler({ secrets: { acme: "whsec_x" } as never, onCompleted: () => {} })).toThrow(InvalidArgumentError);
    expect(() => createCompletedCheckoutHandler({ secrets: { acme: "whsec_x" } as never, onCompleted: () => {} })).toThrow(
      "secrets.acme names no provider with webhooks; use paynow, creem, flowglad, polar, lemonsqueezy, stripe",
    );
  });
});

describe("createCheckoutHandler: a route that starts a checkout", () => {
  const successUrl = "https://shop.example.com/thanks";
  const form = (fields: Record<string, string>) => new Request("https://shop.example.com/checkout", { method: "POST", body: new URLSearchParams(fields) });
  const fromForm = async (request: Request): Promise<CheckoutInput> => {
    const data = await request.formData();
    const cancelUrl = data.get("cancelUrl");
    return { items: [{ product: String(data.get("product") ?? "") }], successUrl, ...(cancelUrl ? { cancelUrl: String(cancelUrl) } : {}) };
  };

  it("creates the checkout and answers 303 to its URL", async () => {
    const { polar, fetch } = clients();
    const handler = createCheckoutHandler(polar, fromForm);

    const response = await handler(form({ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94" }));

    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(responseExample("polar", "POST", "/v1/checkouts/", 201).url);
    expect(JSON.parse(fetch.exchanges[0]!.body)).toMatchObject({ products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"], success_url: successUrl });
  });

  it("answers 400 naming the field the provider cannot honour, before any request", async () => {
    const { creem, fetch } = clients();
    const handler = createCheckoutHandler(creem, fromForm);

    const response = await handler(form({ product: "prod_6tW66i0oZM7w1qXReHJrwg", cancelUrl: "https://shop.example.com/cart" }));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "UnsupportedCheckoutInputError", provider: "creem", field: "cancelUrl", reason: "unsupported" });
    expect(fetch.exchanges).toHaveLength(0);
  });

  it("answers 400 with the reason for malformed input", async () => {
    const { creem } = clients();
    const handler = createCheckoutHandler(creem, fromForm);

    const response = await handler(form({}));

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "InvalidArgumentError", message: "createCheckout (Creem): items[0].product must be a non-empty string" });
  });

  it("answers 502 when the provider refuses, naming the provider and status but never the credential", async () => {
    const { polar } = clients();
    const onError = vi.fn();
    const handler = createCheckoutHandler(polar, fromForm, { checkout: { headers: { Prefer: "code=401" } }, onError });

    const response = await handler(form({ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94" }));

    expect(response.status).toBe(502);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: "ApiError", provider: "polar", status: 401 });
    expect(body).not.toContain("polar_oat_facade_test");
    expect(onError.mock.calls[0]![0]).toMatchObject({ name: "ApiError", status: 401 });
  });
});
