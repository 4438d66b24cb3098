import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { parse } from "yaml";
import { SpecDocument, repoRoot, type Node } from "@checkoutkit/spec-model";

/**
 * A YAML data file next to the specs (sources.yaml, deliberate.yaml), read afresh on every call (specs:update
 * rewrites them; the model's `loadSpecFile` parses a file once per process), named relative to the repository root
 * in messages.
 */
export function readDataFile(file: string): SpecDocument {
  return new SpecDocument(file, (parse(readFileSync(file, "utf8")) ?? {}) as Node, { source: relative(repoRoot(file), file) });
}
