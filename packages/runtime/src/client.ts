import type { ClientDefinition, OperationDefinition } from "./definition.js";
import { encodeQuery } from "./encode.js";
import { ApiError, ConfigurationError, InvalidArgumentError, ResponseParseError, type ApiIssue } from "./errors.js";
import { paginate, pick } from "./paginate.js";
import { send, type BufferedResponse, type FetchLike } from "./transport.js";

export type { PagePromise } from "./paginate.js";

/** Options every client factory takes, beside its credential and bound options. */
export interface BaseClientConfig {
  /** Overrides `server`. Must be HTTPS unless the host is loopback. */
  baseUrl?: string;
  /** A `fetch` to use instead of the global one (a proxy agent, a test double). */
  fetch?: FetchLike;
  /** Per attempt, in milliseconds. Default 60 000. */
  timeoutMs?: number;
  /** Retries after the first attempt, for connection errors, timeouts, 408, 409, 429 and 5xx. Default 2. */
  maxRetries?: number;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

/** Per-call options, the last argument of every method. */
export interface CallOptions<THeaders = Record<never, never>> {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: THeaders & Record<string, string | undefined>;
  /**
   * The idempotency key of this call, on an API that takes one (its spec's `x-checkoutkit-idempotency`). By
   * default each call gets a fresh random key, the same on every retry of that call.
   */
  idempotencyKey?: string;
}

/** 60 s per attempt and 2 retries, unless the config or the call says otherwise. */
const DEFAULT_LIMITS = { timeoutMs: 60_000, maxRetries: 2 };

/**
 * Key of the non-enumerable `{ provider, api }` every client carries, so that code given a client (the
 * `checkoutkit` facade) can tell which API it calls without guessing from its shape. `Symbol.for`, so that two
 * copies of the runtime agree.
 */
export const clientIdentity: unique symbol = Symbol.for("checkoutkit.client") as never;
export interface ClientIdentity {
  provider: string;
  api: string;
  /** The bound options (`x-checkoutkit-client.bind`) this client was given or defaulted to; never the credential. */
  options: Readonly<Record<string, string>>;
}

/**
 * Key of the non-enumerable way into a client's request pipeline, for the path-based `raw` client
 * (`@checkoutkit/runtime/raw`). Internal: not exported from the package index. It holds functions only, so the
 * secret they close over is never printed with the client.
 */
export const clientPipeline: unique symbol = Symbol.for("checkoutkit.pipeline") as never;
export interface ClientPipeline {
  /** The client's generated definition: how each operation encodes its body and query (no secret in it). */
  definition: ClientDefinition;
  /** Where every request of this client goes: the resolved server or `baseUrl`, without a trailing slash. */
  baseUrl: string;
  /**
   * Sends one request through the client's pipeline: its headers (identity, auth, bound headers, config headers)
   * under `headers`, an idempotency key where the API takes one, then retries, timeouts and the caller's signal per
   * `options`.
   */
  request(
    method: string,
    url: string,
    headers: Iterable<[string, unknown]>,
    body: string | ArrayBuffer | undefined,
    options: CallOptions,
    label: string,
  ): Promise<BufferedResponse>;
}

type Config = BaseClientConfig & { server?: string } & Record<string, unknown>;
type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * Builds a client from a generated definition. Generated factories call this and give the result its types.
 * The secret lives only in the pipeline's closure, never on a property.
 */
export function createClient(definition: ClientDefinition, config: Config = {}): Record<string, unknown> {
  const { provider, credential } = definition;
  const fail: Fail = (message, cause) => {
    throw new ConfigurationError(`${provider} client: ${message}`, { cause });
  };
  const baseUrl = resolveBaseUrl(definition.servers, config, fail);
  const defaultLimits = limits(DEFAULT_LIMITS, config, `${provider} client`);

  // Header names in lower case, so that one given twice (`Authorization` in config.headers) is replaced, not doubled.
  // Browsers forbid or preflight a custom User-Agent, so only servers identify themselves.
  const defaults = headerRecord(typeof document > "u" ? [["user-agent", definition.userAgent]] : [], Object.entries(config.headers ?? {}));
  defaults[credential.header.toLowerCase()] = credential.prefix + resolveSecret(credential, config, fail);

  const boundPath: Record<string, string> = {};
  const boundOptions: Record<string, string> = {};
  for (const { option, header, path, required, enum: values, default: fallback } of definition.bind) {
    const value = config[option] ?? fallback;
    if (value == null || value === "") {
      if (required) fail(`${option} is required`);
    } else if (typeof value !== "string" || values?.includes(value) === false) {
      fail(`${option} must be ${values ? oneOf(values) : "a string"}`);
    } else {
      boundOptions[option] = value;
      if (header) defaults[header.toLowerCase()] = value;
      if (path) boundPath[path] = value;
    }
  }

  const defaultHeaders = Object.entries(defaults);
  const pipeline: ClientPipeline = {
    definition,
    baseUrl,
    request(method, url, extra, body, options, label) {
      const headers = headerRecord(defaultHeaders, extra);
      definition.idempotency?.(method, headers, options);
      return send({ url, method, headers, body }, { ...limits(defaultLimits, options, label), fetch: config.fetch, signal: options.signal, label });
    },
  };

  const client: Record<string, Record<string, Method>> = {};
  for (const [name, operation] of Object.entries(definition.operations)) {
    const [group, method] = name.split(".") as [string, string];
    (client[group] ??= {})[method] = makeMethod(name, operation);
  }
  const identity: ClientIdentity = { provider, api: definition.api, options: Object.freeze(boundOptions) };
  return Object.defineProperties(client, { [clientIdentity]: { value: Object.freeze(identity) }, [clientPipeline]: { value: pipeline } });

  function makeMethod(name: string, operation: OperationDefinition): Method {
    const label = `${provider} ${name}`;
    const { pathParams = [], payload: kind, paginate: rule, fill } = operation;
    return (...args: unknown[]) => {
      const path = { ...boundPath };
      for (const param of pathParams) {
        const value = args.shift();
        if ((typeof value !== "string" && typeof value !== "number") || value === "") {
          throw new InvalidArgumentError(`${label}: ${param} must be a non-empty string`);
        }
        path[param] = String(value);
      }
      const payload = (kind ? args.shift() : undefined) as Record<string, unknown> | undefined;
      const options = (args[0] ?? {}) as CallOptions;
      const url = baseUrl + fillPath(operation.path, path);
      const call = async (input: Record<string, unknown> | undefined) => {
        // Accept only where the spec's success media type is not plain JSON (a JSON:API type): errors may come in others.
        const headers: [string, unknown][] = [["accept", operation.accept], ...Object.entries(options.headers ?? {})];
        let body: string | undefined;
        if (kind === "body") {
          if (input !== undefined) {
            body = encodeBody(operation, input);
            headers.push(["content-type", operation.type ?? JSON_TYPE]);
          }
          input = undefined;
        }
        input = fill ? fill(input, config) : input;
        const search = input && encodeQueryOf(operation, input);
        const response = await pipeline.request(operation.method, search ? `${url}?${search}` : url, headers, body, options, label);
        // An error answer's body is its JSON when it is JSON, else the text as sent (an HTML page from a proxy).
        const data = decoder.decode(response.buffer);
        let parsed: unknown = data;
        try {
          if (data) parsed = JSON.parse(data);
        } catch (cause) {
          if (response.ok) throw new ResponseParseError(`${label}: the ${response.status} answer is not valid JSON`, response.status, data.slice(0, 200), cause);
        }
        if (!response.ok) throw toApiError(definition, name, response, parsed);
        return data ? parsed : undefined;
      };
      return rule ? paginate(call, payload, rule) : call(payload);
    };
  }
}

/** `headers` (from `defaults`, then each of `extra` that has a value) by lower-case name, their values as strings. */
function headerRecord(defaults: Iterable<[string, unknown]>, extra: Iterable<[string, unknown]>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const list of [defaults, extra]) for (const [key, value] of list) if (value != null) headers[key.toLowerCase()] = String(value);
  return headers;
}

