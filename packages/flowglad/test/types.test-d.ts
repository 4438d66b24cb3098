import { expectTypeOf, test } from "vitest";
import {
  createFlowgladClient,
  verifyWebhook,
  type FlowgladApiError,
  type FlowgladSchemas,
  type FlowgladWebhookEvent,
  type FlowgladWebhookEventMap,
} from "../src/index.js";
import { createFlowgladRawClient } from "../src/raw.js";

const flowglad = createFlowgladClient({ apiKey: "sk_test_key" });

type Input = FlowgladSchemas["CreateCheckoutSessionInput"];
type Session = FlowgladSchemas["CheckoutSessionRecord"];
const urls = { successUrl: "https://shop.example.com/done", cancelUrl: "https://shop.example.com/pricing" };

test("the methods return the typed session, page and items", () => {
  expectTypeOf(flowglad.checkoutSessions.create).returns.resolves.toEqualTypeOf<FlowgladSchemas["SingleCheckoutSessionResponse"]>();
  expectTypeOf(flowglad.checkoutSessions.retrieve).returns.resolves.toEqualTypeOf<FlowgladSchemas["SingleCheckoutSessionResponse"]>();
  expectTypeOf(flowglad.checkoutSessions.list).returns.resolves.toEqualTypeOf<FlowgladSchemas["CheckoutSessionList"]>();
  expectTypeOf(flowglad.checkoutSessions.list()).toExtend<AsyncIterable<Session>>();
  expectTypeOf<FlowgladSchemas["SingleCheckoutSessionResponse"]["url"]>().toEqualTypeOf<string>();
  expectTypeOf<FlowgladSchemas["CheckoutSessionList"]["nextCursor"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf(flowglad.checkoutSessions.list).parameter(0).toEqualTypeOf<{ cursor?: string; limit?: number } | undefined>();
});

test("timestamps are epoch-millisecond numbers", () => {
  expectTypeOf<Session["createdAt"]>().toEqualTypeOf<number>();
  expectTypeOf<Session["updatedAt"]>().toEqualTypeOf<number>();
  expectTypeOf<Session["expires"]>().toEqualTypeOf<number>();
});

test("the create body narrows on type, and a product body on anonymous", () => {
  const input = {} as Input;
  if (input.type === "product") {
    expectTypeOf(input).toEqualTypeOf<FlowgladSchemas["IdentifiedProductCheckoutSessionInput"] | FlowgladSchemas["AnonymousProductCheckoutSessionInput"]>();
    if (input.anonymous) {
      expectTypeOf(input).toEqualTypeOf<FlowgladSchemas["AnonymousProductCheckoutSessionInput"]>();
      expectTypeOf(input.customerExternalId).toEqualTypeOf<null | undefined>();
    } else {
      expectTypeOf(input).toEqualTypeOf<FlowgladSchemas["IdentifiedProductCheckoutSessionInput"]>();
      expectTypeOf(input.customerExternalId).toEqualTypeOf<string>();
    }
  } else if (input.type === "activate_subscription") {
    expectTypeOf(input.targetSubscriptionId).toEqualTypeOf<string>();
  } else {
    expectTypeOf(input).toEqualTypeOf<FlowgladSchemas["AddPaymentMethodCheckoutSessionInput"]>();
    expectTypeOf(input.targetSubscriptionId).toEqualTypeOf<string | undefined>();
  }
  expectTypeOf<Input["type"]>().toEqualTypeOf<"product" | "activate_subscription" | "add_payment_method">();
});

test("the returned record narrows on type, which includes purchase", () => {
  const session = {} as Session;
  expectTypeOf(session.type).toEqualTypeOf<"purchase" | "product" | "add_payment_method" | "activate_subscription">();
  expectTypeOf(session.status).toEqualTypeOf<"open" | "pending" | "succeeded" | "failed" | "expired">();
  if (session.type === "activate_subscription") expectTypeOf(session.targetSubscriptionId).toEqualTypeOf<string>();
  if (session.type === "add_payment_method") expectTypeOf(session.automaticallyUpdateSubscriptions).toEqualTypeOf<boolean | null | undefined>();
});

test("every create variant compiles", () => {
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", customerExternalId: "user_4821", priceId: "price_1", ...urls } });
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", anonymous: false, customerExternalId: "user_4821", priceSlug: "pro", ...urls } });
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", anonymous: true, priceSlug: "pro", ...urls } });
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "add_payment_method", customerExternalId: "user_4821", ...urls } });
  void flowglad.checkoutSessions.create({
    checkoutSession: { type: "activate_subscription", customerExternalId: "user_4821", targetSubscriptionId: "sub_1", ...urls },
  });
});

test("wrong field names, const values and missing fields do not compile", () => {
  // @ts-expect-error `customerId` is not a create field: it is `customerExternalId`
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", customerId: "user_4821", priceId: "price_1", ...urls } });
  // @ts-expect-error `redirectUrl` is not a field: it is `successUrl`
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "add_payment_method", customerExternalId: "u", redirectUrl: "https://x.test", cancelUrl: "https://x.test" } });
  // @ts-expect-error "purchase" is a record type, not a create type
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "purchase", customerExternalId: "user_4821", priceId: "price_1", ...urls } });
  // @ts-expect-error "subscription" is not a create type
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "subscription", customerExternalId: "user_4821", ...urls } });
  // @ts-expect-error successUrl is required
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", customerExternalId: "user_4821", priceId: "price_1", cancelUrl: "https://x.test" } });
  // @ts-expect-error a product session for a known customer needs customerExternalId
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", priceId: "price_1", ...urls } });
  // @ts-expect-error an anonymous session takes no customerExternalId
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", anonymous: true, customerExternalId: "user_4821", priceId: "price_1", ...urls } });
  // @ts-expect-error activate_subscription needs targetSubscriptionId
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "activate_subscription", customerExternalId: "user_4821", ...urls } });
  // @ts-expect-error the body is wrapped in { checkoutSession }
  void flowglad.checkoutSessions.create({ type: "product", customerExternalId: "user_4821", priceId: "price_1", ...urls });
  // @ts-expect-error quantity is a number
  void flowglad.checkoutSessions.create({ checkoutSession: { type: "product", customerExternalId: "u", priceId: "p", quantity: "1", ...urls } });
  // @ts-expect-error limit is a number
  void flowglad.checkoutSessions.list({ limit: "50" });
  // @ts-expect-error `page` is not a list parameter: pagination is by cursor
  void flowglad.checkoutSessions.list({ page: 2 });
});

