import { expectTypeOf, test } from "vitest";
import { createPayNowStorefrontClient, type PayNowStorefrontSchemas } from "../src/index.js";

const storefront = createPayNowStorefrontClient({ customerToken: "token", storeId: "1" });
type Session = PayNowStorefrontSchemas["CreateCheckoutSessionResponse"];

test("the session is typed", () => {
  expectTypeOf(storefront.checkouts.create).returns.resolves.toEqualTypeOf<Session>();
  expectTypeOf<Session>().toEqualTypeOf<{ id: string; token: string; url: string }>();
});

test("wrong field names, enum values and missing fields do not compile", () => {
  // @ts-expect-error `product` is not a field of a line: it is `product_id`
  void storefront.checkouts.create({ lines: [{ product: "1", quantity: 1 }] });
  // @ts-expect-error "epic_games" is not a CustomerProfilePlatform
  void storefront.checkouts.create({ lines: [{ product_id: "1", quantity: 1, gift_to: { platform: "epic_games", id: "x" } }] });
  // @ts-expect-error quantity is required
  void storefront.checkouts.create({ lines: [{ product_id: "1" }] });
  // @ts-expect-error quantity is an integer, not a string
  void storefront.checkouts.create({ lines: [{ product_id: "1", quantity: "1" }] });
  // @ts-expect-error there is no checkouts.retrieve on the storefront
  void storefront.checkouts.retrieve("1");
});

test("operation header parameters are typed in options.headers", () => {
  void storefront.checkouts.create({ lines: [] }, { headers: { "x-paynow-customer-countrycode": "DE" } });
  // @ts-expect-error header values are strings
  void storefront.checkouts.create({ lines: [] }, { headers: { "x-paynow-customer-countrycode": 49 } });
});

test("the factory needs its credential and store", () => {
  // @ts-expect-error customerToken is required
  createPayNowStorefrontClient({ storeId: "1" });
  // @ts-expect-error storeId is required
  createPayNowStorefrontClient({ customerToken: "token" });
});
