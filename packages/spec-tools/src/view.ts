/**
 * The SDK view of an OpenAPI document: one flat fact per thing a TypeScript caller of the generated client sees
 * (operation, webhook, parameter, request body, response, and every property under them, `$ref`s resolved and
 * `allOf`/`oneOf`/`anyOf` folded together), each with the JSON pointer of the node it was read from. Two documents
 * written in different styles (OpenAPI 3.0 `nullable` against 3.1 type lists, `allOf` wrappers against plain
 * `$ref`s, `anyOf` against `oneOf`) give the same facts when they mean the same thing, so comparing views shows
 * what a caller would notice and nothing else.
 */
import { HTTP_METHODS, escapePointer as escape, listOperations, pointer, type Node, type SpecDocument } from "@checkoutkit/spec-model";

/** Who writes the data: the caller (request) or the provider (response, and webhook deliveries the caller reads). */
export type Side = "request" | "response";
export type FactKind = "document" | "operation" | "webhook" | "parameter" | "body" | "response" | "property";

export interface Fact {
  /** Stable name across documents: `POST /v1/checkouts`, `POST /v1/checkouts › body.lines[].quantity`. */
  key: string;
  kind: FactKind;
  side: Side;
  /** JSON pointer of the node the fact was read from, in its document. */
  pointer: string;
  /** Where a child that this document lacks would sit: the pointer of the object (or operation) holding children. */
  holder: string;
  /** The parent fact's key, and the pointer suffix this fact has under the parent's holder. */
  parent?: string;
  rel?: string;
  /** A parameter's `in` and name (`query limit`): parameters sit in an array, so the pointer cannot name them. */
  name?: string;
  required?: boolean;
  /** JSON types without `null`, sorted and joined with `|`; absent when unconstrained. */
  types?: string;
  nullable?: boolean;
  /** JSON text of each allowed value, sorted; absent when any value of the type is allowed. */
  enum?: string[];
  format?: string;
  /** For objects: `false` when the schema says `additionalProperties: false`. */
  open?: boolean;
  /** Media types of a body or response. */
  media?: string;
  /** Limits, patterns, defaults, `readOnly`/`writeOnly`/`deprecated`: JSON text, keys sorted. */
  constraints?: string;
  /** Descriptions, summaries, examples, titles, operationIds and tags: JSON text. */
  docs?: string;
}

export type View = Map<string, Fact>;

export interface ViewOptions {
  /** Only these operations (`POST /v1/checkouts`) and webhooks (`webhook checkout.completed`); default every one. */
  cover?: ReadonlySet<string>;
  /**
   * Descend only below facts this other view also has. `compareViews` reads a fact only where its parent is in
   * both views, so the result is the same; it keeps a provider document whose schemas reach hundreds of others
   * (Stripe's expandable fields) from unfolding into every path through them.
   */
  within?: View;
}

const CONSTRAINT_KEYS = [
  "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
  "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "default", "readOnly", "writeOnly", "deprecated",
] as const;
const DOC_KEYS = ["title", "description", "summary", "example", "examples", "operationId", "tags"] as const;

/** `POST /v1/checkouts`. */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
/** `webhook checkout.completed`. */
export const webhookKey = (name: string) => `webhook ${name}`;

/** Where an operation or webhook key sits in a document: `/paths/~1v1~1checkouts/post`, `/webhooks/order.paid/post`. */
export function endpointPointer(key: string): string {
  const [first, ...rest] = key.split(" ");
  return first === "webhook" ? pointer(["webhooks", rest.join(" "), "post"]) : pointer(["paths", rest.join(" "), first!.toLowerCase()]);
}

