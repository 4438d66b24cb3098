import { describe, expect, it } from "vitest";
import { loadSpec, readWebhookModel, readWebhooks, SpecDocument, SpecError, type Node } from "../src/index.js";

// A spec with one webhook, its x-checkoutkit-webhooks replaced by `rules` (and the rest patched by `patch`).
function specWith(rules: Node | undefined, patch: (doc: Node) => void = () => {}) {
  const doc: Node = {
    openapi: "3.1.0",
    "x-checkoutkit-webhooks": rules,
    webhooks: {
      "order.paid": {
        post: {
          requestBody: {
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/OrderPaid" },
                example: { id: "evt_1", type: "order.paid", data: {} },
              },
            },
          },
        },
      },
    },
    components: { schemas: { OrderPaid: { type: "object", properties: { id: { type: "string" }, type: { type: "string", const: "order.paid" } } } } },
  };
  if (rules === undefined) delete doc["x-checkoutkit-webhooks"];
  patch(doc);
  return new SpecDocument("/repo/specs/shop/openapi.yaml", doc, { source: "specs/shop/openapi.yaml" });
}

const standard = {
  event: "ShopWebhookEvent",
  type: "type",
  deliveryId: { header: "webhook-id" },
  signature: { header: "webhook-signature", syntax: "versioned", version: "v1", signed: "{id}.{timestamp}.{body}", encoding: "base64", key: "utf8" },
  id: { header: "webhook-id" },
  timestamp: { header: "webhook-timestamp", unit: "s", tolerance: 300, window: "both" },
};

function refusal(spec: SpecDocument): SpecError {
  try {
    readWebhooks(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error("the spec was accepted");
}

describe("readWebhooks", () => {
  it("reads every provider's scheme from its spec", () => {
    expect(readWebhooks(loadSpec("polar"))).toMatchObject({ event: "PolarWebhookEvent", signature: { key: "utf8", syntax: "versioned" }, deliveryId: { header: "webhook-id" } });
    expect(readWebhooks(loadSpec("flowglad"))).toMatchObject({ signature: { key: "base64", keyPrefix: "whsec_" }, id: { header: "svix-id" } });
    expect(readWebhooks(loadSpec("creem"))).toMatchObject({ signature: { encoding: "hex", signed: "{body}" }, deliveryId: { body: "id" } });
    expect(readWebhooks(loadSpec("creem"))!.timestamp).toBeUndefined();
    expect(readWebhooks(loadSpec("paynow-management"))).toMatchObject({ timestamp: { header: "paynow-timestamp", unit: "ms" }, deliveryId: { body: "event_id" } });
    expect(readWebhooks(loadSpec("paynow-storefront"))).toBeUndefined();
  });

  it("names each event by the single value of its type field, through $refs", () => {
    const model = readWebhookModel(loadSpec("flowglad"))!;
    expect(model.events.map(({ name, value }) => [name, value])).toEqual([
      ["purchase.completed", "purchase"],
      ["payment.succeeded", "payment"],
    ]);
    expect(readWebhookModel(specWith(standard))!.events).toEqual([
      { name: "order.paid", value: "order.paid", example: { id: "evt_1", type: "order.paid", data: {} }, pointer: "/webhooks/order.paid/post/requestBody/content/application~1json" },
    ]);
  });

  it("accepts a Stripe-style scheme: the timestamp a t= pair of the signature header, a past-only window", () => {
    const stripe = {
      ...standard,
      deliveryId: { body: "id" },
      signature: { header: "stripe-signature", syntax: "pairs", version: "v1", signed: "{timestamp}.{body}", encoding: "hex", key: "utf8" },
      id: undefined,
      timestamp: { pair: "t", unit: "s", tolerance: 300, window: "past" },
    };
    delete stripe.id;
    expect(readWebhooks(specWith(stripe))).toMatchObject({ timestamp: { pair: "t", window: "past" } });
  });

  it("refuses a word outside the vocabulary, naming file and pointer", () => {
    const error = refusal(specWith({ ...standard, signature: { ...standard.signature, encoding: "base32" } }));
    expect(error.message).toBe('specs/shop/openapi.yaml#/x-checkoutkit-webhooks/signature/encoding: must be one of "hex", "base64"');
    expect(refusal(specWith({ ...standard, scheme: "svix" })).message).toMatch(/#\/x-checkoutkit-webhooks: has "scheme", which is not part of the vocabulary/);
  });

  it("refuses signed content whose parts have no source", () => {
    const { id: _, ...noId } = standard;
    expect(refusal(specWith(noId)).message).toMatch(/#\/x-checkoutkit-webhooks\/signature\/signed: uses \{id\}/);
    const { timestamp: __, ...noTimestamp } = standard;
    expect(refusal(specWith(noTimestamp)).message).toMatch(/signature\/signed: uses \{timestamp\}/);
  });

  it("refuses a timestamp pair without the pairs syntax, and pairs with a timestamp header", () => {
    const pair = { ...standard, timestamp: { pair: "t", unit: "s", tolerance: 300, window: "past" } };
    expect(refusal(specWith(pair)).message).toMatch(/#\/x-checkoutkit-webhooks\/timestamp\/pair: a timestamp pair needs signature syntax "pairs"/);
    const pairs = { ...standard, signature: { ...standard.signature, syntax: "pairs" } };
    expect(refusal(specWith(pairs)).message).toMatch(/#\/x-checkoutkit-webhooks\/timestamp: with signature syntax "pairs"/);
  });

  it("refuses webhooks without the extension, and the extension without webhooks", () => {
    expect(refusal(specWith(undefined)).message).toMatch(/#\/webhooks: needs x-checkoutkit-webhooks/);
    expect(refusal(specWith(standard, (doc) => delete doc.webhooks)).message).toMatch(/#\/x-checkoutkit-webhooks: is set but the spec has no webhooks/);
  });

  it("refuses an event without an example, or whose schema lacks the type field", () => {
    const noExample = specWith(standard, (doc) => delete doc.webhooks["order.paid"].post.requestBody.content["application/json"].example);
    expect(refusal(noExample).message).toMatch(/#\/webhooks\/order.paid\/post\/requestBody\/content\/application~1json: needs an example/);
    const noType = specWith(standard, (doc) => delete doc.components.schemas.OrderPaid.properties.type);
    expect(refusal(noType).message).toMatch(/#\/components\/schemas\/OrderPaid: has no property "type"/);
    const open = specWith(standard, (doc) => (doc.components.schemas.OrderPaid.properties.type = { type: "string" }));
    expect(refusal(open).message).toMatch(/#\/components\/schemas\/OrderPaid\/properties\/type: must have one string value/);
  });

  it("refuses two events the type field cannot tell apart, and an example without its delivery id", () => {
    const twin = specWith(standard, (doc) => (doc.webhooks["order.created"] = structuredClone(doc.webhooks["order.paid"])));
    expect(refusal(twin).message).toMatch(/`type` is "order.paid", as in order.paid: the two events cannot be told apart/);
    const byBody = specWith({ ...standard, deliveryId: { body: "event_id" } });
    expect(refusal(byBody).message).toMatch(/has no event_id, which deliveryId names/);
  });
});
