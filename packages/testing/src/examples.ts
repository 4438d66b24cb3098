/** The spec's own examples, as the tests send them and Prism answers with them: read through the spec model. */
import { findOperation, loadModel, loadSpec as loadSpecDocument, SpecDocument, type Node } from "@checkoutkit/spec-model";

export type { Node };

/** A spec from specs/redocly.yaml, by name, parsed once. */
export function loadSpec(name: string): Node {
  return loadSpecDocument(name).doc;
}

/** Follows local `$ref`s until it reaches the node they point to (the spec model's resolver). */
export function deref(doc: Node, node: Node): Node {
  return new SpecDocument("", doc).deref(node);
}

/** The spec's own request body example for an operation: what the contract tests send. */
export function requestExample<T = any>(spec: string, method: string, path: string): T {
  const example = findOperation(loadModel(spec), method, path).requestExample;
  if (example === undefined) throw new Error(`${spec} ${method} ${path} has no request example`);
  return structuredClone(example) as T;
}

/** The spec's own example for one response of an operation: what Prism answers with. */
export function responseExample<T = any>(spec: string, method: string, path: string, status: number | "default"): T {
  const response = findOperation(loadModel(spec), method, path).responses.find((r) => String(r.status) === String(status));
  if (!response?.json || response.example === undefined) throw new Error(`${spec} ${method} ${path} has no example for ${status}`);
  return structuredClone(response.example) as T;
}

/** The statuses an operation declares, as numbers (2xx and `default` left out). */
export function errorStatuses(spec: string, method: string, path: string): number[] {
  return findOperation(loadModel(spec), method, path).errors.map((e) => e.status);
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