export const JSON_TYPE = "application/json";
const decoder = /* @__PURE__ */ new TextDecoder();

/** An operation's body as its spec's encoder writes it (JSON when the spec names none); `raw` sends the same. */
export const encodeBody = (operation: OperationDefinition | undefined, body: Record<string, unknown>): string =>
  operation?.encode ? operation.encode(body, operation.encoding) : JSON.stringify(body);

/** An operation's query string (without `?`) as its spec's encoder writes it; `raw` sends the same. */
export const encodeQueryOf = (operation: OperationDefinition | undefined, query: Record<string, unknown>): string =>
  (operation?.query ?? encodeQuery)(query, operation?.styles);

// Simple path parameters, as openapi-fetch fills them for `raw`.
function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
}

type Fail = (message: string, cause?: unknown) => never;

/** `one of "a", "b"`, for messages naming the values an option accepts. */
const oneOf = (values: readonly string[]) => `one of ${values.map((value) => JSON.stringify(value)).join(", ")}`;

function resolveSecret({ option, env }: ClientDefinition["credential"], config: Config, fail: Fail): string {
  let secret = config[option];
  let envError: unknown;
  if ((secret === undefined || secret === "") && env) {
    try {
      secret = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[env];
    } catch (error) {
      envError = error; // Deno without --allow-env refuses the read; the caller still gets the error below
    }
  }
  if (typeof secret !== "string" || !secret) {
    fail(`missing ${option}: pass { ${option} }${env ? ` or set the ${env} environment variable` : ""}${envError ? ` (${(envError as Error).message ?? envError})` : ""}`, envError);
  }
  if (/[\r\n]/.test(secret)) fail(`${option} contains a line break`);
  return secret;
}

