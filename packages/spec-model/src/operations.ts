/** The operations of a spec, in path order, with their parameters resolved. */
import { pointer, type Node, type SpecDocument } from "./document.js";

/** The HTTP methods an OpenAPI path item can hold, in the order operations are listed. */
export const HTTP_METHODS = ["get", "post", "put", "patch", "delete", "head", "options", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationNode {
  method: HttpMethod;
  path: string;
  /** JSON pointer of the operation object. */
  pointer: string;
  op: Node;
  /** Path-item and operation parameters, `$ref`s resolved; the operation's win on a clash. */
  parameters: Node[];
  /** The names in the path template, in order. */
  pathParams: string[];
}

/** Every `{name}` in a path template, in order. */
export function pathTemplateParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** Fills `{name}` in a path template from `values`, percent-encoding each value. */
export function fillPathTemplate(path: string, values: Record<string, string | number>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name] ?? "")));
}

export function listOperations(spec: SpecDocument): OperationNode[] {
  const out: OperationNode[] = [];
  for (const [path, rawItem] of Object.entries((spec.doc.paths ?? {}) as Node)) {
    const itemPointer = pointer(["paths", path]);
    const item = spec.deref(rawItem, itemPointer);
    const shared = ((item.parameters ?? []) as Node[]).map((p, i) => spec.deref(p, `${itemPointer}/parameters/${i}`));
    for (const method of HTTP_METHODS) {
      const op = item[method] as Node | undefined;
      if (!op) continue;
      const at = `${itemPointer}/${method}`;
      const own = ((op.parameters ?? []) as Node[]).map((p, i) => spec.deref(p, `${at}/parameters/${i}`));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      out.push({ method, path, pointer: at, op, parameters, pathParams: pathTemplateParams(path) });
    }
  }
  return out;
}
