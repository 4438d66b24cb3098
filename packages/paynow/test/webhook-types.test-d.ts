import { expectTypeOf, test } from "vitest";
import { verifyWebhook, type PayNowManagementSchemas, type PayNowWebhookEvent, type PayNowWebhookEventMap } from "../src/index.js";

type S = PayNowManagementSchemas;

test("verifyWebhook resolves to the PayNow event union, narrowed on event_type", async () => {
  expectTypeOf(verifyWebhook).returns.resolves.toEqualTypeOf<PayNowWebhookEvent>();
  expectTypeOf<PayNowWebhookEvent>().toEqualTypeOf<S["OrderCompletedWebhook"] | S["PaymentCompletedWebhook"] | S["PaymentFailedWebhook"]>();
  expectTypeOf<PayNowWebhookEventMap["ON_ORDER_COMPLETED"]>().toEqualTypeOf<S["OrderCompletedWebhook"]>();
  const event = await verifyWebhook(new Request("https://shop.example.com"), "pn_whsec_x");
  expectTypeOf(event.event_id).toEqualTypeOf<string>();
  if (event.event_type === "ON_ORDER_COMPLETED") {
    expectTypeOf(event).toEqualTypeOf<S["OrderCompletedWebhook"]>();
    expectTypeOf(event.body).toEqualTypeOf<S["WebhookOrder"]>();
  }
  if (event.event_type === "ON_PAYMENT_COMPLETED") expectTypeOf(event.body).toEqualTypeOf<S["WebhookCompletedPayment"]>();
  if (event.event_type === "ON_PAYMENT_FAILED") expectTypeOf(event.body).toEqualTypeOf<S["WebhookFailedPayment"]>();
  // @ts-expect-error PayNow names its events in capitals: the completion event is ON_ORDER_COMPLETED
  if (event.event_type === "order.completed") return;
  // @ts-expect-error the body must be raw: a string or bytes, not parsed JSON
  await verifyWebhook({ body: { event_type: "ON_ORDER_COMPLETED" }, headers: {} }, "pn_whsec_x");
});
