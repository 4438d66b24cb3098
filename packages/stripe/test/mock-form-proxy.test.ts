// The mock behind the contract tests reads Stripe's bracketed forms through the test kit's form proxy
// (packages/testing/src/form-proxy.ts): these tests show it refuses what Stripe would refuse, so a client that sent
// JSON, or a wrongly bracketed form, could not pass the contract tests.
import { formToJson, loadSpec, parseForm } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("prism")["stripe"]!;
const headers = { Authorization: "Bearer sk_test_proxy", "Content-Type": "application/x-www-form-urlencoded" };
const createSchema = { $ref: "#/components/schemas/CheckoutSessionCreateParams" };

const post = (body: string, init: { headers?: Record<string, string> } = {}) =>
  fetch(`${baseUrl}/v1/checkout/sessions`, { method: "POST", body, headers: { ...headers, ...init.headers } });

describe("the Stripe mock's form proxy", () => {
  it("accepts a correct create: indices, brackets and numbers read as a form server reads them", async () => {
    const body = "mode=payment&line_items[0][price]=price_1QdXyZ2eZvKYlo2CkV4pLm8n&line_items[0][quantity]=2&metadata[order]=4821&expand[]=line_items";

    const answer = await post(body);

    expect(answer.status).toBe(200);
    expect(answer.headers.get("sl-violations")).toBeNull();
    expect(await answer.json()).toMatchObject({ object: "checkout.session", mode: "payment" });
    expect(formToJson(loadSpec("stripe"), createSchema, body)).toEqual({
      mode: "payment",
      line_items: [{ price: "price_1QdXyZ2eZvKYlo2CkV4pLm8n", quantity: 2 }],
      metadata: { order: "4821" },
      expand: ["line_items"],
    });
  });

  it("refuses a JSON body on a form operation with 415", async () => {
    const answer = await post(JSON.stringify({ mode: "payment", line_items: [{ price: "price_1", quantity: 1 }] }), {
      headers: { "Content-Type": "application/json" },
    });

    expect(answer.status).toBe(415);
  });

  it("has Prism refuse a line item without its index", async () => {
    const answer = await post("mode=payment&line_items[price]=price_1QdXyZ2eZvKYlo2CkV4pLm8n");

    // The operation declares 400 for a bad request, so Prism answers its invalid request with that 400.
    expect(answer.status).toBe(400);
    expect(answer.headers.get("sl-violations") ?? "").toMatch(/line_items/);
  });

  it("has Prism refuse a quantity that is not a number", async () => {
    const answer = await post("mode=payment&line_items[0][price]=price_1&line_items[0][quantity]=two");

    expect(answer.status).toBe(400);
    expect(answer.headers.get("sl-violations") ?? "").toMatch(/quantity/);
  });

  it("has Prism refuse a field the create body does not have", async () => {
    const answer = await post("mode=payment&line_items[0][price]=price_1&colour=blue");

    expect(answer.status).toBe(400);
  });

  it("parses Stripe's conventions: nested objects, [] lists, empty values", () => {
    expect(parseForm("a[b][0][c]=v&a[b][0][d]=w&e[]=1&e[]=2&f=")).toEqual({ a: { b: { "0": { c: "v", d: "w" } } }, e: ["1", "2"], f: "" });
    expect(formToJson(loadSpec("stripe"), createSchema, "metadata=&payment_method_types=&allow_promotion_codes=true")).toEqual({
      metadata: {},
      payment_method_types: [],
      allow_promotion_codes: true,
    });
  });
});
