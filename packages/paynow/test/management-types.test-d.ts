import { expectTypeOf, test } from "vitest";
import { createPayNowManagementClient, type PayNowManagementSchemas } from "../src/index.js";

const paynow = createPayNowManagementClient({ apiKey: "key", storeId: "1" });

test("results are typed", () => {
  expectTypeOf(paynow.checkouts.create).returns.resolves.toEqualTypeOf<PayNowManagementSchemas["CreateCheckoutSessionResponse"]>();
  expectTypeOf(paynow.customers.createToken).parameter(0).toEqualTypeOf<string>();
});

test("mistakes do not compile", () => {
  // @ts-expect-error customer_id is required
  void paynow.checkouts.create({ lines: [{ product_id: "1", quantity: 1 }] });
  // @ts-expect-error `customer` is not a field: it is `customer_id`
  void paynow.checkouts.create({ customer: "1", customer_id: "1", lines: [] });
  // @ts-expect-error "weekly" is not a subscription interval scale
  void paynow.checkouts.create({ customer_id: "1", lines: [{ quantity: 1, inline_product: { name: "x", slug: "x", price: 1, subscription_interval_scale: "weekly" } }] });
  // @ts-expect-error storeId is bound at construction, not passed per call
  void paynow.customers.createToken("store", "customer");
  // @ts-expect-error there is no customers.list
  void paynow.customers.list();
  // @ts-expect-error the management client takes apiKey, not customerToken
  createPayNowManagementClient({ customerToken: "t", storeId: "1" });
});
