import type { CreemWebhookEvent, CreemWebhookEventMap } from "@checkoutkit/creem";
import type { FlowgladWebhookEvent, FlowgladWebhookEventMap } from "@checkoutkit/flowglad";
import type { PayNowWebhookEvent, PayNowWebhookEventMap } from "@checkoutkit/paynow";
import type { PolarWebhookEvent, PolarWebhookEventMap } from "@checkoutkit/polar";

/** Any event a provider package's `verifyWebhook` returns. */
export type WebhookEvent = PayNowWebhookEvent | CreemWebhookEvent | FlowgladWebhookEvent | PolarWebhookEvent;

interface Completion<P extends string, Raw> {
  provider: P;
  /** The checkout session that was paid, when the event names it. */
  checkoutId?: string;
  /** The provider's ID of what was bought: an order, or Flowglad's purchase. Fulfil (once) against it. */
  orderId: string;
  customer?: { id?: string; email?: string; externalId?: string; name?: string };
  /** What the customer paid, in the currency's minor unit (cents). */
  amount?: number;
  /** ISO 4217 code, lower or upper case as the provider sends it. */
  currency?: string;
  /** The metadata you set when you created the checkout. */
  metadata?: Record<string, string | number | boolean>;
  /** The verified event, as the provider sent it. */
  raw: Raw;
}

/** One provider's "paid" event in a shape shared by every provider; `raw` keeps the provider's own type. */
export type CompletedCheckout =
  | Completion<"paynow", PayNowWebhookEventMap["ON_ORDER_COMPLETED"]>
  | Completion<"creem", CreemWebhookEventMap["checkout.completed"]>
  | Completion<"flowglad", FlowgladWebhookEventMap["purchase.completed"]>
  | Completion<"polar", PolarWebhookEventMap["order.paid"]>;

/**
 * Maps each provider's completion event (PayNow `ON_ORDER_COMPLETED`, Creem `checkout.completed`, Flowglad
 * `purchase.completed`, Polar `order.paid`) to one shape; `null` for any other event.
 * Pass an event `verifyWebhook` returned: this function does not check signatures.
 */
export function normalizeCompletedCheckout(event: WebhookEvent): CompletedCheckout | null {
  const e = event as Record<string, any>;
  if (e?.event_type === "ON_ORDER_COMPLETED" && e.body) {
    const order = e.body;
    return clean<CompletedCheckout>({
      provider: "paynow",
      checkoutId: order.checkout_id,
      orderId: order.id,
      customer: clean({ id: order.customer?.id, email: order.billing_email || undefined, name: order.billing_name || order.customer?.name || undefined }),
      amount: order.total_amount,
      currency: order.currency,
      metadata: scalars(order.checkout?.metadata),
      raw: event as PayNowWebhookEventMap["ON_ORDER_COMPLETED"],
    });
  }
  if (e?.eventType === "checkout.completed" && e.object) {
    const checkout = e.object;
    const customer = checkout.customer;
    return clean<CompletedCheckout>({
      provider: "creem",
      checkoutId: checkout.id,
      orderId: checkout.order?.id ?? missing("creem", "object.order.id"),
      customer: typeof customer === "string" ? { id: customer } : customer ? clean({ id: customer.id, email: customer.email, name: customer.name ?? undefined }) : undefined,
      amount: checkout.order?.amount,
      currency: checkout.order?.currency,
      metadata: scalars(checkout.metadata),
      raw: event as CreemWebhookEventMap["checkout.completed"],
    });
  }
  if (e?.type === "order.paid" && e.data) {
    const order = e.data;
    return clean<CompletedCheckout>({
      provider: "polar",
      checkoutId: order.checkout_id ?? undefined,
      orderId: order.id,
      customer: clean({ id: order.customer?.id ?? order.customer_id, email: order.customer?.email ?? undefined, externalId: order.customer?.external_id ?? undefined, name: order.customer?.name ?? undefined }),
      amount: order.total_amount,
      currency: order.currency,
      metadata: scalars(order.metadata),
      raw: event as PolarWebhookEventMap["order.paid"],
    });
  }
  if (e?.object === "purchase" && typeof e.id === "string") {
    // Flowglad's body is thin: the purchase's ID and its customer, nothing about amounts.
    return clean<CompletedCheckout>({
      provider: "flowglad",
      orderId: e.id,
      customer: e.customer ? clean({ id: e.customer.id, externalId: e.customer.externalId ?? undefined }) : undefined,
      raw: event as FlowgladWebhookEventMap["purchase.completed"],
    });
  }
  return null;
}

function missing(provider: string, field: string): never {
  throw new TypeError(`${provider} completion event has no ${field}`);
}

/** Drops undefined fields, so results compare and print cleanly. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function scalars(metadata: unknown): Record<string, string | number | boolean> | undefined {
  if (!metadata || typeof metadata !== "object") return undefined;
  const entries = Object.entries(metadata).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v));
  return entries.length ? Object.fromEntries(entries) : undefined;
}
