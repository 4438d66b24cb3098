import { clientIdentity, ConfigurationError, InvalidArgumentError, type ClientIdentity } from "@checkoutkit/runtime";
import { checkoutCapabilities, checkoutFields, type CheckoutApi, type CheckoutField, type FieldSupport } from "./capabilities.js";
import { IncompleteCheckoutError, UnsupportedCheckoutInputError } from "./errors.js";
import { checkoutCalls, type CheckoutApiTypes } from "./generated/checkout.js";
import { getPath, isObject, setPath, type Json } from "./paths.js";

export type { CheckoutApiTypes };

export interface CheckoutItem {
  /** The provider's ID of what is sold: a product ID, or a price ID where the provider sells prices. */
  product: string;
  /** A whole number, 1 or more. Default 1. */
  quantity?: number;
}

export interface CheckoutCustomer {
  /** The provider's own ID of an existing customer. */
  id?: string;
  email?: string;
  /** Your system's ID for the customer. */
  externalId?: string;
  name?: string;
}

/** A checkout, said once for every provider. Fields a provider cannot honour make `createCheckout` throw. */
export interface CheckoutInput {
  items: readonly CheckoutItem[];
  /** Where the customer goes after paying. */
  successUrl: string;
  /** Where the customer goes when they give up. */
  cancelUrl?: string;
  customer?: CheckoutCustomer;
  /** Your own key-value data, kept by the provider with the checkout. */
  metadata?: Record<string, string>;
  /** Your own reference for this checkout (an order ID), where the provider has a field for it. */
  reference?: string;
}

/** The input fields that a provider may be unable to honour, and so the ones `ignoreUnsupported` can name. */
export type IgnorableField = Exclude<CheckoutField, "items.product" | "successUrl">;

/** Every field optional, all the way down: provider fields merge into the body `createCheckout` builds. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

type BodyOf<M> = M extends (body: infer B, ...rest: never[]) => unknown ? B : never;
type ResponseOf<M> = M extends (...args: never[]) => Promise<infer R> ? R : never;
/**
 * One provider API's types, as `CheckoutApiTypes` (generated from the specs) lists them: its client, its create
 * body and answer, and what `options.provider` takes.
 */
export interface ApiTypes<Client, Create, ProviderFields = DeepPartial<BodyOf<Create>>> {
  client: Client;
  body: BodyOf<Create>;
  response: ResponseOf<Create>;
  providerFields: ProviderFields;
}

/** Any client `createCheckout` takes. */
export type CheckoutClient = CheckoutApiTypes[CheckoutApi]["client"];
/** The provider API (its spec's name) a client type calls. */
export type CheckoutApiOf<C> = { [A in CheckoutApi]: C extends CheckoutApiTypes[A]["client"] ? A : never }[CheckoutApi];

