import { completionRules, type CompletedCheckout, type WebhookEvent } from "./generated/completion.js";
import { getPath, isObject } from "./paths.js";

export type { CompletedCheckout, WebhookEvent };

/** One provider's "paid" event in the shape every provider shares; `CompletedCheckout` is the union of these. */
export interface Completion<P extends string, Raw> {
  provider: P;
  /** The checkout session that was paid, when the event names it. */
  checkoutId?: string;
  /** The provider's ID of what was bought (an order, or a purchase). Fulfil (once) against it. */
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

type Paths = readonly string[];

/**
 * How to tell a provider's completion event and where its fields are (generated from the `completed` part of a
 * spec's `x-checkoutkit-checkout`). Each field is read from the first of its paths that holds a value of its type.
 */
export interface CompletionRule {
  /** The event is the completion when the body holds `value` at `path`. */
  readonly match: { readonly path: string; readonly value: string | number | boolean };
  readonly paths: {
    readonly orderId: Paths;
    readonly checkoutId?: Paths;
    readonly customerId?: Paths;
    readonly customerEmail?: Paths;
    readonly customerExternalId?: Paths;
    readonly customerName?: Paths;
    readonly amount?: Paths;
    readonly currency?: Paths;
    readonly metadata?: Paths;
  };
}

/**
 * Maps each provider's completion event (the webhook its spec declares as completed; the README lists them) to
 * one shape; `null` for any other event. Pass an event `verifyWebhook` returned: this function does not check signatures.
 */
export function normalizeCompletedCheckout(event: WebhookEvent): CompletedCheckout | null {
  for (const provider of Object.keys(completionRules) as (keyof typeof completionRules)[]) {
    const completed = completionOf(provider, event);
    if (completed) return completed;
  }
  return null;
}

/** The completion `event` is, by `provider`'s rule; `null` when it is another of its events. */
export function completionOf(provider: string, event: unknown): CompletedCheckout | null {
  const rule: CompletionRule | undefined = (completionRules as Record<string, CompletionRule>)[provider];
  if (!rule || !isObject(event) || getPath(event, rule.match.path) !== rule.match.value) return null;
  const { paths } = rule;
  const text = (list: Paths | undefined) => first(event, list, (v): v is string => typeof v === "string" && v !== "");
  const orderId = text(paths.orderId);
  if (orderId === undefined) throw new TypeError(`${provider} completion event has no ${paths.orderId.join(" or ")}`);
  const customer = clean({
    id: text(paths.customerId),
    email: text(paths.customerEmail),
    externalId: text(paths.customerExternalId),
    name: text(paths.customerName),
  });
  return clean({
    provider,
    checkoutId: text(paths.checkoutId),
    orderId,
    customer: Object.keys(customer).length ? customer : undefined,
    amount: first(event, paths.amount, (v): v is number => typeof v === "number"),
    currency: text(paths.currency),
    metadata: scalars(first(event, paths.metadata, isObject)),
    raw: event,
  }) as CompletedCheckout;
}

/** The value at the first of `paths` that passes `is`. */
function first<T>(event: object, paths: Paths | undefined, is: (value: unknown) => value is T): T | undefined {
  for (const path of paths ?? []) {
    const value = getPath(event, path);
    if (is(value)) return value;
  }
  return undefined;
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
