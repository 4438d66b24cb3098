/**
 * The honest route to Prism for form bodies. Prism 5.14 cannot read bracketed form keys (`line_items[0][price]=…`,
 * `expand[]=…`): it treats each key as a flat property and refuses a correct request. So, for a spec whose
 * operations take `application/x-www-form-urlencoded` bodies, `startPrism` runs Prism on a derived copy of the
 * spec in which exactly those bodies are re-declared as `application/json` (same schema, same example; nothing else
 * changes), and puts this proxy in front of it. The proxy accepts only the spec's form media type on those
 * operations (415 otherwise), parses the bracket convention back into JSON the way a form server does (indices and
 * `[]` become arrays, bracketed names nested objects, values strings unless the schema says number, integer or
 * boolean), and forwards the JSON to Prism, which then validates it against the unchanged schema. Every other
 * request passes through untouched. Test-only: never part of a published package.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FORM_MEDIA_TYPE, SpecDocument, listOperations, type Node } from "@checkoutkit/spec-model";

export { FORM_MEDIA_TYPE };

/** One operation whose request body Prism gets as JSON through the proxy. */
export interface FormOperation {
  method: string;
  path: string;
  /** Matches the request path (`/v1/checkout/sessions/cs_123/expire`). */
  pattern: RegExp;
  /** The body schema, `$ref`s left in place (resolved against `doc` while coercing). */
  schema: unknown;
}

/** The operations of `doc` whose request body is declared as a form. */
export function formOperations(doc: Node): FormOperation[] {
  const spec = new SpecDocument("", doc);
  const out: FormOperation[] = [];
  for (const operation of listOperations(spec)) {
    const body = operation.op.requestBody === undefined ? undefined : spec.deref(operation.op.requestBody, `${operation.pointer}/requestBody`);
    const media = body?.content?.[FORM_MEDIA_TYPE] as Node | undefined;
    if (!media) continue;
    const pattern = new RegExp(
      `^${operation.path
        .split(/(\{[^}]+\})/)
        .map((part) => (/^\{.*\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("")}$`,
    );
    out.push({ method: operation.method.toUpperCase(), path: operation.path, pattern, schema: media.schema });
  }
  return out;
}

/**
 * A copy of `doc` in which every form request body is declared as `application/json` instead, with the same
 * schema and examples (the form-only `encoding` and `x-checkoutkit-arrays` dropped). Everything else is the same.
 */
export function jsonBodiesSpec(doc: Node): Node {
  const copy = structuredClone(doc);
  const spec = new SpecDocument("", copy);
  for (const operation of listOperations(spec)) {
    if (operation.op.requestBody === undefined) continue;
    // A shared requestBody ($ref) is copied into the operation, so that only form bodies change.
    const body = structuredClone(spec.deref(operation.op.requestBody, `${operation.pointer}/requestBody`));
    const media = body.content?.[FORM_MEDIA_TYPE] as Node | undefined;
    if (!media) continue;
    const { encoding: _encoding, "x-checkoutkit-arrays": _arrays, ...rest } = media;
    const content: Node = {};
    for (const [type, value] of Object.entries(body.content as Node)) {
      if (type === FORM_MEDIA_TYPE) content["application/json"] = rest;
      else if (type !== "application/json") content[type] = value;
    }
    operation.op.requestBody = { ...body, content };
  }
  return copy;
}

/** Writes `jsonBodiesSpec(doc)` to a fresh temporary folder; `remove` deletes it. */
export function writeJsonBodiesSpec(doc: Node): { file: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), "checkoutkit-prism-"));
  const file = join(folder, "openapi.json");
  writeFileSync(file, JSON.stringify(jsonBodiesSpec(doc)));
  return { file, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The segments of a bracketed key: `line_items[0][price]` → `["line_items", "0", "price"]`, `expand[]` → `["expand", ""]`. */
export function keySegments(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0 || !key.endsWith("]")) return [key];
  const rest = key.slice(open);
  if (!/^(\[[^[\]]*\])+$/.test(rest)) return [key];
  return [key.slice(0, open), ...rest.slice(1, -1).split("][")];
}

type Parsed = string | Parsed[] | { [key: string]: Parsed };
const isRecord = (value: unknown): value is Record<string, Parsed> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Parses a form body with bracketed keys into nested values, as a form server does: `a[b]=v` nests, `a[]=v`
 * appends to a list, `a[0][b]=v` fills the object at index 0. Indices stay object keys here (`{ "0": … }`); the
 * schema decides in `coerce` whether that is a list. Values stay strings.
 */
export function parseForm(body: string): Record<string, Parsed> {
  const root: Record<string, Parsed> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const segments = keySegments(key);
    let node: Record<string, Parsed> | Parsed[] = root;
    segments.forEach((segment, i) => {
      const last = i === segments.length - 1;
      const next = segments[i + 1];
      const fresh = (): Parsed => (last ? value : next === "" ? [] : {});
      if (Array.isArray(node)) {
        // `a[]` (push) or `a[][b]`: each `[]` starts a new entry.
        const child = fresh();
        node.push(child);
        if (!last) node = child as Record<string, Parsed> | Parsed[];
        return;
      }
      if (last) {
        node[segment] = value;
        return;
      }
      const existing = node[segment];
      const child = existing !== undefined && typeof existing === "object" ? existing : fresh();
      node[segment] = child;
      node = child as Record<string, Parsed> | Parsed[];
    });
  }
  return root;
}

