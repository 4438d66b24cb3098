import { expectTypeOf, test } from "vitest";
import {
  createCreemClient,
  verifyCreemRedirect,
  verifyWebhook,
  type CreemApiError,
  type CreemRedirect,
  type CreemSchemas,
  type CreemWebhookEvent,
} from "../src/index.js";

const creem = createCreemClient({ apiKey: "creem_test_key" });
type Checkout = CreemSchemas["CheckoutEntity"];

test("create and retrieve return the typed checkout session", () => {
  expectTypeOf(creem.checkouts.create).returns.resolves.toEqualTypeOf<Checkout>();
  expectTypeOf(creem.checkouts.retrieve).returns.resolves.toEqualTypeOf<Checkout>();
  expectTypeOf(creem.checkouts.create).parameter(0).toEqualTypeOf<CreemSchemas["CreateCheckoutRequest"]>();
  expectTypeOf(creem.checkouts.retrieve).parameter(0).toEqualTypeOf<{ checkout_id: string }>();
});

test("the session's fields have useful types", () => {
  // checkout_url is a string; Creem's schema does not list it as required, so it may be undefined.
  expectTypeOf<Checkout["checkout_url"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<NonNullable<Checkout["checkout_url"]>>().toEqualTypeOf<string>();
  expectTypeOf<Checkout["id"]>().toEqualTypeOf<string>();
  expectTypeOf<Checkout["status"]>().toEqualTypeOf<"pending" | "processing" | "completed" | "expired">();
  expectTypeOf<Checkout["mode"]>().toEqualTypeOf<"test" | "prod" | "sandbox">();
  // "An ID or the expanded object" unions.
  expectTypeOf<Checkout["product"]>().toEqualTypeOf<string | CreemSchemas["ProductEntity"]>();
  expectTypeOf<Checkout["customer"]>().toEqualTypeOf<string | CreemSchemas["CustomerEntity"] | undefined>();
  expectTypeOf<Checkout["subscription"]>().toEqualTypeOf<string | CreemSchemas["SubscriptionEntity"] | undefined>();
  expectTypeOf<Checkout["order"]>().toEqualTypeOf<CreemSchemas["OrderEntity"] | undefined>();
});

test("an ApiError's body is Creem's error body, or text for a non-JSON answer", () => {
  expectTypeOf<CreemApiError["body"]>().toEqualTypeOf<CreemSchemas["CreemError"] | string>();
  expectTypeOf<CreemSchemas["CreemError"]["message"]>().toEqualTypeOf<string[] | undefined>();
  expectTypeOf<CreemSchemas["CreemError"]["trace_id"]>().toEqualTypeOf<string>();
});

test("wrong field names, enum values, types and missing fields do not compile", () => {
  const product_id = "prod_6tW66i0oZM7w1qXReHJrwg";
  void creem.checkouts.create({ product_id });
  // @ts-expect-error `sucess_url` is misspelt: the field is `success_url`
  void creem.checkouts.create({ product_id, sucess_url: "https://shop.example.com/thanks" });
  // @ts-expect-error `productId` is not a field: it is `product_id`
  void creem.checkouts.create({ productId: product_id });
  // @ts-expect-error product_id is required
  void creem.checkouts.create({ request_id: "order_10482", units: 1 });
  // @ts-expect-error "dropdown" is not a custom field type: "text" or "checkbox"
  void creem.checkouts.create({ product_id, custom_fields: [{ type: "dropdown", key: "size", label: "Size" }] });
  // @ts-expect-error units is a number, not a string
  void creem.checkouts.create({ product_id, units: "2" });
  // @ts-expect-error the customer is given by `id` or `email`, nothing else
  void creem.checkouts.create({ product_id, customer: { name: "Ada Lovelace" } });
});

test("retrieve takes checkout_id in an object", () => {
  void creem.checkouts.retrieve({ checkout_id: "ch_5mQd1K8vXr3TnB7yHc2LwE" });
  // @ts-expect-error checkout_id is a query parameter, not a positional argument
  void creem.checkouts.retrieve("ch_5mQd1K8vXr3TnB7yHc2LwE");
  // @ts-expect-error checkout_id is required
  void creem.checkouts.retrieve({});
  // @ts-expect-error the parameter is `checkout_id`, not `id`
  void creem.checkouts.retrieve({ id: "ch_5mQd1K8vXr3TnB7yHc2LwE" });
});

test("methods Creem does not have do not exist", () => {
  // @ts-expect-error there is no checkouts.list in Creem's API
  void creem.checkouts.list();
  // @ts-expect-error there is no checkouts.update either
  void creem.checkouts.update("ch_5mQd1K8vXr3TnB7yHc2LwE", {});
});

test("the factory takes apiKey and a known server only", () => {
  createCreemClient({ apiKey: "creem_test_key", server: "test" });
  createCreemClient({ apiKey: "creem_test_key", server: "production" });
  createCreemClient(); // the key comes from CREEM_API_KEY
  // @ts-expect-error the credential option is `apiKey`, not `apiToken`
  createCreemClient({ apiToken: "creem_test_key" });
  // @ts-expect-error Creem has no bearer token: the API key goes in x-api-key
  createCreemClient({ bearerToken: "creem_test_key" });
  // @ts-expect-error Creem's servers are "production" and "test": there is no "sandbox"
  createCreemClient({ apiKey: "creem_test_key", server: "sandbox" });
});

test("verifyWebhook resolves to the Creem event union, narrowed on eventType", async () => {
  expectTypeOf(verifyWebhook).returns.resolves.toEqualTypeOf<CreemWebhookEvent>();
  expectTypeOf<CreemWebhookEvent>().toEqualTypeOf<CreemSchemas["CheckoutCompletedEvent"]>();
  const event = await verifyWebhook(new Request("https://shop.example.com"), "whsec_x");
  if (event.eventType === "checkout.completed") expectTypeOf(event.object).toEqualTypeOf<Checkout>();
  // @ts-expect-error Creem sends no such event
  if (event.eventType === "checkout.refunded") return;
  // @ts-expect-error the body must be raw: a string or bytes, not parsed JSON
  await verifyWebhook({ body: { eventType: "checkout.completed" }, headers: {} }, "whsec_x");
});

test("verifyCreemRedirect returns the signed parameters", () => {
  expectTypeOf(verifyCreemRedirect).returns.resolves.toEqualTypeOf<CreemRedirect>();
  expectTypeOf<CreemRedirect["checkout_id"]>().toEqualTypeOf<string>();
  expectTypeOf<CreemRedirect["order_id"]>().toEqualTypeOf<string | null>();
});
