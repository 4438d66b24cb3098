/**
 * Signs webhook deliveries the way each provider does, independently of the code under test: a node:crypto signer
 * driven by the spec's `x-checkoutkit-webhooks` description, cross-checked against the providers' own libraries
 * (`svix`, `standardwebhooks`, `stripe`) where one exists. Holds a provider's `verifyWebhook` to its spec's examples.
 */
import { createHmac } from "node:crypto";
import { loadSpec as loadSpecDocument, readWebhooks, type SignatureRules, type TimestampRules } from "@checkoutkit/spec-model";
import { Webhook as StandardWebhook } from "standardwebhooks";
import Stripe from "stripe";
import { Webhook as SvixWebhook } from "svix";
import { describe, expect, it } from "vitest";
import { loadSpec, rejectionOf } from "./examples.js";

/** What signing needs of a description: a spec's `x-checkoutkit-webhooks`, or a definition written in a test. */
export interface SigningRules {
  signature: SignatureRules;
  id?: { header: string };
  timestamp?: TimestampRules;
}

export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

export interface SignOptions {
  /** When the provider signed it, in ms. Default now. */
  at?: number;
  /** The delivery id, where the scheme signs one. */
  id?: string;
}

/** A spec's `x-checkoutkit-webhooks`, by spec name. */
export function webhookRules(spec: string) {
  const rules = readWebhooks(loadSpecDocument(spec));
  if (!rules) throw new Error(`${spec} declares no webhooks`);
  return rules;
}

/** Signs `body` with `secret` as the provider would (node:crypto), returning the headers it would send. */
export function signDelivery(rules: string | SigningRules, body: string, secret: string, { at = Date.now(), id = "msg_2pHq7lBvKx0" }: SignOptions = {}): Delivery {
  const { signature, timestamp: clock, id: idSource } = typeof rules === "string" ? webhookRules(rules) : rules;
  const bare = signature.keyPrefix && secret.startsWith(signature.keyPrefix) ? secret.slice(signature.keyPrefix.length) : secret;
  const key = Buffer.from(bare, signature.key === "base64" ? "base64" : "utf8");
  const timestamp = clock ? String(clock.unit === "s" ? Math.floor(at / 1000) : at) : "";
  const parts: Record<string, string> = { id, timestamp, body };
  const content = signature.signed.replace(/\{(\w+)\}/g, (_, part: string) => parts[part]!);
  const digest = createHmac("sha256", key).update(content).digest(signature.encoding);
  const headers: Record<string, string> = {};
  if (idSource) headers[idSource.header] = id;
  if (clock?.header) headers[clock.header] = timestamp;
  headers[signature.header] =
    signature.syntax === "versioned" ? `${signature.version},${digest}`
    : signature.syntax === "pairs" ? `${clock?.pair ? `${clock.pair}=${timestamp},` : ""}${signature.version}=${digest}`
    : digest;
  return { body, headers };
}

const stripeWebhooks = new Stripe("sk_test_webhooks_only").webhooks;

/** The providers' own signing libraries, for the schemes that have one: each signs and verifies with the secret as the provider issues it. */
export const providerLibraries = {
  svix: {
    sign: (secret: string, id: string, at: Date, body: string) => new SvixWebhook(secret).sign(id, at, body),
    verify: (secret: string, body: string, headers: Record<string, string>) => new SvixWebhook(secret).verify(body, headers),
  },
  standardwebhooks: {
    // Polar keys the HMAC with the secret's UTF-8 bytes; the library expects those bytes base64-encoded.
    sign: (secret: string, id: string, at: Date, body: string) => new StandardWebhook(Buffer.from(secret, "utf8").toString("base64")).sign(id, at, body),
    verify: (secret: string, body: string, headers: Record<string, string>) =>
      new StandardWebhook(Buffer.from(secret, "utf8").toString("base64")).verify(body, headers),
  },
  stripe: {
    // stripe-node's own test signer and constructEvent (which checks the 300 s window against the real clock).
    sign: (secret: string, _id: string, at: Date, body: string) =>
      stripeWebhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(at.getTime() / 1000) }),
    verify: (secret: string, body: string, headers: Record<string, string>) =>
      stripeWebhooks.constructEvent(body, Object.entries(headers).find(([name]) => name.toLowerCase() === "stripe-signature")?.[1] ?? "", secret),
  },
} as const;

export type ProviderLibrary = keyof typeof providerLibraries;

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
  verifyWebhook: Verify;
  /** A secret in the provider's format. */
  secret: string;
  /** The field whose value names the event; for bodies that do not carry the event name, map it yourself. */
  eventName: (event: any) => string | undefined;
  /** The provider's own library, when it has one: the independent signer must sign exactly as it does. */
  library?: ProviderLibrary;
}

