/**
 * `x-checkoutkit-checkout`: how the facade's one `CheckoutInput` maps onto an API's create operation, where the
 * answer keeps the checkout's id, url and expiry, and which webhook event means "completed" and where its fields
 * are. Checked against a JSON Schema when read, then every path against the operation's (or webhook's) schemas: a
 * mistake names the spec file and the JSON pointer.
 */
import { escapePointer, pointer, type Node, type SpecDocument } from "../document.js";
import { responseMediaType } from "./encoding.js";
import { listOperations, type OperationNode } from "../operations.js";
import { checkExtension, type JsonSchema } from "../validate.js";

/** The input fields of `CheckoutInput` an API may or may not honour, by the facade's names. */
export const CHECKOUT_FIELDS = [
  "items.product",
  "items",
  "items.quantity",
  "successUrl",
  "cancelUrl",
  "customer.id",
  "customer.email",
  "customer.externalId",
  "customer.name",
  "metadata",
  "reference",
] as const;
export type CheckoutFieldName = (typeof CHECKOUT_FIELDS)[number];

/** How one API treats one input field; `to` is a dotted path into the create body (`lines[].quantity`). */
export type CheckoutFieldRule =
  | { support: "yes"; to?: string; note?: string; notWith?: CheckoutFieldName }
  | { support: "required"; to: string; note?: string }
  | { support: "no"; note: string };

export type ExpiryFormat = "iso" | "epoch-ms" | "epoch-s";

/** The fields of a normalised completed checkout, each read from the first of its paths that holds a value. */
export interface CompletionPaths {
  checkoutId?: string[];
  orderId: string[];
  customerId?: string[];
  customerEmail?: string[];
  customerExternalId?: string[];
  customerName?: string[];
  amount?: string[];
  currency?: string[];
  metadata?: string[];
}

export interface CompletionRules {
  /** The key of the event under `webhooks:`. */
  event: string;
  /** The body field, and its value, that tells this event from every other event of the provider. */
  match: { path: string; value: string | number | boolean };
  paths: CompletionPaths;
  pointer: string;
}

export interface CheckoutRules {
  /** JSON pointer of the extension. */
  pointer: string;
  operation: OperationNode;
  /** The client method that calls the operation, from `x-checkoutkit-method`: `["checkouts", "create"]`. */
  method: [group: string, method: string];
  /** A name for people: `PayNow Management`. */
  label: string;
  fields: Record<CheckoutFieldName, CheckoutFieldRule>;
  /** Constant fields every body starts with. */
  base?: Record<string, unknown>;
  /** Where `options.provider` merges, when not the body itself. */
  providerFields?: string;
  /**
   * The component schemas `options.provider` takes (the branches of a `oneOf` at `providerFields` that agree with
   * `base`), when they can be named; otherwise the type is the body's own at that path.
   */
  providerSchemas?: string[];
  /** `set` gets `value` when `whenAbsent` is absent once everything else is in the body (and `set` is not). */
  defaults: { set: string; value: string | number | boolean; whenAbsent: string }[];
  result: { id: string; url: string; expiresAt?: { path: string; format: ExpiryFormat } };
  completed?: CompletionRules;
}

const bodyPath = {
  type: "string",
  pattern: "^[\\w$-]+(\\[\\])?(\\.[\\w$-]+(\\[\\])?)*$",
  description: "a dotted path into the body; `name[]` for one entry per item",
};
const plainPath = { type: "string", pattern: "^[\\w$-]+(\\.[\\w$-]+)*$", description: "a dotted path" };
const paths = { oneOf: [plainPath, { type: "array", items: plainPath, minItems: 1 }] };
const note = { type: "string", minLength: 1 };
const supported = {
  type: "object",
  required: ["to"],
  additionalProperties: false,
  properties: { to: bodyPath, note, required: { type: "boolean" }, notWith: { enum: [...CHECKOUT_FIELDS] } },
};
const unsupported = { type: "object", required: ["unsupported"], additionalProperties: false, properties: { unsupported: note } };
const field = { oneOf: [bodyPath, supported, unsupported] };
const scalar = { type: ["string", "number", "boolean"] };

