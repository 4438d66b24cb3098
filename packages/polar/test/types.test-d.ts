import { expectTypeOf, test } from "vitest";
import { createPolarClient, verifyWebhook, type PolarSchemas, type PolarWebhookEvent, type PolarWebhookEventMap } from "../src/index.js";

const polar = createPolarClient({ accessToken: "polar_oat_types" });
type Checkout = PolarSchemas["Checkout"];
type CheckoutLink = PolarSchemas["CheckoutLink"];

const product = "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94";
const checkoutId = "3c9d7e1f-4a2b-4c8d-9e6f-1a5b7c3d9e2f";

test("results are typed", () => {
  expectTypeOf(polar.checkouts.create).returns.resolves.toEqualTypeOf<Checkout>();
  expectTypeOf(polar.checkouts.retrieve).returns.resolves.toEqualTypeOf<Checkout>();
  expectTypeOf(polar.checkouts.update).returns.resolves.toEqualTypeOf<Checkout>();
  expectTypeOf<Checkout["url"]>().toEqualTypeOf<string>();
  expectTypeOf<Checkout["status"]>().toEqualTypeOf<"open" | "expired" | "confirmed" | "succeeded" | "failed">();
  expectTypeOf<Checkout["amount"]>().toEqualTypeOf<number>();
  expectTypeOf(polar.checkoutLinks.create).returns.resolves.toEqualTypeOf<CheckoutLink>();
  expectTypeOf(polar.checkoutLinks.delete).returns.resolves.toEqualTypeOf<void>();
});

test("a list is one page when awaited, and its items when iterated", async () => {
  expectTypeOf(polar.checkouts.list()).resolves.toEqualTypeOf<PolarSchemas["ListResource_Checkout_"]>();
  expectTypeOf<PolarSchemas["ListResource_Checkout_"]["pagination"]>().toEqualTypeOf<{ total_count: number; max_page: number }>();
  for await (const checkout of polar.checkouts.list({ limit: 100 })) expectTypeOf(checkout).toEqualTypeOf<Checkout>();
  for await (const link of polar.checkoutLinks.list()) expectTypeOf(link).toEqualTypeOf<CheckoutLink>();
});

test("valid bodies compile", () => {
  // Fields Polar gives a default (allow_discount_codes, allow_trial, ...) can be left out.
  void polar.checkouts.create({ products: [product] });
  void polar.checkouts.create({ products: [product], success_url: "https://shop.example.com/thanks" });
  void polar.checkouts.update(checkoutId, { customer_email: "jamie.rivera@example.com", metadata: { order_ref: "ORD-10042" } });
  void polar.checkouts.list({ status: ["open", "expired"], sorting: ["-created_at"], page: 2, limit: 100 });
  // CheckoutLinkCreate is an anyOf: the current products form is accepted...
  void polar.checkoutLinks.create({ payment_processor: "stripe", products: [product], label: "Newsletter" });
  // ...and so is the deprecated single-product form.
  void polar.checkoutLinks.create({ payment_processor: "stripe", product_id: product });
});

test("wrong field names, enum values and missing fields do not compile", () => {
  // @ts-expect-error the field is `customer_name`
  void polar.checkouts.update(checkoutId, { customer_nmae: "Jamie Rivera" });
  // @ts-expect-error the field is `success_url`
  void polar.checkouts.create({ products: [product], succes_url: "https://shop.example.com/thanks" });
  // @ts-expect-error "paid" is not a CheckoutStatus
  void polar.checkouts.list({ status: "paid" });
  // @ts-expect-error Stripe is the only payment processor
  void polar.checkoutLinks.create({ payment_processor: "paypal", products: [product] });
  // @ts-expect-error amounts are integers in cents, not strings
  void polar.checkouts.update(checkoutId, { amount: "29.00" });
  // @ts-expect-error products is required
  void polar.checkouts.create({ success_url: "https://shop.example.com/thanks" });
  // @ts-expect-error payment_processor is required
  void polar.checkoutLinks.create({ products: [product] });
  // @ts-expect-error update takes the session's ID first
  void polar.checkouts.update({ customer_name: "Jamie Rivera" });
});

test("methods that do not exist do not compile", () => {
  // @ts-expect-error checkout sessions cannot be deleted (they expire); only links can
  void polar.checkouts.delete(checkoutId);
  // @ts-expect-error the method is `retrieve`
  void polar.checkoutLinks.get(checkoutId);
});

