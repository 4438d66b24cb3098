import { capturingFetch, responseExample, signDelivery, webhookExamples } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";
import {
  ConfigurationError,
  createCheckout,
  createLemonSqueezyClient,
  normalizeCompletedCheckout,
  UnsupportedCheckoutInputError,
  verifyLemonSqueezyWebhook,
} from "../src/index.js";
import { clients, noViolations } from "./clients.js";

const successUrl = "https://shop.example.com/thanks";
const identity = Symbol.for("checkoutkit.client");

describe("createCheckout with a Lemon Squeezy client", () => {
  it("opens a checkout for one variant in the client's store, as a JSON:API document", async () => {
    const { lemonsqueezy, fetch, sentBody } = clients();

    const checkout = await createCheckout(lemonsqueezy, {
      items: [{ product: "271828" }],
      successUrl,
      customer: { email: "ada@mail.example.com", name: "Ada Lovelace" },
      metadata: { user_id: "usr_4821" },
    });

    expect(sentBody()).toEqual({
      data: {
        type: "checkouts",
        attributes: {
          product_options: { redirect_url: successUrl },
          checkout_data: { email: "ada@mail.example.com", name: "Ada Lovelace", custom: { user_id: "usr_4821" } },
        },
        relationships: { store: { data: { type: "stores", id: "31415" } }, variant: { data: { type: "variants", id: "271828" } } },
      },
    });
    expect(fetch.exchanges[0]!.headers["content-type"]).toBe("application/vnd.api+json");
    expect(noViolations(fetch)).toBe(true);
    const raw = responseExample("lemonsqueezy", "POST", "/v1/checkouts", 201);
    expect(checkout).toEqual({
      provider: "lemonsqueezy",
      api: "lemonsqueezy",
      id: raw.data.id,
      url: raw.data.attributes.url,
      expiresAt: new Date(raw.data.attributes.expires_at),
      raw,
    });
  });

  it("merges options.provider into the attributes (test mode, a custom price)", async () => {
    const { lemonsqueezy, fetch, sentBody } = clients();

    await createCheckout(lemonsqueezy, { items: [{ product: "271828" }], successUrl }, { provider: { test_mode: true, custom_price: 1900 } });

    expect((sentBody() as { data: { attributes: unknown } }).data.attributes).toEqual({
      product_options: { redirect_url: successUrl },
      test_mode: true,
      custom_price: 1900,
    });
    expect(noViolations(fetch)).toBe(true);
  });

  it("refuses a client without storeId before any request, naming the option and the factory", async () => {
    const fetch = capturingFetch();
    const lemonsqueezy = createLemonSqueezyClient({ apiKey: "ls_facade_test_key", baseUrl: inject("prism")["lemonsqueezy"]!, fetch });

    const error = await createCheckout(lemonsqueezy, { items: [{ product: "271828" }], successUrl }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/storeId/);
    expect((error as Error).message).toMatch(/createLemonSqueezyClient\(\{ storeId/);
    expect(fetch.exchanges).toEqual([]);
  });

  it("refuses a second variant, a quantity and a cancel URL it has no field for", async () => {
    const { lemonsqueezy, fetch } = clients();
    const refused = (input: Parameters<typeof createCheckout>[1]) => createCheckout(lemonsqueezy, input).catch((e: unknown) => e);

    const two = await refused({ items: [{ product: "271828" }, { product: "271829" }], successUrl });
    const quantity = await refused({ items: [{ product: "271828", quantity: 2 }], successUrl });
    const cancel = await refused({ items: [{ product: "271828" }], successUrl, cancelUrl: "https://shop.example.com/cart" });

    expect([two, quantity, cancel].map((e) => e instanceof UnsupportedCheckoutInputError && e.field)).toEqual(["items", "items.quantity", "cancelUrl"]);
    expect(fetch.exchanges).toEqual([]);
  });
});

describe("a client's identity", () => {
  it("carries its bound options, and never its credential", () => {
    const apiKey = "ls_live_secret_do_not_print_9Xq";
    const lemonsqueezy = createLemonSqueezyClient({ apiKey, storeId: "31415" });
    const seen = (lemonsqueezy as unknown as Record<symbol, unknown>)[identity];

    expect(seen).toEqual({ provider: "lemonsqueezy", api: "lemonsqueezy", options: { storeId: "31415" } });
    expect(JSON.stringify(seen)).not.toContain(apiKey);
    expect((createLemonSqueezyClient({ apiKey }) as unknown as Record<symbol, { options: object }>)[identity]!.options).toEqual({});
  });
});

describe("normalizeCompletedCheckout with Lemon Squeezy's order_created", () => {
  it("reads the order, the buyer, the total in cents and the checkout's custom data", async () => {
    const raw = webhookExamples("lemonsqueezy").find((e) => e.name === "order_created")!.example as any;
    const secret = "lemon-facade-secret";
    const event = await verifyLemonSqueezyWebhook(signDelivery("lemonsqueezy", JSON.stringify(raw), secret), secret);

    expect(normalizeCompletedCheckout(event)).toEqual({
      provider: "lemonsqueezy",
      orderId: raw.data.id,
      customer: { email: raw.data.attributes.user_email, name: raw.data.attributes.user_name },
      amount: raw.data.attributes.total,
      currency: raw.data.attributes.currency,
      metadata: raw.meta.custom_data,
      raw,
    });
  });

  it("is null for order_refunded", async () => {
    const raw = webhookExamples("lemonsqueezy").find((e) => e.name === "order_refunded")!.example as any;
    const event = await verifyLemonSqueezyWebhook(signDelivery("lemonsqueezy", JSON.stringify(raw), "s3cret-key"), "s3cret-key");

    expect(normalizeCompletedCheckout(event)).toBeNull();
  });
});
