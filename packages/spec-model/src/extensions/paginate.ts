/**
 * `x-checkoutkit-paginate` (on list operations): how the list method's async iterator walks every page. The paths
 * it names must exist in the success response's schema (after `$ref`s and `allOf`), and the page or cursor must be
 * a query parameter of the operation: a rule that would only fail at run time is refused here.
 */
import { pointer, type Node, type SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

export type PaginationRule =
  | { items: string; page: string; lastPage: string }
  | { items: string; cursor: string; nextCursor: string; hasMore: string };

const name = { type: "string", pattern: "^[^.\\s]+$", description: "a top-level property name" };
const path = { type: "string", pattern: "^[^.\\s]+(\\.[^.\\s]+)*$", description: "a property name or a dotted path" };

export const paginateSchema: JsonSchema = {
  description: "{ items, page, lastPage } (page numbers) or { items, cursor, nextCursor, hasMore } (cursors)",
  type: "object",
  oneOf: [
    {
      type: "object",
      required: ["items", "page", "lastPage"],
      additionalProperties: false,
      properties: { items: name, page: { type: "string" }, lastPage: path },
    },
    {
      type: "object",
      required: ["items", "cursor", "nextCursor", "hasMore"],
      additionalProperties: false,
      properties: { items: name, cursor: { type: "string" }, nextCursor: path, hasMore: path },
    },
  ],
};

/**
 * Reads and checks the rule of one operation. `responseSchema` is the success response's JSON schema (with its
 * pointer); `query` the names of the operation's query parameters.
 */
export function readPagination(
  spec: SpecDocument,
  operationAt: string,
  responseSchema: { node: unknown; pointer: string } | undefined,
  query: string[],
): PaginationRule | undefined {
  const at = `${operationAt}/x-checkoutkit-paginate`;
  const rule = checkExtension<PaginationRule | undefined>(spec, at, paginateSchema);
  if (!rule) return undefined;
  if (!responseSchema) spec.fail(at, "the operation's success response has no application/json schema to page through");
  const param = "page" in rule ? rule.page : rule.cursor;
  const key = "page" in rule ? "page" : "cursor";
  if (!query.includes(param)) spec.fail(`${at}/${key}`, `names the query parameter ${JSON.stringify(param)}, which the operation does not declare`);
  const paths: [string, string, string?][] =
    "page" in rule
      ? [["items", rule.items, "array"], ["lastPage", rule.lastPage]]
      : [["items", rule.items, "array"], ["nextCursor", rule.nextCursor], ["hasMore", rule.hasMore]];
  for (const [field, dotted, type] of paths) {
    const found = schemaAtPath(spec, responseSchema!.node, responseSchema!.pointer, dotted.split("."));
    if (!found) spec.fail(`${at}/${field}`, `names ${JSON.stringify(dotted)}, which is not a property of the response schema at ${responseSchema!.pointer}`);
    if (type && found.type !== undefined && ![found.type].flat().includes(type)) {
      spec.fail(`${at}/${field}`, `names ${JSON.stringify(dotted)}, which is ${JSON.stringify(found.type)} in the response schema, not ${type}`);
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
