import { describeMockFetch, describeWebhookContract, describeWebhookHandler } from "@checkoutkit/testing";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { createWebhookHandler, toNodeHandler, verifyWebhook, WebhookVerificationError } from "../src/index.js";
import * as kit from "../src/testing.js";
import { exampleEvent, signWebhook } from "../src/testing.js";

// Stripe keys the HMAC with the whsec_ secret's UTF-8 bytes, exactly as the dashboard shows it.
const secret = "whsec_7d2f9c1a4b8e3f6a0c5d9e2b7f4a1c8e";

// Every event example in the spec round-trips; forged, tampered, stale and re-serialised deliveries are refused,
// and stripe-node's own signer and constructEvent agree with the test kit's signer.
describeWebhookContract({ spec: "stripe", verifyWebhook, secret, library: "stripe", eventName: (event) => event.type });
describeWebhookHandler({ spec: "stripe", provider: "stripe", secret, createWebhookHandler, toNodeHandler, verifyWebhook, kit, library: "stripe" });
describeMockFetch({ spec: "stripe", createMockFetch: kit.createMockFetch });

const reason = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected the delivery to be refused"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(WebhookVerificationError);
      return error as WebhookVerificationError;
    },
  );

describe("receiving checkout.session.completed", () => {
  it("hands back the paid session, typed", async () => {
    const request = signWebhook(exampleEvent("checkout.session.completed"), secret);

    const event = await verifyWebhook(request, secret);

    if (event.type !== "checkout.session.completed") throw new Error("expected checkout.session.completed");
    expect(event.data.object.payment_status).toBe("paid");
    expect(event.data.object.client_reference_id).toBe("order_4821");
    expect(event.data.object.metadata).toEqual({ order: "4821" });
    expect(request.headers.get("Stripe-Signature")).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it("refuses a delivery signed more than 300 s ago, and takes a wider window when asked", async () => {
    const signedAt = Date.UTC(2026, 10, 21, 12, 0, 0);
    const stale = () => signWebhook(exampleEvent("checkout.session.expired"), secret, { timestamp: new Date(signedAt) });
    const now = () => signedAt + 301_000;

    expect((await reason(verifyWebhook(stale(), secret, { now }))).reason).toBe("timestamp_out_of_window");
    await expect(verifyWebhook(stale(), secret, { now, toleranceSeconds: 600 })).resolves.toMatchObject({ type: "checkout.session.expired" });
  });

  it("accepts any one of several v1 signatures, as when Stripe rolls the endpoint's secret", async () => {
    const body = JSON.stringify(exampleEvent("checkout.session.async_payment_succeeded"));
    const t = Math.floor(Date.now() / 1000);
    const webhooks = new Stripe("sk_test_webhooks_only").webhooks;
    const oldSecret = webhooks.generateTestHeaderString({ payload: body, secret: "whsec_the_previous_secret_000000", timestamp: t });
    const current = webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t });
    const header = `${oldSecret},${current.split(",")[1]},v0=ignored-scheme`;

    const event = await verifyWebhook({ body, headers: { "stripe-signature": header } }, secret);

    expect(event.type).toBe("checkout.session.async_payment_succeeded");
    const onlyOld = await reason(verifyWebhook({ body, headers: { "stripe-signature": oldSecret } }, secret));
    expect(onlyOld.reason).toBe("bad_signature");
  });

  it("never puts the secret in an error message", async () => {
    const request = signWebhook(exampleEvent("checkout.session.completed"), "whsec_someone_elses_secret_1234");

    const error = await reason(verifyWebhook(request, secret));

    expect(error.reason).toBe("bad_signature");
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain("whsec_someone_elses_secret_1234");
  });
});
