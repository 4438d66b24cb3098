import { rejectionOf, signDelivery, type SigningScheme } from "@checkoutkit/testing";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, WebhookVerificationError, verifyWebhookWith, type WebhookScheme } from "../src/index.js";

// Each scheme checked against an independent signer (node:crypto, svix, standardwebhooks).
const secrets: Record<WebhookScheme, string> = {
  paynow: "pn_whsec_4f1c2d9e",
  creem: "whsec_creem_7Hq2",
  svix: "whsec_" + Buffer.from("flowglad-test-key-0123456789abcd").toString("base64"),
  "standard-webhooks": "polar_whs_Kx81mQ",
};
const body = JSON.stringify({ type: "order.paid", data: { id: "ord_1", amount: 1999 } });
const at = Date.UTC(2026, 10, 21, 9, 30);
const now = () => at;

async function failure(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe.each(Object.keys(secrets) as WebhookScheme[])("the %s scheme", (scheme) => {
  const secret = secrets[scheme];
  const verify = (request: Parameters<typeof verifyWebhookWith>[1], key = secret, options = { now }) =>
    verifyWebhookWith({ provider: "shop", scheme, type: "type" }, request, key, options);
  const delivery = () => signDelivery(scheme as SigningScheme, body, secret, { at });

  it("verifies a delivery signed by the provider's own library", async () => {
    await expect(verify(delivery())).resolves.toEqual(JSON.parse(body));
  });

  it("reads headers from a Headers object, and repeated headers as one list", async () => {
    const { headers } = delivery();
    await expect(verify({ body, headers: new Headers(headers) })).resolves.toBeTruthy();
    const signature = Object.keys(headers).find((h) => /signature/i.test(h))!;
    const repeated = { ...headers, [signature]: ["v1,AAAA", headers[signature]!] };
    await expect(verify({ body: Buffer.from(body), headers: repeated })).resolves.toBeTruthy();
  });

  it("takes the body as an ArrayBuffer", async () => {
    const bytes = new TextEncoder().encode(body);
    await expect(verify({ body: bytes.buffer.slice(0), headers: delivery().headers })).resolves.toBeTruthy();
  });

  it("refuses a body that names no event, or bytes that are not UTF-8", async () => {
    const nameless = signDelivery(scheme as SigningScheme, '{"data":{}}', secret, { at });
    expect((await failure(verify(nameless))).reason).toBe("malformed_body");
    const latin1 = new Uint8Array([0x7b, 0xe9, 0x7d]);
    const signed = signDelivery(scheme as SigningScheme, "x", secret, { at });
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
  const secret = secrets["standard-webhooks"];
  const verify = (headers: Record<string, string>, options: object = { now }) =>
    verifyWebhookWith({ provider: "polar", scheme: "standard-webhooks" }, { body, headers }, secret, options);

  it("refuses a timestamp that is not a number", async () => {
    const { headers } = signDelivery("standard-webhooks", body, secret, { at });
    const error = await failure(verify({ ...headers, "webhook-timestamp": "yesterday" }));
    expect(error).toMatchObject({ reason: "timestamp_out_of_window" });
    expect(error.message).toMatch(/seconds/);
  });

  it("takes the clock as a Date and says how far off a delivery is", async () => {
    const { headers } = signDelivery("standard-webhooks", body, secret, { at });
    const error = await failure(verify(headers, { now: () => new Date(at + 3_600_000) }));
    expect(error.message).toMatch(/signed 3600 s ago, more than the 300 s allowed/);
  });

  it("rejects a negative window as a programming error", async () => {
    const { headers } = signDelivery("standard-webhooks", body, secret, { at });
    await expect(verify(headers, { now, toleranceSeconds: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("secrets and arguments", () => {
  it("refuses a Svix secret that is not base64 as bad_secret", async () => {
    const { headers } = signDelivery("svix", body, secrets.svix, { at });
    const error = await failure(verifyWebhookWith({ provider: "flowglad", scheme: "svix" }, { body, headers }, "whsec_not base64!", { now }));
    expect(error.reason).toBe("bad_secret");
  });

  it("refuses a secret that is not a string", async () => {
    const { headers } = signDelivery("creem", body, secrets.creem);
    const error = await failure(verifyWebhookWith({ provider: "creem", scheme: "creem" }, { body, headers }, undefined as never));
    expect(error.reason).toBe("bad_secret");
  });

  it("asks for a Request or { body, headers } when given neither", async () => {
    await expect(verifyWebhookWith({ provider: "creem", scheme: "creem" }, {} as never, secrets.creem)).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
