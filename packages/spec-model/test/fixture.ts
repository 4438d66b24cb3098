/** A fixture spec under test/fixtures, read fresh for each change a test makes to it (the model caches per document). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readModel, SpecDocument, SpecError, type Node } from "../src/index.js";

export function specFixture(file: string, name: string) {
  const path = join(import.meta.dirname, "fixtures", file);
  const source = `test/fixtures/${file}`;
  /** The fixture spec, with one thing changed by `mutate`. */
  const fixture = (mutate: (doc: Node) => void = () => {}): SpecDocument => {
    const doc = parse(readFileSync(path, "utf8")) as Node;
    mutate(doc);
    return new SpecDocument(path, doc, { name, source });
  };
  /** The `SpecError` reading `mutate`'s spec throws. */
  const refusal = (mutate: (doc: Node) => void): SpecError => {
    try {
      readModel(fixture(mutate));
    } catch (error) {
      if (error instanceof SpecError) return error;
      throw error;
    }
    throw new Error("the spec was accepted");
  };
  return { source, fixture, refusal };
}
