import { expectTypeOf, test } from "vitest";
import {
  createCheckout,
  createCreemClient,
  createFlowgladClient,
  createPayNowManagementClient,
  createPayNowStorefrontClient,
  createPolarClient,
  creem,
  flowglad,
  paynow,
  polar,
  type CheckoutApi,
  type CheckoutApiOf,
  type CheckoutResult,
  normalizeCompletedCheckout,
  verifyPolarWebhook,
  type CompletedCheckout,
} from "../src/index.js";

const management = createPayNowManagementClient({ apiKey: "k", storeId: "1" });
const storefront = createPayNowStorefrontClient({ customerToken: "t", storeId: "1" });
const creemClient = createCreemClient({ apiKey: "k" });
const flowgladClient = createFlowgladClient({ apiKey: "k" });
const polarClient = createPolarClient({ accessToken: "t" });
const input = { items: [{ product: "p" }], successUrl: "https://shop.example.com/thanks" };

test("each client type is told apart from every other", () => {
  expectTypeOf<CheckoutApiOf<typeof management>>().toEqualTypeOf<"paynow-management">();
  expectTypeOf<CheckoutApiOf<typeof storefront>>().toEqualTypeOf<"paynow-storefront">();
  expectTypeOf<CheckoutApiOf<typeof creemClient>>().toEqualTypeOf<"creem">();
  expectTypeOf<CheckoutApiOf<typeof flowgladClient>>().toEqualTypeOf<"flowglad">();
  expectTypeOf<CheckoutApiOf<typeof polarClient>>().toEqualTypeOf<"polar">();
});

test("raw is exactly the provider's create answer", async () => {
  const fromManagement = await createCheckout(management, input);
  expectTypeOf(fromManagement.raw).toEqualTypeOf<paynow.PayNowManagementSchemas["CreateCheckoutSessionResponse"]>();
  expectTypeOf(fromManagement.provider).toEqualTypeOf<"paynow">();
  expectTypeOf(fromManagement.api).toEqualTypeOf<"paynow-management">();

  const fromStorefront = await createCheckout(storefront, input);
  expectTypeOf(fromStorefront.raw).toEqualTypeOf<paynow.PayNowStorefrontSchemas["CreateCheckoutSessionResponse"]>();

  const fromCreem = await createCheckout(creemClient, input);
  expectTypeOf(fromCreem.raw).toEqualTypeOf<creem.CreemSchemas["CheckoutEntity"]>();
  expectTypeOf(fromCreem.provider).toEqualTypeOf<"creem">();

  const fromFlowglad = await createCheckout(flowgladClient, input);
  expectTypeOf(fromFlowglad.raw).toEqualTypeOf<flowglad.FlowgladSchemas["SingleCheckoutSessionResponse"]>();

  const fromPolar = await createCheckout(polarClient, input);
  expectTypeOf(fromPolar.raw).toEqualTypeOf<polar.PolarSchemas["Checkout"]>();
  expectTypeOf(fromPolar.id).toEqualTypeOf<string>();
  expectTypeOf(fromPolar.url).toEqualTypeOf<string>();
  expectTypeOf(fromPolar.expiresAt).toEqualTypeOf<Date | undefined>();
});

test("options.provider takes that provider's create fields, and only those", () => {
  void createCheckout(management, input, { provider: { customer_id: "1", lines: [{ subscription: true }], promo_codes: ["X"] } });
  // @ts-expect-error `request_id` is Creem's, not PayNow's
  void createCheckout(management, input, { provider: { request_id: "order_1" } });

  void createCheckout(storefront, input, { provider: { affiliate_code: "kai" } });
  // @ts-expect-error the Storefront API has no customer_id: the token names the customer
  void createCheckout(storefront, input, { provider: { customer_id: "1" } });

  void createCheckout(creemClient, input, { provider: { discount_code: "LAUNCH20", custom_fields: [{ type: "text" }] } });
  // @ts-expect-error `custom_fields[].type` is "text" or "checkbox"
  void createCheckout(creemClient, input, { provider: { custom_fields: [{ type: "radio" }] } });

  void createCheckout(flowgladClient, input, { provider: { outputName: "Pro", priceSlug: "pro-monthly" } });
  // @ts-expect-error Flowglad's fields go inside checkoutSession for you: `checkoutSession` itself is not one
  void createCheckout(flowgladClient, input, { provider: { checkoutSession: {} } });

  void createCheckout(polarClient, input, { provider: { allow_discount_codes: false, locale: "fr-CA", seats: 5 } });
  // @ts-expect-error `seats` is a number
  void createCheckout(polarClient, input, { provider: { seats: "5" } });
});

test("the input and ignoreUnsupported use the input's own field names", () => {
  void createCheckout(creemClient, { ...input, cancelUrl: "https://shop.example.com/cart" }, { ignoreUnsupported: ["cancelUrl", "customer.name"] });
  // @ts-expect-error the input field is cancelUrl; cancel_url is a provider's name
  void createCheckout(creemClient, input, { ignoreUnsupported: ["cancel_url"] });
  // @ts-expect-error successUrl is always supported, so there is nothing to ignore
  void createCheckout(creemClient, input, { ignoreUnsupported: ["successUrl"] });
  // @ts-expect-error metadata values are strings
  void createCheckout(creemClient, { ...input, metadata: { seats: 5 } });
  // @ts-expect-error an item names its product
  void createCheckout(creemClient, { ...input, items: [{ quantity: 1 }] });
});

test("only checkoutkit clients are accepted", () => {
  // @ts-expect-error a plain object is not a client
  void createCheckout({ checkouts: { create: async () => ({}) } }, input);
});

test("a client whose provider is known only at run time gives a union result, narrowed by provider", async () => {
  const client = Math.random() > 0.5 ? creemClient : polarClient;
  const result = await createCheckout(client, input);
  expectTypeOf(result).toEqualTypeOf<CheckoutResult<"creem"> | CheckoutResult<"polar">>();
  if (result.provider === "polar") expectTypeOf(result.raw).toEqualTypeOf<polar.PolarSchemas["Checkout"]>();
  if (result.api === "creem") expectTypeOf(result.raw).toEqualTypeOf<creem.CreemSchemas["CheckoutEntity"]>();
  expectTypeOf<CheckoutResult["api"]>().toEqualTypeOf<CheckoutApi>();
  // Every provider's literal id (a provider added to the workspace joins the union), never widened to string.
  expectTypeOf<"paynow" | "creem" | "flowglad" | "polar">().toExtend<CheckoutResult["provider"]>();
  expectTypeOf<string>().not.toExtend<CheckoutResult["provider"]>();
});

test("normalizeCompletedCheckout takes any verified event and narrows raw by provider", async () => {
  const event = await verifyPolarWebhook(new Request("https://shop.example.com"), "polar_whs_x");
  const completed = normalizeCompletedCheckout(event);
  expectTypeOf(completed).toEqualTypeOf<CompletedCheckout | null>();
  if (completed?.provider === "polar") expectTypeOf(completed.raw).toEqualTypeOf<polar.PolarWebhookEventMap["order.paid"]>();
  if (completed?.provider === "paynow") expectTypeOf(completed.raw.body).toEqualTypeOf<paynow.PayNowManagementSchemas["WebhookOrder"]>();
  expectTypeOf<CompletedCheckout["orderId"]>().toEqualTypeOf<string>();
  // @ts-expect-error an unverified, parsed body is not an event
  normalizeCompletedCheckout({ hello: "world" });
});
