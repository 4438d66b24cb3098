/**
 * `x-checkoutkit-webhooks` exactly as the generator reads it today (a named scheme the runtime knows). MERGE: the
 * webhooks vocabulary (`extensions/webhooks.ts`, `readWebhooks(spec)`) replaces this file; `SpecModel.webhooks`
 * is the one place that calls it.
 */
import { pointer, type Node, type SpecDocument } from "./document.js";
import { checkExtension, type JsonSchema } from "./validate.js";

export interface WebhooksModel {
  scheme: "paynow" | "creem" | "svix" | "standard-webhooks";
  /** The exported union type of every event, e.g. `PolarWebhookEvent`. */
  event: string;
  /** The JSON field naming the event, when the body has one. */
  type?: string;
  /** Event names (the keys of `webhooks:`), in spec order. */
  names: string[];
}

export const legacyWebhooksSchema: JsonSchema = {
  description: "an object with scheme and event (and optionally type)",
  type: "object",
  required: ["scheme", "event"],
  additionalProperties: false,
  properties: {
    scheme: { enum: ["paynow", "creem", "svix", "standard-webhooks"] },
    event: { type: "string", pattern: "^[A-Z]\\w*$", description: "a TypeScript type name" },
    type: { type: "string" },
  },
};

export function readLegacyWebhooks(spec: SpecDocument): WebhooksModel | undefined {
  const names = Object.keys((spec.doc.webhooks ?? {}) as Node);
  const rule = checkExtension<Omit<WebhooksModel, "names"> | undefined>(spec, "/x-checkoutkit-webhooks", legacyWebhooksSchema, names.length > 0);
  if (!rule) return undefined;
  if (!names.length) spec.fail("/x-checkoutkit-webhooks", "is set but the spec has no webhooks");
  for (const name of names) {
    if (!(spec.doc.webhooks[name] as Node)?.post?.requestBody) spec.fail(pointer(["webhooks", name]), "needs a post with a requestBody");
  }
  return { scheme: rule.scheme, event: rule.event, ...(rule.type ? { type: rule.type } : {}), names };
}
