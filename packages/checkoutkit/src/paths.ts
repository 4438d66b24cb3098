/** Dotted paths into plain JSON data: how the generated tables say where a field is. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null;
}

/** Reads a dotted path. */
export function getPath(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split(".")) at = isObject(at) ? at[key] : undefined;
  return at;
}

/** Writes a dotted path, creating what is missing; a `list[]` segment means the `index`-th entry of `list`. */
export function setPath(target: Json, path: string, value: unknown, index: number): void {
  const segments = path.split(".");
  let at: Json = target;
  segments.forEach((segment, n) => {
    const last = n === segments.length - 1;
    if (segment.endsWith("[]")) {
      const list = (at[segment.slice(0, -2)] ??= []) as unknown[];
      if (last) list[index] = value;
      else at = (list[index] ??= {}) as Json;
    } else if (last) at[segment] = value;
    else at = (at[segment] ??= {}) as Json;
  });
}