export const checkoutSchema: JsonSchema = {
  type: "object",
  description: "how CheckoutInput maps onto this create operation",
  required: ["label", "fields", "result"],
  additionalProperties: false,
  properties: {
    label: note,
    fields: {
      type: "object",
      additionalProperties: false,
      required: [...CHECKOUT_FIELDS],
      properties: {
        ...Object.fromEntries(CHECKOUT_FIELDS.map((name) => [name, field])),
        "items.product": { oneOf: [bodyPath, supported] },
        successUrl: { oneOf: [bodyPath, supported] },
        items: { oneOf: [{ const: true }, unsupported] },
      },
    },
    base: { type: "object" },
    providerFields: bodyPath,
    defaults: {
      type: "array",
      items: {
        type: "object",
        required: ["set", "value", "whenAbsent"],
        additionalProperties: false,
        properties: { set: bodyPath, value: scalar, whenAbsent: bodyPath },
      },
    },
    result: {
      type: "object",
      required: ["id", "url"],
      additionalProperties: false,
      properties: {
        id: plainPath,
        url: plainPath,
        expiresAt: {
          type: "object",
          required: ["path", "format"],
          additionalProperties: false,
          properties: { path: plainPath, format: { enum: ["iso", "epoch-ms", "epoch-s"] } },
        },
      },
    },
    completed: {
      type: "object",
      required: ["event", "orderId"],
      additionalProperties: false,
      properties: {
        event: note,
        match: { type: "object", minProperties: 1, maxProperties: 1, additionalProperties: scalar },
        checkoutId: paths,
        orderId: paths,
        customer: {
          type: "object",
          additionalProperties: false,
          properties: { id: paths, email: paths, externalId: paths, name: paths },
        },
        amount: paths,
        currency: paths,
        metadata: paths,
      },
    },
  },
};

type Raw = {
  label: string;
  fields: Record<CheckoutFieldName, string | true | { to: string; note?: string; required?: boolean; notWith?: CheckoutFieldName } | { unsupported: string }>;
  base?: Record<string, unknown>;
  providerFields?: string;
  defaults?: CheckoutRules["defaults"];
  result: CheckoutRules["result"];
  completed?: {
    event: string;
    match?: Record<string, string | number | boolean>;
    customer?: Record<"id" | "email" | "externalId" | "name", string | string[]>;
  } & Record<"checkoutId" | "orderId" | "amount" | "currency" | "metadata", string | string[]>;
};

/**
 * The `x-checkoutkit-checkout` of the spec's one create operation that has it, checked, or `undefined` when no
 * operation has it.
 */
