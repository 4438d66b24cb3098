/** A parsed spec file, with JSON pointers and local `$ref` resolution: the only `$ref` walker in the repository. */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse } from "yaml";
import { listSpecs, repoRoot } from "./list.js";

export type Node = Record<string, any>;

/** A spec problem, always naming the file and the JSON pointer it is about. */
export class SpecError extends Error {
  readonly source: string;
  readonly pointer: string;
  constructor(source: string, pointer: string, message: string) {
    super(`${source}#${pointer}: ${message}`);
    this.name = "SpecError";
    this.source = source;
    this.pointer = pointer;
  }
}

/** Escapes one key for a JSON pointer (RFC 6901). */
export const escapePointer = (key: string | number) => String(key).replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (key: string) => key.replace(/~1/g, "/").replace(/~0/g, "~");

/** `pointer(["paths", "/v1/checkouts", "post"])` is `/paths/~1v1~1checkouts/post`. */
export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapePointer(s)}`).join("");
}

export class SpecDocument {
  /** The spec's name in specs/redocly.yaml, when it was loaded from the list. */
  readonly name: string | undefined;
  readonly file: string;
  /** The file relative to the repository root (`specs/creem/openapi.yaml`): what messages name. */
  readonly source: string;
  readonly doc: Node;

  constructor(file: string, doc: Node, options: { name?: string; source?: string } = {}) {
    this.file = file;
    this.doc = doc;
    this.name = options.name;
    this.source = options.source ?? file;
  }

  /** Throws a `SpecError` naming this file and `at`. */
  fail(at: string, message: string): never {
    throw new SpecError(this.source, at, message);
  }

  /** The node at a JSON pointer (`/components/schemas/Checkout`), or undefined. */
  at(at: string): unknown {
    if (at === "" || at === "/") return this.doc;
    return at
      .slice(1)
      .split("/")
      .map(unescapePointer)
      .reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Node)[key] : undefined), this.doc);
  }

  /**
   * Follows local `$ref`s from `node` until it reaches a node that is not a reference, and returns it with its
   * pointer. `from` is the pointer of `node`, for messages.
   */
  resolve<T = Node>(node: unknown, from = ""): { node: T; pointer: string } {
    let current = node as Node | undefined;
    let at = from;
    for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
      const ref: string = current.$ref;
      if (hops > 32) this.fail(from, `$ref cycle through ${ref}`);
      if (!ref.startsWith("#/")) this.fail(at, `only local $refs are supported (${ref})`);
      at = ref.slice(1);
      current = this.at(at) as Node | undefined;
      if (current === undefined) this.fail(from, `unresolved $ref ${ref}`);
    }
    return { node: current as T, pointer: at };
  }

  /** `resolve(node).node`. */
  deref<T = Node>(node: unknown, from = ""): T {
    return this.resolve<T>(node, from).node;
  }
}

const cache = new Map<string, SpecDocument>();

/** Parses a spec file (YAML or JSON); parsed once per process. */
export function loadSpecFile(file: string, name?: string): SpecDocument {
  let spec = cache.get(file);
  if (!spec) {
    let source = file;
    try {
      source = relative(repoRoot(file), file);
    } catch {
      // a file outside the workspace keeps its own path
    }
    spec = new SpecDocument(file, parse(readFileSync(file, "utf8")) as Node, { name, source });
    cache.set(file, spec);
  }
  return spec;
}

/** A spec from specs/redocly.yaml, by name. */
export function loadSpec(name: string, from?: string): SpecDocument {
  const listed = listSpecs(from).find((s) => s.name === name);
  if (!listed) throw new Error(`no spec named ${name} in specs/redocly.yaml`);
  return loadSpecFile(listed.file, name);
}
