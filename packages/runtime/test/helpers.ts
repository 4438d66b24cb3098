export { rejectionOf } from "@checkoutkit/testing";
import { createClient, type WebhookDefinition } from "../src/index.js";
import { definition, SECRET } from "./scripted-server.js";

type Method = (...args: unknown[]) => Promise<any> & AsyncIterable<any>;
export interface AcmeClient {
  checkouts: { create: Method; retrieve: Method; list: Method };
  sessions: { list: Method };
  links: { delete: Method };
}

export function acme(baseUrl: string, config: Record<string, unknown> = {}): AcmeClient {
  return createClient(definition, { apiKey: SECRET, storeId: "store_1", baseUrl, ...config }) as unknown as AcmeClient;
}

/** Stripe's scheme, as data: `Stripe-Signature: t=<s>,v1=<hex>`, hex HMAC of `<t>.<body>`, refusing only old ones. */
export const stripeLike: WebhookDefinition = {
  provider: "stripe",
  type: "type",
  deliveryId: { body: "id" },
  signature: { header: "stripe-signature", syntax: "pairs", version: "v1", signed: "{timestamp}.{body}", encoding: "hex", key: "utf8" },
  timestamp: { pair: "t", unit: "s", tolerance: 300, window: "past" },
};

/** Lemon Squeezy's scheme, as data: `X-Signature`, hex HMAC of the body, the event at `meta.event_name`. */
export const lemonLike: WebhookDefinition = {
  provider: "lemonsqueezy",
  type: "meta.event_name",
  deliveryId: { body: "meta.webhook_id" },
  signature: { header: "x-signature", syntax: "list", signed: "{body}", encoding: "hex", key: "utf8" },
};

/** Every item an async iterable yields (a list method's pages, walked). */
export async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
