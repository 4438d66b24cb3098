import { SpecDocument } from "@checkoutkit/spec-model";
import { describe, expect, it } from "vitest";
import { buildView, compareExtensions, compareViews } from "../src/index.js";

/** A one-operation document: `request` is the body schema of POST /pay, `response` its 200 schema. */
const doc = (request: object, response: object, webhooks?: Record<string, object>) =>
  new SpecDocument("test.yaml", {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/pay": {
        post: {
          requestBody: { required: true, content: { "application/json": { schema: request } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: response } } } },
        },
      },
    },
    ...(webhooks ? { webhooks } : {}),
  });

const changes = (before: SpecDocument, after: SpecDocument) =>
  compareViews(buildView(before), buildView(after)).map((d) => `${d.where}: ${d.change} [${d.class}]`);

const object = (properties: object, required: string[] = []) => ({ type: "object", required, properties });
const status = (...values: string[]) => object({ status: { type: "string", enum: values } }, ["status"]);

describe("classification for a TypeScript caller", () => {
  it("a new response enum value is breaking: an exhaustive switch over it stops compiling", () => {
    expect(changes(doc({}, status("open", "paid")), doc({}, status("open", "paid", "refunded")))).toEqual([
      'POST /pay › response 200.status: enum added: "refunded" [breaking]',
    ]);
  });

  it("a new request enum value is a wider type: non-breaking; a removed one narrows it: breaking", () => {
    expect(changes(doc(status("card"), {}), doc(status("card", "bank"), {}))).toEqual(['POST /pay › body.status: enum added: "bank" [non-breaking]']);
    expect(changes(doc(status("card", "bank"), {}), doc(status("card"), {}))).toEqual(['POST /pay › body.status: enum removed: "bank" [breaking]']);
  });

  it("required, nullable and types turn on which side writes the data", () => {
    const optional = object({ note: { type: "string" } });
    const required = object({ note: { type: "string" } }, ["note"]);
    expect(changes(doc(optional, required), doc(required, optional))).toEqual([
      "POST /pay › body.note: required: false → true [breaking]",
      "POST /pay › response 200.note: required: true → false [breaking]",
    ]);
    const nullable = object({ note: { type: ["string", "null"] } });
    expect(changes(doc(optional, optional), doc(nullable, nullable))).toEqual([
      "POST /pay › body.note: nullable: false → true [non-breaking]",
      "POST /pay › response 200.note: nullable: false → true [breaking]",
    ]);
    const wide = object({ note: { type: ["string", "integer"] } });
    expect(changes(doc(optional, optional), doc(wide, wide))).toEqual([
      "POST /pay › body.note: type: string → integer|string [non-breaking]",
      "POST /pay › response 200.note: type: string → integer|string [breaking]",
    ]);
  });

  it("descriptions and examples are docs-only, and OpenAPI 3.0 nullable means the same as a 3.1 type list", () => {
    const before = doc({}, object({ amount: { type: ["integer", "null"], description: "Cents." } }));
    const after = doc({}, object({ amount: { type: "integer", nullable: true, description: "Amount in cents.", example: 100 } }));
    expect(changes(before, after)).toEqual(["POST /pay › response 200.amount: docs: text changed [docs-only]"]);
  });

  it("a new webhook joins the event union (breaking); a new optional request property does not break", () => {
    const hook = { post: { requestBody: { content: { "application/json": { schema: object({ type: { const: "paid" } }) } } }, responses: {} } };
    expect(changes(doc({}, {}), doc({}, {}, { paid: hook }))).toEqual(["webhook paid: webhook added [breaking]"]);
    expect(changes(doc(object({}), {}), doc(object({ note: { type: "string" } }), {}))).toEqual(["POST /pay › body.note: property added [non-breaking]"]);
  });
});

describe("x-checkoutkit-* extensions between two versions of a curated spec", () => {
  it("a renamed client method is breaking, a new pagination hint is not", () => {
    const op = (ext: object) => ({ paths: { "/pay": { post: { "x-checkoutkit-method": "payments.create", ...ext } } } });
    expect(compareExtensions(op({}), op({ "x-checkoutkit-paginate": { items: "data" } })).map((d) => `${d.pointer} ${d.change} [${d.class}]`)).toEqual([
      "/paths/~1pay/post/x-checkoutkit-paginate extension added [non-breaking]",
    ]);
    const renamed = { paths: { "/pay": { post: { "x-checkoutkit-method": "payments.start" } } } };
    expect(compareExtensions(op({}), renamed).map((d) => `${d.change} [${d.class}]`)).toEqual([
      'extension changed: "payments.create" → "payments.start" [breaking]',
    ]);
  });
});

describe("a view built within another", () => {
  // A provider document whose schemas reach hundreds of others (Stripe's expandable fields) is only walked below
  // what the curated view has: the differences are the same as with the whole view.
  it("finds the same differences as the whole view, without walking below what the other view lacks", () => {
    const deep = (depth: number): object => (depth === 0 ? { type: "string" } : object({ id: { type: "string" }, next: deep(depth - 1) }));
    const curated = doc({}, object({ id: { type: "string" }, customer: { type: "string" } }));
    const upstream = doc({}, object({ id: { type: "integer" }, customer: { anyOf: [{ type: "string" }, deep(6)] }, extra: deep(6) }));
    const before = buildView(curated);
    const whole = buildView(upstream);
    const within = buildView(upstream, { within: before });

    expect(compareViews(before, within)).toEqual(compareViews(before, whole));
    expect(compareViews(before, within).map((d) => `${d.where}: ${d.kind}`)).toEqual([
      "POST /pay › response 200.id: type",
      "POST /pay › response 200.customer: type",
      "POST /pay › response 200.customer.id: property added",
      "POST /pay › response 200.customer.next: property added",
      "POST /pay › response 200.extra: property added",
    ]);
    expect(within.size).toBeLessThan(whole.size);
  });
});
