import { CheckoutKitError, InvalidArgumentError, KIND } from "./errors.js";

/** Why a webhook delivery was refused. */
export type WebhookFailureReason =
  | "missing_header"
  | "bad_signature"
  | "timestamp_out_of_window"
  | "malformed_body"
  | "bad_secret";

/** A webhook delivery (or a signed redirect) failed verification. The message never contains the secret. */
export interface WebhookVerificationError extends CheckoutKitError {
  readonly reason: WebhookFailureReason;
  readonly provider: string;
}
// A class expression in a pure-annotated call rather than a class statement: bundlers keep a class with a computed
// static key (`[KIND]`) even when it is unused, which put this class in every client's bundle. The explicit type
// keeps the declaration free of the Node-only statics a class expression's inferred type drags in.
export const WebhookVerificationError: {
  new (provider: string, reason: WebhookFailureReason, message: string, options?: { cause?: unknown }): WebhookVerificationError;
  readonly prototype: WebhookVerificationError;
  [Symbol.hasInstance](value: unknown): boolean;
} = /* @__PURE__ */ (() =>
  class WebhookVerificationError extends CheckoutKitError {
    static override readonly [KIND] = "WebhookVerificationError";
    readonly reason: WebhookFailureReason;
    readonly provider: string;
    constructor(provider: string, reason: WebhookFailureReason, message: string, options?: { cause?: unknown }) {
      super(message, options);
      this.provider = provider;
      this.reason = reason;
    }
  })();

/** Header values as Fetch, Node's `IncomingMessage.headers` or a plain object hold them. */
export type WebhookHeaders =
  | Headers
  | { get(name: string): string | null }
  | Record<string, string | string[] | undefined>;

/** What `verifyWebhook` accepts: a Fetch `Request`, or the raw body and headers your server received. */
export type WebhookRequest =
  | Request
  | { body: string | Uint8Array | ArrayBuffer; headers: WebhookHeaders };

export interface VerifyWebhookOptions {
  /** How far the signed timestamp may be from now, in seconds. Default: the provider's window (300 s). */
  toleranceSeconds?: number;
  /** The clock to check timestamps against; for tests. Default `Date.now`. */
  now?: () => Date | number;
}

/** Where a value of a delivery comes from: a header, or a field (a dotted path) of the JSON body. */
export type WebhookValueSource = { header: string; body?: undefined } | { body: string; header?: undefined };

/**
 * How a provider signs its deliveries, as data: the generated code passes its spec's `x-checkoutkit-webhooks`
 * here, and one verifier (and the test kit's signer) follows it. Every signature is an HMAC-SHA256.
 */
export interface WebhookDefinition {
  provider: string;
  /** The body field (a dotted path) whose string value names the event; checked present. */
  type?: string;
  /** The event name (the spec's `webhooks:` key) for each value of `type`, where the spec declares it. */
  events?: Record<string, string>;
  /** Where the delivery's id comes from: the same on every retry, the key to deduplicate on. */
  deliveryId?: WebhookValueSource;
  signature: {
    header: string;
    /**
     * `versioned`: space-separated `<version>,<signature>` entries; `list`: bare signatures separated by commas or
     * spaces; `pairs`: comma-separated `k=v` pairs, the signatures under `version` (`t=…,v1=…,v1=…`).
     */
    syntax: "versioned" | "list" | "pairs";
    version?: string;
    /** The signed content: the id, the timestamp and the raw body, joined with dots. */
    signed: "{id}.{timestamp}.{body}" | "{timestamp}.{body}" | "{body}";
    encoding: "hex" | "base64";
    /** The HMAC key: the secret's UTF-8 bytes, or its base64 decoding. */
    key: "utf8" | "base64";
    /** Stripped from the secret, when it starts with it, before the key is taken (`whsec_`). */
    keyPrefix?: string;
  };
  /** Where `{id}` comes from. */
  id?: { header: string };
  timestamp?: ({ header: string; pair?: undefined } | { pair: string; header?: undefined }) & {
    unit: "s" | "ms";
    /** The default window, in seconds. */
    tolerance: number;
    /** `both`: too old and too far in the future are refused; `past`: only too old. */
    window: "both" | "past";
  };
}

/** A verified delivery: the parsed event, its id and the signed timestamp where the scheme has one. */
export interface VerifiedDelivery<TEvent> {
  event: TEvent;
  id: string | undefined;
  timestamp: Date | undefined;
}

type Fail = (reason: WebhookFailureReason, message: string) => never;

const encoder = /* @__PURE__ */ new TextEncoder();

