/**
 * Signs webhook deliveries the way each provider does, independently of the code under test (node:crypto, and
 * the `svix` and `standardwebhooks` packages), and holds a provider's `verifyWebhook` to its spec's examples.
 */
import { createHmac } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { describe, expect, it } from "vitest";
import { loadSpec, rejectionOf } from "./examples.js";

export type SigningScheme = "paynow" | "creem" | "svix" | "standard-webhooks";

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  /** When the provider signed it, in ms. Default now. */
  at?: number;
  /** The delivery id (Svix and Standard Webhooks). */
  id?: string;
}

/** Signs `body` with `secret` as the provider would, returning the headers it would send. */
export function signDelivery(scheme: SigningScheme, body: string, secret: string, { at = Date.now(), id = "msg_2pHq7lBvKx0" }: SignOptions = {}): Delivery {
  switch (scheme) {
    case "paynow": {
      const signature = createHmac("sha256", secret).update(`${at}.${body}`).digest("base64");
      return { body, headers: { "PayNow-Signature": signature, "PayNow-Timestamp": String(at) } };
    }
    case "creem":
      return { body, headers: { "creem-signature": createHmac("sha256", secret).update(body).digest("hex") } };
    case "svix": {
      const signature = new SvixWebhook(secret).sign(id, new Date(at), body);
      return { body, headers: { "svix-id": id, "svix-timestamp": String(Math.floor(at / 1000)), "svix-signature": signature } };
    }
    case "standard-webhooks": {
      // Polar keys the HMAC with the secret's UTF-8 bytes; the library expects those bytes base64-encoded.
      const signature = new StandardWebhook(Buffer.from(secret, "utf8").toString("base64")).sign(id, new Date(at), body);
      return { body, headers: { "webhook-id": id, "webhook-timestamp": String(Math.floor(at / 1000)), "webhook-signature": signature } };
    }
  }
}

/** The example body of every webhook a spec declares, by event name. */
export function webhookExamples(spec: string): Array<{ name: string; example: Record<string, unknown> }> {
  const doc = loadSpec(spec);
  return Object.entries(doc.webhooks ?? {}).map(([name, item]: [string, any]) => {
    const example = item.post?.requestBody?.content?.["application/json"]?.example;
    if (example === undefined) throw new Error(`${spec} webhook ${name} has no example`);
    return { name, example: structuredClone(example) };
  });
}

type Verify = (request: any, secret: string, options?: { toleranceSeconds?: number; now?: () => Date | number }) => Promise<unknown>;

export interface WebhookContract {
  spec: string;
  scheme: SigningScheme;
  verifyWebhook: Verify;
  /** A secret in the provider's format. */
  secret: string;
  /** The field whose value names the event; for bodies that do not carry the event name, map it yourself. */
  eventName: (event: any) => string | undefined;
}

const reasonOf = (promise: Promise<unknown>) => rejectionOf<{ reason?: string; message: string; name: string }>(promise);