/** Every operation and webhook of a document, by key, with the pointer of its operation object. */
export function listEndpoints(spec: SpecDocument): Map<string, { pointer: string; op: Node; webhook: boolean }> {
  const out = new Map<string, { pointer: string; op: Node; webhook: boolean }>();
  for (const op of listOperations(spec)) out.set(operationKey(op.method, op.path), { pointer: op.pointer, op: op.op, webhook: false });
  for (const [name, raw] of Object.entries((spec.doc.webhooks ?? {}) as Node)) {
    const { node: item, pointer: itemPointer } = spec.resolve(raw, pointer(["webhooks", name]));
    for (const method of HTTP_METHODS) {
      if (item[method]) out.set(webhookKey(name), { pointer: `${itemPointer}/${method}`, op: item[method], webhook: true });
    }
  }
  return out;
}

const pick = (node: Node, keys: readonly string[]) => {
  const picked = Object.fromEntries(keys.filter((k) => node[k] !== undefined).map((k) => [k, node[k]]));
  return Object.keys(picked).length ? stable(picked) : undefined;
};

/** JSON with object keys sorted, so that equal values give equal text. */
export function stable(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** A JSON media type first (`application/json`, then any `*json`), else the first one. */
function mainMedia(content: Node | undefined): { type: string; media: Node } | undefined {
  if (!content) return undefined;
  const types = Object.keys(content);
  const type = types.find((t) => t === "application/json") ?? types.find((t) => /json/.test(t)) ?? types[0];
  return type ? { type, media: content[type] } : undefined;
}

export function buildView(spec: SpecDocument, options: ViewOptions = {}): View {
  const view: View = new Map();
  const add = (fact: Fact) => {
    if (!view.has(fact.key)) view.set(fact.key, fact);
  };
  const servers = ((spec.doc.servers ?? []) as Node[]).map((s) => s.url).sort();
  const schemes = Object.entries((spec.doc.components?.securitySchemes ?? {}) as Node).map(([name, s]) =>
    stable({ name, type: s.type, scheme: s.scheme, in: s.in, header: s.name }),
  );
  add({ key: "servers", kind: "document", side: "request", pointer: "/servers", holder: "", docs: stable(servers) });
  add({ key: "security schemes", kind: "document", side: "request", pointer: "/components/securitySchemes", holder: "", docs: stable(schemes.sort()) });

  for (const [key, endpoint] of listEndpoints(spec)) {
    if (options.cover && !options.cover.has(key)) continue;
    const { op, pointer: at, webhook } = endpoint;
    // A webhook delivery is written by the provider and read by the caller's code, like a response.
    const input: Side = webhook ? "response" : "request";
    add({ key, kind: webhook ? "webhook" : "operation", side: input, pointer: at, holder: at, docs: pick(op, DOC_KEYS) });

    const pathItemPointer = at.slice(0, at.lastIndexOf("/"));
    const pathItem = spec.deref(spec.at(pathItemPointer), pathItemPointer);
    const params = new Map<string, { node: Node; pointer: string }>();
    for (const [list, listPointer] of [
      [pathItem.parameters, `${pathItemPointer}/parameters`],
      [op.parameters, `${at}/parameters`],
    ] as const) {
      ((list ?? []) as Node[]).forEach((raw, i) => {
        const resolved = spec.resolve<Node>(raw, `${listPointer}/${i}`);
        params.set(`${resolved.node.in} ${resolved.node.name}`, resolved);
      });
    }
    for (const [name, param] of params) {
      const schema = param.node.schema ?? mainMedia(param.node.content)?.media.schema ?? {};
      walk(spec, view, options.within, [{ node: schema, pointer: `${param.pointer}/schema` }], {
        key: `${key} › ${name}`, kind: "parameter", side: input, pointer: param.pointer, parent: key,
        rel: "/parameters", name, required: param.node.required === true, docs: pick(param.node, DOC_KEYS),
      });
    }

    if (op.requestBody) {
      const body = spec.resolve<Node>(op.requestBody, `${at}/requestBody`);
      const main = mainMedia(body.node.content);
      walk(spec, view, options.within, [{ node: main?.media.schema ?? {}, pointer: main ? `${body.pointer}/content/${escape(main.type)}/schema` : body.pointer }], {
        key: `${key} › body`, kind: "body", side: input, pointer: body.pointer, parent: key, rel: "/requestBody",
        required: body.node.required === true, media: Object.keys(body.node.content ?? {}).sort().join(", "),
        docs: pick({ ...body.node, example: main?.media.example, examples: main?.media.examples }, DOC_KEYS),
      });
    }

    for (const [status, raw] of Object.entries((op.responses ?? {}) as Node)) {
      const response = spec.resolve<Node>(raw, `${at}/responses/${status}`);
      const main = mainMedia(response.node.content);
      walk(spec, view, options.within, [{ node: main?.media.schema ?? {}, pointer: main ? `${response.pointer}/content/${escape(main.type)}/schema` : response.pointer }], {
        key: `${key} › response ${status}`, kind: "response", side: webhook ? "request" : "response",
        pointer: response.pointer, parent: key, rel: `/responses/${status}`,
        media: Object.keys(response.node.content ?? {}).sort().join(", "),
        docs: pick({ ...response.node, example: main?.media.example, examples: main?.media.examples }, DOC_KEYS),
      });
    }
  }
  return view;
}

/** What the branches of one schema position say, folded together. */
interface Shape {
  types: Set<string>;
  nullable: boolean;
  values: Set<string>;
  /** Some branch allows any value of its type. */
  anyValue: boolean;
  formats: Set<string>;
  constraints: Record<string, unknown>;
  docs: Record<string, unknown>;
  closed: boolean;
  objectPointer?: string;
  required: Set<string>;
  props: Map<string, Source[]>;
  items: Source[];
  extra: Source[];
}

interface Source {
  node: unknown;
  pointer: string;
}

type Head = Omit<Fact, "holder" | "types" | "nullable" | "enum" | "format" | "open" | "constraints"> & { docs?: string };

/** Folds the schema at `at` into one fact under `head`, then walks its properties, items and map values. */
function walk(spec: SpecDocument, view: View, within: View | undefined, sources: Source[], head: Head, seen: ReadonlySet<string> = new Set(), depth = 0): void {
  const shape: Shape = {
    types: new Set(), nullable: false, values: new Set(), anyValue: false, formats: new Set(), constraints: {}, docs: {},
    closed: false, required: new Set(), props: new Map(), items: [], extra: [],
  };
  const refs = new Set(seen);
  for (const source of sources) absorb(spec, source.node, source.pointer, shape, seen, refs);
  const types = [...shape.types].sort();
  const enumValues = !shape.anyValue && shape.values.size > 0 ? [...shape.values].sort() : undefined;
  const fact: Fact = {
    ...head,
    holder: shape.objectPointer ?? sources[0]?.pointer ?? head.pointer,
    types: types.length ? types.join("|") : undefined,
    nullable: shape.nullable,
    enum: enumValues,
    format: shape.formats.size ? [...shape.formats].sort().join("|") : undefined,
    open: shape.props.size || shape.types.has("object") ? !shape.closed : undefined,
    constraints: Object.keys(shape.constraints).length ? stable(shape.constraints) : undefined,
    docs: head.docs ?? (Object.keys(shape.docs).length ? stable(shape.docs) : undefined),
  };
  if (!view.has(fact.key)) view.set(fact.key, fact);
  if (depth > 24 || (within && !within.has(head.key))) return;
  const child = (sources: Source[], suffix: string, rel: string, required?: boolean) =>
    walk(spec, view, within, sources, {
      key: `${head.key}${suffix}`, kind: "property", side: head.side, pointer: sources[0]!.pointer, parent: head.key, rel, required,
    }, refs, depth + 1);
  for (const [name, decls] of shape.props) child(decls, `.${name}`, `/properties/${escape(name)}`, shape.required.has(name));
  if (shape.items.length) child(shape.items, "[]", "/items");
  if (shape.extra.length) child(shape.extra, "{}", "/additionalProperties");
}

/**
 * Adds what `raw` says to `shape`. `allOf` parts add to the same position; `oneOf`/`anyOf` branches do too (a caller
 * sees the union of what the branches allow). A `$ref` back into a schema already open on this path is not followed
 * (recursive schemas); the refs followed are added to `refs` for the children.
 */
function absorb(spec: SpecDocument, raw: unknown, at: string, shape: Shape, seen: ReadonlySet<string>, refs: Set<string>): void {
  if (raw === true || raw === undefined) return;
  if (raw === false || raw === null || typeof raw !== "object") return;
  const rawNode = raw as Node;
  // OpenAPI 3.0 allows `nullable` next to a `$ref` in practice; honour it as its author meant.
  if (typeof rawNode.$ref === "string" && rawNode.nullable === true) shape.nullable = true;
  let node = rawNode;
  let here = at;
  if (typeof rawNode.$ref === "string") {
    const target = rawNode.$ref.slice(1);
    if (seen.has(target)) return;
    refs.add(target);
    const resolved = spec.resolve<Node>(rawNode, at);
    node = resolved.node;
    here = resolved.pointer;
    // 3.1 siblings of a $ref (description, deprecated, default ...) apply too.
    for (const key of [...CONSTRAINT_KEYS, ...DOC_KEYS]) if (rawNode[key] !== undefined && node[key] === undefined) node = { ...node, [key]: rawNode[key] };
  }
  const type = node.type;
  const typeList: string[] = Array.isArray(type) ? type : typeof type === "string" ? [type] : [];
  for (const t of typeList) {
    if (t === "null") shape.nullable = true;
    else shape.types.add(t);
  }
  if (node.nullable === true) shape.nullable = true;
  const values: unknown[] | undefined = Array.isArray(node.enum) ? node.enum : "const" in node ? [node.const] : undefined;
  if (values) {
    for (const v of values) {
      if (v === null) shape.nullable = true;
      else shape.values.add(JSON.stringify(v));
    }
    if (!typeList.length) for (const v of values) if (v !== null) shape.types.add(jsonType(v));
  } else if (typeList.some((t) => t !== "null") || node.properties) {
    shape.anyValue = true;
  }
  if (typeof node.format === "string") shape.formats.add(node.format);
  for (const key of CONSTRAINT_KEYS) if (node[key] !== undefined) shape.constraints[key] = node[key];
  for (const key of DOC_KEYS) if (node[key] !== undefined) shape.docs[key] = node[key];
  if (node.properties && typeof node.properties === "object") {
    shape.objectPointer ??= here;
    shape.types.add("object");
    for (const [name, child] of Object.entries(node.properties as Node)) {
      const list = shape.props.get(name) ?? [];
      list.push({ node: child, pointer: `${here}/properties/${escape(name)}` });
      shape.props.set(name, list);
    }
  }
  for (const name of (node.required ?? []) as string[]) shape.required.add(name);
  if (node.additionalProperties === false) shape.closed = true;
  else if (node.additionalProperties && typeof node.additionalProperties === "object") {
    shape.extra.push({ node: node.additionalProperties, pointer: `${here}/additionalProperties` });
  }
  if (node.items && typeof node.items === "object") shape.items.push({ node: node.items, pointer: `${here}/items` });
  if (Array.isArray(node.prefixItems)) node.prefixItems.forEach((item: unknown, i: number) => shape.items.push({ node: item, pointer: `${here}/prefixItems/${i}` }));
  for (const keyword of ["allOf", "oneOf", "anyOf"] as const) {
    if (Array.isArray(node[keyword])) node[keyword].forEach((part: unknown, i: number) => absorb(spec, part, `${here}/${keyword}/${i}`, shape, seen, refs));
  }
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (Number.isInteger(value)) return "integer";
  return typeof value === "object" ? "object" : typeof value;
}
