import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as creem from "@checkoutkit/creem/testing";
import * as flowglad from "@checkoutkit/flowglad/testing";
import * as lemonsqueezy from "@checkoutkit/lemonsqueezy/testing";
import * as paynow from "@checkoutkit/paynow/testing";
import * as polar from "@checkoutkit/polar/testing";
import * as stripe from "@checkoutkit/stripe/testing";
import { providerLibraries } from "@checkoutkit/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, memoryStore, type Secrets, type Store } from "../src/app.js";

const secrets: Secrets = {
  paynow: "pn_whsec_example_8Hq2",
  creem: "whsec_creem_example_3pQ8",
  flowglad: "whsec_" + Buffer.from("example-flowglad-signing-key-32b").toString("base64"),
  polar: "polar_whs_example_4Tq9",
  stripe: "whsec_stripe_example_7Kd1",
  lemonsqueezy: "ls_signing_example_2Wm5",
};

/** Starts the app on a free port; answers its base URL and a way to stop it. */
async function serve(store: Store) {
  const log = vi.fn();
  const server: Server = await new Promise((resolve) => {
    const started = createApp(secrets, store, log).listen(0, "127.0.0.1", () => resolve(started));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, log, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Sends a signed `Request` (from a test kit) to the running app, as the provider would. */
const deliver = async (base: string, path: string, request: Request, body?: string) =>
  fetch(`${base}${path}`, { method: "POST", headers: request.headers, body: body ?? (await request.text()) });

describe("the Express app", () => {
  const store = memoryStore();
  let app: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => void (app = await serve(store)));
  afterAll(() => app.close());

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
    expect((await deliver(app.base, `/webhooks/${provider}`, request())).status).toBe(200);
    // A redelivery: the same delivery id, a fresh signature.
    expect((await deliver(app.base, `/webhooks/${provider}`, request())).status).toBe(200);
    expect(store.fulfilled.filter((order) => order.provider === provider)).toEqual([expect.objectContaining({ provider, reference })]);
  });

  it("accepts deliveries signed by the providers' own libraries: standardwebhooks for Polar, svix for Flowglad", async () => {
    const now = new Date();
    const order = JSON.stringify(polar.exampleEvent("order.paid", { data: { metadata: { order_ref: "PO-LIB" } } }));
    const polarHeaders = {
      "webhook-id": "msg_po_lib",
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": providerLibraries.standardwebhooks.sign(secrets.polar, "msg_po_lib", now, order),
    };
    expect((await fetch(`${app.base}/webhooks/polar`, { method: "POST", headers: polarHeaders, body: order })).status).toBe(200);

    const purchase = JSON.stringify(flowglad.exampleEvent("purchase.completed", { customer: { externalId: "FG-LIB" } }));
    const svixHeaders = {
      "svix-id": "msg_fg_lib",
      "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
      "svix-signature": providerLibraries.svix.sign(secrets.flowglad, "msg_fg_lib", now, purchase),
    };
    expect((await fetch(`${app.base}/webhooks/flowglad`, { method: "POST", headers: svixHeaders, body: purchase })).status).toBe(200);
    expect(store.fulfilled.map((order) => order.reference)).toEqual(expect.arrayContaining(["PO-LIB", "FG-LIB"]));
  });

  it("answers 400 with the reason to a tampered or unsigned delivery, and fulfils nothing", async () => {
    const before = store.fulfilled.length;
    const signed = polar.signWebhook(polar.exampleEvent("order.paid"), secrets.polar);
    const tampered = await deliver(app.base, "/webhooks/polar", signed, (await signed.text()).replace(/"total_amount":\d+/, '"total_amount":1'));
    expect([tampered.status, await tampered.text()]).toEqual([400, "bad_signature"]);
    const unsigned = await fetch(`${app.base}/webhooks/creem`, { method: "POST", body: "{}" });
    expect([unsigned.status, await unsigned.text()]).toEqual([400, "missing_header"]);
    expect(store.fulfilled).toHaveLength(before);
  });

  it("answers 200 to an event nothing handles", async () => {
    const created = polar.signWebhook(polar.exampleEvent("checkout.created"), secrets.polar);
    expect((await deliver(app.base, "/webhooks/polar", created)).status).toBe(200);
  });

  it("keeps its JSON parser for the other routes, and a webhook route behind it answers 500 with a log saying why", async () => {
    const note = await fetch(`${app.base}/api/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"hi"}' });
    expect([note.status, await note.json()]).toEqual([201, { saved: { text: "hi" } }]);

    const misplaced = await deliver(app.base, "/webhooks/polar-behind-json-parser", polar.signWebhook(polar.exampleEvent("order.paid"), secrets.polar));
    expect(misplaced.status).toBe(500);
    expect(app.log).toHaveBeenCalledWith(expect.stringContaining('express.raw({ type: "application/json" })'));
  });
});

describe("when fulfilment fails", () => {
  it("answers 500, so that the provider retries, and logs the failure without the secret", async () => {
    const app = await serve({ fulfil: () => Promise.reject(new Error("the database is down")) });
    try {
      const response = await deliver(app.base, "/webhooks/creem", creem.signWebhook(creem.exampleEvent("checkout.completed"), secrets.creem));
      expect(response.status).toBe(500);
      expect(app.log).toHaveBeenCalledWith(expect.stringMatching(/^webhook creem evt_\w+: Error: the database is down$/));
      expect(JSON.stringify(app.log.mock.calls)).not.toContain(secrets.creem);
    } finally {
      await app.close();
    }
  });
});
