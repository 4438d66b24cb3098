import { signDelivery, webhookExamples } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import {
  normalizeCompletedCheckout,
  verifyCreemWebhook,
  verifyFlowgladWebhook,
  verifyPayNowWebhook,
  verifyPolarWebhook,
  WebhookVerificationError,
} from "../src/index.js";

// Each provider's "paid" event, signed as the provider would, verified through the facade's re-exports, then
// normalised. The expected values are read off the spec's own example.
const example = (spec: string, name: string) => webhookExamples(spec).find((e) => e.name === name)!.example as any;
const flowgladSecret = "whsec_" + Buffer.from("flowglad-facade-test-key-32bytes").toString("base64");

describe("normalizeCompletedCheckout", () => {
  it("PayNow ON_ORDER_COMPLETED: the order, its checkout, the buyer and the total in cents", async () => {
    const raw = example("paynow-management", "ON_ORDER_COMPLETED");
    const event = await verifyPayNowWebhook(signDelivery("paynow-management", JSON.stringify(raw), "pn_whsec_facade"), "pn_whsec_facade");
    const order = raw.body;

    expect(normalizeCompletedCheckout(event)).toEqual({
      provider: "paynow",
      checkoutId: order.checkout_id,
      orderId: order.id,
      customer: { id: order.customer.id, email: order.billing_email, name: order.billing_name },
      amount: order.total_amount,
      currency: order.currency,
      ...(Object.keys(order.checkout.metadata ?? {}).length ? { metadata: order.checkout.metadata } : {}),
      raw,
    });
  });

  it("Creem checkout.completed: the checkout, its order and the customer", async () => {
    const raw = example("creem", "checkout.completed");
    const event = await verifyCreemWebhook(signDelivery("creem", JSON.stringify(raw), "whsec_creem_facade"), "whsec_creem_facade");
    const checkout = raw.object;

    const completed = normalizeCompletedCheckout(event);

    expect(completed).toMatchObject({
      provider: "creem",
      checkoutId: checkout.id,
      orderId: checkout.order.id,
      amount: checkout.order.amount,
      currency: checkout.order.currency,
      raw,
    });
    const customerId = typeof checkout.customer === "string" ? checkout.customer : checkout.customer.id;
    expect(completed?.customer?.id).toBe(customerId);
    if (checkout.metadata) expect(completed?.metadata).toEqual(checkout.metadata);
  });

  it("Flowglad purchase.completed: only the purchase and its customer, as the body is thin", async () => {
    const raw = example("flowglad", "purchase.completed");
    const event = await verifyFlowgladWebhook(signDelivery("flowglad", JSON.stringify(raw), flowgladSecret), flowgladSecret);

    expect(normalizeCompletedCheckout(event)).toEqual({
      provider: "flowglad",
      orderId: raw.id,
      customer: { id: raw.customer.id, externalId: raw.customer.externalId },
      raw,
    });
  });

  it("Polar order.paid: the order, its checkout, the customer, the total and your metadata", async () => {
    const raw = example("polar", "order.paid");
    const event = await verifyPolarWebhook(signDelivery("polar", JSON.stringify(raw), "polar_whs_facade"), "polar_whs_facade");
    const order = raw.data;

    const completed = normalizeCompletedCheckout(event);

    expect(completed).toMatchObject({
      provider: "polar",
      checkoutId: order.checkout_id,
      orderId: order.id,
      customer: { id: order.customer.id, email: order.customer.email },
      amount: order.total_amount,
      currency: order.currency,
      raw,
    });
    if (order.customer.external_id) expect(completed?.customer?.externalId).toBe(order.customer.external_id);
    if (Object.keys(order.metadata).length) expect(completed?.metadata).toEqual(order.metadata);
  });

  const others = [
    ...webhookExamples("paynow-management").filter((e) => e.name !== "ON_ORDER_COMPLETED"),
    ...webhookExamples("flowglad").filter((e) => e.name !== "purchase.completed"),
    ...webhookExamples("polar").filter((e) => e.name !== "order.paid"),
  ];
  it.each(others)("returns null for $name, which is not a completed checkout", ({ example }) => {
    expect(normalizeCompletedCheckout(example as never)).toBeNull();
  });

  it("is exported next to the verifiers, whose failures are the one WebhookVerificationError", async () => {
    const raw = JSON.stringify(example("creem", "checkout.completed"));
    const forged = { body: raw, headers: { "creem-signature": "00".repeat(32) } };
    await expect(verifyCreemWebhook(forged, "whsec_creem_facade")).rejects.toBeInstanceOf(WebhookVerificationError);
  });
});
