import { responseExample } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import { createCheckout, IncompleteCheckoutError, InvalidArgumentError } from "../src/index.js";
import { clients, noViolations } from "./clients.js";

const successUrl = "https://shop.example.com/thanks";
const cancelUrl = "https://shop.example.com/cart";

describe("createCheckout maps one input onto each provider's create body", () => {
  it("PayNow Management: every item a line, the customer by ID with billing details, metadata", async () => {
    const { paynowManagement, fetch, sentBody } = clients();

    const checkout = await createCheckout(paynowManagement, {
      items: [{ product: "411486491630370816", quantity: 2 }, { product: "411486491630370817" }],
      successUrl,
      cancelUrl,
      customer: { id: "411486491630370900", email: "kai@shop.example.com", name: "Kai Nakamura" },
      metadata: { order: "INV-2026-00042" },
    });

    expect(sentBody()).toEqual({
      lines: [
        { product_id: "411486491630370816", quantity: 2 },
        { product_id: "411486491630370817", quantity: 1 },
      ],
      return_url: successUrl,
      cancel_url: cancelUrl,
      customer_id: "411486491630370900",
      customer_details: { billing_email: "kai@shop.example.com", billing_name: "Kai Nakamura" },
      metadata: { order: "INV-2026-00042" },
    });
    expect(fetch.exchanges[0]!.url).toMatch(/\/v1\/stores\/411486491630370001\/checkouts$/);
    expect(noViolations(fetch)).toBe(true);
    const raw = responseExample("paynow-management", "POST", "/v1/stores/{storeId}/checkouts", 200);
    expect(checkout).toEqual({ provider: "paynow", api: "paynow-management", id: raw.id, url: raw.url, raw });
    expect(checkout.expiresAt).toBeUndefined();
  });

  it("PayNow Storefront: lines and return/cancel URLs; the token names the customer", async () => {
    const { paynowStorefront, fetch, sentBody } = clients();

    const checkout = await createCheckout(paynowStorefront, {
      items: [{ product: "411486491630370816" }, { product: "411486491630370817", quantity: 3 }],
      successUrl,
      cancelUrl,
    });

    expect(sentBody()).toEqual({
      lines: [
        { product_id: "411486491630370816", quantity: 1 },
        { product_id: "411486491630370817", quantity: 3 },
      ],
      return_url: successUrl,
      cancel_url: cancelUrl,
    });
    expect(noViolations(fetch)).toBe(true);
    const raw = responseExample("paynow-storefront", "POST", "/v1/checkouts", 200);
    expect(checkout).toEqual({ provider: "paynow", api: "paynow-storefront", id: raw.id, url: raw.url, raw });
  });

  it("Creem: one product with units, the customer by email, metadata and the reference as request_id", async () => {
    const { creem, fetch, sentBody } = clients();

    const checkout = await createCheckout(creem, {
      items: [{ product: "prod_6tW66i0oZM7w1qXReHJrwg", quantity: 5 }],
      successUrl,
      customer: { email: "ada@mail.example.com" },
      metadata: { userId: "usr_4821" },
      reference: "order_10482",
    });

    expect(sentBody()).toEqual({
      product_id: "prod_6tW66i0oZM7w1qXReHJrwg",
      units: 5,
      success_url: successUrl,
      customer: { email: "ada@mail.example.com" },
      metadata: { userId: "usr_4821" },
      request_id: "order_10482",
    });
    expect(noViolations(fetch)).toBe(true);
    const raw = responseExample("creem", "POST", "/v1/checkouts", 200);
    expect(checkout).toEqual({ provider: "creem", api: "creem", id: "ch_5mQd1K8vXr3TnB7yHc2LwE", url: raw.checkout_url, raw });
  });

  it("Flowglad: the item is a price, the customer is your external ID, metadata becomes outputMetadata", async () => {
    const { flowglad, fetch, sentBody } = clients();

    const checkout = await createCheckout(flowglad, {
      items: [{ product: "price_2fKq8LmN4pRs7TvW", quantity: 2 }],
      successUrl,
      cancelUrl,
      customer: { externalId: "user_4821" },
      metadata: { plan: "pro" },
    });

    expect(sentBody()).toEqual({
      checkoutSession: {
        type: "product",
        priceId: "price_2fKq8LmN4pRs7TvW",
        quantity: 2,
        successUrl,
        cancelUrl,
        customerExternalId: "user_4821",
        outputMetadata: { plan: "pro" },
      },
    });
    expect(noViolations(fetch)).toBe(true);
    const raw = responseExample("flowglad", "POST", "/api/v1/checkout-sessions", 200);
    expect(checkout).toEqual({
      provider: "flowglad",
      api: "flowglad",
      id: "chckt_session_V1StGXR8Z5jdHi6BmyT",
      url: raw.url,
      expiresAt: new Date(1772546700000),
      raw,
    });
  });

  it("Flowglad: without an external customer ID the session is anonymous", async () => {
    const { flowglad, fetch, sentBody } = clients();

    await createCheckout(flowglad, { items: [{ product: "price_2fKq8LmN4pRs7TvW" }], successUrl, cancelUrl });

    expect(sentBody()).toEqual({
      checkoutSession: { type: "product", priceId: "price_2fKq8LmN4pRs7TvW", quantity: 1, successUrl, cancelUrl, anonymous: true },
    });
    expect(noViolations(fetch)).toBe(true);
  });

  it("Polar: a checkout session for the product, with every customer field, the cancel URL as the back link", async () => {
    const { polar, fetch, sentBody } = clients();

    const checkout = await createCheckout(polar, {
      items: [{ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94" }],
      successUrl,
      cancelUrl,
      customer: { email: "jamie.rivera@example.com", externalId: "usr_8412", name: "Jamie Rivera" },
      metadata: { order_ref: "ORD-10042" },
    });

    expect(sentBody()).toEqual({
      products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"],
      success_url: successUrl,
      return_url: cancelUrl,
      customer_email: "jamie.rivera@example.com",
      external_customer_id: "usr_8412",
      customer_name: "Jamie Rivera",
      metadata: { order_ref: "ORD-10042" },
    });
    expect(noViolations(fetch)).toBe(true);
    const raw = responseExample("polar", "POST", "/v1/checkouts/", 201);
    expect(checkout).toEqual({
      provider: "polar",
      api: "polar",
      id: raw.id,
      url: raw.url,
      expiresAt: new Date("2026-04-14T10:30:12.481Z"),
      raw,
    });
  });

  it("Polar: a customer given by Polar's own ID", async () => {
    const { polar, fetch, sentBody } = clients();

    await createCheckout(polar, {
      items: [{ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94", quantity: 1 }],
      successUrl,
      customer: { id: "9b1f4c2e-7d35-4a8b-b6e0-3c5d7f9a1e24" },
    });

    expect(sentBody()).toEqual({
      products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"],
      success_url: successUrl,
      customer_id: "9b1f4c2e-7d35-4a8b-b6e0-3c5d7f9a1e24",
    });
    expect(noViolations(fetch)).toBe(true);
  });
});

describe("options.provider adds what the input has no word for", () => {
  it("merges fields into the body, and into the lines the input made", async () => {
    const { paynowManagement, fetch, sentBody } = clients();

    await createCheckout(
      paynowManagement,
      { items: [{ product: "411486491630370816" }], successUrl, customer: { id: "411486491630370900", email: "kai@shop.example.com" } },
      {
        provider: {
          lines: [{ subscription: true }],
          promo_codes: ["WINTER10"],
          customer_details: { billing_address: { country: "DE" } },
        },
      },
    );

    expect(sentBody()).toEqual({
      lines: [{ product_id: "411486491630370816", quantity: 1, subscription: true }],
      return_url: successUrl,
      customer_id: "411486491630370900",
      promo_codes: ["WINTER10"],
      customer_details: { billing_email: "kai@shop.example.com", billing_address: { country: "DE" } },
    });
    expect(noViolations(fetch)).toBe(true);
  });

  it("puts Flowglad's fields inside checkoutSession", async () => {
    const { flowglad, sentBody } = clients();

    await createCheckout(
      flowglad,
      { items: [{ product: "price_2fKq8LmN4pRs7TvW" }], successUrl, cancelUrl, customer: { externalId: "user_4821" } },
      { provider: { outputName: "Pro plan (annual)", preserveBillingCycleAnchor: true } },
    );

    expect(sentBody()).toMatchObject({ checkoutSession: { outputName: "Pro plan (annual)", preserveBillingCycleAnchor: true, priceId: "price_2fKq8LmN4pRs7TvW" } });
  });

  it("refuses a provider field that would overwrite a different value the input set, naming the field", async () => {
    const { creem, fetch } = clients();

    const attempt = createCheckout(
      creem,
      { items: [{ product: "prod_6tW66i0oZM7w1qXReHJrwg" }], successUrl, reference: "order_1" },
      { provider: { request_id: "order_2" } },
    );

    await expect(attempt).rejects.toThrow(InvalidArgumentError);
    await expect(attempt).rejects.toThrow("createCheckout (Creem): options.provider.request_id conflicts with what the input sets there");
    expect(fetch.exchanges).toHaveLength(0);
  });

  it("accepts a provider field equal to what the input set", async () => {
    const { creem, sentBody } = clients();

    await createCheckout(
      creem,
      { items: [{ product: "prod_6tW66i0oZM7w1qXReHJrwg" }], successUrl, reference: "order_1" },
      { provider: { request_id: "order_1", discount_code: "LAUNCH20" } },
    );

    expect(sentBody()).toMatchObject({ request_id: "order_1", discount_code: "LAUNCH20" });
  });
});

describe("per-call options reach the provider client", () => {
  it("sends extra headers and honours an abort signal", async () => {
    const { polar, fetch } = clients();
    const input = { items: [{ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94" }], successUrl };

    await createCheckout(polar, input, { headers: { "x-trace": "facade-1" } });
    expect(fetch.exchanges[0]!.headers["x-trace"]).toBe("facade-1");

    const controller = new AbortController();
    controller.abort();
    await expect(createCheckout(polar, input, { signal: controller.signal })).rejects.toThrow();
    expect(fetch.exchanges).toHaveLength(1);
  });
});

describe("the result always has an id and a url", () => {
  it("throws IncompleteCheckoutError, carrying the answer, when Creem leaves out checkout_url", async () => {
    const answer = { ...responseExample("creem", "POST", "/v1/checkouts", 200) };
    delete answer.checkout_url;
    const { creem } = clients(() => Response.json(answer));

    const error = await createCheckout(creem, { items: [{ product: "prod_6tW66i0oZM7w1qXReHJrwg" }], successUrl }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IncompleteCheckoutError);
    expect(error).toMatchObject({ provider: "creem", field: "url", raw: answer });
    expect((error as Error).message).toBe("createCheckout (Creem): the provider's answer has no checkout_url, so the result has no url");
  });

  it("throws when an expiry is there but unreadable", async () => {
    const answer = { ...responseExample("polar", "POST", "/v1/checkouts/", 201), expires_at: "soon" };
    const { polar } = clients(() => Response.json(answer, { status: 201 }));

    const attempt = createCheckout(polar, { items: [{ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94" }], successUrl });

    await expect(attempt).rejects.toMatchObject({ name: "IncompleteCheckoutError", field: "expiresAt" });
  });
});

describe("input that is malformed for every provider", () => {
  const cases: [string, unknown, string][] = [
    ["no items", { items: [], successUrl }, "items must be a non-empty array"],
    ["an empty product", { items: [{ product: "" }], successUrl }, "items[0].product must be a non-empty string"],
    ["a fractional quantity", { items: [{ product: "p", quantity: 1.5 }], successUrl }, "items[0].quantity must be a whole number, 1 or more"],
    ["a zero quantity", { items: [{ product: "p", quantity: 0 }], successUrl }, "items[0].quantity must be a whole number, 1 or more"],
    ["no success URL", { items: [{ product: "p" }] }, "successUrl must be a non-empty string"],
    ["a non-string metadata value", { items: [{ product: "p" }], successUrl, metadata: { seats: 5 } }, "metadata.seats must be a string"],
    ["a null customer email", { items: [{ product: "p" }], successUrl, customer: { email: null } }, "customer.email must be a non-empty string"],
  ];
  for (const [what, input, message] of cases) {
    it(`rejects ${what} with InvalidArgumentError, before any request`, async () => {
      const { polar, fetch } = clients();
      const attempt = createCheckout(polar, input as never);
      await expect(attempt).rejects.toThrow(InvalidArgumentError);
      await expect(attempt).rejects.toThrow(`createCheckout (Polar): ${message}`);
      expect(fetch.exchanges).toHaveLength(0);
    });
  }

  it("rejects something that is not a checkoutkit client, naming the factories", async () => {
    const attempt = createCheckout({ checkouts: { create: async () => ({}) } } as never, { items: [{ product: "p" }], successUrl });
    await expect(attempt).rejects.toThrow(InvalidArgumentError);
    await expect(attempt).rejects.toThrow(/not a checkoutkit client; pass a client from createPayNowManagementClient, .*createPolarClient/);
  });

  it("rejects an ignoreUnsupported entry that is not an input field", async () => {
    const { creem } = clients();
    const attempt = createCheckout(creem, { items: [{ product: "p" }], successUrl }, { ignoreUnsupported: ["cancel_url" as never] });
    await expect(attempt).rejects.toThrow('ignoreUnsupported names "cancel_url", which is not one of items, items.quantity, cancelUrl');
  });
});
