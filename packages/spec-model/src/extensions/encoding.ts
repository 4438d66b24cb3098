/**
 * How requests are encoded: the request body's media type (and, for a form body, its `encoding` map with
 * `x-checkoutkit-arrays`), the query parameters' `style`/`explode` (and `x-checkoutkit-arrays`), and the spec
 * root's `x-checkoutkit-idempotency`. Whatever the runtime's encoders (packages/runtime/src/encode.ts) cannot
 * honour is refused here, naming the file and the JSON pointer.
 */
import { escapePointer, pointer, type Node, type SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";
import { schemaAtPath } from "./paginate.js";

/** JSON bodies: `application/json` or any `application/<x>+json` (JSON:API's `application/vnd.api+json`). */
export const JSON_MEDIA_TYPE = /^application\/(?:json|[\w.!#$&^-]+\+json)$/;
export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
/** What the runtime encodes, in the order a body listing several picks them. */
export const ENCODABLE_MEDIA_TYPES = ["application/json", "application/<x>+json", FORM_MEDIA_TYPE] as const;

/** How arrays go out inside brackets: `a[0]=v` (indices) or, for scalar items, `a[]=v` (brackets). */
export type ArrayStyle = "indices" | "brackets";
export const arraysSchema: JsonSchema = {
  description: "indices (a[0]=v) or brackets (a[]=v for scalar items)",
  enum: ["indices", "brackets"],
};

export type QueryStyleName = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";

/** One query parameter's serialization, with OpenAPI's defaults filled in. */
export interface QueryStyle {
  style: QueryStyleName;
  explode: boolean;
  /** `x-checkoutkit-arrays` on the parameter: `brackets` sends an array as `name[]=v`. */
  arrays?: ArrayStyle;
}

/** One top-level property of a form body, from the media type's `encoding` map (defaults filled in). */
export interface FormPropertyEncoding {
  style: "form" | "deepObject";
  explode: boolean;
  arrays: ArrayStyle;
}

/** A form body's encoding: the arrays default (the media type's `x-checkoutkit-arrays`) and each listed property. */
export interface FormEncoding {
  arrays: ArrayStyle;
  properties: Record<string, FormPropertyEncoding>;
}

/** `x-checkoutkit-idempotency` (root): the header carrying a fresh key on every call of these methods. */
export interface IdempotencyRule {
  header: string;
  methods: ("POST" | "PUT" | "PATCH" | "DELETE")[];
}

export const idempotencySchema: JsonSchema = {
  description: "{ header, methods } such as { header: Idempotency-Key, methods: [POST] }",
  type: "object",
  required: ["header", "methods"],
  additionalProperties: false,
  properties: {
    header: { type: "string", pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$", description: "an HTTP header name" },
    methods: { type: "array", minItems: 1, uniqueItems: true, items: { enum: ["POST", "PUT", "PATCH", "DELETE"] } },
  },
};

export function readIdempotency(spec: SpecDocument): IdempotencyRule | undefined {
  return checkExtension<IdempotencyRule | undefined>(spec, "/x-checkoutkit-idempotency", idempotencySchema);
}

/**
 * The media type a request body is sent as: the first of `application/json`, an `application/<x>+json`, and
 * `application/x-www-form-urlencoded` it lists. Refuses a body with none of them, pointing at its `content`.
 */
export function chooseMediaType(spec: SpecDocument, contentAt: string, content: Node | undefined): string {
  const types = Object.keys(content ?? {});
  const chosen = types.find((t) => t === "application/json") ?? types.find((t) => JSON_MEDIA_TYPE.test(t)) ?? types.find((t) => t === FORM_MEDIA_TYPE);
  if (!chosen) {
    spec.fail(
      contentAt,
      `${types.length ? `lists ${types.join(", ")}, for which` : "is empty:"} the runtime has no encoder (it sends application/json, application/<x>+json or ${FORM_MEDIA_TYPE})`,
    );
  }
  return chosen;
}

/** The media type of a response's content the client reads: JSON first (`application/json`, then `+json`), else the first. */
export function responseMediaType(content: Node | undefined): string | undefined {
  const types = Object.keys(content ?? {});
  return types.find((t) => t === "application/json") ?? types.find((t) => JSON_MEDIA_TYPE.test(t)) ?? types[0];
}

const ENCODING_KEYS = new Set(["style", "explode", "x-checkoutkit-arrays"]);

/** The schema describes an object (OpenAPI would spread it as `k1=v1&k2=v2` in style form, which the encoders do not). */
function isObjectSchema(spec: SpecDocument, schema: unknown): boolean {
  const node = spec.deref<Node | undefined>(schema);
  if (!node || typeof node !== "object") return false;
  if (node.type !== undefined) return [node.type].flat().includes("object");
  return Boolean(node.properties || node.additionalProperties) || ((node.allOf ?? []) as unknown[]).some((member) => isObjectSchema(spec, member));
}

const OBJECT_IN_FORM = "is an object: style form would spread its properties (k1=v1&k2=v2); declare style: deepObject to send it in brackets";

/**
 * Reads the `encoding` map (and `x-checkoutkit-arrays`) of a request body's media type object at `mediaAt`.
 * For a JSON body both must be absent; for a form body every entry must name a property of the body schema and
 * use only what the runtime's form encoder honours.
 */
export function readFormEncoding(spec: SpecDocument, mediaAt: string, media: Node, mediaType: string): FormEncoding | undefined {
  const arrays = checkExtension<ArrayStyle | undefined>(spec, `${mediaAt}/x-checkoutkit-arrays`, arraysSchema);
  if (mediaType !== FORM_MEDIA_TYPE) {
    if (media.encoding !== undefined) spec.fail(`${mediaAt}/encoding`, `applies to form bodies only; ${mediaType} is sent as JSON`);
    if (arrays !== undefined) spec.fail(`${mediaAt}/x-checkoutkit-arrays`, `applies to form bodies only; ${mediaType} is sent as JSON`);
    return undefined;
  }
  const encoding = (media.encoding ?? {}) as Node;
  if (typeof encoding !== "object" || Array.isArray(encoding)) spec.fail(`${mediaAt}/encoding`, "must be an object mapping property names to encodings");
  const properties: Record<string, FormPropertyEncoding> = {};
  for (const [property, entry] of Object.entries(encoding)) {
    const at = `${mediaAt}/encoding/${escapePointer(property)}`;
    if (media.schema && !schemaAtPath(spec, media.schema, `${mediaAt}/schema`, [property])) {
      spec.fail(at, `names ${JSON.stringify(property)}, which is not a property of the body schema`);
    }
    for (const key of Object.keys((entry ?? {}) as Node)) {
      if (!ENCODING_KEYS.has(key)) spec.fail(`${at}/${escapePointer(key)}`, `${key} is not supported: the form encoder honours style, explode and x-checkoutkit-arrays only`);
    }
    const style = (entry?.style ?? "form") as string;
    if (style !== "form" && style !== "deepObject") spec.fail(`${at}/style`, `${style} is not supported in a form body (form or deepObject)`);
    const explode = entry?.explode ?? true;
    if (typeof explode !== "boolean") spec.fail(`${at}/explode`, "must be true or false");
    if (style === "deepObject" && !explode) spec.fail(`${at}/explode`, "deepObject is defined with explode: true only");
    const own = checkExtension<ArrayStyle | undefined>(spec, `${at}/x-checkoutkit-arrays`, arraysSchema);
    properties[property] = { style, explode, arrays: own ?? arrays ?? "indices" };
  }
  // A property the map leaves out is style form, which an object cannot use.
  const schema = spec.resolve<Node | undefined>(media.schema, `${mediaAt}/schema`);
  for (const [property, propertySchema] of Object.entries((schema.node?.properties ?? {}) as Node)) {
    if ((properties[property]?.style ?? "form") === "form" && isObjectSchema(spec, propertySchema)) {
      spec.fail(`${mediaAt}/encoding/${escapePointer(property)}`, `is missing or not deepObject, but ${property} ${OBJECT_IN_FORM}`);
    }
  }
  return { arrays: arrays ?? "indices", properties };
}

const QUERY_STYLES = ["form", "spaceDelimited", "pipeDelimited", "deepObject"];

/** One query parameter's `style`, `explode` and `x-checkoutkit-arrays`, refusing what the query encoder cannot send. */
export function readQueryStyle(spec: SpecDocument, at: string, param: Node): QueryStyle {
  if (param.content !== undefined) spec.fail(`${at}/content`, "a query parameter with content is not supported: give it a schema (and a style)");
  if (param.allowReserved) spec.fail(`${at}/allowReserved`, "is not supported: the query encoder percent-encodes every reserved character");
  const style = (param.style ?? "form") as string;
  if (!QUERY_STYLES.includes(style)) spec.fail(`${at}/style`, `${style} is not supported for a query parameter (${QUERY_STYLES.join(", ")})`);
  const explode = param.explode ?? (style === "form" || style === "deepObject");
  if (typeof explode !== "boolean") spec.fail(`${at}/explode`, "must be true or false");
  if ((style === "spaceDelimited" || style === "pipeDelimited") && explode) spec.fail(`${at}/explode`, `${style} is supported with explode: false only`);
  if (style === "deepObject" && !explode) spec.fail(`${at}/explode`, "deepObject is defined with explode: true only");
  if (style === "form" && isObjectSchema(spec, param.schema)) spec.fail(`${at}/style`, `${param.name} ${OBJECT_IN_FORM}`);
  const arrays = checkExtension<ArrayStyle | undefined>(spec, `${at}/x-checkoutkit-arrays`, arraysSchema);
  if (arrays !== undefined && !explode) spec.fail(`${at}/x-checkoutkit-arrays`, `applies to exploded parameters only (this one is ${style} with explode: false)`);
  return { style: style as QueryStyleName, explode, ...(arrays ? { arrays } : {}) };
}

/**
 * The pointer of an operation's parameter, where it is declared (the operation's list, else its path item's), after
 * its `$ref`: a shared parameter's `style` and `x-checkoutkit-arrays` live in `components/parameters`.
 */
export function parameterPointer(spec: SpecDocument, operationAt: string, param: Node): string {
  const itemAt = operationAt.slice(0, operationAt.lastIndexOf("/"));
  for (const at of [operationAt, itemAt]) {
    const list = (spec.at(`${at}/parameters`) ?? []) as Node[];
    const index = list.findIndex((p) => {
      const resolved = spec.deref<Node>(p);
      return resolved.name === param.name && resolved.in === param.in;
    });
    if (index >= 0) return spec.resolve(list[index], `${at}${pointer(["parameters", index])}`).pointer;
  }
  return operationAt;
}
