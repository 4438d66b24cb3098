import { expectTypeOf, test } from "vitest";
import { createCompletedCheckoutHandler, type CompletedCheckout, type WebhookProvider } from "../src/index.js";

test("the handler's secrets are keyed by the providers that have webhooks", () => {
  expectTypeOf<WebhookProvider>().toEqualTypeOf<"paynow" | "creem" | "flowglad" | "polar" | "lemonsqueezy" | "stripe">();
  createCompletedCheckoutHandler({ secrets: { polar: "polar_whs_x", creem: "whsec_x" }, onCompleted: () => {} });
  // @ts-expect-error acme is not a provider of this workspace
  createCompletedCheckoutHandler({ secrets: { acme: "whsec_x" }, onCompleted: () => {} });
  createCompletedCheckoutHandler({
    secrets: {},
    onCompleted: (completed) => {
      expectTypeOf(completed).toEqualTypeOf<CompletedCheckout>();
    },
  });
});
