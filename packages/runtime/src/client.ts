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

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RETRIES = 2;

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
  provider: string;
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
  const { provider } = definition;
  const fail: Fail = (message, cause) => {
    throw new ConfigurationError(`${provider} client: ${message}`, { cause });
  };
  const baseUrl = resolveBaseUrl(definition.servers, config, fail);
  const defaultLimits = limits(config, `${provider} client`, { timeoutMs: DEFAULT_TIMEOUT_MS, maxRetries: DEFAULT_MAX_RETRIES });

  const defaults: Record<string, string> = {};
  if (typeof document === "undefined") {
    // Browsers forbid or preflight a custom User-Agent, so only servers identify themselves.
    defaults["user-agent"] = `checkoutkit ${definition.package.name}/${definition.package.version}`;
  }
  Object.assign(defaults, config.headers);
  const { credential } = definition;
  defaults[credential.header.toLowerCase()] = credential.prefix + resolveSecret(credential, config, fail);

  const boundPath: Record<string, string> = {};
  const boundOptions: Record<string, string> = {};
  for (const bind of definition.bind) {
    const value = config[bind.option] ?? bind.default;
    if (value === undefined || value === null || value === "") {
      if (bind.required) fail(`the ${bind.option} option is required`);
      continue;
    }
    if (typeof value !== "string" || (bind.enum && !bind.enum.includes(value))) {
      fail(`${bind.option} must be ${bind.enum ? oneOf(bind.enum) : "a string"}`);
    }
    boundOptions[bind.option] = value;
    if (bind.header) defaults[bind.header.toLowerCase()] = value;
    if (bind.path) boundPath[bind.path] = value;
  }

  const pipeline: ClientPipeline = {
    provider,
    definition,
    baseUrl,
    request(method, url, extra, body, options, label) {
      const headers = new Headers(defaults);
      for (const [key, value] of extra) if (value !== undefined && value !== null) headers.set(key, String(value));
      definition.idempotency?.(method, headers, options);
      return send({ url, method, headers, body }, { ...limits(options, label, defaultLimits), fetch: config.fetch, signal: options.signal, label });
    },
  };

  const client: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(definition.operations)) {
    const [group, method] = name.split(".") as [string, string];
    const methods = (client[group] ??= {}) as Record<string, Method>;
    methods[method] = makeMethod(name, operation);
  }
  const identity: ClientIdentity = { provider, api: definition.api, options: Object.freeze(boundOptions) };
  Object.defineProperties(client, { [clientIdentity]: { value: Object.freeze(identity) }, [clientPipeline]: { value: pipeline } });
  return client;

  function makeMethod(name: string, operation: OperationDefinition): Method {
    const label = `${provider} ${name}`;
    const { pathParams = [] } = operation;
    const count = pathParams.length;
    return (...args: unknown[]) => {
      const path: Record<string, string> = { ...boundPath };
      pathParams.forEach((param, index) => {
        const value = args[index];
        if ((typeof value !== "string" && typeof value !== "number") || value === "") {
          throw new InvalidArgumentError(`${label}: argument ${index + 1} (${param}) must be a non-empty string`);
        }
        path[param] = String(value);
      });
      const hasPayload = !!operation.payload;
      const payload = (hasPayload ? args[count] : undefined) as Record<string, unknown> | undefined;
      const options = (args[hasPayload ? count + 1 : count] ?? {}) as CallOptions;
      const call = (input: Record<string, unknown> | undefined) => invoke(name, label, operation, path, input, options);
      return operation.paginate ? paginate(call, payload, operation.paginate) : call(payload);
    };
  }

  async function invoke(
    name: string,
    label: string,
    operation: OperationDefinition,
    path: Record<string, string>,
    payload: Record<string, unknown> | undefined,
    options: CallOptions,
  ): Promise<unknown> {
    // Accept only where the spec's success media type is not plain JSON (a JSON:API type): errors may come in others.
    const headers: [string, unknown][] = [["accept", operation.accept], ...Object.entries(options.headers ?? {})];
    let body: string | undefined;
    let query = operation.payload === "query" ? payload : undefined;
    query = operation.fill?.(query, config) ?? query;
    if (operation.payload === "body" && payload !== undefined) {
      body = encodeBody(operation, payload);
      headers.push(["content-type", operation.type ?? JSON_TYPE]);
    }
    const search = query ? encodeQueryOf(operation, query) : "";
    const url = baseUrl + fillPath(operation.path, path) + (search && `?${search}`);
    const response = await pipeline.request(operation.method, url, headers, body, options, label);
    // An error answer's body is its JSON when it is JSON, else the text as sent (an HTML page from a proxy).
    const data = await response.text();
    let parsed: unknown = data;
    if (data) {
      try {
        parsed = JSON.parse(data);
      } catch (cause) {
        if (response.ok) throw new ResponseParseError(`${label}: the ${response.status} answer is not valid JSON`, response.status, data.slice(0, 200), cause);
      }
    }
    if (!response.ok) throw toApiError(definition, name, response, parsed);
    return data ? parsed : undefined;
  }
}

