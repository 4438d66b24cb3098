/**
 * `x-checkoutkit-paginate` (on list operations): how the list method's async iterator walks every page. Three
 * kinds: page numbers `{ items, page, lastPage }`, a cursor from the response `{ items, cursor, nextCursor, hasMore }`,
 * and an item cursor `{ items, cursor, itemCursor, hasMore }` (the next request passes the last item's `itemCursor`
 * property as `cursor`, Stripe's `starting_after`). The paths it names must exist in the success response's schema
 * (after `$ref`s and `allOf`), the item cursor in the items' schema, and the page or cursor must be a query parameter
 * of the operation (or, for `page`, a dotted path into a deepObject one: `page.number`): a rule that would only
 * fail at run time is refused here.
 */
import { pointer, type Node, type SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

export type PaginationRule =
  | { items: string; page: string; lastPage: string }
  | { items: string; cursor: string; nextCursor: string; hasMore: string }
  | { items: string; cursor: string; itemCursor: string; hasMore: string };

/** The kind of a rule: page number, cursor from the response, or cursor from the last item. */
export function paginationKind(rule: PaginationRule): "page" | "cursor" | "itemCursor" {
  return "page" in rule ? "page" : "nextCursor" in rule ? "cursor" : "itemCursor";
}

const name = { type: "string", pattern: "^[^.\\s]+$", description: "a top-level property name" };
const path = { type: "string", pattern: "^[^.\\s]+(\\.[^.\\s]+)*$", description: "a property name or a dotted path" };

export const paginateSchema: JsonSchema = {
  description: "{ items, page, lastPage } (page numbers), { items, cursor, nextCursor, hasMore } (cursors) or { items, cursor, itemCursor, hasMore } (item cursors)",
  type: "object",
  oneOf: [
    {
      type: "object",
      required: ["items", "page", "lastPage"],
      additionalProperties: false,
      properties: { items: name, page: path, lastPage: path },
    },
    {
      type: "object",
      required: ["items", "cursor", "nextCursor", "hasMore"],
      additionalProperties: false,
      properties: { items: name, cursor: { type: "string" }, nextCursor: path, hasMore: path },
    },
    {
      type: "object",
      required: ["items", "cursor", "itemCursor", "hasMore"],
      additionalProperties: false,
      properties: { items: name, cursor: { type: "string" }, itemCursor: path, hasMore: path },
    },
  ],
};

/** A query parameter of the operation, as the pagination check needs it. */
export interface PaginationParam {
  name: string;
  style: string;
  schema?: { node: unknown; pointer: string };
}

/**
 * Reads and checks the rule of one operation. `responseSchema` is the success response's JSON schema (with its
 * pointer); `query` the operation's query parameters.
 */
export function readPagination(
  spec: SpecDocument,
  operationAt: string,
  responseSchema: { node: unknown; pointer: string } | undefined,
  query: PaginationParam[],
): PaginationRule | undefined {
  const at = `${operationAt}/x-checkoutkit-paginate`;
  const rule = checkExtension<PaginationRule | undefined>(spec, at, paginateSchema);
  if (!rule) return undefined;
  if (!responseSchema) spec.fail(at, "the operation's success response has no JSON schema to page through");
  const kind = paginationKind(rule);
  const key = kind === "page" ? "page" : "cursor";
  const [head, ...rest] = (kind === "page" ? (rule as { page: string }).page : (rule as { cursor: string }).cursor).split(".") as [string, ...string[]];
  const param = query.find((p) => p.name === head);
  if (!param) spec.fail(`${at}/${key}`, `names the query parameter ${JSON.stringify(head)}, which the operation does not declare`);
  if (rest.length) {
    if (param.style !== "deepObject") spec.fail(`${at}/${key}`, `is a dotted path into ${JSON.stringify(head)}, which is not a deepObject query parameter`);
    if (param.schema && !schemaAtPath(spec, param.schema.node, param.schema.pointer, rest)) {
      spec.fail(`${at}/${key}`, `names ${JSON.stringify(rest.join("."))}, which is not a property of the ${head} parameter's schema at ${param.schema.pointer}`);
    }
  }
  const paths: [string, string, string?][] =
    kind === "page"
      ? [["items", rule.items, "array"], ["lastPage", (rule as { lastPage: string }).lastPage]]
      : kind === "cursor"
        ? [["items", rule.items, "array"], ["nextCursor", (rule as { nextCursor: string }).nextCursor], ["hasMore", (rule as { hasMore: string }).hasMore]]
        : [["items", rule.items, "array"], ["hasMore", (rule as { hasMore: string }).hasMore]];
  for (const [field, dotted, type] of paths) {
    const found = schemaAtPath(spec, responseSchema!.node, responseSchema!.pointer, dotted.split("."));
    if (!found) spec.fail(`${at}/${field}`, `names ${JSON.stringify(dotted)}, which is not a property of the response schema at ${responseSchema!.pointer}`);
    if (type && found.type !== undefined && ![found.type].flat().includes(type)) {
      spec.fail(`${at}/${field}`, `names ${JSON.stringify(dotted)}, which is ${JSON.stringify(found.type)} in the response schema, not ${type}`);
    }
  }
  if (kind === "itemCursor") {
    // The next request needs the last item's property: the items must be an array whose item schema has it.
    const itemCursor = (rule as { itemCursor: string }).itemCursor;
    const list = spec.resolve<Node>(schemaAtPath(spec, responseSchema!.node, responseSchema!.pointer, [rule.items]));
    if (list.node.type !== "array" || !list.node.items) {
      spec.fail(`${at}/items`, `names ${JSON.stringify(rule.items)}, which is not an array with an items schema in the response schema, so it has no last item to take ${itemCursor} from`);
    }
    if (!schemaAtPath(spec, list.node.items, `${responseSchema!.pointer}${pointer(["properties", rule.items, "items"])}`, itemCursor.split("."))) {
      spec.fail(`${at}/itemCursor`, `names ${JSON.stringify(itemCursor)}, which is not a property of the schema of the ${rule.items} items`);
    }
  }
  return rule;
}

/**
 * The schema of the property at `segments` inside `schema`, following `$ref`s and looking into `allOf` (every
 * member) and `oneOf`/`anyOf` (any member); undefined when no branch has it.
 */
export function schemaAtPath(spec: SpecDocument, schema: unknown, at: string, segments: string[]): Node | undefined {
  const { node, pointer: resolvedAt } = spec.resolve<Node>(schema, at);
  if (!node || typeof node !== "object") return undefined;
  if (!segments.length) return node;
  const [head, ...rest] = segments as [string, ...string[]];
  if (node.properties && typeof node.properties === "object" && head in node.properties) {
    const found = schemaAtPath(spec, node.properties[head], `${resolvedAt}${pointer(["properties", head])}`, rest);
    if (found) return found;
  }
  for (const keyword of ["allOf", "oneOf", "anyOf"] as const) {
    const members = (node[keyword] ?? []) as unknown[];
    for (const [index, member] of members.entries()) {
      const found = schemaAtPath(spec, member, `${resolvedAt}/${keyword}/${index}`, segments);
      if (found) return found;
    }
  }
  return undefined;
}
