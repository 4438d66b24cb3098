/**
 * A Hono app: a checkout route that redirects the customer to the provider's checkout (`createCheckoutHandler`) and
 * one webhook route per provider (`createWebhookHandler`) that fulfils each paid order once. Both are Web-standard
 * handlers, so a Hono route hands them `c.req.raw` (the unread request: a signature covers the raw bytes) and
 * answers with what they return. Its settings come from the Worker's bindings (`c.env`).
 */
import { Hono } from "hono";
import { createCheckoutHandler, createCreemClient, createPolarClient, type CheckoutInput } from "checkoutkit";
import { createWebhookHandler as creemWebhooks } from "@checkoutkit/creem";
import { createWebhookHandler as flowgladWebhooks } from "@checkoutkit/flowglad";
import { createWebhookHandler as lemonSqueezyWebhooks } from "@checkoutkit/lemonsqueezy";
import { createWebhookHandler as paynowWebhooks } from "@checkoutkit/paynow";
import { createWebhookHandler as polarWebhooks, type WebhookDelivery } from "@checkoutkit/polar";
import { createWebhookHandler as stripeWebhooks } from "@checkoutkit/stripe";

/** The Worker's bindings (wrangler `vars` and secrets). */
export interface Env {
  /** Where the provider APIs are; left out, each client's production server. The tests point them at Prism mocks. */
  POLAR_API_URL?: string;
  CREEM_API_URL?: string;
  POLAR_ACCESS_TOKEN: string;
  CREEM_API_KEY: string;
  PAYNOW_WEBHOOK_SECRET: string;
  CREEM_WEBHOOK_SECRET: string;
  FLOWGLAD_WEBHOOK_SECRET: string;
  POLAR_WEBHOOK_SECRET: string;
  STRIPE_WEBHOOK_SECRET: string;
  LEMONSQUEEZY_WEBHOOK_SECRET: string;
  /** Where the customer lands after paying. */
  SUCCESS_URL: string;
}

/** A paid order, as this shop records it. */
export interface Fulfilment {
  provider: string;
  deliveryId: string;
  /** The shop's own reference, from the checkout's metadata or the customer. */
  reference: string;
}

/** Where the shop keeps what it fulfilled: D1, KV or a Durable Object in a real Worker. */
export interface Store {
  /** Records the order once per delivery id; false when the delivery was already handled (a retry). Throws when it cannot. */
  fulfil(order: Fulfilment): Promise<boolean>;
  list(): Promise<Fulfilment[]>;
}

/** An in-memory store that fulfils each delivery once and refuses an order without a reference. */
export function memoryStore(): Store {
  const fulfilled: Fulfilment[] = [];
  return {
    async fulfil(order) {
      if (!order.reference) throw new Error(`${order.provider} delivery ${order.deliveryId}: the order has no reference, so nothing to fulfil`);
      if (fulfilled.some((done) => done.provider === order.provider && done.deliveryId === order.deliveryId)) return false;
      fulfilled.push(order);
      return true;
    },
    list: async () => [...fulfilled],
  };
}

/** Reads the checkout form: `product`, and optionally `order` (the shop's reference) and `cancelUrl`. */
const checkoutInput = (successUrl: string) => async (request: Request): Promise<CheckoutInput> => {
  const form = await request.formData();
  const field = (name: string) => (typeof form.get(name) === "string" ? String(form.get(name)) : "");
  return {
    items: [{ product: field("product") }],
    successUrl,
    ...(field("order") ? { metadata: { order_ref: field("order") } } : {}),
    ...(field("cancelUrl") ? { cancelUrl: field("cancelUrl") } : {}),
  };
};

export function createApp(store: Store, log: (message: string) => void = console.error): Hono<{ Bindings: Env }> {
  const fulfil = (delivery: WebhookDelivery, reference: unknown) =>
    store.fulfil({ provider: delivery.provider, deliveryId: delivery.id, reference: typeof reference === "string" ? reference : "" });
  // Never the secret: a refusal says why (`bad_signature`), a handler failure what it threw.
  const onError = (error: unknown, delivery?: WebhookDelivery) => log(`webhook ${delivery?.provider ?? ""} ${delivery?.id ?? "refused"}: ${String(error)}`);

  const app = new Hono<{ Bindings: Env }>();

  app.post("/checkout/polar", (c) => {
    const polar = createPolarClient({ accessToken: c.env.POLAR_ACCESS_TOKEN, ...(c.env.POLAR_API_URL ? { baseUrl: c.env.POLAR_API_URL } : {}) });
    return createCheckoutHandler(polar, checkoutInput(c.env.SUCCESS_URL), { onError: (error) => log(`checkout polar: ${String(error)}`) })(c.req.raw);
  });
  app.post("/checkout/creem", (c) => {
    const creem = createCreemClient({ apiKey: c.env.CREEM_API_KEY, ...(c.env.CREEM_API_URL ? { baseUrl: c.env.CREEM_API_URL } : {}) });
    return createCheckoutHandler(creem, checkoutInput(c.env.SUCCESS_URL), { onError: (error) => log(`checkout creem: ${String(error)}`) })(c.req.raw);
  });

  app.post("/webhooks/paynow", (c) =>
    paynowWebhooks({ secret: c.env.PAYNOW_WEBHOOK_SECRET, onError, on: { ON_ORDER_COMPLETED: (event, delivery) => fulfil(delivery, event.body.checkout.metadata?.order_ref) } })(c.req.raw),
  );
  app.post("/webhooks/creem", (c) =>
    creemWebhooks({ secret: c.env.CREEM_WEBHOOK_SECRET, onError, on: { "checkout.completed": (event, delivery) => fulfil(delivery, event.object.request_id) } })(c.req.raw),
  );
  app.post("/webhooks/flowglad", (c) =>
    flowgladWebhooks({ secret: c.env.FLOWGLAD_WEBHOOK_SECRET, onError, on: { "purchase.completed": (event, delivery) => fulfil(delivery, event.customer.externalId) } })(c.req.raw),
  );
  app.post("/webhooks/polar", (c) =>
    polarWebhooks({ secret: c.env.POLAR_WEBHOOK_SECRET, onError, on: { "order.paid": (event, delivery) => fulfil(delivery, event.data.metadata.order_ref) } })(c.req.raw),
  );
  app.post("/webhooks/stripe", (c) =>
    stripeWebhooks({ secret: c.env.STRIPE_WEBHOOK_SECRET, onError, on: { "checkout.session.completed": (event, delivery) => fulfil(delivery, event.data.object.client_reference_id) } })(c.req.raw),
  );
  app.post("/webhooks/lemonsqueezy", (c) =>
    lemonSqueezyWebhooks({ secret: c.env.LEMONSQUEEZY_WEBHOOK_SECRET, onError, on: { order_created: (event, delivery) => fulfil(delivery, event.meta.custom_data?.order_ref) } })(c.req.raw),
  );

  // What the shop fulfilled (an admin page in a real app; the tests read it).
  app.get("/orders", async (c) => c.json(await store.list()));
  return app;
}
