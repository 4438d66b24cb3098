/**
 * `@checkoutkit/runtime/testing`: the mechanism behind each provider package's `./testing` entry (signed webhook
 * deliveries, example events and a mock `fetch` answering from the spec's examples). The provider packages pass
 * their generated data; nothing here is in the main entry, so client bundles never carry it.
 */
import { InvalidArgumentError } from "./errors.js";
import { hmacSha256Sync } from "./sha256.js";
import { encodeDigest, signatureHeader, signedContent, webhookKey, type WebhookDefinition } from "./webhooks.js";

export interface SignWebhookOptions {
  /** The delivery id: the id header's value, or the body field the provider's deliveryId names. Default: a fresh one. */
  id?: string;
  /** When the delivery was signed: a Date, or Unix seconds or milliseconds. Default now. */
  timestamp?: Date | number;
  /** The URL the request is addressed to. Default `https://localhost/webhooks`. */
  url?: string;
}

/** A partial copy of `T`, at every depth, for overriding parts of an example. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * Signs `event` (serialised as JSON, or a raw string body) with `secret` the way the provider does, and returns the
 * `Request` it would send: the signature, timestamp and id headers, and `content-type: application/json`.
 */
export function signWebhookWith(definition: WebhookDefinition, event: unknown, secret: string, options: SignWebhookOptions = {}): Request {
  const key = webhookKey(definition, secret);
  if (!key) throw new InvalidArgumentError(`signWebhook needs a ${definition.provider} webhook secret in the form the provider issues`);
  const id = options.id ?? `msg_${crypto.randomUUID().replace(/-/g, "")}`;
  let payload = event;
  const source = definition.deliveryId;
  if (options.id !== undefined && source?.body !== undefined && typeof event === "object" && event !== null) {
    payload = setAt(structuredClone(event), source.body, options.id);
  }
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);

  // A number below 1e11 is Unix seconds (until the year 5138), anything else milliseconds.
  const given = options.timestamp === undefined ? Date.now() : Number(options.timestamp);
  const at = given < 1e11 ? given * 1000 : given;
  const rule = definition.timestamp;
  const timestamp = rule ? String(rule.unit === "s" ? Math.floor(at / 1000) : Math.floor(at)) : "";
  const digest = hmacSha256Sync(key, signedContent(definition, id, timestamp, new TextEncoder().encode(body)));

  const headers = new Headers({ "content-type": "application/json" });
  headers.set(definition.signature.header, signatureHeader(definition, encodeDigest(definition, digest), timestamp));
  if (rule?.header) headers.set(rule.header, timestamp);
  if (definition.id) headers.set(definition.id.header, id);
  if (source?.header && source.header !== definition.id?.header) headers.set(source.header, id);
  return new Request(options.url ?? "https://localhost/webhooks", { method: "POST", headers, body });
}

