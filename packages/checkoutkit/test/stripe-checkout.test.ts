// Stripe through the facade: createCheckout against Stripe's mock (whose form proxy reads the bracketed body), and
// checkout.session.completed normalised.
import { capturingFetch, responseExample, signDelivery, webhookExamples } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";
import { createCheckout, createStripeClient, normalizeCompletedCheckout, UnsupportedCheckoutInputError, verifyStripeWebhook } from "../src/index.js";

const stripeClient = () => {
  const fetch = capturingFetch();
  const client = createStripeClient({ apiKey: "sk_test_facade", baseUrl: inject("prism")["stripe"]!, fetch, maxRetries: 0 });
  return { client, fetch };
};

describe("createCheckout with a Stripe client", () => {
  it("creates a payment-mode session: prices as line items, reference as client_reference_id, expiry from Unix seconds", async () => {
    const { client, fetch } = stripeClient();

    const checkout = await createCheckout(client, {
      items: [{ product: "price_1QdXyZ2eZvKYlo2CkV4pLm8n", quantity: 2 }, { product: "price_1QdXyZ2eZvKYlo2CaBcDeFgH" }],
      successUrl: "https://shop.example.com/thanks",
      cancelUrl: "https://shop.example.com/cart",
      customer: { email: "ada.lovelace@example.com" },
      metadata: { order: "4821" },
      reference: "order_4821",
    });

    const [exchange] = fetch.exchanges;
    expect(exchange?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const sent = Object.fromEntries(new URLSearchParams(exchange!.body));
    expect(sent).toEqual({
      mode: "payment",
      "line_items[0][price]": "price_1QdXyZ2eZvKYlo2CkV4pLm8n",
      "line_items[0][quantity]": "2",
      "line_items[1][price]": "price_1QdXyZ2eZvKYlo2CaBcDeFgH",
      "line_items[1][quantity]": "1",
      success_url: "https://shop.example.com/thanks",
      cancel_url: "https://shop.example.com/cart",
      customer_email: "ada.lovelace@example.com",
      "metadata[order]": "4821",
      client_reference_id: "order_4821",
    });
    expect(exchange?.response?.status).toBe(200);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
    const raw = responseExample("stripe", "POST", "/v1/checkout/sessions", 200);
    expect(checkout).toMatchObject({ provider: "stripe", api: "stripe", id: raw.id, url: raw.url });
    expect(checkout.expiresAt?.getTime()).toBe(raw.expires_at * 1000);
  });

  it("lets options.provider choose another mode", async () => {
    const { client, fetch } = stripeClient();

    await createCheckout(
      client,
      { items: [{ product: "price_1QdXyZ2eZvKYlo2CkV4pLm8n" }], successUrl: "https://shop.example.com/thanks" },
      { provider: { mode: "subscription" } },
    );

    expect(new URLSearchParams(fetch.exchanges[0]!.body).get("mode")).toBe("subscription");
  });

  it("refuses a customer given both by ID and by email, before any request", async () => {
    const { client, fetch } = stripeClient();

    const error = await createCheckout(client, {
      items: [{ product: "price_1" }],
      successUrl: "https://shop.example.com/thanks",
      customer: { id: "cus_PqR4sT5uV6wX7y", email: "ada.lovelace@example.com" },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnsupportedCheckoutInputError);
    expect(fetch.exchanges).toHaveLength(0);
  });
});

describe("normalizeCompletedCheckout with checkout.session.completed", () => {
  it("reads the session, its payment intent as the order, the buyer and the total", async () => {
    const raw = webhookExamples("stripe").find((e) => e.name === "checkout.session.completed")!.example as any;
    const secret = "whsec_stripe_facade_test";
    const event = await verifyStripeWebhook(signDelivery("stripe", JSON.stringify(raw), secret), secret);
    const session = raw.data.object;

    expect(normalizeCompletedCheckout(event)).toEqual({
      provider: "stripe",
      checkoutId: session.id,
      orderId: session.payment_intent,
      customer: { id: session.customer, email: session.customer_details.email, name: session.customer_details.name },
      amount: session.amount_total,
      currency: session.currency,
      metadata: session.metadata,
      raw,
    });
  });
});
