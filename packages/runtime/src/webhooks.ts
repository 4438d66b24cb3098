import { CheckoutKitError, InvalidArgumentError } from "./errors.js";

/** Why a webhook delivery was refused. */
export type WebhookFailureReason =
  | "missing_header"
  | "bad_signature"
  | "timestamp_out_of_window"
  | "malformed_body"
  | "bad_secret";

/** A webhook delivery (or a signed redirect) failed verification. The message never contains the secret. */
export class WebhookVerificationError extends CheckoutKitError {
  readonly reason: WebhookFailureReason;
  readonly provider: string;
  constructor(provider: string, reason: WebhookFailureReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = provider;
    this.reason = reason;
  }
}

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
  /** How far the signed timestamp may be from now, either way, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** The clock to check timestamps against; for tests. Default `Date.now`. */
  now?: () => Date | number;
}

/** How a provider signs its deliveries; the four schemes checkoutkit knows. */
export type WebhookScheme = "paynow" | "creem" | "svix" | "standard-webhooks";

export interface WebhookDefinition {
  provider: string;
  scheme: WebhookScheme;
  /** The JSON field that names the event, checked to be present. */
  type?: string;
}

interface SchemeRules {
  id?: string;
  timestamp?: { header: string; unit: "s" | "ms" };
  signature: string;
  /** Turns the header's value into candidate signatures (bytes); undefined entries are skipped. */
  candidates(value: string): Array<Uint8Array | undefined>;
  /** The bytes that are signed, given the id, timestamp and raw body. */
  content(id: string, timestamp: string, body: Uint8Array): Uint8Array;
  key(secret: string): Uint8Array | undefined;
}

const encoder = new TextEncoder();
const utf8 = (secret: string) => encoder.encode(secret);

/** `v1,<base64>` entries, space-separated: Svix and Standard Webhooks. */
const versioned = (value: string) =>
  value.split(" ").map((entry) => {
    const [version, signature] = entry.split(",", 2);
    return version === "v1" && signature ? fromBase64(signature) : undefined;
  });

const idTimestampBody = (id: string, timestamp: string, body: Uint8Array) =>
  concat(encoder.encode(`${id}.${timestamp}.`), body);

const schemes: Record<WebhookScheme, SchemeRules> = {
  paynow: {
    timestamp: { header: "paynow-timestamp", unit: "ms" },
    signature: "paynow-signature",
    candidates: (value) => value.split(/[\s,]+/).map(fromBase64),
    content: (_id, timestamp, body) => concat(encoder.encode(`${timestamp}.`), body),
    key: utf8,
  },
  creem: {
    signature: "creem-signature",
    candidates: (value) => value.split(/[\s,]+/).map(fromHex),
    content: (_id, _timestamp, body) => body,
    key: utf8,
  },
  svix: {
    id: "svix-id",
    timestamp: { header: "svix-timestamp", unit: "s" },
    signature: "svix-signature",
    candidates: versioned,
    content: idTimestampBody,
    // Svix secrets are `whsec_` + base64 of the key bytes.
    key: (secret) => fromBase64(secret.startsWith("whsec_") ? secret.slice(6) : secret),
  },
  "standard-webhooks": {
    id: "webhook-id",
    timestamp: { header: "webhook-timestamp", unit: "s" },
    signature: "webhook-signature",
    candidates: versioned,
    content: idTimestampBody,
    // Polar keys the HMAC with the secret's own UTF-8 bytes, not a base64 decoding of it.
    key: utf8,
  },
};

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
  const { provider } = definition;
  const rules = schemes[definition.scheme];
  const fail = (reason: WebhookFailureReason, message: string): never => {
    throw new WebhookVerificationError(provider, reason, `${provider} webhook: ${message}`);
  };

  const key = typeof secret === "string" && secret.length > 0 ? rules.key(secret) : undefined;
  if (!key || key.length === 0) fail("bad_secret", "the webhook secret is empty or not in the form the provider issues");

  const { body, headers } = await readRequest(request, fail);
  const header = (name: string) => readHeader(headers, name) ?? fail("missing_header", `the ${name} header is missing`);

  const id = rules.id ? header(rules.id) : "";
  let timestamp = "";
  if (rules.timestamp) {
    timestamp = header(rules.timestamp.header);
    checkTimestamp(timestamp, rules.timestamp.unit, options, (message) => fail("timestamp_out_of_window", message));
  }
  const candidates = rules.candidates(header(rules.signature));

  const expected = await hmacSha256(key!, rules.content(id, timestamp, body));
  // Every candidate is compared, so a header with several signatures passes when any one of them is right.
  let matched = false;
  for (const candidate of candidates) if (candidate && timingSafeEqual(candidate, expected)) matched = true;
  if (!matched) fail("bad_signature", "no signature in the header matches the body; pass the raw body exactly as received");

  return parseEvent<TEvent>(body, definition.type, fail);
}

async function readRequest(request: WebhookRequest, fail: (reason: WebhookFailureReason, message: string) => never) {
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
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
    value = key === undefined ? undefined : record[key];
  }
  if (Array.isArray(value)) value = value.join(" ");
  value = value?.trim();
  return value ? value : undefined;
}

function checkTimestamp(value: string, unit: "s" | "ms", options: VerifyWebhookOptions, fail: (message: string) => never) {
  const tolerance = options.toleranceSeconds ?? 300;
  if (!(tolerance >= 0)) throw new InvalidArgumentError("toleranceSeconds must be a number of seconds, 0 or more");
  if (!/^\d{1,16}$/.test(value)) fail(`the timestamp header is not a Unix time in ${unit === "s" ? "seconds" : "milliseconds"}`);
  const sentMs = Number(value) * (unit === "s" ? 1000 : 1);
  const now = options.now ? Number(options.now()) : Date.now();
  const skewSeconds = Math.round((now - sentMs) / 1000);
  if (Math.abs(now - sentMs) > tolerance * 1000) {
    fail(
      skewSeconds > 0
        ? `the delivery was signed ${skewSeconds} s ago, more than the ${tolerance} s allowed (a replay?)`
        : `the delivery is signed ${-skewSeconds} s in the future, more than the ${tolerance} s allowed`,
    );
  }
}

function parseEvent<TEvent>(body: Uint8Array, typeField: string | undefined, fail: (reason: WebhookFailureReason, message: string) => never): TEvent {
  let event: unknown;
  try {
    event = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    return fail("malformed_body", body.length === 0 ? "the body is empty" : "the body is not JSON");
  }
  if (event === null || typeof event !== "object" || Array.isArray(event)) return fail("malformed_body", "the body is not a JSON object");
  if (typeField && typeof (event as Record<string, unknown>)[typeField] !== "string") {
    return fail("malformed_body", `the body has no "${typeField}" naming the event`);
  }
  return event as TEvent;
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function fromBase64(value: string): Uint8Array | undefined {
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