export function readCheckout(spec: SpecDocument): CheckoutRules | undefined {
  const found = listOperations(spec).filter((op) => op.op["x-checkoutkit-checkout"] !== undefined);
  if (!found.length) return undefined;
  if (found.length > 1) spec.fail(`${found[1]!.pointer}/x-checkoutkit-checkout`, `only one operation may declare it (${found[0]!.pointer} does too)`);
  const operation = found[0]!;
  const at = `${operation.pointer}/x-checkoutkit-checkout`;
  const raw = checkExtension<Raw>(spec, at, checkoutSchema, true);

  const methodName = operation.op["x-checkoutkit-method"];
  const method = typeof methodName === "string" ? methodName.split(".") : [];
  if (method.length !== 2) spec.fail(`${operation.pointer}/x-checkoutkit-method`, "the create operation needs x-checkoutkit-method as group.method");

  const request = jsonSchemaOf(spec, operation.op.requestBody, `${operation.pointer}/requestBody`, "the request body's schema");
  const successCode = Object.keys(operation.op.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  if (!successCode) spec.fail(`${operation.pointer}/responses`, "the create operation has no 2xx response");
  const response = jsonSchemaOf(spec, operation.op.responses[successCode!], `${operation.pointer}/responses/${successCode}`, `the ${successCode} answer's schema`);
  const inBody = (path: string, where: string) => schemasAt(spec, request, path, `${at}/${where}`);

  const fields = {} as Record<CheckoutFieldName, CheckoutFieldRule>;
  for (const name of CHECKOUT_FIELDS) {
    const value = raw.fields[name];
    const where = `fields/${name}`;
    let rule: CheckoutFieldRule;
    if (value === true) rule = { support: "yes" };
    else if (typeof value === "string") rule = { support: "yes", to: value };
    else if ("unsupported" in value) rule = { support: "no", note: value.unsupported };
    else if (value.required) {
      if (value.notWith) spec.fail(`${at}/${where}/notWith`, "a required field cannot clash with another");
      rule = { support: "required", to: value.to, ...(value.note ? { note: value.note } : {}) };
    } else rule = { support: "yes", to: value.to, ...(value.note ? { note: value.note } : {}), ...(value.notWith ? { notWith: value.notWith } : {}) };
    if (rule.support !== "no" && rule.to !== undefined) inBody(rule.to, typeof value === "string" ? where : `${where}/to`);
    if (rule.support === "yes" && rule.to === undefined && name !== "items") spec.fail(`${at}/${where}`, "needs the body path the value goes to");
    fields[name] = rule;
  }
  const product = fields["items.product"];
  if (fields.items.support !== "no" && !("to" in product && product.to?.includes("[]"))) {
    spec.fail(`${at}/fields/items`, "more than one item needs `items.product` to go to a list entry (`lines[].product_id`)");
  }

  const base = raw.base;
  for (const [path, value] of leaves(base ?? {})) {
    const where = `${at}/base/${path.split(".").map((k) => pointer([k]).slice(1)).join("/")}`;
    const found = schemasAt(spec, request, path, where);
    if (!found.some((s) => allows(spec, s, value))) spec.fail(where, `the request schema does not allow ${JSON.stringify(value)} here`);
  }
  if (raw.providerFields !== undefined) inBody(raw.providerFields, "providerFields");
  (raw.defaults ?? []).forEach((rule, index) => {
    const found = inBody(rule.set, `defaults/${index}/set`);
    if (!found.some((s) => allows(spec, s, rule.value))) spec.fail(`${at}/defaults/${index}/value`, `the request schema does not allow ${JSON.stringify(rule.value)} at ${rule.set}`);
    inBody(rule.whenAbsent, `defaults/${index}/whenAbsent`);
  });

  const inAnswer = (path: string, where: string) => schemasAt(spec, response, path, `${at}/result/${where}`);
  inAnswer(raw.result.id, "id");
  inAnswer(raw.result.url, "url");
  if (raw.result.expiresAt) {
    const { path, format } = raw.result.expiresAt;
    const want = format === "iso" ? ["string"] : ["integer", "number"];
    const found = inAnswer(path, "expiresAt/path");
    if (!found.some((s) => typesOf(s).some((t) => want.includes(t)))) {
      spec.fail(`${at}/result/expiresAt/format`, `${format} needs ${want.join(" or ")} at ${path} in the answer's schema`);
    }
  }

  return {
    pointer: at,
    operation,
    method: method as [string, string],
    label: raw.label,
    fields,
    ...(base ? { base } : {}),
    ...(raw.providerFields ? { providerFields: raw.providerFields } : {}),
    ...providerSchemasOf(spec, request, raw.providerFields, base),
    defaults: raw.defaults ?? [],
    result: raw.result,
    ...(raw.completed ? { completed: readCompletion(spec, raw.completed, `${at}/completed`) } : {}),
  };
}

function readCompletion(spec: SpecDocument, raw: NonNullable<Raw["completed"]>, at: string): CompletionRules {
  const hook = spec.doc.webhooks?.[raw.event] as Node | undefined;
  if (!hook?.post) spec.fail(`${at}/event`, `names ${JSON.stringify(raw.event)}, which is not a webhook of this spec (under webhooks:, with a post)`);
  const hookAt = pointer(["webhooks", raw.event, "post"]);
  const schema = jsonSchemaOf(spec, hook!.post.requestBody, `${hookAt}/requestBody`, `the ${raw.event} event's schema`);

  let match: CompletionRules["match"];
  if (raw.match) {
    const [path, value] = Object.entries(raw.match)[0]!;
    const found = schemasAt(spec, schema, path, `${at}/match`);
    if (!found.some((s) => allows(spec, s, value))) spec.fail(`${at}/match`, `the event's schema does not allow ${JSON.stringify(value)} at ${path}`);
    match = { path, value };
  } else {
    // The field x-checkoutkit-webhooks names as the event's type, holding its one value in this event's schema.
    const rule = spec.doc["x-checkoutkit-webhooks"] as Node | undefined;
    const typeField = typeof rule?.type === "string" ? rule.type : typeof rule?.type?.path === "string" ? rule.type.path : undefined;
    if (!typeField) spec.fail(`${at}`, "needs `match` (body field: value), as x-checkoutkit-webhooks names no type field");
    const values = [...new Set(schemasAt(spec, schema, typeField!, `${at}`).flatMap((s) => constants(s)))] as (string | number | boolean)[];
    if (values.length !== 1) spec.fail(`${at}`, `needs \`match\`: ${typeField} has no single value in ${raw.event}'s schema`);
    match = { path: typeField!, value: values[0]! };
  }
  for (const [other, item] of Object.entries((spec.doc.webhooks ?? {}) as Node)) {
    if (other === raw.event || !item?.post?.requestBody) continue;
    const otherSchema = jsonSchemaOf(spec, item.post.requestBody, pointer(["webhooks", other, "post", "requestBody"]), `the ${other} event's schema`);
    const clash = tryPath(spec, otherSchema, match.path).some((s) => constants(s).includes(match.value));
    if (clash) spec.fail(`${at}`, `${match.path}: ${JSON.stringify(match.value)} does not tell ${raw.event} from ${other}`);
  }

  const list = (value: string | string[] | undefined, where: string) => {
    if (value === undefined) return undefined;
    const all = Array.isArray(value) ? value : [value];
    all.forEach((path, index) => schemasAt(spec, schema, path, Array.isArray(value) ? `${at}/${where}/${index}` : `${at}/${where}`));
    return all;
  };
  const paths: CompletionPaths = { orderId: list(raw.orderId, "orderId")! };
  const optional = {
    checkoutId: list(raw.checkoutId, "checkoutId"),
    customerId: list(raw.customer?.id, "customer/id"),
    customerEmail: list(raw.customer?.email, "customer/email"),
    customerExternalId: list(raw.customer?.externalId, "customer/externalId"),
    customerName: list(raw.customer?.name, "customer/name"),
    amount: list(raw.amount, "amount"),
    currency: list(raw.currency, "currency"),
    metadata: list(raw.metadata, "metadata"),
  };
  for (const [key, value] of Object.entries(optional)) if (value) (paths as unknown as Record<string, string[]>)[key] = value;
  return { event: raw.event, match, paths, pointer: at };
}

/**
 * A request body's or response's schema under the media type the client sends or reads (`application/json`, an
 * `application/<x>+json`, else the first listed: a form body), with the pointer it sits at; `what` names it in
 * messages.
 */
function jsonSchemaOf(spec: SpecDocument, holder: unknown, at: string, what: string): Located & { what: string } {
  const { node, pointer: resolved } = spec.resolve<Node | undefined>(holder, at);
  const mediaType = responseMediaType(node?.content);
  const schema = mediaType === undefined ? undefined : node?.content?.[mediaType]?.schema;
  if (!schema) spec.fail(resolved, "needs a JSON (or form) body with a schema");
  return { node: schema, pointer: `${resolved}/content/${escapePointer(mediaType!)}/schema`, what };
}

interface Located {
  node: Node;
  pointer: string;
}

/** The schema and every schema it is made of: `$ref`s followed, `allOf`, `oneOf` and `anyOf` branches expanded. */
function branches(spec: SpecDocument, start: Located): Located[] {
  const out: Located[] = [];
  const visit = (node: unknown, at: string, depth: number) => {
    if (depth > 32) spec.fail(at, "schema nesting too deep");
    const resolved = spec.resolve<Node>(node, at);
    if (!resolved.node || typeof resolved.node !== "object") return;
    out.push(resolved);
    for (const key of ["allOf", "oneOf", "anyOf"] as const) {
      (resolved.node[key] as unknown[] | undefined)?.forEach((member, index) => visit(member, `${resolved.pointer}/${key}/${index}`, depth + 1));
    }
  };
  visit(start.node, start.pointer, 0);
  return out;
}

/** Every schema a dotted path (with `name[]` list entries) can land on; empty when no branch has it. */
function tryPath(spec: SpecDocument, start: Located, path: string): Located[] {
  let current = [start];
  for (const segment of path.split(".")) {
    const list = segment.endsWith("[]");
    const key = list ? segment.slice(0, -2) : segment;
    let next: Located[] = [];
    for (const branch of current.flatMap((c) => branches(spec, c))) {
      const property = branch.node.properties?.[key];
      if (property !== undefined) next.push({ node: property, pointer: `${branch.pointer}/properties/${pointer([key]).slice(1)}` });
      else if (branch.node.additionalProperties && typeof branch.node.additionalProperties === "object") {
        next.push({ node: branch.node.additionalProperties, pointer: `${branch.pointer}/additionalProperties` });
      }
    }
    if (list) {
      next = next.flatMap((c) => branches(spec, c)).filter((b) => b.node.items).map((b) => ({ node: b.node.items, pointer: `${b.pointer}/items` }));
    }
    current = next;
    if (!current.length) return [];
  }
  return current.flatMap((c) => branches(spec, c));
}

function schemasAt(spec: SpecDocument, start: Located & { what: string }, path: string, at: string): Located[] {
  const found = tryPath(spec, start, path);
  if (!found.length) spec.fail(at, `${path} is not in ${start.what} (${start.pointer})${path.includes("[]") ? ", or is not a list there" : ""}`);
  return found;
}

/** The values a schema pins (`const`, `enum`), empty when it pins none. */
function constants(located: Located): unknown[] {
  const { node } = located;
  if ("const" in node) return [node.const];
  if (Array.isArray(node.enum)) return node.enum;
  return [];
}

/** Whether a (leaf) schema admits a value: by `const`/`enum` when it has them, else by `type`. */
function allows(spec: SpecDocument, located: Located, value: unknown): boolean {
  const pinned = constants(located);
  if (pinned.length) return pinned.includes(value);
  const types = typesOf(located);
  if (!types.length) return false;
  const kind = typeof value === "number" ? (Number.isInteger(value) ? ["integer", "number"] : ["number"]) : [typeof value];
  return types.some((t) => kind.includes(t));
}

function typesOf(located: Located): string[] {
  const { type } = located.node;
  return Array.isArray(type) ? type : typeof type === "string" ? [type] : [];
}

/** `{ a: { b: 1 } }` → `[["a.b", 1]]`. */
function leaves(value: Record<string, unknown>, prefix = ""): [string, unknown][] {
  return Object.entries(value).flatMap(([key, inner]) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner) ? leaves(inner as Record<string, unknown>, `${prefix}${key}.`) : [[`${prefix}${key}`, inner] as [string, unknown]],
  );
}