export interface CheckoutOptions<A extends CheckoutApi = CheckoutApi> {
  /**
   * Fields of this provider's create body that the input has no word for. They are merged into the body
   * `createCheckout` builds; setting a field the input already set, to another value, throws.
   */
  provider?: CheckoutApiTypes[A]["providerFields"];
  /** Input fields to drop, knowingly, when this provider cannot honour them, instead of throwing. */
  ignoreUnsupported?: readonly IgnorableField[];
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

/** The provider an API belongs to (its spec's `x-checkoutkit-client.provider`). */
export type ProviderOf<A extends CheckoutApi> = (typeof checkoutCapabilities)[A]["provider"];

export type CheckoutResult<A extends CheckoutApi = CheckoutApi> = A extends CheckoutApi
  ? {
      /** The provider that created the checkout, as in `ApiError.provider`. */
      provider: ProviderOf<A>;
      /** The provider API that created it, as in `checkoutCapabilities`; narrow on it to get the exact `raw`. */
      api: A;
      id: string;
      /** Send the customer here to pay. */
      url: string;
      /** When the checkout stops accepting payment, where the provider says. */
      expiresAt?: Date;
      /** The provider's answer, as it came. */
      raw: CheckoutApiTypes[A]["response"];
    }
  : never;

/**
 * What each API needs beyond the capability table (generated from its spec's `x-checkoutkit-checkout`): which
 * method creates, and where the answer keeps what.
 */
export interface CreateCall {
  readonly method: readonly [group: string, method: string];
  /** Fields every body has. */
  readonly base?: Json;
  /** Body paths filled from the client's bound options (`createXClient({ storeId })`), by path: the option's name. */
  readonly bound?: { readonly [path: string]: string };
  /** Where `options.provider` merges, when not the body itself. */
  readonly providerRoot?: string;
  /** Once everything is merged: `set` gets `value` when `whenAbsent` is absent (and `set` is not set). */
  readonly defaults?: readonly { readonly set: string; readonly value: string | number | boolean; readonly whenAbsent: string }[];
  readonly result: {
    readonly id: string;
    readonly url: string;
    readonly expiresAt?: { readonly path: string; readonly format: "iso" | "epoch-ms" | "epoch-s" };
  };
}

/**
 * Creates a hosted checkout through any provider client and returns where to send the customer. Input the
 * provider cannot honour throws `UnsupportedCheckoutInputError` before any request, unless named in
 * `options.ignoreUnsupported`; the provider's own errors come through as its `ApiError`, unchanged.
 */
export async function createCheckout<C extends CheckoutClient>(
  client: C,
  input: CheckoutInput,
  options: CheckoutOptions<CheckoutApiOf<C>> = {},
): Promise<CheckoutResult<CheckoutApiOf<C>>> {
  const { api, options: bound } = identityOf(client);
  const { label, fields, factory } = checkoutCapabilities[api];
  const call: CreateCall = checkoutCalls[api];
  const where = `createCheckout (${label})`;
  checkInput(input, where);
  for (const option of Object.values(call.bound ?? {})) {
    if (typeof bound[option] === "string" && bound[option] !== "") continue;
    throw new ConfigurationError(`${where}: the client has no ${option} option, which a checkout needs; create it with ${factory}({ ${option}: ... })`);
  }
  const ignored = checkIgnored(options.ignoreUnsupported, where);

  const used = usedFields(input);
  const dropped = new Set<CheckoutField>();
  for (const field of used) {
    const support: FieldSupport = fields[field];
    const clash = support.support === "yes" && support.notWith && used.has(support.notWith) ? support.notWith : undefined;
    if (support.support !== "no" && !clash) continue;
    if (ignored.has(field as IgnorableField)) {
      dropped.add(field);
      continue;
    }
    const why = clash ? `${field} cannot be sent together with ${clash}` : `${field} is not supported (${support.note})`;
    throw new UnsupportedCheckoutInputError(
      api,
      field,
      "unsupported",
      `${where}: ${why}. Leave it out, or pass ignoreUnsupported: [${JSON.stringify(field)}] to drop it knowingly.`,
    );
  }

  const body: Json = structuredClone(call.base ?? {});
  for (const [path, option] of Object.entries(call.bound ?? {})) setPath(body, path, bound[option], 0);
  const items = used.has("items") && dropped.has("items") ? input.items.slice(0, 1) : input.items;
  items.forEach((item, index) => {
    setPath(body, targetOf(fields["items.product"]), item.product, index);
    const quantity = fields["items.quantity"];
    if (quantity.support !== "no") setPath(body, targetOf(quantity), item.quantity ?? 1, index);
  });
  for (const field of used) {
    const support: FieldSupport = fields[field];
    if (field.startsWith("items") || dropped.has(field) || support.support === "no") continue;
    const value = valueOf(input, field);
    setPath(body, targetOf(support), typeof value === "object" ? { ...value } : value, 0);
  }
  if (options.provider !== undefined) {
    if (!isObject(options.provider)) throw new InvalidArgumentError(`${where}: options.provider must be an object`);
    const root = call.providerRoot ? (getPath(body, call.providerRoot) as Json) : body;
    mergeProviderFields(root, options.provider as Json, "options.provider", where);
  }
  for (const rule of call.defaults ?? []) {
    if (!present(getPath(body, rule.whenAbsent)) && getPath(body, rule.set) === undefined) setPath(body, rule.set, rule.value, 0);
  }

  for (const field of checkoutFields) {
    const support: FieldSupport = fields[field];
    if (support.support !== "required" || present(getPath(body, support.to))) continue;
    const providerPath = call.providerRoot ? support.to.slice(call.providerRoot.length + 1) : support.to;
    throw new UnsupportedCheckoutInputError(
      api,
      field,
      "required",
      `${where}: ${field} is required (${support.note}); give it, or set options.provider.${providerPath}.`,
    );
  }

  const [group, method] = call.method;
  const create = (client as unknown as Record<string, Record<string, (body: Json, options: object) => Promise<unknown>>>)[group]![method]!;
  const { signal, timeoutMs, maxRetries, headers } = options;
  const callOptions = Object.fromEntries(Object.entries({ signal, timeoutMs, maxRetries, headers }).filter(([, v]) => v !== undefined));
  const raw = await create(body, callOptions);
  return readResult(api, call, raw, where) as CheckoutResult<CheckoutApiOf<C>>;
}

function identityOf(client: unknown): { api: CheckoutApi; options: Readonly<Record<string, string>> } {
  const identity = isObject(client) ? ((client as Record<symbol, unknown>)[clientIdentity] as ClientIdentity | undefined) : undefined;
  if (identity && Object.hasOwn(checkoutCapabilities, identity.api)) return { api: identity.api as CheckoutApi, options: identity.options ?? {} };
  const factories = Object.values(checkoutCapabilities).map((api) => api.factory);
  const what = identity ? `a client of ${identity.api}, which it does not support` : "something that is not a checkoutkit client";
  throw new InvalidArgumentError(`createCheckout: got ${what}; pass a client from ${factories.join(", ")}`);
}

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

function checkInput(input: CheckoutInput, where: string): void {
  const fail = (message: string): never => {
    throw new InvalidArgumentError(`${where}: ${message}`);
  };
  const text = (value: unknown, name: string, optional = true) => {
    if (value === undefined && optional) return;
    if (typeof value !== "string" || value === "") fail(`${name} must be a non-empty string`);
  };
  if (!isObject(input)) fail("the input must be an object");
  if (!Array.isArray(input.items) || input.items.length === 0) fail("items must be a non-empty array");
  input.items.forEach((item, index) => {
    if (!isObject(item)) fail(`items[${index}] must be an object`);
    text(item.product, `items[${index}].product`, false);
    const { quantity } = item;
    if (quantity !== undefined && !(Number.isSafeInteger(quantity) && quantity >= 1)) {
      fail(`items[${index}].quantity must be a whole number, 1 or more`);
    }
  });
  text(input.successUrl, "successUrl", false);
  text(input.cancelUrl, "cancelUrl");
  text(input.reference, "reference");
  if (input.customer !== undefined) {
    if (!isObject(input.customer)) fail("customer must be an object");
    for (const key of ["id", "email", "externalId", "name"] as const) text(input.customer[key], `customer.${key}`);
  }
  if (input.metadata !== undefined) {
    if (!isObject(input.metadata) || Array.isArray(input.metadata)) fail("metadata must be an object of strings");
    for (const [key, value] of Object.entries(input.metadata)) {
      if (typeof value !== "string") fail(`metadata.${key} must be a string`);
    }
  }
}

function checkIgnored(list: readonly string[] | undefined, where: string): Set<IgnorableField> {
  if (list === undefined) return new Set();
  if (!Array.isArray(list)) throw new InvalidArgumentError(`${where}: ignoreUnsupported must be an array of input field names`);
  const ignorable = checkoutFields.filter((field) => field !== "items.product" && field !== "successUrl");
  for (const name of list) {
    if (!(ignorable as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`${where}: ignoreUnsupported names ${JSON.stringify(name)}, which is not one of ${ignorable.join(", ")}`);
    }
  }
  return new Set(list as IgnorableField[]);
}

/** The input fields this checkout actually uses, by the table's names. */
function usedFields(input: CheckoutInput): Set<CheckoutField> {
  const used = new Set<CheckoutField>(["items.product", "successUrl"]);
  if (input.items.length > 1) used.add("items");
  if (input.items.some((item) => item.quantity !== undefined && item.quantity !== 1)) used.add("items.quantity");
  for (const field of ["cancelUrl", "customer.id", "customer.email", "customer.externalId", "customer.name", "reference"] as const) {
    if (valueOf(input, field) !== undefined) used.add(field);
  }
  if (input.metadata && Object.keys(input.metadata).length) used.add("metadata");
  return used;
}

function valueOf(input: CheckoutInput, field: CheckoutField): unknown {
  return getPath(input as unknown as Json, field);
}

function targetOf(support: FieldSupport): string {
  if (support.support === "no" || !support.to) throw new Error(`checkoutkit: no target for a ${support.support} field`);
  return support.to;
}

/**
 * Merges the caller's provider fields into the body, object by object and list entry by list entry (so
 * `lines: [{ subscription: true }]` adds to the first line). A value that would replace a different one throws.
 */
function mergeProviderFields(target: Json, extra: Json, path: string, where: string): void {
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) continue;
    const here = Array.isArray(extra) ? `${path}[${key}]` : `${path}.${key}`;
    const current = target[key];
    if (current === undefined) target[key] = structuredClone(value);
    else if (isObject(current) && isObject(value) && Array.isArray(current) === Array.isArray(value)) {
      mergeProviderFields(current, value, here, where);
    } else if (!Object.is(current, value)) {
      throw new InvalidArgumentError(`${where}: ${here} conflicts with what the input sets there; set it in one place`);
    }
  }
}

function readResult(api: CheckoutApi, call: CreateCall, raw: unknown, where: string): CheckoutResult {
  const required = (field: "id" | "url"): string => {
    const path = call.result[field];
    const value = getPath(raw, path);
    if (typeof value !== "string" || value === "") {
      throw new IncompleteCheckoutError(api, field, `${where}: the provider's answer has no ${path}, so the result has no ${field}`, raw);
    }
    return value;
  };
  const result = { provider: checkoutCapabilities[api].provider, api, id: required("id"), url: required("url"), raw } as CheckoutResult;
  const expiry = call.result.expiresAt;
  const value = expiry ? getPath(raw, expiry.path) : undefined;
  if (expiry && value !== undefined && value !== null) {
    const date = new Date(
      expiry.format === "iso"
        ? typeof value === "string" ? value : NaN
        : typeof value === "number" ? value * (expiry.format === "epoch-s" ? 1000 : 1) : NaN,
    );
    if (Number.isNaN(date.getTime())) {
      throw new IncompleteCheckoutError(api, "expiresAt", `${where}: the provider's ${expiry.path} is not a ${expiry.format} time`, raw);
    }
    result.expiresAt = date;
  }
  return result;
}