export const JSON_TYPE = "application/json";

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
  if (typeof secret !== "string" || secret === "") {
    const where = env ? `pass { ${option} } or set the ${env} environment variable` : `pass { ${option} }`;
    return fail(`missing ${option}: ${where}${envError instanceof Error ? ` (${env} could not be read: ${envError.message})` : ""}`, envError);
  }
  if (/[\r\n]/.test(secret)) fail(`${option} contains a line break`);
  return secret;
}

function resolveBaseUrl(servers: ClientDefinition["servers"], config: Config, fail: Fail): string {
  if (config.baseUrl === undefined) {
    const name = config.server ?? Object.keys(servers)[0]!;
    return servers[name] ?? fail(`unknown server ${JSON.stringify(name)}; use ${oneOf(Object.keys(servers))}`);
  }
  let url: URL;
  try {
    url = new URL(String(config.baseUrl));
  } catch {
    return fail("baseUrl is not an absolute URL");
  }
  if (url.username || url.password) fail("baseUrl must not carry credentials");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    fail(`refusing baseUrl ${url.origin}: secrets are sent over HTTPS only (loopback hosts aside)`);
  }
  return url.href.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  return /^(localhost|.*\.localhost|\[::1\]|127(\.\d{1,3}){3})$/.test(hostname);
}

/** `timeoutMs` (positive milliseconds) and `maxRetries` (a whole number, 0 or more) of `options`, else `defaults`. */
function limits(options: CallOptions, label: string, defaults: { timeoutMs: number; maxRetries: number }) {
  const { timeoutMs = defaults.timeoutMs, maxRetries = defaults.maxRetries } = options;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0 && timeoutMs < Infinity)) {
    throw new InvalidArgumentError(`${label}: timeoutMs must be a positive number of milliseconds`);
  }
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new InvalidArgumentError(`${label}: maxRetries must be a whole number, 0 or more`);
  return { timeoutMs, maxRetries };
}


function toApiError(definition: ClientDefinition, operation: string, response: BufferedResponse, body: unknown): ApiError {
  const rules = definition.errors;
  const { status, headers } = response;
  const issues = readIssues(body, rules.issues);
  /** The first of `paths` whose value is a non-empty string (or, with `join`, a list of strings). */
  const first = (paths: readonly (string | undefined)[] = [], join?: boolean) => {
    for (const path of paths) {
      let value = path && pick(body, path);
      if (join && Array.isArray(value) && value.every((v) => typeof v === "string")) value = value.join("; ");
      if (typeof value === "string" && value) return value;
    }
  };
  const message =
    first(rules.message, true) ??
    (issues.length
      ? issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join("; ")
      : typeof body === "string"
        ? body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 200)
        : "");
  const header = rules.requestId?.header;
  return new ApiError({
    status,
    provider: definition.provider,
    operation,
    code: first(rules.code) ?? `http_${status}`,
    message: message || response.statusText || `HTTP ${status}`,
    issues,
    body,
    requestId: (header && headers.get(header)) ?? first([rules.requestId?.body]),
    headers,
  });
}

function readIssues(body: unknown, rule: ClientDefinition["errors"]["issues"]): ApiIssue[] {
  const list = rule && pick(body, rule.list);
  if (!Array.isArray(list)) return [];
  return list.map((item): ApiIssue => {
    if (typeof item === "string") return { path: "", message: item };
    const path = rule!.path && pick(item, rule!.path);
    const message = rule!.message && pick(item, rule!.message);
    return {
      path: Array.isArray(path) ? path.join(".") : typeof path === "string" || typeof path === "number" ? String(path) : "",
      message: typeof message === "string" ? message : JSON.stringify(item),
    };
  });
}