/** A secret of the same form as `secret` that is not it: a base64 key for schemes that decode one. */
export function otherSecret(rules: SigningRules, secret: string, seed = "another-key-entirely-32-bytes!!!"): string {
  const { key, keyPrefix = "" } = rules.signature;
  return key === "base64" ? keyPrefix + Buffer.from(seed).toString("base64") : `${secret}-${seed.slice(0, 7)}`;
}

const reasonOf = (promise: Promise<unknown>) => rejectionOf<{ reason?: string; message: string; name: string }>(promise);

/** The verification sweep: every spec example round-trips, and every way a delivery can be wrong is refused. */
export function describeWebhookContract({ spec, verifyWebhook, secret, eventName, library }: WebhookContract) {
  const rules = webhookRules(spec);
  const examples = webhookExamples(spec);
  const at = Date.UTC(2026, 10, 21, 12, 0, 0);
  const now = () => new Date(at);
  const hasTimestamp = rules.timestamp !== undefined;
  const sign = (body: string, options: SignOptions & { key?: string } = {}) => signDelivery(rules, body, options.key ?? secret, { at, ...options });
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
      const other = otherSecret(rules, secret);
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
      const forged = sign(first, { key: otherSecret(rules, secret, "forged-key-forged-key-forged-key") });
      const header = rules.signature.header;
      const several =
        rules.signature.syntax === "versioned"
          ? `${forged.headers[header]} ${rules.signature.version},bm90LWEtc2ln ${valid.headers[header]}`
          : `${forged.headers[header]},${valid.headers[header]}`;
      await expect(verifyWebhook({ body: first, headers: { ...valid.headers, [header]: several } }, secret, { now })).resolves.toEqual(examples[0]!.example);
      const onlyForged = { ...valid.headers, [header]: `${forged.headers[header]} ${forged.headers[header]}` };
      expect(await reasonOf(verifyWebhook({ body: first, headers: onlyForged }, secret, { now }))).toMatchObject({ reason: "bad_signature" });
    });

    it.each(Object.keys(signDelivery(rules, "{}", secret).headers))("refuses a delivery without %s", async (header) => {
      const delivery = sign(first);
      const { [header]: _, ...rest } = delivery.headers;
      expect(await reasonOf(verifyWebhook({ body: first, headers: rest }, secret, { now }))).toMatchObject({ reason: "missing_header" });
    });

    if (library) {
      it(`signs exactly as the provider's own library (${library}) does, and that library accepts it`, async () => {
        const delivery = sign(first, { id: "msg_cross_check" });
        expect(delivery.headers[rules.signature.header]).toBe(providerLibraries[library].sign(secret, "msg_cross_check", new Date(at), first));
        const fresh = signDelivery(rules, first, secret, { id: "msg_cross_check" });
        expect(providerLibraries[library].verify(secret, first, fresh.headers)).toEqual(JSON.parse(first));
      });
    }

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
      it(`refuses an expired${rules.timestamp!.window === "past" ? "" : " and a future"} timestamp, with a settable window`, async () => {
        const delivery = sign(first);
        const later = (seconds: number) => () => at + seconds * 1000;
        expect(await reasonOf(verifyWebhook(delivery, secret, { now: later(301) }))).toMatchObject({ reason: "timestamp_out_of_window" });
        if (rules.timestamp!.window === "past") {
          // A past-only window (Stripe's constructEvent) takes a timestamp ahead of the receiver's clock.
          await expect(verifyWebhook(delivery, secret, { now: later(-301) })).resolves.toBeTruthy();
        } else {
          expect(await reasonOf(verifyWebhook(delivery, secret, { now: later(-301) }))).toMatchObject({ reason: "timestamp_out_of_window" });
        }
        await expect(verifyWebhook(delivery, secret, { now: later(299) })).resolves.toBeTruthy();
        await expect(verifyWebhook(delivery, secret, { now: later(900), toleranceSeconds: 1000 })).resolves.toBeTruthy();
        expect(await reasonOf(verifyWebhook(delivery, secret, { now: later(61), toleranceSeconds: 60 }))).toMatchObject({ reason: "timestamp_out_of_window" });
      });

      it("checks the timestamp against the real clock by default", async () => {
        const fresh = signDelivery(rules, first, secret);
        await expect(verifyWebhook(fresh, secret)).resolves.toBeTruthy();
        const old = signDelivery(rules, first, secret, { at: Date.UTC(2021, 0, 1) });
        expect(await reasonOf(verifyWebhook(old, secret))).toMatchObject({ reason: "timestamp_out_of_window" });
      });
    } else {
      it("has no timestamp to check: an old delivery still verifies (dedupe on the event id)", async () => {
        await expect(verifyWebhook(sign(first), secret, { now: () => at + 86_400_000 })).resolves.toBeTruthy();
      });
    }
  });
}
