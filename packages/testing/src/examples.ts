import { loadSpec as loadSpecDocument, SpecDocument, type Node } from "@checkoutkit/spec-model";

export type { Node };

/** A spec from specs/redocly.yaml, by name, parsed once. */
export function loadSpec(name: string): Node {
  return loadSpecDocument(name).doc;
}

/** Follows local `$ref`s until it reaches the node they point to. */
export function deref(doc: Node, node: Node): Node {
  return new SpecDocument("", doc).deref(node);
}

function operation(doc: Node, method: string, path: string): Node {
  const op = doc.paths?.[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`no ${method} ${path} in the spec`);
  return op;
}

/** The spec's own request body example for an operation: what the contract tests send. */
export function requestExample<T = any>(spec: string, method: string, path: string): T {
  const doc = loadSpec(spec);
  const body = deref(doc, operation(doc, method, path).requestBody);
  const example = body?.content?.["application/json"]?.example;
  if (example === undefined) throw new Error(`${spec} ${method} ${path} has no request example`);
  return structuredClone(example) as T;
}

/** The spec's own example for one response of an operation: what Prism answers with. */
export function responseExample<T = any>(spec: string, method: string, path: string, status: number | "default"): T {
  const doc = loadSpec(spec);
  const response = deref(doc, operation(doc, method, path).responses?.[String(status)]);
  const example = response?.content?.["application/json"]?.example;
  if (example === undefined) throw new Error(`${spec} ${method} ${path} has no example for ${status}`);
  return structuredClone(example) as T;
}

/** The statuses an operation declares, as numbers (2xx and `default` left out). */
export function errorStatuses(spec: string, method: string, path: string): number[] {
  const doc = loadSpec(spec);
  return Object.keys(operation(doc, method, path).responses ?? {})
    .filter((code) => /^[45]\d\d$/.test(code))
    .map(Number);
}

/** Runs a call that should fail and resolves to what it threw; rejects if the call succeeded. */
export async function rejectionOf<T = any>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise;
  } catch (error) {
    return error as T;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