/** The verification sweep: every spec example round-trips, and every way a delivery can be wrong is refused. */
export function describeWebhookContract({ spec, scheme, verifyWebhook, secret, eventName }: WebhookContract) {
  const examples = webhookExamples(spec);
  const at = Date.UTC(2026, 10, 21, 12, 0, 0);
  const now = () => new Date(at);
  const hasTimestamp = scheme !== "creem";
  const sign = (body: string, options: SignOptions & { key?: string } = {}) => signDelivery(scheme, body, options.key ?? secret, { at, ...options });
  const first = JSON.stringify(examples[0]!.example, null, 2);

  describe(`${spec} webhooks: verifyWebhook`, () => {
    it.each(examples)("verifies the spec's $name example and returns it, named by its type", async ({ name, example }) => {
      const delivery = sign(JSON.stringify(example));
      const event = await verifyWebhook(delivery, secret, { now });
      expect(event).toEqual(example);
      expect(eventName(event)).toBe(name);
    });

    it("takes a Fetch Request, and Node-style lower-case headers with Uint8Array bodies", async () => {
      const delivery = sign(first);
      const request = new Request("https://shop.example.com/webhooks", { method: "POST", body: delivery.body, headers: delivery.headers });
      await expect(verifyWebhook(request, secret, { now })).resolves.toEqual(examples[0]!.example);
      const lower = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k.toLowerCase(), v]));
      await expect(verifyWebhook({ body: new TextEncoder().encode(delivery.body), headers: lower }, secret, { now })).resolves.toEqual(examples[0]!.example);
    });

    it("refuses a tampered body", async () => {
      const delivery = sign(first);
      const tampered = delivery.body.replace(/\d(?=[^\d]*$)/, (d) => String((Number(d) + 1) % 10));
      expect(tampered).not.toBe(delivery.body);
      expect(await reasonOf(verifyWebhook({ ...delivery, body: tampered }, secret, { now }))).toMatchObject({ name: "WebhookVerificationError", reason: "bad_signature" });
    });

    it("refuses a delivery signed with another secret, without echoing either secret", async () => {
      const other = scheme === "svix" ? "whsec_" + Buffer.from("another-key-entirely-32-bytes!!!").toString("base64") : `${secret}-rotated`;
      const error = await reasonOf(verifyWebhook(sign(first, { key: other }), secret, { now }));
      expect(error).toMatchObject({ reason: "bad_signature" });
      expect(error.message).not.toContain(secret);
      expect(error.message).not.toContain(other);
    });

    it("refuses a body that was parsed and serialised again", async () => {
      const delivery = sign(first);
      const reserialised = JSON.stringify(JSON.parse(delivery.body));
      expect(await reasonOf(verifyWebhook({ ...delivery, body: reserialised }, secret, { now }))).toMatchObject({ reason: "bad_signature" });
      expect(await reasonOf(verifyWebhook({ ...delivery, body: JSON.parse(delivery.body) }, secret, { now }))).toMatchObject({ reason: "malformed_body" });
    });

    it("accepts one valid signature among several", async () => {
      const valid = sign(first);
      const forged = sign(first, { key: scheme === "svix" ? "whsec_" + Buffer.from("forged-key-forged-key-forged-key").toString("base64") : "forged" });
      const header = Object.keys(valid.headers).find((h) => /signature/i.test(h))!;
      const several = scheme === "svix" || scheme === "standard-webhooks" ? `${forged.headers[header]} v1,bm90LWEtc2ln ${valid.headers[header]}` : `${forged.headers[header]},${valid.headers[header]}`;
      await expect(verifyWebhook({ body: first, headers: { ...valid.headers, [header]: several } }, secret, { now })).resolves.toEqual(examples[0]!.example);
      const onlyForged = { ...valid.headers, [header]: `${forged.headers[header]} ${forged.headers[header]}` };
      expect(await reasonOf(verifyWebhook({ body: first, headers: onlyForged }, secret, { now }))).toMatchObject({ reason: "bad_signature" });
    });

    it.each(Object.keys(signDelivery(scheme, "{}", secret).headers))("refuses a delivery without %s", async (header) => {
      const delivery = sign(first);
      const { [header]: _, ...rest } = delivery.headers;
      expect(await reasonOf(verifyWebhook({ body: first, headers: rest }, secret, { now }))).toMatchObject({ reason: "missing_header" });
    });

    it("refuses an empty body", async () => {
      expect(await reasonOf(verifyWebhook(sign(""), secret, { now }))).toMatchObject({ reason: "malformed_body" });
    });

    it("refuses a signed body that is not a JSON object", async () => {
      expect(await reasonOf(verifyWebhook(sign("not json"), secret, { now }))).toMatchObject({ reason: "malformed_body" });
      expect(await reasonOf(verifyWebhook(sign("[1,2]"), secret, { now }))).toMatchObject({ reason: "malformed_body" });
    });

    it("refuses an empty secret as bad_secret", async () => {
      expect(await reasonOf(verifyWebhook(sign(first), "", { now }))).toMatchObject({ reason: "bad_secret" });
    });

    if (hasTimestamp) {
      it("refuses an expired and a future timestamp, with a settable window", async () => {
        const delivery = sign(first);
        const later = (seconds: number) => () => at + seconds * 1000;
        expect(await reasonOf(verifyWebhook(delivery, secret, { now: later(301) }))).toMatchObject({ reason: "timestamp_out_of_window" });
        expect(await reasonOf(verifyWebhook(delivery, secret, { now: later(-301) }))).toMatchObject({ reason: "timestamp_out_of_window" });
        await expect(verifyWebhook(delivery, secret, { now: later(299) })).resolves.toBeTruthy();
        await expect(verifyWebhook(delivery, secret, { now: later(900), toleranceSeconds: 1000 })).resolves.toBeTruthy();
        expect(await reasonOf(verifyWebhook(delivery, secret, { now: later(61), toleranceSeconds: 60 }))).toMatchObject({ reason: "timestamp_out_of_window" });
      });

      it("checks the timestamp against the real clock by default", async () => {
        const fresh = signDelivery(scheme, first, secret);
        await expect(verifyWebhook(fresh, secret)).resolves.toBeTruthy();
        const old = signDelivery(scheme, first, secret, { at: Date.UTC(2021, 0, 1) });
        expect(await reasonOf(verifyWebhook(old, secret))).toMatchObject({ reason: "timestamp_out_of_window" });
      });
    } else {
      it("has no timestamp to check: an old delivery still verifies (dedupe on the event id)", async () => {
        await expect(verifyWebhook(sign(first), secret, { now: () => at + 86_400_000 })).resolves.toBeTruthy();
      });
    }
  });
}