/** A deep copy of `example` with `overrides` merged in: objects merge field by field, anything else replaces. */
export function mergeExample<T>(example: T, overrides?: unknown): T {
  const copy = structuredClone(example);
  return overrides === undefined ? copy : (merge(copy, overrides) as T);
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return structuredClone(patch);
  for (const [key, value] of Object.entries(patch)) base[key] = value === undefined ? base[key] : merge(base[key], value);
  return base;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The example event the spec gives for `type`, deep-merged with `overrides`. */
export function exampleEventWith<T>(examples: Readonly<Record<string, unknown>>, type: string, overrides?: unknown): T {
  if (!Object.hasOwn(examples, type)) {
    throw new InvalidArgumentError(`no example event "${type}"; the spec declares ${Object.keys(examples).map((name) => `"${name}"`).join(", ")}`);
  }
  return mergeExample(examples[type] as T, overrides);
}

function setAt<T>(value: T, path: string, to: unknown): T {
  const keys = path.split(".");
  let node = value as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = to;
  return value;
}

/** One operation as the mock answers it: generated from the spec. */
export interface MockOperation {
  method: string;
  /** The path template, e.g. `/v1/checkouts/{id}`. */
  path: string;
  /** The documented success status. */
  status: number;
  /** The success example; absent for a response without a body. */
  body?: unknown;
  /** Error examples by status (`"404"`, or `"default"` for any error status). */
  errors: Readonly<Record<string, unknown>>;
}

/** A call the mock answered. */
export interface MockFetchCall {
  /** The operation's name (`checkouts.create`). */
  operation: string;
  method: string;
  url: string;
  /** Path parameters, by name. */
  params: Record<string, string>;
  /** The JSON request body, parsed; undefined when there was none. */
  body: unknown;
}

type Answer<T> = T | Response;

export interface MockFetchOptions<TBodies extends Record<string, unknown> = Record<string, unknown>> {
  /**
   * Answers to use instead of the spec's success example, by operation name: a body (deep-merged into the example
   * when both are objects), a `Response`, or a function of the request returning a whole body or a `Response`.
   */
  responses?: {
    [Operation in keyof TBodies]?:
      | Answer<DeepPartial<TBodies[Operation]>>
      | ((request: Request, call: MockFetchCall) => Answer<TBodies[Operation]> | Promise<Answer<TBodies[Operation]>>);
  };
  /** Operations that answer with an error status instead, from the spec's example for that status (404, 422, …). */
  errors?: { [Operation in keyof TBodies]?: number };
}

/** A `fetch` answering from the spec's examples, with every call it answered. */
export type MockFetch = ((input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) & {
  readonly calls: MockFetchCall[];
};

const json = (status: number, body: unknown) =>
  body === undefined ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/**
 * A `fetch` that answers every operation of the table from its examples. A request no operation matches answers
 * 404 with a message saying so.
 */
export function createMockFetchWith<TBodies extends Record<string, unknown>>(
  operations: Readonly<Record<string, MockOperation>>,
  options: MockFetchOptions<TBodies> = {},
): MockFetch {
  const errors = (options.errors ?? {}) as Record<string, number | undefined>;
  const responses = (options.responses ?? {}) as Record<string, unknown>;
  for (const name of [...Object.keys(errors), ...Object.keys(responses)]) {
    if (!Object.hasOwn(operations, name)) {
      throw new InvalidArgumentError(`createMockFetch: no operation "${name}"; there are ${Object.keys(operations).map((n) => `"${n}"`).join(", ")}`);
    }
  }
  for (const [name, status] of Object.entries(errors)) {
    if (status === undefined) continue;
    const declared = operations[name]!.errors;
    if (!Object.hasOwn(declared, String(status)) && !Object.hasOwn(declared, "default")) {
      throw new InvalidArgumentError(`createMockFetch: the spec gives ${name} no ${status} example; it has ${Object.keys(declared).join(", ") || "none"}`);
    }
  }
  const matchers = Object.entries(operations).map(([name, operation]) => {
    const params: string[] = [];
    const source = operation.path
      .split(/\{([^}]+)\}/)
      .map((part, index) => (index % 2 ? (params.push(part), "([^/]+)") : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
      .join("");
    // Matched at the end of the path, so a base URL with a path of its own still works.
    return { name, operation, params, pattern: new RegExp(`${source}$`) };
  });
  // Literal paths first: `/v1/checkouts/` before `/v1/checkouts/{id}`.
  matchers.sort((a, b) => a.params.length - b.params.length);

  const calls: MockFetchCall[] = [];
  const mock = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const match = matchers
      .filter(({ operation }) => operation.method.toUpperCase() === request.method.toUpperCase())
      .map((candidate) => ({ ...candidate, found: candidate.pattern.exec(url.pathname) }))
      .find((candidate) => candidate.found);
    if (!match) return json(404, { message: `createMockFetch: no operation answers ${request.method} ${url.pathname}` });

    const text = await request.clone().text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const params = Object.fromEntries(match.params.map((param, index) => [param, decodeURIComponent(match.found![index + 1]!)]));
    const call: MockFetchCall = { operation: match.name, method: request.method, url: request.url, params, body };
    calls.push(call);

    const { operation } = match;
    const status = errors[match.name];
    if (status !== undefined) return json(status, operation.errors[String(status)] ?? operation.errors.default);
    const given = responses[match.name];
    // A function answers in full; a plain body is merged into the example.
    const answer = typeof given === "function" ? await given(request, call) : given;
    if (answer instanceof Response) return answer;
    if (answer === undefined) return json(operation.status, operation.body);
    return json(operation.status, typeof given !== "function" && isObject(answer) ? mergeExample(operation.body, answer) : answer);
  };
  return Object.assign(mock, { calls });
}
