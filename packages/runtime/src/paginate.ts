/**
 * List methods' pagination: one loop, and one `next` function per kind of rule, which the generated definition
 * imports for the lists that use it (so a client bundles only the kinds its spec declares).
 */

/** The answer of a list method: await it for one page, or `for await` it for every item of every page. */
export type PagePromise<TPage, TItem> = Promise<TPage> & AsyncIterable<TItem>;

/**
 * Given the rule, the page just read, its items and the query that asked for it, the next request's query;
 * undefined when there is no next page (or its cursor would not move: a server repeating itself).
 */
export type NextPage<Rule> = (rule: Rule, page: unknown, items: unknown[], query: Record<string, unknown>) => Record<string, unknown> | undefined;

/** Page numbers: `page` (a query parameter, or a dotted path into a deepObject one: `page.number`) up to `lastPage`. */
export interface PageNumberRule {
  items: string;
  page: string;
  lastPage: string;
  next: NextPage<PageNumberRule>;
}

/** A cursor from the response: `cursor` takes `nextCursor` while `hasMore` is true. */
export interface ResponseCursorRule {
  items: string;
  cursor: string;
  nextCursor: string;
  hasMore: string;
  next: NextPage<ResponseCursorRule>;
}

/** A cursor from the last item: `cursor` takes the last item's `itemCursor` while `hasMore` is true (`starting_after`). */
export interface ItemCursorRule {
  items: string;
  cursor: string;
  itemCursor: string;
  hasMore: string;
  next: NextPage<ItemCursorRule>;
}

export type PaginationDefinition = PageNumberRule | ResponseCursorRule | ItemCursorRule;

/** Reads a dotted path (`pagination.max_page`) out of a parsed body. */
export function pick(value: unknown, path: string): unknown {
  for (const key of path.split(".")) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** A copy of `object` with the dotted `path` set to `value` (the objects along the path copied too). */
export function put(object: Record<string, any> | undefined, path: string, value: unknown): Record<string, unknown> {
  const [key, ...rest] = path.split(".") as [string, ...string[]];
  return { ...object, [key]: rest.length ? put(object?.[key], rest.join("."), value) : value };
}

/** The next page number, unless the page was empty or was the last one. */
export const nextPageNumber: NextPage<PageNumberRule> = (rule, page, items, query) => {
  const number = Number(pick(query, rule.page) ?? 1) + 1;
  return items.length && number <= Number(pick(page, rule.lastPage)) ? put(query, rule.page, number) : undefined;
};

/** `cursor` set to `next`, when it is a non-empty string or a number that differs from the current one. */
const moveCursor = (query: Record<string, unknown>, cursor: string, next: unknown) =>
  ((typeof next === "string" && next) || typeof next === "number") && next !== query[cursor] ? { ...query, [cursor]: next } : undefined;

/** The response's next cursor while it says there is more. */
export const nextResponseCursor: NextPage<ResponseCursorRule> = (rule, page, _, query) =>
  pick(page, rule.hasMore) === true ? moveCursor(query, rule.cursor, pick(page, rule.nextCursor)) : undefined;

/** The last item's cursor property while the page says there is more (and has an item). */
export const nextItemCursor: NextPage<ItemCursorRule> = (rule, page, items, query) =>
  pick(page, rule.hasMore) === true ? moveCursor(query, rule.cursor, pick(items[items.length - 1], rule.itemCursor)) : undefined;

/**
 * The first page's promise, which is also an async iterable over every item of every page, until the rule's
 * `next` finds no next page.
 */
export function paginate(
  call: (query: Record<string, unknown> | undefined) => Promise<unknown>,
  query: Record<string, unknown> | undefined,
  rule: PaginationDefinition,
): PagePromise<unknown, unknown> {
  const first = call(query);
  async function* items() {
    let current: Record<string, unknown> | undefined = { ...query };
    let page = await first;
    for (;;) {
      const list = pick(page, rule.items);
      if (!Array.isArray(list)) return;
      yield* list;
      current = (rule.next as NextPage<PaginationDefinition>)(rule, page, list, current);
      if (!current) return;
      page = await call(current);
    }
  }
  return Object.assign(first, { [Symbol.asyncIterator]: items });
}
