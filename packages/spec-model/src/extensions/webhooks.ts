/**
 * `x-checkoutkit-webhooks` (root): how a provider signs its webhook deliveries, as a description from a small
 * vocabulary, and how its events are told apart. The runtime's one verifier, the generated doc comments, the test
 * kit's signer and the test suite's independent signer all read this description; no code names a scheme.
 */
import { pointer, type Node, type SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

/** What is signed: the delivery id, the timestamp and the raw body, joined with dots. */
export type SignedContent = "{id}.{timestamp}.{body}" | "{timestamp}.{body}" | "{body}";

export interface SignatureRules {
  /** The header holding the signature(s). */
  header: string;
  /**
   * How the header lists signatures: `versioned` = space-separated `<version>,<sig>` entries (Svix, Standard
   * Webhooks); `list` = bare signatures separated by commas or spaces; `pairs` = `k=v` pairs separated by commas,
   * the signatures under `version` (Stripe's `t=…,v1=…,v1=…`).
   */
  syntax: "versioned" | "list" | "pairs";
  /** The version tag (`versioned`) or pair key (`pairs`) of the signatures to check, e.g. `v1`. */
  version?: string;
  signed: SignedContent;
  /** How the HMAC-SHA256 digest is written. */
  encoding: "hex" | "base64";
  /** The HMAC key: the secret's UTF-8 bytes, or the base64 decoding of it. */
  key: "utf8" | "base64";
  /** Stripped from the secret, when present, before the key is taken from it (e.g. `whsec_`). */
  keyPrefix?: string;
}

export type TimestampRules = (
  | { /** The header holding the timestamp. */ header: string; pair?: undefined }
  | { /** The key of the `k=v` pair inside the signature header holding the timestamp. */ pair: string; header?: undefined }
) & {
  unit: "s" | "ms";
  /** The default replay window, in seconds. */
  tolerance: number;
  /** `both`: refuse timestamps too far in the past or the future; `past`: only too old (Stripe). */
  window: "both" | "past";
};

/** Where a value of the delivery comes from: a header, or a (dotted) path into the JSON body. */
export type ValueSource = { header: string; body?: undefined } | { body: string; header?: undefined };

export interface WebhookRules {
  /** The TypeScript name of the union of every event, e.g. `PolarWebhookEvent`. */
  event: string;
  /** The body field (a dotted path) whose value names the event. */
  type: string;
  /** Where the delivery's id, stable across retries and the key to deduplicate on, comes from. */
  deliveryId: ValueSource;
  signature: SignatureRules;
  /** Where `{id}` of the signed content comes from. */
  id?: { header: string };
  timestamp?: TimestampRules;
}

/** A spec's webhooks as the generator uses them: the rules, and what the spec's `webhooks:` say. */
export interface WebhookModel {
  rules: WebhookRules;
  /** Every event (the keys of `webhooks:`), in spec order, with the value of `type` that names it and its example. */
  events: Array<{ name: string; value: string; example: unknown; pointer: string }>;
}

const header = { type: "string", pattern: "^[A-Za-z0-9-]+$", description: "an HTTP header name" } as const;
const path = { type: "string", pattern: "^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*$", description: "a field or a dotted path" } as const;

export const WEBHOOKS_SCHEMA: JsonSchema = {
  description: "how the provider signs webhook deliveries and names its events",
  type: "object",
  additionalProperties: false,
  required: ["event", "type", "deliveryId", "signature"],
  properties: {
    event: { type: "string", pattern: "^[A-Z][A-Za-z0-9_]*$", description: "a TypeScript type name" },
    type: path,
    deliveryId: {
      description: "{ header } or { body }: where the delivery id comes from",
      oneOf: [
        { type: "object", additionalProperties: false, required: ["header"], properties: { header } },
        { type: "object", additionalProperties: false, required: ["body"], properties: { body: path } },
      ],
    },
    signature: {
      type: "object",
      additionalProperties: false,
      required: ["header", "syntax", "signed", "encoding", "key"],
      properties: {
        header,
        syntax: { enum: ["versioned", "list", "pairs"] },
        version: { type: "string", pattern: "^[A-Za-z0-9_]+$" },
        signed: { enum: ["{id}.{timestamp}.{body}", "{timestamp}.{body}", "{body}"] },
        encoding: { enum: ["hex", "base64"] },
        key: { enum: ["utf8", "base64"] },
        keyPrefix: { type: "string", minLength: 1 },
      },
    },
    id: { type: "object", additionalProperties: false, required: ["header"], properties: { header } },
    timestamp: {
      type: "object",
      additionalProperties: false,
      required: ["unit", "tolerance", "window"],
      oneOf: [
        { required: ["header"], properties: { header } },
        { required: ["pair"], properties: { pair: { type: "string" } } },
      ],
      properties: {
        header,
        pair: { type: "string", pattern: "^[A-Za-z0-9_]+$" },
        unit: { enum: ["s", "ms"] },
        tolerance: { type: "integer", minimum: 1 },
        window: { enum: ["both", "past"] },
      },
    },
  },
};

const AT = "/x-checkoutkit-webhooks";

/**
 * The spec's `x-checkoutkit-webhooks`, validated, or undefined when the spec has neither it nor `webhooks:`.
 * Also checks what JSON Schema cannot: the signed content's parts have a source, the syntax and timestamp agree,
 * and every webhook has a post with a JSON example whose schema has the `type` field with one value.
 */
export function readWebhooks(spec: SpecDocument): WebhookRules | undefined {
  return readWebhookModel(spec)?.rules;
}

/** `readWebhooks`, plus the events of `webhooks:` with the value naming each and its example. */
export function readWebhookModel(spec: SpecDocument): WebhookModel | undefined {
  const rules = checkExtension<WebhookRules | undefined>(spec, AT, WEBHOOKS_SCHEMA);
  const hooks = (spec.doc.webhooks ?? {}) as Node;
  const names = Object.keys(hooks);
  if (!rules) {
    if (names.length) spec.fail("/webhooks", `needs ${AT.slice(1)} at the root, describing how deliveries are signed`);
    return undefined;
  }
  if (!names.length) spec.fail(AT, "is set but the spec has no webhooks");

  const { signature, timestamp, id } = rules;
  if (signature.signed.includes("{id}") && !id) spec.fail(`${AT}/signature/signed`, "uses {id}, so `id: { header }` must say where it comes from");
  if (!signature.signed.includes("{id}") && id) spec.fail(`${AT}/id`, "is set but signature.signed does not use {id}");
  if (signature.signed.includes("{timestamp}") && !timestamp) spec.fail(`${AT}/signature/signed`, "uses {timestamp}, so `timestamp` must say where it comes from");
  if (signature.syntax === "pairs") {
    if (!signature.version) spec.fail(`${AT}/signature`, 'syntax "pairs" needs `version`: the pair key of the signatures (e.g. v1)');
    if (timestamp && timestamp.pair === undefined) spec.fail(`${AT}/timestamp`, 'with signature syntax "pairs", the timestamp is a pair of the signature header: use `pair`');
  } else {
    if (timestamp?.pair !== undefined) spec.fail(`${AT}/timestamp/pair`, 'a timestamp pair needs signature syntax "pairs"');
    if (signature.syntax === "versioned" && !signature.version) spec.fail(`${AT}/signature`, 'syntax "versioned" needs `version` (e.g. v1)');
    if (signature.syntax === "list" && signature.version) spec.fail(`${AT}/signature/version`, 'syntax "list" has bare signatures, no version');
  }

  const events: WebhookModel["events"] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const at = pointer(["webhooks", name, "post"]);
    const post = hooks[name]?.post as Node | undefined;
    if (!post) spec.fail(pointer(["webhooks", name]), "needs a post");
    const media = spec.deref(post!.requestBody, `${at}/requestBody`)?.content?.["application/json"] as Node | undefined;
    const mediaAt = `${at}/requestBody/content/application~1json`;
    if (!media?.schema) spec.fail(`${at}/requestBody`, "needs a JSON requestBody with a schema");
    if (media!.example === undefined) spec.fail(mediaAt, "needs an example (the tests and the test kit sign it)");
    const value = typeValue(spec, media!.schema, `${mediaAt}/schema`, rules.type);
    const other = seen.get(value);
    if (other) spec.fail(`${mediaAt}/schema`, `\`${rules.type}\` is "${value}", as in ${other}: the two events cannot be told apart`);
    seen.set(value, name);
    const example = media!.example as Node;
    if (valueAt(example, rules.type) !== value) spec.fail(`${mediaAt}/example`, `must have ${rules.type}: "${value}"`);
    if (rules.deliveryId.body !== undefined && valueAt(example, rules.deliveryId.body) === undefined) {
      spec.fail(`${mediaAt}/example`, `has no ${rules.deliveryId.body}, which deliveryId names`);
    }
    events.push({ name, value, example, pointer: mediaAt });
  }
  return { rules, events };
}

/** The single value (`const`, or a one-value `enum`) the schema gives the dotted `path`. */
function typeValue(spec: SpecDocument, schema: unknown, at: string, path: string): string {
  let { node, pointer: where } = spec.resolve<Node>(schema, at);
  for (const key of path.split(".")) {
    const property = node?.properties?.[key];
    if (property === undefined) spec.fail(where, `has no property "${key}" (x-checkoutkit-webhooks.type is ${path})`);
    ({ node, pointer: where } = spec.resolve<Node>(property, `${where}/properties/${key}`));
  }
  const values = node.const !== undefined ? [node.const] : node.enum;
  if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== "string") {
    spec.fail(where, `must have one string value (const or a one-value enum): it names the event`);
  }
  return values[0] as string;
}

function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Node)[key] : undefined), value);
}
