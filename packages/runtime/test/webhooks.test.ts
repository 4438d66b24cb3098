import { createHmac } from "node:crypto";
import { rejectionOf, signDelivery, webhookRules } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import { lemonLike, stripeLike } from "./helpers.js";
import { InvalidArgumentError, WebhookVerificationError, verifyWebhookWith, type WebhookDefinition } from "../src/index.js";

// Each provider's scheme, as its spec describes it, checked against an independent node:crypto signer driven by the
// same description (which the provider packages' tests cross-check against svix and standardwebhooks).
const specs = ["paynow-management", "creem", "flowglad", "polar"] as const;
const secrets: Record<(typeof specs)[number], string> = {
  "paynow-management": "pn_whsec_4f1c2d9e",
  creem: "whsec_creem_7Hq2",
  flowglad: "whsec_" + Buffer.from("flowglad-test-key-0123456789abcd").toString("base64"),
  polar: "polar_whs_Kx81mQ",
};
const definitionOf = (spec: string, provider = "shop"): WebhookDefinition => ({ ...webhookRules(spec), provider, type: "type" });
const body = JSON.stringify({ type: "order.paid", data: { id: "ord_1", amount: 1999 } });
const at = Date.UTC(2026, 10, 21, 9, 30);
const now = () => at;

async function failure(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe.each(specs)("the %s scheme", (spec) => {
  const secret = secrets[spec];
  const definition = definitionOf(spec);
  const verify = (request: Parameters<typeof verifyWebhookWith>[1], key = secret, options = { now }) => verifyWebhookWith(definition, request, key, options);
  const delivery = () => signDelivery(definition, body, secret, { at });

  it("verifies a delivery signed by the provider's own library", async () => {
    await expect(verify(delivery())).resolves.toEqual(JSON.parse(body));
  });

  it("reads headers from a Headers object, and repeated headers as one list", async () => {
    const { headers } = delivery();
    await expect(verify({ body, headers: new Headers(headers) })).resolves.toBeTruthy();
    const signature = definition.signature.header;
    const repeated = { ...headers, [signature]: ["v1,AAAA", headers[signature]!] };
    await expect(verify({ body: Buffer.from(body), headers: repeated })).resolves.toBeTruthy();
  });

  it("takes the body as an ArrayBuffer", async () => {
    const bytes = new TextEncoder().encode(body);
    await expect(verify({ body: bytes.buffer.slice(0), headers: delivery().headers })).resolves.toBeTruthy();
  });

  it("refuses a body that names no event, or bytes that are not UTF-8", async () => {
    const nameless = signDelivery(definition, '{"data":{}}', secret, { at });
    expect((await failure(verify(nameless))).reason).toBe("malformed_body");
    const latin1 = new Uint8Array([0x7b, 0xe9, 0x7d]);
    const signed = signDelivery(definition, "x", secret, { at });
    expect((await failure(verify({ body: latin1, headers: signed.headers }))).reason).toMatch(/bad_signature|malformed_body/);
  });

  it("says the body is missing rather than failing the signature", async () => {
    expect((await failure(verify({ body: undefined as never, headers: delivery().headers }))).message).toMatch(/body is missing/);
  });

  it("names the provider and never the secret", async () => {
    const error = await failure(verify(delivery(), secret + "x"));
    expect(error.message).toMatch(/^shop webhook: /);
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});

describe("timestamps", () => {
  const secret = secrets.polar;
  const definition = definitionOf("polar", "polar");
  const verify = (headers: Record<string, string>, options: object = { now }) => verifyWebhookWith(definition, { body, headers }, secret, options);

  it("refuses a timestamp that is not a number", async () => {
    const { headers } = signDelivery(definition, body, secret, { at });
    const error = await failure(verify({ ...headers, "webhook-timestamp": "yesterday" }));
    expect(error).toMatchObject({ reason: "timestamp_out_of_window" });
    expect(error.message).toMatch(/seconds/);
  });

  it("takes the clock as a Date and says how far off a delivery is", async () => {
    const { headers } = signDelivery(definition, body, secret, { at });
    const error = await failure(verify(headers, { now: () => new Date(at + 3_600_000) }));
    expect(error.message).toMatch(/signed 3600 s ago, more than the 300 s allowed/);
  });

  it("rejects a negative window as a programming error", async () => {
    const { headers } = signDelivery(definition, body, secret, { at });
    await expect(verify(headers, { now, toleranceSeconds: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("secrets and arguments", () => {
  it("refuses a Svix secret that is not base64 as bad_secret", async () => {
    const { headers } = signDelivery("flowglad", body, secrets.flowglad, { at });
    const error = await failure(verifyWebhookWith(definitionOf("flowglad"), { body, headers }, "whsec_not base64!", { now }));
    expect(error.reason).toBe("bad_secret");
  });

  it("refuses a secret that is not a string", async () => {
    const { headers } = signDelivery("creem", body, secrets.creem);
    const error = await failure(verifyWebhookWith(definitionOf("creem"), { body, headers }, undefined as never));
    expect(error.reason).toBe("bad_secret");
  });

  it("asks for a Request or { body, headers } when given neither", async () => {
    await expect(verifyWebhookWith(definitionOf("creem"), {} as never, secrets.creem)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

// Two schemes no spec here uses yet, written as definitions only: the verifier needs no change for them.
describe("a scheme described only by data", () => {
  const stripeSecret = "whsec_stripe_2mQ9vK4xL8";
  const stripeEvent = JSON.stringify({ id: "evt_1Q2w3E4r", object: "event", type: "checkout.session.completed", data: { object: { id: "cs_1" } } });
  const t = Math.floor(at / 1000);
  // Stripe signs `${t}.${body}` with the `whsec_…` string's UTF-8 bytes, hex, in `t=…,v1=…` pairs.
  const stripeSignature = (secret: string, timestamp = t) => createHmac("sha256", secret).update(`${timestamp}.${stripeEvent}`).digest("hex");

  it("verifies Stripe-style t=…,v1=… pairs, any v1 of several, ignoring other schemes", async () => {
    const header = `t=${t},v0=${"ab".repeat(32)},v1=${stripeSignature("whsec_old")},v1=${stripeSignature(stripeSecret)}`;
    const event = await verifyWebhookWith(stripeLike, { body: stripeEvent, headers: { "Stripe-Signature": header } }, stripeSecret, { now });
    expect(event).toEqual(JSON.parse(stripeEvent));
  });

  it("refuses a Stripe-style delivery too old, but not one from the future (the window is one-sided)", async () => {
    const old = `t=${t - 301},v1=${stripeSignature(stripeSecret, t - 301)}`;
    expect((await failure(verifyWebhookWith(stripeLike, { body: stripeEvent, headers: { "stripe-signature": old } }, stripeSecret, { now }))).reason).toBe("timestamp_out_of_window");
    const ahead = `t=${t + 3600},v1=${stripeSignature(stripeSecret, t + 3600)}`;
    await expect(verifyWebhookWith(stripeLike, { body: stripeEvent, headers: { "stripe-signature": ahead } }, stripeSecret, { now })).resolves.toBeTruthy();
  });

  it("says the t= pair is missing, and refuses a v1 over another timestamp", async () => {
    const noTimestamp = `v1=${stripeSignature(stripeSecret)}`;
    expect((await failure(verifyWebhookWith(stripeLike, { body: stripeEvent, headers: { "stripe-signature": noTimestamp } }, stripeSecret, { now }))).reason).toBe("missing_header");
    const moved = `t=${t - 1},v1=${stripeSignature(stripeSecret)}`;
    expect((await failure(verifyWebhookWith(stripeLike, { body: stripeEvent, headers: { "stripe-signature": moved } }, stripeSecret, { now }))).reason).toBe("bad_signature");
  });

  it("verifies a Lemon Squeezy-style X-Signature hex of the body, with the event named at meta.event_name", async () => {
    const secret = "my-ls-signing-secret";
    const event = JSON.stringify({ meta: { event_name: "order_created", webhook_id: "wh_1" }, data: { id: "1" } });
    const signature = createHmac("sha256", secret).update(event).digest("hex");
    await expect(verifyWebhookWith(lemonLike, { body: event, headers: { "X-Signature": signature } }, secret)).resolves.toEqual(JSON.parse(event));
    const nameless = JSON.stringify({ meta: {}, data: {} });
    const signed = createHmac("sha256", secret).update(nameless).digest("hex");
    expect((await failure(verifyWebhookWith(lemonLike, { body: nameless, headers: { "x-signature": signed } }, secret))).reason).toBe("malformed_body");
  });
});

describe("signed content", () => {
  it("signs an id holding a placeholder's text as that text", async () => {
    const definition = definitionOf("polar");
    const { headers } = signDelivery(definition, body, secrets.polar, { at, id: "msg_{timestamp}" });
    await expect(verifyWebhookWith(definition, { body, headers }, secrets.polar, { now })).resolves.toEqual(JSON.parse(body));
  });
});
