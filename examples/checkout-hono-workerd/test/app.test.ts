import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as creem from "@checkoutkit/creem/testing";
import * as flowglad from "@checkoutkit/flowglad/testing";
import * as lemonsqueezy from "@checkoutkit/lemonsqueezy/testing";
import * as paynow from "@checkoutkit/paynow/testing";
import * as polar from "@checkoutkit/polar/testing";
import * as stripe from "@checkoutkit/stripe/testing";
import { providerLibraries, responseExample } from "@checkoutkit/testing";
import { bundleWorker, startWorkerd, type WorkerdServer } from "@checkoutkit/testing/workerd";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Env, Fulfilment } from "../src/app.js";

const secrets = {
  paynow: "pn_whsec_example_8Hq2",
  creem: "whsec_creem_example_3pQ8",
  flowglad: "whsec_" + Buffer.from("example-flowglad-signing-key-32b").toString("base64"),
  polar: "polar_whs_example_4Tq9",
  stripe: "whsec_stripe_example_7Kd1",
  lemonsqueezy: "ls_signing_example_2Wm5",
};
const successUrl = "https://shop.example.com/thanks";

/** Bundles src/worker.ts as a Workers build would and serves it with workerd, its bindings pointing at the mocks. */
async function serveInWorkerd(): Promise<WorkerdServer & { dir: string }> {
  const prism = inject("prism");
  const env: Env = {
    POLAR_API_URL: prism.polar!,
    CREEM_API_URL: prism.creem!,
    POLAR_ACCESS_TOKEN: "polar_oat_hono_example",
    CREEM_API_KEY: "creem_test_hono_example",
    PAYNOW_WEBHOOK_SECRET: secrets.paynow,
    CREEM_WEBHOOK_SECRET: secrets.creem,
    FLOWGLAD_WEBHOOK_SECRET: secrets.flowglad,
    POLAR_WEBHOOK_SECRET: secrets.polar,
    STRIPE_WEBHOOK_SECRET: secrets.stripe,
    LEMONSQUEEZY_WEBHOOK_SECRET: secrets.lemonsqueezy,
    SUCCESS_URL: successUrl,
  };
  const dir = await mkdtemp(join(tmpdir(), "hono-workerd-"));
  await bundleWorker(fileURLToPath(new URL("../src/worker.ts", import.meta.url)), join(dir, "worker.js"));
  return { ...(await startWorkerd(join(dir, "worker.js"), { bindings: { ...env } })), dir };
}

let app: Awaited<ReturnType<typeof serveInWorkerd>>;
beforeAll(async () => void (app = await serveInWorkerd()));
afterAll(async () => {
  await app?.stop();
  if (app) await rm(app.dir, { recursive: true, force: true });
});

/** Sends a signed `Request` (from a test kit) to the Worker, as the provider would. */
const deliver = async (path: string, request: Request, body?: string) =>
  fetch(`${app.url}${path}`, { method: "POST", headers: request.headers, body: body ?? (await request.text()) });
const orders = async () => (await (await fetch(`${app.url}/orders`)).json()) as Fulfilment[];

