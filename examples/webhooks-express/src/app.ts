/**
 * One Express app receiving the payment webhook of every provider. Each webhook route is a Web-standard
 * `createWebhookHandler`, served through `toNodeHandler`, mounted before the JSON body parser that the app's other
 * routes use: a signature covers the raw bytes, so the webhook routes must get them unparsed.
 */
import express, { type Express } from "express";
import { createWebhookHandler as creemWebhooks } from "@checkoutkit/creem";
import { createWebhookHandler as flowgladWebhooks } from "@checkoutkit/flowglad";
import { createWebhookHandler as lemonSqueezyWebhooks } from "@checkoutkit/lemonsqueezy";
import { createWebhookHandler as paynowWebhooks } from "@checkoutkit/paynow";
import { createWebhookHandler as polarWebhooks, toNodeHandler, type WebhookDelivery } from "@checkoutkit/polar";
import { createWebhookHandler as stripeWebhooks } from "@checkoutkit/stripe";

export interface Secrets {
  paynow: string;
  creem: string;
  flowglad: string;
  polar: string;
  stripe: string;
  lemonsqueezy: string;
}

/** A paid order, as this shop records it. */
export interface Fulfilment {
  provider: string;
  deliveryId: string;
  /** The shop's own reference, from the checkout's metadata or the customer. */
  reference: string;
}

/** Where the shop keeps what it fulfilled; a database in a real app. */
export interface Store {
  /** Records the order once per delivery id; false when the delivery was already handled (a retry). */
  fulfil(order: Fulfilment): Promise<boolean>;
}

/** An in-memory store that fulfils each delivery once. */
export function memoryStore(): Store & { fulfilled: Fulfilment[] } {
  const fulfilled: Fulfilment[] = [];
  return {
    fulfilled,
    async fulfil(order) {
      if (fulfilled.some((done) => done.provider === order.provider && done.deliveryId === order.deliveryId)) return false;
      fulfilled.push(order);
      return true;
    },
  };
}

export function createApp(secrets: Secrets, store: Store, log: (message: string) => void = console.error): Express {
  const fulfil = (delivery: WebhookDelivery, reference: unknown) =>
    store.fulfil({ provider: delivery.provider, deliveryId: delivery.id, reference: String(reference) });
  const onError = (error: unknown, delivery?: WebhookDelivery) => log(`webhook ${delivery?.provider ?? ""} ${delivery?.id ?? "refused"}: ${String(error)}`);
  const serve = (handler: (request: Request) => Promise<Response>) => toNodeHandler(handler, { log });

  const app = express();
  app.post(
    "/webhooks/paynow",
    serve(paynowWebhooks({ secret: secrets.paynow, onError, on: { ON_ORDER_COMPLETED: (event, delivery) => fulfil(delivery, event.body.checkout.metadata?.order_ref) } })),
  );
  app.post(
    "/webhooks/creem",
    serve(creemWebhooks({ secret: secrets.creem, onError, on: { "checkout.completed": (event, delivery) => fulfil(delivery, event.object.request_id) } })),
  );
  app.post(
    "/webhooks/flowglad",
    serve(flowgladWebhooks({ secret: secrets.flowglad, onError, on: { "purchase.completed": (event, delivery) => fulfil(delivery, event.customer.externalId) } })),
  );
  app.post(
    "/webhooks/polar",
    serve(polarWebhooks({ secret: secrets.polar, onError, on: { "order.paid": (event, delivery) => fulfil(delivery, event.data.metadata.order_ref) } })),
  );
  app.post(
    "/webhooks/stripe",
    serve(stripeWebhooks({ secret: secrets.stripe, onError, on: { "checkout.session.completed": (event, delivery) => fulfil(delivery, event.data.object.client_reference_id) } })),
  );
  app.post(
    "/webhooks/lemonsqueezy",
    serve(lemonSqueezyWebhooks({ secret: secrets.lemonsqueezy, onError, on: { order_created: (event, delivery) => fulfil(delivery, event.meta.custom_data?.order_ref) } })),
  );

  // Every other route reads JSON. Mounted after the webhook routes, so that it never parses their bodies.
  app.use(express.json());
  app.post("/api/notes", (req, res) => void res.status(201).json({ saved: req.body }));

  // The mistake this example guards against: a webhook route behind the JSON parser. It answers 500 and logs
  // how to fix it, rather than refusing every delivery as a bad signature.
  app.post("/webhooks/polar-behind-json-parser", serve(polarWebhooks({ secret: secrets.polar })));
  return app;
}