/** The named `oneOf`/`anyOf` branches at `providerFields` that agree with the constant base fields under it. */
function providerSchemasOf(spec: SpecDocument, request: Located, root: string | undefined, base: Record<string, unknown> | undefined): { providerSchemas?: string[] } {
  if (!root) return {};
  const property = tryPath(spec, request, root)[0];
  if (!property) return {};
  const members = ((property.node.oneOf ?? property.node.anyOf) as Node[] | undefined) ?? [];
  const names = members.map((m) => (typeof m.$ref === "string" ? /^#\/components\/schemas\/([^/]+)$/.exec(m.$ref)?.[1] : undefined));
  if (!members.length || names.some((n) => n === undefined)) return {};
  let under: unknown = base;
  for (const key of root.split(".")) under = under && typeof under === "object" ? (under as Record<string, unknown>)[key] : undefined;
  const constantsUnder = under && typeof under === "object" ? leaves(under as Record<string, unknown>) : [];
  const agreeing = members.flatMap((member, index) => {
    const located = { node: member, pointer: `${property.pointer}/${property.node.oneOf ? "oneOf" : "anyOf"}/${index}` };
    const ok = constantsUnder.every(([path, value]) => {
      const found = tryPath(spec, located, path);
      return found.length > 0 && found.some((s) => allows(spec, s, value));
    });
    return ok ? [names[index]!] : [];
  });
  return agreeing.length && agreeing.length < members.length ? { providerSchemas: agreeing } : {};
}
