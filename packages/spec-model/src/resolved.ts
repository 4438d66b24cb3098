/**
 * What a part of a document reaches through local `$ref`s, transitively. Used to slice a provider's document down to
 * the operations and webhooks a spec covers, with every component they use (`pnpm specs:update`).
 */
import { escapePointer, type Node, type SpecDocument } from "./document.js";

/**
 * The JSON pointers (`/components/schemas/Checkout`, ...) of every local `$ref` target reached from the nodes at
 * `roots`, following references inside the targets too, sorted. A reference that does not resolve throws a
 * `SpecError` naming the pointer it was found at.
 */
export function reachableRefs(spec: SpecDocument, roots: readonly string[]): string[] {
  const reached = new Set<string>();
  const visit = (node: unknown, at: string): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${at}/${i}`));
      return;
    }
    for (const [key, child] of Object.entries(node as Node)) {
      if (key === "$ref" && typeof child === "string") {
        if (!child.startsWith("#/")) spec.fail(at, `only local $refs are supported (${child})`);
        const target = child.slice(1);
        if (reached.has(target)) continue;
        const resolved = spec.at(target);
        if (resolved === undefined) spec.fail(at, `unresolved $ref ${child}`);
        reached.add(target);
        visit(resolved, target);
      } else {
        visit(child, `${at}/${escapePointer(key)}`);
      }
    }
  };
  for (const root of roots) visit(spec.at(root), root);
  return [...reached].sort();
}