test("the factory takes only known versions and servers", () => {
  createPolarClient({ accessToken: "polar_oat_types", apiVersion: "2026-04", server: "sandbox" });
  // @ts-expect-error 2026-04 is the only version this client is typed for
  createPolarClient({ accessToken: "polar_oat_types", apiVersion: "2025-01" });
  // @ts-expect-error the servers are "production" and "sandbox"
  createPolarClient({ accessToken: "polar_oat_types", server: "test" });
  // @ts-expect-error the token is a string
  createPolarClient({ accessToken: 42 });
});

test("verifyWebhook resolves to the Polar event union, narrowed on type", async () => {
  expectTypeOf(verifyWebhook).returns.resolves.toEqualTypeOf<PolarWebhookEvent>();
  expectTypeOf<PolarWebhookEvent>().toEqualTypeOf<
    | PolarSchemas["WebhookCheckoutCreatedPayload"]
    | PolarSchemas["WebhookCheckoutUpdatedPayload"]
    | PolarSchemas["WebhookCheckoutExpiredPayload"]
    | PolarSchemas["WebhookOrderPaidPayload"]
  >();
  expectTypeOf<PolarWebhookEventMap["order.paid"]>().toEqualTypeOf<PolarSchemas["WebhookOrderPaidPayload"]>();
  const event = await verifyWebhook(new Request("https://shop.example.com"), "polar_whs_x");
  if (event.type === "order.paid") {
    expectTypeOf(event).toEqualTypeOf<PolarSchemas["WebhookOrderPaidPayload"]>();
    expectTypeOf(event.data).toEqualTypeOf<PolarSchemas["Order"]>();
    expectTypeOf(event.data.checkout_id).toEqualTypeOf<string | null>();
  }
  if (event.type === "checkout.updated") {
    expectTypeOf(event.data).toEqualTypeOf<Checkout>();
    expectTypeOf(event.data.status).toEqualTypeOf<"open" | "expired" | "confirmed" | "succeeded" | "failed">();
  }
  // @ts-expect-error Polar's completion event is order.paid; there is no checkout.completed
  if (event.type === "checkout.completed") return;
  // @ts-expect-error the body must be raw: a string or bytes, not parsed JSON
  await verifyWebhook({ body: { type: "order.paid" }, headers: {} }, "polar_whs_x");
});

test("createWebhookHandler types each handler by its event, and the test kit by the spec", async () => {
  const { createWebhookHandler, toNodeHandler } = await import("../src/index.js");
  const { signWebhook, exampleEvent, createMockFetch } = await import("../src/testing.js");
  const handle = createWebhookHandler({
    secret: "polar_whs_types",
    on: {
      "order.paid": (event, delivery) => {
        expectTypeOf(event).toEqualTypeOf<PolarWebhookEventMap["order.paid"]>();
        expectTypeOf(event.data.total_amount).toEqualTypeOf<number>();
        expectTypeOf(delivery.eventType).toEqualTypeOf<"order.paid">();
        expectTypeOf(delivery.id).toEqualTypeOf<string>();
        expectTypeOf(delivery.timestamp).toEqualTypeOf<Date | undefined>();
      },
    },
    onEvent: async (event) => {
      expectTypeOf(event).toExtend<PolarWebhookEvent | { readonly [field: string]: unknown }>();
    },
  });
  expectTypeOf(handle).toEqualTypeOf<(request: Request) => Promise<Response>>();
  expectTypeOf(toNodeHandler(handle)).parameters.toExtend<[unknown, unknown]>();
  // @ts-expect-error Polar sends no "order.shipped" event
  createWebhookHandler({ secret: "polar_whs_types", on: { "order.shipped": () => {} } });
  // @ts-expect-error the secret is required
  createWebhookHandler({ on: {} });

  expectTypeOf(exampleEvent("checkout.updated", { data: { status: "succeeded" } })).toEqualTypeOf<PolarWebhookEventMap["checkout.updated"]>();
  // @ts-expect-error overrides are typed by the event: status is an enum
  exampleEvent("checkout.updated", { data: { status: "paid-ish" } });
  expectTypeOf(signWebhook(exampleEvent("order.paid"), "polar_whs_types")).toEqualTypeOf<Request>();
  createMockFetch({ responses: { "checkouts.create": { status: "open" } }, errors: { "checkouts.retrieve": 404 } });
  // @ts-expect-error no such operation
  createMockFetch({ errors: { "checkouts.remove": 404 } });
});
