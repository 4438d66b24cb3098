import { WebhookVerificationError, fromHex, hmacSha256, timingSafeEqual } from "@checkoutkit/runtime";

/** The query parameters Creem appends to your `success_url`; `null` where Creem sent none. */
export interface CreemRedirect {
  checkout_id: string;
  order_id: string | null;
  customer_id: string | null;
  subscription_id: string | null;
  product_id: string | null;
  request_id: string | null;
}

const SIGNED = ["checkout_id", "customer_id", "order_id", "product_id", "request_id", "subscription_id"] as const;

/**
 * Checks the `signature` Creem adds to the redirect to your `success_url`, and returns the parameters it signs.
 * Give it the whole URL, its query string, `URLSearchParams`, or your framework's parsed query object.
 *
 * The signature is a hex HMAC-SHA256, keyed with your API key, of the other Creem parameters that have a value,
 * sorted by name and joined as `k=v&k=v`. Parameters of your own on the URL are ignored. A redirect only says the
 * customer came back: fulfil the order from the verified `checkout.completed` webhook, not from this.
 *
 * Throws `WebhookVerificationError` (`missing_header` when there is no signature, `bad_signature`, `bad_secret`).
 */
export async function verifyCreemRedirect(
  urlOrParams: string | URL | URLSearchParams | Record<string, string | string[] | null | undefined>,
  apiKey: string,
): Promise<CreemRedirect> {
  const fail = (reason: "missing_header" | "bad_signature" | "bad_secret" | "malformed_body", message: string): never => {
    throw new WebhookVerificationError("creem", reason, `creem redirect: ${message}`);
  };
  if (typeof apiKey !== "string" || !apiKey) fail("bad_secret", "the API key is empty");

  const params = toParams(urlOrParams);
  const signature = params.get("signature");
  if (!signature) return fail("missing_header", "the signature query parameter is missing");

  const values = Object.fromEntries(SIGNED.map((name) => [name, valueOf(params.get(name))])) as Record<(typeof SIGNED)[number], string | null>;
  const expected = await hmacSha256(apiKey, signedContent(values));
  const given = fromHex(signature);
  if (!given || !timingSafeEqual(given, expected)) fail("bad_signature", "the signature does not match the parameters");
  if (!values.checkout_id) fail("malformed_body", "the redirect carries no checkout_id");
  return values as CreemRedirect;
}

/**
 * Signs redirect parameters the way Creem does, keyed with your API key, and returns them with their `signature`:
 * for testing your `success_url` route (`verifyCreemRedirect` accepts the result). Parameters that are `null`,
 * empty or absent are left out, as Creem leaves them out.
 */
export async function signCreemRedirect(params: Partial<CreemRedirect> & { checkout_id: string }, apiKey: string): Promise<URLSearchParams> {
  if (typeof apiKey !== "string" || !apiKey) throw new WebhookVerificationError("creem", "bad_secret", "creem redirect: the API key is empty");
  const query = new URLSearchParams();
  for (const name of SIGNED) {
    const value = valueOf(params[name] ?? null);
    if (value !== null) query.set(name, value);
  }
  query.set("signature", toHex(await hmacSha256(apiKey, signedContent(Object.fromEntries(query)))));
  return query;
}

/** `k=v&k=v` of the signed parameters that have a value, by name, unencoded: what Creem's signature covers. */
const signedContent = (values: Partial<Record<(typeof SIGNED)[number], string | null>>) =>
  SIGNED.filter((name) => values[name] != null)
    .map((name) => `${name}=${values[name]}`)
    .join("&");
const toHex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

function toParams(input: Parameters<typeof verifyCreemRedirect>[0]): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (input instanceof URL) return input.searchParams;
  if (typeof input === "string") return /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? new URL(input).searchParams : new URLSearchParams(input);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(input ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") params.set(name, first);
  }
  return params;
}

// A parameter Creem had no value for is left out of the signature, whether it is absent, empty or "null".
const valueOf = (value: string | null) => (value === null || value === "" || value === "null" ? null : value);
