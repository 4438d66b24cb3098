import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadSpec, loadSpecFile, readCheckout, SpecDocument, SpecError, type Node } from "../src/index.js";

const fixture = fileURLToPath(new URL("./fixtures/acme.yaml", import.meta.url));
const create = "/paths/~1v1~1checkouts/post/x-checkoutkit-checkout";

/** The acme fixture with one change, as a spec named like the fixture file. */
function acmeWith(change: (doc: Node, checkout: Node) => void): SpecDocument {
  const doc = structuredClone(loadSpecFile(fixture).doc);
  change(doc, doc.paths["/v1/checkouts"].post["x-checkoutkit-checkout"]);
  return new SpecDocument(fixture, doc, { source: "fixtures/acme.yaml" });
}

function mistake(spec: SpecDocument): SpecError {
  try {
    readCheckout(spec);
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error("readCheckout accepted the spec");
}

describe("readCheckout", () => {
  it("reads a JSON provider's mapping, answer and completion event", () => {
    const rules = readCheckout(loadSpecFile(fixture))!;

    expect(rules.method).toEqual(["checkouts", "create"]);
    expect(rules.label).toBe("Acme");
    expect(rules.fields["items.product"]).toEqual({ support: "yes", to: "product_id" });
    expect(rules.fields.items).toEqual({ support: "no", note: "one product per checkout" });
    expect(rules.fields["customer.email"]).toEqual({ support: "yes", to: "customer_email" });
    expect(rules.result).toEqual({ id: "id", url: "url", expiresAt: { path: "expires_at", format: "iso" } });
    expect(rules.defaults).toEqual([]);
    expect(rules.completed).toMatchObject({
      event: "checkout.completed",
      // From x-checkoutkit-webhooks' type field, whose one value in this event's schema (through allOf) names it.
      match: { path: "type", value: "checkout.completed" },
      paths: { checkoutId: ["data.id"], orderId: ["data.order_id", "data.id"], customerEmail: ["data.customer_email"], metadata: ["data.metadata"] },
    });
  });

  it("reads body paths filled from the client's bound options", () => {
    const rules = readCheckout(
      acmeWith((doc, c) => {
        doc["x-checkoutkit-client"].bind = [{ option: "storeId", header: "x-acme-store" }];
        doc.components.schemas.CreateCheckout.properties.store = { type: "object", properties: { id: { type: "string" } } };
        c.bound = { "store.id": "storeId" };
      }),
    )!;
    expect(rules.bound).toEqual({ "store.id": "storeId" });
    expect(readCheckout(loadSpecFile(fixture))!.bound).toBeUndefined();
  });

  it("is undefined for a spec whose operations do not declare it", () => {
    expect(readCheckout(acmeWith((doc) => delete doc.paths["/v1/checkouts"].post["x-checkoutkit-checkout"]))).toBeUndefined();
  });

  it("reads every repository spec's declaration", () => {
    const flowglad = readCheckout(loadSpec("flowglad"))!;
    expect(flowglad.fields.cancelUrl).toEqual({ support: "required", to: "checkoutSession.cancelUrl", note: "Flowglad needs a cancel URL" });
    expect(flowglad.base).toEqual({ checkoutSession: { type: "product" } });
    expect(flowglad.defaults).toEqual([{ set: "checkoutSession.anonymous", value: true, whenAbsent: "checkoutSession.customerExternalId" }]);
    // options.provider takes the two product sessions of the oneOf, the ones `type: product` agrees with.
    expect(flowglad.providerSchemas).toEqual(["IdentifiedProductCheckoutSessionInput", "AnonymousProductCheckoutSessionInput"]);
    // The body carries no event name: `object: purchase` tells the completion apart.
    expect(flowglad.completed?.match).toEqual({ path: "object", value: "purchase" });

    expect(readCheckout(loadSpec("creem"))!.completed?.paths.customerId).toEqual(["object.customer.id", "object.customer"]);
    expect(readCheckout(loadSpec("paynow-storefront"))!.completed).toBeUndefined();
    expect(readCheckout(loadSpec("paynow-management"))!.completed?.event).toBe("ON_ORDER_COMPLETED");
  });
});

describe("readCheckout refuses, naming the file and the JSON pointer", () => {
  const cases: [string, (doc: Node, checkout: Node) => void, string, string | RegExp][] = [
    ["a body path the request schema lacks", (_, c) => (c.fields.cancelUrl = "cancel_link"), `${create}/fields/cancelUrl`, "cancel_link is not in the request body's schema (/paths/~1v1~1checkouts/post/requestBody/content/application~1json/schema)"],
    ["a list entry where the schema has no list", (_, c) => (c.fields["items.product"] = "product_id[]"), `${create}/fields/items.product`, ", or is not a list there"],
    ["an answer path the response schema lacks", (_, c) => (c.result.url = "checkout_url"), `${create}/result/url`, "checkout_url is not in the 201 answer's schema"],
    ["an expiry format the answer's type cannot hold", (_, c) => (c.result.expiresAt.format = "epoch-ms"), `${create}/result/expiresAt/format`, "epoch-ms needs integer or number at expires_at"],
    ["more than one item with no list to put them in", (_, c) => (c.fields.items = true), `${create}/fields/items`, "more than one item needs `items.product` to go to a list entry"],
    ["a word outside the vocabulary", (_, c) => (c.fields.coupon = "coupon"), `${create}/fields`, 'has "coupon", which is not part of the vocabulary'],
    ["an input field left undeclared", (_, c) => delete c.fields.reference, `${create}/fields`, 'needs "reference"'],
    ["a base value the schema does not allow", (_, c) => (c.base = { quantity: "two" }), `${create}/base/quantity`, 'does not allow "two"'],
    ["a bound option the client does not declare", (_, c) => (c.bound = { customer_email: "storeId" }), `${create}/bound/customer_email`, "names the option storeId, which x-checkoutkit-client.bind does not declare"],
    [
      "a bound body path the request schema lacks",
      (doc, c) => ((doc["x-checkoutkit-client"].bind = [{ option: "storeId", header: "x-acme-store" }]), (c.bound = { "store.id": "storeId" })),
      `${create}/bound/store.id`,
      "store.id is not in the request body's schema",
    ],
    [
      "a bound body path that holds no string",
      (doc, c) => ((doc["x-checkoutkit-client"].bind = [{ option: "storeId", header: "x-acme-store" }]), (c.bound = { quantity: "storeId" })),
      `${create}/bound/quantity`,
      "quantity does not hold a string in the request schema",
    ],
    ["a completion event that is not a webhook", (_, c) => (c.completed.event = "order.paid"), `${create}/completed/event`, 'names "order.paid", which is not a webhook of this spec'],
    ["a completion path the event lacks", (_, c) => (c.completed.orderId = ["data.order_id", "data.order.id"]), `${create}/completed/orderId/1`, "data.order.id is not in the checkout.completed event's schema"],
    [
      "a match value another event shares",
      (doc) => (doc.webhooks["checkout.expired"].post.requestBody.content["application/json"].schema.allOf[1].properties.type.const = "checkout.completed"),
      `${create}/completed`,
      "does not tell checkout.completed from checkout.expired",
    ],
  ];
  it.each(cases)("%s", (_, change, pointer, message) => {
    const error = mistake(acmeWith(change));
    expect(error.source).toBe("fixtures/acme.yaml");
    expect(error.pointer).toBe(pointer);
    expect(error.message).toContain(message);
  });
});