describe("the checkout route, in workerd", () => {
  const checkout = (provider: string, fields: Record<string, string>) =>
    fetch(`${app.url}/checkout/${provider}`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual" });

  it("creates a Polar checkout on the mock and answers 303 to its URL", async () => {
    const response = await checkout("polar", { product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94", order: "ORD-1" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(responseExample("polar", "POST", "/v1/checkouts/", 201).url);
  });

  it("answers 400 naming the field Creem cannot honour", async () => {
    const response = await checkout("creem", { product: "prod_6tW66i0oZM7w1qXReHJrwg", cancelUrl: "https://shop.example.com/cart" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "UnsupportedCheckoutInputError", provider: "creem", field: "cancelUrl", reason: "unsupported" });
  });

  it("answers 400 with the reason for a form without a product", async () => {
    const response = await checkout("polar", {});
    expect(response.status).toBe(400);
    // The error's name survives a bundle holding several runtime copies (the runtime names errors by their brand).
    expect(await response.json()).toMatchObject({ error: "InvalidArgumentError", message: "createCheckout (Polar): items[0].product must be a non-empty string" });
  });
});

describe("the webhook routes, in workerd", () => {
  // One paid order per provider, signed by that package's test kit.
  const paid = [
    { provider: "paynow", request: () => paynow.signWebhook(paynow.exampleEvent("ON_ORDER_COMPLETED", { event_id: "evt_pn_1", body: { checkout: { metadata: { order_ref: "PN-1" } } } }), secrets.paynow), reference: "PN-1" },
    { provider: "creem", request: () => creem.signWebhook(creem.exampleEvent("checkout.completed", { id: "evt_cr_1", object: { request_id: "CR-1" } }), secrets.creem), reference: "CR-1" },
    { provider: "flowglad", request: () => flowglad.signWebhook(flowglad.exampleEvent("purchase.completed", { customer: { externalId: "FG-1" } }), secrets.flowglad, { id: "msg_fg_1" }), reference: "FG-1" },
    { provider: "polar", request: () => polar.signWebhook(polar.exampleEvent("order.paid", { data: { metadata: { order_ref: "PO-1" } } }), secrets.polar, { id: "msg_po_1" }), reference: "PO-1" },
    { provider: "stripe", request: () => stripe.signWebhook(stripe.exampleEvent("checkout.session.completed", { id: "evt_st_1", data: { object: { client_reference_id: "ST-1" } } }), secrets.stripe), reference: "ST-1" },
    { provider: "lemonsqueezy", request: () => lemonsqueezy.signWebhook(lemonsqueezy.exampleEvent("order_created", { meta: { custom_data: { order_ref: "LS-1" } }, data: { id: "ls_order_1" } }), secrets.lemonsqueezy), reference: "LS-1" },
  ];

  it.each(paid)("fulfils a $provider order once, though the provider delivers it twice", async ({ provider, request, reference }) => {
    expect((await deliver(`/webhooks/${provider}`, request())).status).toBe(200);
    // A redelivery: the same delivery id, a fresh signature.
    expect((await deliver(`/webhooks/${provider}`, request())).status).toBe(200);
    expect((await orders()).filter((order) => order.provider === provider)).toEqual([expect.objectContaining({ provider, reference })]);
  });

  it("accepts deliveries signed by the providers' own libraries: standardwebhooks for Polar, svix for Flowglad", async () => {
    const now = new Date();
    const order = JSON.stringify(polar.exampleEvent("order.paid", { data: { metadata: { order_ref: "PO-LIB" } } }));
    const polarHeaders = {
      "webhook-id": "msg_po_lib",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": providerLibraries.standardwebhooks.sign(secrets.polar, "msg_po_lib", now, order),
    };
    expect((await fetch(`${app.url}/webhooks/polar`, { method: "POST", headers: polarHeaders, body: order })).status).toBe(200);

    const purchase = JSON.stringify(flowglad.exampleEvent("purchase.completed", { customer: { externalId: "FG-LIB" } }));
    const svixHeaders = {
      "svix-id": "msg_fg_lib",
      "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
      "svix-signature": providerLibraries.svix.sign(secrets.flowglad, "msg_fg_lib", now, purchase),
    };
    expect((await fetch(`${app.url}/webhooks/flowglad`, { method: "POST", headers: svixHeaders, body: purchase })).status).toBe(200);
    expect((await orders()).map((order) => order.reference)).toEqual(expect.arrayContaining(["PO-LIB", "FG-LIB"]));
  });

  it("answers 400 with the reason to a tampered delivery or one signed with another secret, and fulfils nothing", async () => {
    const before = (await orders()).length;
    const signed = polar.signWebhook(polar.exampleEvent("order.paid", { data: { metadata: { order_ref: "PO-TAMPERED" } } }), secrets.polar, { id: "msg_po_tampered" });
    const tampered = await deliver("/webhooks/polar", signed, (await signed.text()).replace(/"total_amount":\d+/, '"total_amount":1'));
    expect([tampered.status, await tampered.text()]).toEqual([400, "bad_signature"]);
    const wrongSecret = await deliver("/webhooks/creem", creem.signWebhook(creem.exampleEvent("checkout.completed", { id: "evt_cr_wrong" }), "whsec_someone_else"));
    expect([wrongSecret.status, await wrongSecret.text()]).toEqual([400, "bad_signature"]);
    const unsigned = await fetch(`${app.url}/webhooks/creem`, { method: "POST", body: "{}" });
    expect([unsigned.status, await unsigned.text()]).toEqual([400, "missing_header"]);
    expect(await orders()).toHaveLength(before);
  });

  it("answers 200 to an event nothing handles, and fulfils nothing", async () => {
    const before = (await orders()).length;
    const created = polar.signWebhook(polar.exampleEvent("checkout.created"), secrets.polar, { id: "msg_po_created" });
    expect((await deliver("/webhooks/polar", created)).status).toBe(200);
    expect(await orders()).toHaveLength(before);
  });

  it("answers 500 when fulfilment fails, so that the provider retries, and logs why without the secret", async () => {
    const noReference = polar.signWebhook(polar.exampleEvent("order.paid", { data: { metadata: { order_ref: "" } } }), secrets.polar, { id: "msg_po_no_ref" });
    const response = await deliver("/webhooks/polar", noReference);
    expect(response.status).toBe(500);
    expect((await orders()).map((order) => order.deliveryId)).not.toContain("msg_po_no_ref");
    expect(app.output()).toContain("webhook polar msg_po_no_ref: Error: polar delivery msg_po_no_ref: the order has no reference");
    expect(app.output()).not.toContain(secrets.polar);
  });
});