/** The HMAC key a secret stands for, or undefined when the secret cannot be one. */
export function webhookKey(definition: WebhookDefinition, secret: string): Uint8Array | undefined {
  if (typeof secret !== "string" || secret.length === 0) return undefined;
  const { key, keyPrefix } = definition.signature;
  const rest = keyPrefix && secret.startsWith(keyPrefix) ? secret.slice(keyPrefix.length) : secret;
  const bytes = key === "base64" ? fromBase64(rest) : encoder.encode(rest);
  return bytes && bytes.length > 0 ? bytes : undefined;
}

/** The bytes that are signed, given the id, timestamp and raw body. */
export function signedContent(definition: WebhookDefinition, id: string, timestamp: string, body: Uint8Array): Uint8Array {
  // One pass, so that an id holding "{timestamp}" is signed as the text it is.
  const prefix = definition.signature.signed.replace(/\{(id|timestamp|body)\}/g, (_, part: string) => (part === "id" ? id : part === "timestamp" ? timestamp : ""));
  return concat(encoder.encode(prefix), body);
}

/** A digest written as the scheme writes it. */
export function encodeDigest(definition: WebhookDefinition, digest: Uint8Array): string {
  return definition.signature.encoding === "hex" ? toHex(digest) : toBase64(digest);
}

/** The signature header's value for one signature (and the timestamp, when it is a pair of that header). */
export function signatureHeader(definition: WebhookDefinition, signature: string, timestamp: string): string {
  const { syntax, version } = definition.signature;
  if (syntax === "versioned") return `${version},${signature}`;
  if (syntax === "pairs") return `${definition.timestamp?.pair ? `${definition.timestamp.pair}=${timestamp},` : ""}${version}=${signature}`;
  return signature;
}

/** Splits a signature header into its signatures (still encoded) and, for `pairs`, the timestamp pair. */
function parseSignatureHeader(definition: WebhookDefinition, value: string): { signatures: string[]; pair?: string } {
  const { syntax, version } = definition.signature;
  if (syntax === "list") return { signatures: value.split(/[\s,]+/).filter(Boolean) };
  if (syntax === "versioned") {
    return {
      signatures: value.split(/\s+/).flatMap((entry) => {
        const comma = entry.indexOf(",");
        return comma > 0 && entry.slice(0, comma) === version ? [entry.slice(comma + 1)] : [];
      }),
    };
  }
  const pairs = value.split(",").map((pair) => {
    const equals = pair.indexOf("=");
    return equals < 0 ? ["", ""] : [pair.slice(0, equals).trim(), pair.slice(equals + 1).trim()];
  });
  const timestampKey = definition.timestamp?.pair;
  return {
    signatures: pairs.filter(([key]) => key === version).map(([, signature]) => signature!),
    pair: timestampKey === undefined ? undefined : pairs.find(([key]) => key === timestampKey)?.[1],
  };
}

/**
 * Checks a delivery's signature (and timestamp, where the scheme has one) against the raw body, then parses it.
 * Reads the body of a `Request`.
 */