/** The `type` list of a schema, following `$ref`, and the branches of `oneOf`/`anyOf`/`allOf`. */
function schemaTypes(spec: SpecDocument, schema: unknown): Set<string> {
  const types = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 16 || node === null || typeof node !== "object") return;
    const resolved = spec.deref(node as Node);
    const type = resolved.type;
    if (typeof type === "string") types.add(type);
    else if (Array.isArray(type)) type.forEach((t) => types.add(String(t)));
    else if (resolved.properties || resolved.additionalProperties) types.add("object");
    else if (resolved.items) types.add("array");
    for (const key of ["oneOf", "anyOf", "allOf"]) for (const branch of (resolved[key] as unknown[] | undefined) ?? []) visit(branch, depth + 1);
  };
  visit(schema, 0);
  return types;
}

/** The schema of property `key` of an object schema (its `properties`, else `additionalProperties`). */
function propertySchema(spec: SpecDocument, schema: unknown, key: string): unknown {
  const found: unknown[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 16 || node === null || typeof node !== "object") return;
    const resolved = spec.deref(node as Node);
    const property = (resolved.properties as Node | undefined)?.[key];
    if (property !== undefined) found.push(property);
    else if (resolved.additionalProperties && typeof resolved.additionalProperties === "object") found.push(resolved.additionalProperties);
    for (const k of ["oneOf", "anyOf", "allOf"]) for (const branch of (resolved[k] as unknown[] | undefined) ?? []) visit(branch, depth + 1);
  };
  visit(schema, 0);
  return found[0];
}

function itemsSchema(spec: SpecDocument, schema: unknown): unknown {
  if (schema === null || typeof schema !== "object") return undefined;
  const resolved = spec.deref(schema as Node);
  if (resolved.items !== undefined) return resolved.items;
  for (const k of ["oneOf", "anyOf", "allOf"]) {
    for (const branch of (resolved[k] as unknown[] | undefined) ?? []) {
      const items = itemsSchema(spec, branch);
      if (items !== undefined) return items;
    }
  }
  return undefined;
}

/**
 * Turns parsed form values into what the schema declares, as a form server does: an object of indices `0..n-1`
 * becomes a list where the schema has an array; a string becomes a number or boolean where the schema says so and
 * the text is one; an empty value becomes an empty list or object where the schema has one (Stripe's "unset"), or
 * `null` where the schema allows it. Anything else is left as it came, for Prism to refuse.
 */
export function coerce(spec: SpecDocument, schema: unknown, value: Parsed): unknown {
  const types = schema === undefined ? new Set<string>() : schemaTypes(spec, schema);
  if (typeof value === "string") {
    if (value === "") {
      if (types.has("array")) return [];
      if (types.has("object")) return {};
      if (types.has("null") && !types.has("string")) return null;
      return value;
    }
    if ((types.has("integer") || types.has("number")) && !types.has("string") && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) return Number(value);
    if (types.has("boolean") && !types.has("string") && (value === "true" || value === "false")) return value === "true";
    return value;
  }
  if (Array.isArray(value)) {
    const items = itemsSchema(spec, schema);
    return value.map((item) => coerce(spec, items, item));
  }
  const keys = Object.keys(value);
  const indices = keys.length > 0 && keys.every((k) => /^(0|[1-9]\d*)$/.test(k)) && keys.map(Number).sort((a, b) => a - b).every((n, i) => n === i);
  if (indices && (types.has("array") || types.size === 0)) {
    const items = itemsSchema(spec, schema);
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => coerce(spec, items, value[String(i)]!));
  }
  return Object.fromEntries(keys.map((k) => [k, coerce(spec, propertySchema(spec, schema, k), value[k]!)]));
}

/** The form body as the JSON the operation's schema describes. */
export function formToJson(doc: Node, schema: unknown, body: string): unknown {
  return coerce(new SpecDocument("", doc), schema, parseForm(body));
}

export interface FormProxy {
  url: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "content-encoding"]);

function refuse(response: ServerResponse, status: number, message: string) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify({ error: { type: "invalid_request_error", message } }));
}

/**
 * Starts the proxy on 127.0.0.1:`port`, forwarding to `target` (Prism on the JSON-bodied copy of `doc`). Form
 * bodies of `doc`'s form operations are re-encoded as JSON; every other request is passed through as it came.
 */
export async function startFormProxy(doc: Node, target: string, port: number): Promise<FormProxy> {
  const operations = formOperations(doc);
  const server: Server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://proxy");
      const method = (request.method ?? "GET").toUpperCase();
      const operation = operations.find((o) => o.method === method && o.pattern.test(url.pathname));
      let body = await readBody(request);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      if (operation && body.length > 0) {
        const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        if (type !== FORM_MEDIA_TYPE) {
          return refuse(response, 415, `${method} ${operation.path} takes ${FORM_MEDIA_TYPE}, not ${type || "a body without Content-Type"}`);
        }
        body = Buffer.from(JSON.stringify(formToJson(doc, operation.schema, body.toString("utf8"))));
        headers.set("content-type", "application/json");
      }
      const answer = await fetch(new URL(url.pathname + url.search, target), {
        method,
        headers,
        body: body.length > 0 && method !== "GET" && method !== "HEAD" ? new Uint8Array(body) : undefined,
        redirect: "manual",
      });
      const out: Record<string, string | string[]> = {};
      answer.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name)) out[name] = value;
      });
      const bytes = Buffer.from(await answer.arrayBuffer());
      response.writeHead(answer.status, { ...out, "content-length": String(bytes.length) });
      response.end(bytes);
    } catch (error) {
      refuse(response, 502, `form proxy: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