test("methods that do not exist do not compile", () => {
  // @ts-expect-error checkout sessions cannot be updated through the API
  void flowglad.checkoutSessions.update("chckt_session_1", {});
  // @ts-expect-error it is `retrieve`, not `get`
  void flowglad.checkoutSessions.get("chckt_session_1");
  // @ts-expect-error retrieve takes the id
  void flowglad.checkoutSessions.retrieve();
  // @ts-expect-error there is no checkouts group: it is checkoutSessions
  void flowglad.checkouts.create({});
});

test("the factory takes a string key and typed options", () => {
  createFlowgladClient();
  createFlowgladClient({ apiKey: "sk_test_key", baseUrl: "http://127.0.0.1:4013", maxRetries: 0, timeoutMs: 10_000 });
  // @ts-expect-error apiKey is a string
  createFlowgladClient({ apiKey: 42 });
  // @ts-expect-error it is apiKey, not secretKey
  createFlowgladClient({ secretKey: "sk_test_key" });
});

test("errors have Flowglad's body", () => {
  const error = {} as FlowgladApiError;
  expectTypeOf(error.code).toEqualTypeOf<string>();
  expectTypeOf(error.issues).toEqualTypeOf<{ path: string; message: string }[]>();
  expectTypeOf(error.body).toEqualTypeOf<FlowgladSchemas["FlowgladError"] | string>();
});

test("raw calls are typed by path", async () => {
  const raw = createFlowgladRawClient({ apiKey: "sk_test_key" });
  const { data } = await raw.GET("/api/v1/checkout-sessions/{id}", { params: { path: { id: "chckt_session_1" } } });
  expectTypeOf(data).toExtend<FlowgladSchemas["SingleCheckoutSessionResponse"] | undefined>();
  expectTypeOf<NonNullable<typeof data>["url"]>().toEqualTypeOf<string>();
  // @ts-expect-error there is no PATCH on a checkout session
  void raw.PATCH("/api/v1/checkout-sessions/{id}", { params: { path: { id: "chckt_session_1" } } });
});

test("verifyWebhook resolves to the Flowglad event union, narrowed on object", async () => {
  expectTypeOf(verifyWebhook).returns.resolves.toEqualTypeOf<FlowgladWebhookEvent>();
  expectTypeOf<FlowgladWebhookEvent>().toEqualTypeOf<FlowgladSchemas["PurchaseCompletedEvent"] | FlowgladSchemas["PaymentSucceededEvent"]>();
  expectTypeOf<FlowgladWebhookEventMap["purchase.completed"]>().toEqualTypeOf<FlowgladSchemas["PurchaseCompletedEvent"]>();
  expectTypeOf<FlowgladWebhookEventMap["payment.succeeded"]>().toEqualTypeOf<FlowgladSchemas["PaymentSucceededEvent"]>();
  const event = await verifyWebhook(new Request("https://shop.example.com"), "whsec_x");
  expectTypeOf(event.customer).toEqualTypeOf<FlowgladSchemas["WebhookCustomer"]>();
  expectTypeOf(event.customer.externalId).toEqualTypeOf<string>();
  if (event.object === "purchase") expectTypeOf(event).toEqualTypeOf<FlowgladSchemas["PurchaseCompletedEvent"]>();
  if (event.object === "payment") expectTypeOf(event).toEqualTypeOf<FlowgladSchemas["PaymentSucceededEvent"]>();
  // @ts-expect-error the body has no event name; narrow on object ("purchase" or "payment")
  if (event.type === "purchase.completed") return;
  // @ts-expect-error Flowglad sends no checkout.completed: a paid checkout arrives as purchase.completed
  expectTypeOf<FlowgladWebhookEventMap["checkout.completed"]>().toBeObject();
  // @ts-expect-error a checkout session is not an event object: object is "purchase" or "payment"
  if (event.object === "checkout_session") return;
  // @ts-expect-error the body must be raw: a string or bytes, not parsed JSON
  await verifyWebhook({ body: { object: "purchase" }, headers: {} }, "whsec_x");
});

test("createWebhookHandler keys handlers by the spec's event names, though the body names only its object", async () => {
  const { createWebhookHandler } = await import("../src/index.js");
  createWebhookHandler({
    secret: "whsec_types",
    on: {
      "purchase.completed": (event, delivery) => {
        expectTypeOf(event.object).toEqualTypeOf<"purchase">();
        expectTypeOf(delivery.eventType).toEqualTypeOf<"purchase.completed">();
      },
      "payment.succeeded": (event) => expectTypeOf(event.object).toEqualTypeOf<"payment">(),
    },
  });
  // @ts-expect-error keys are event names, not the body's `object` value
  createWebhookHandler({ secret: "whsec_types", on: { purchase: () => {} } });
});