export async function verifyWebhookWith<TEvent>(
  definition: WebhookDefinition,
  request: WebhookRequest,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<TEvent> {
  return (await verifyDeliveryWith<TEvent>(definition, request, secret, options)).event;
}

/** `verifyWebhookWith`, also returning the delivery's id and verified timestamp. */
export async function verifyDeliveryWith<TEvent>(
  definition: WebhookDefinition,
  request: WebhookRequest,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<VerifiedDelivery<TEvent>> {
  const { provider, signature, timestamp: timestampRule } = definition;
  const fail: Fail = (reason, message) => {
    throw new WebhookVerificationError(provider, reason, `${provider} webhook: ${message}`);
  };

  const key = webhookKey(definition, secret);
  if (!key) fail("bad_secret", "the webhook secret is empty or not in the form the provider issues");

  const { body, headers } = await readRequest(request, fail);
  const header = (name: string) => readHeader(headers, name) ?? fail("missing_header", `the ${name} header is missing`);

  const id = definition.id ? header(definition.id.header) : "";
  const { signatures, pair } = parseSignatureHeader(definition, header(signature.header));
  let timestamp = "";
  let signedAt: Date | undefined;
  if (timestampRule) {
    if (timestampRule.pair !== undefined) {
      timestamp = pair || fail("missing_header", `the ${signature.header} header has no ${timestampRule.pair}= timestamp`);
    } else timestamp = header(timestampRule.header);
    signedAt = checkTimestamp(timestamp, timestampRule, options, (message) => fail("timestamp_out_of_window", message));
  }

  const expected = await hmacSha256(key!, signedContent(definition, id, timestamp, body));
  const decode = signature.encoding === "hex" ? fromHex : fromBase64;
  // Every candidate is compared, so a header with several signatures passes when any one of them is right.
  let matched = false;
  for (const candidate of signatures) {
    const bytes = decode(candidate);
    if (bytes && timingSafeEqual(bytes, expected)) matched = true;
  }
  if (!matched) fail("bad_signature", "no signature in the header matches the body; pass the raw body exactly as received");

  const event = parseEvent<TEvent>(body, definition.type, fail);
  const source = definition.deliveryId;
  let deliveryId: string | undefined;
  if (source?.header !== undefined) deliveryId = readHeader(headers, source.header);
  else if (source?.body !== undefined) {
    const value = valueAt(event, source.body);
    if (typeof value === "string" || typeof value === "number") deliveryId = String(value);
  }
  return { event, id: deliveryId, timestamp: signedAt };
}

async function readRequest(request: WebhookRequest, fail: Fail) {
  if (typeof Request !== "undefined" && request instanceof Request) {
    return { body: new Uint8Array(await request.arrayBuffer()), headers: request.headers as WebhookHeaders };
  }
  const { body, headers } = (request ?? {}) as { body?: unknown; headers?: WebhookHeaders };
  if (!headers || typeof headers !== "object") throw new InvalidArgumentError("verifyWebhook needs a Request or { body, headers }");
  if (typeof body === "string") return { body: encoder.encode(body), headers };
  if (body instanceof Uint8Array) return { body, headers };
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body), headers };
  return fail(
    "malformed_body",
    body === undefined || body === null
      ? "the body is missing"
      : "the body was already parsed; pass the raw body (string or bytes) exactly as received, or the signature cannot be checked",
  );
}

function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  let value: string | string[] | null | undefined;
  if (typeof (headers as Headers).get === "function") value = (headers as Headers).get(name);
  else {
    const record = headers as Record<string, string | string[] | undefined>;
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    value = key === undefined ? undefined : record[key];
  }
  if (Array.isArray(value)) value = value.join(" ");
  value = value?.trim();
  return value ? value : undefined;
}

function checkTimestamp(
  value: string,
  { unit, tolerance: fallback, window }: NonNullable<WebhookDefinition["timestamp"]>,
  options: VerifyWebhookOptions,
  fail: (message: string) => never,
): Date {
  const tolerance = options.toleranceSeconds ?? fallback;
  if (!(tolerance >= 0)) throw new InvalidArgumentError("toleranceSeconds must be a number of seconds, 0 or more");
  if (!/^\d{1,16}$/.test(value)) fail(`the timestamp is not a Unix time in ${unit === "s" ? "seconds" : "milliseconds"}`);
  const sentMs = Number(value) * (unit === "s" ? 1000 : 1);
  const now = options.now ? Number(options.now()) : Date.now();
  const skewSeconds = Math.round((now - sentMs) / 1000);
  if (now - sentMs > tolerance * 1000) fail(`the delivery was signed ${skewSeconds} s ago, more than the ${tolerance} s allowed (a replay?)`);
  if (window === "both" && sentMs - now > tolerance * 1000) {
    fail(`the delivery is signed ${-skewSeconds} s in the future, more than the ${tolerance} s allowed`);
  }
  return new Date(sentMs);
}

function parseEvent<TEvent>(body: Uint8Array, typeField: string | undefined, fail: Fail): TEvent {
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return fail("malformed_body", body.length === 0 ? "the body is empty" : "the body is not JSON");
  }
  if (event === null || typeof event !== "object" || Array.isArray(event)) return fail("malformed_body", "the body is not a JSON object");
  if (typeField && typeof valueAt(event, typeField) !== "string") {
    return fail("malformed_body", `the body has no "${typeField}" naming the event`);
  }
  return event as TEvent;
}

/** The value at a dotted path (`meta.event_name`) of a parsed body. */
export function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** Compares two byte strings in time that depends only on their lengths. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/** HMAC-SHA256 of `content`; a string key or content is taken as its UTF-8 bytes. */
export async function hmacSha256(key: string | Uint8Array, content: string | Uint8Array): Promise<Uint8Array> {
  const bytes = (value: string | Uint8Array) => (typeof value === "string" ? encoder.encode(value) : value) as Uint8Array<ArrayBuffer>;
  const hmacKey = await crypto.subtle.importKey("raw", bytes(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, bytes(content)));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function fromBase64(value: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  try {
    return Uint8Array.from(atob(value), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function fromHex(value: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(value)) return undefined;
  const out = new Uint8Array(value.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(i * 2, i * 2 + 2), 16);
  return out;
}