function resolveBaseUrl(servers: ClientDefinition["servers"], { baseUrl, server }: Config, fail: Fail): string {
  if (baseUrl === undefined) {
    const name = server ?? Object.keys(servers)[0]!;
    return servers[name] ?? fail(`unknown server ${JSON.stringify(name)}; use ${oneOf(Object.keys(servers))}`);
  }
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    return fail("baseUrl is not an absolute URL");
  }
  if (url.username || url.password) fail("baseUrl must not carry credentials");
  // HTTPS, or HTTP to a loopback host (a local mock): localhost, *.localhost, 127.x.x.x or [::1].
  if (!/^(https:|http:\/\/(([^/:]*\.)?localhost|127(\.\d+){3}|\[::1\])[:/])/.test(url.href)) {
    fail(`baseUrl ${url.origin} refused: HTTPS only (HTTP on loopback)`);
  }
  return url.href.replace(/\/+$/, "");
}

/** `timeoutMs` (positive milliseconds) and `maxRetries` (a whole number, 0 or more) of `options`, else `defaults`. */
function limits(defaults: { timeoutMs: number; maxRetries: number }, { timeoutMs = defaults.timeoutMs, maxRetries = defaults.maxRetries }: CallOptions, label: string) {
  if (!(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs < Infinity)) {
    throw new InvalidArgumentError(`${label}: timeoutMs must be a positive number`);
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new InvalidArgumentError(`${label}: maxRetries must be a whole number (0 or more)`);
  return { timeoutMs, maxRetries };
}

function toApiError({ provider, errors: rules }: ClientDefinition, operation: string, { status, statusText, headers }: BufferedResponse, body: unknown): ApiError {
  const issues = readIssues(body, rules.issues);
  /** The first of `paths` whose value is a non-empty string, or a list of strings (read as one, `; `-joined). */
  const first = (paths: readonly (string | undefined)[] = []) => {
    for (const path of paths) {
      let value = path && pick(body, path);
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) value = value.join("; ");
      if (typeof value === "string" && value) return value;
    }
  };
  const header = rules.requestId?.header;
  return new ApiError({
    status,
    provider,
    operation,
    code: first(rules.code) ?? `http_${status}`,
    message:
      first(rules.message) ??
      (issues.map(({ path, message }) => (path ? `${path}: ${message}` : message)).join("; ") ||
        // Not JSON (an HTML page from a proxy): its text, without tags.
        (typeof body === "string" && body.replace(/(<[^>]*>|\s)+/g, " ").trim().slice(0, 200)) ||
        statusText ||
        `HTTP ${status}`),
    issues,
    body,
    requestId: (header && headers.get(header)) ?? first([rules.requestId?.body]),
    headers,
  });
}

function readIssues(body: unknown, rule: ClientDefinition["errors"]["issues"]): ApiIssue[] {
  const list = rule && pick(body, rule.list);
  return Array.isArray(list)
    ? list.map((item): ApiIssue => {
        const path = rule!.path && pick(item, rule!.path);
        const message = typeof item === "string" ? item : rule!.message && pick(item, rule!.message);
        // A path given as a list (`["body", "lines", 0]`) reads dotted: `body.lines.0`.
        return { path: [path ?? ""].flat().join("."), message: typeof message === "string" ? message : JSON.stringify(item) };
      })
    : [];
}
