/**
 * Upstream snapshots: where each API's provider document comes from (`specs/<provider>/upstream/sources.yaml`), the
 * committed slice of it (`specs/<provider>/upstream/<api>.json`: the operations and webhooks the curated spec covers
 * plus every component they reach, unchanged), and re-slicing a newer document into that snapshot.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { HTTP_METHODS, SpecDocument, checkExtension, reachableRefs, type ListedSpec, type Node } from "@checkoutkit/spec-model";
import { readDataFile } from "./data-file.js";
import { listEndpoints } from "./view.js";

export interface Source {
  /** Where the provider publishes the document (what the scheduled update fetches). */
  url: string;
  /** For a document in a git repository: `owner/name`, the path in it and the commit the snapshot was cut from. */
  repository?: string;
  path?: string;
  commit?: string;
  /** `paths`, `webhooks` or both: what the snapshot takes from this document. */
  covers: ("paths" | "webhooks")[];
  /** When the snapshot was last cut from it, and the SHA-256 of what was read. */
  retrieved?: string;
  sha256?: string;
  /** Operations and webhooks of the provider's document that the curated spec leaves out on purpose. */
  uncovered?: string[];
  /**
   * Set when the provider publishes no OpenAPI document: how the snapshot was derived by hand from what `url`
   * points at (an official SDK's type declarations, say). `specs:update` then never fetches `url`; it re-slices
   * only a document given with `--from`.
   */
  derived?: string;
}

const SOURCES_SCHEMA = {
  description: "a map from API name (specs/redocly.yaml) to the documents its snapshot is cut from",
  type: "object",
  additionalProperties: {
    type: "array",
    minItems: 1,
    items: {
      type: "object",
      required: ["url", "covers"],
      additionalProperties: false,
      properties: {
        url: { type: "string", minLength: 1 },
        repository: { type: "string", pattern: "^[^/\\s]+/[^/\\s]+$" },
        path: { type: "string" },
        commit: { type: "string", pattern: "^[0-9a-f]{7,40}$" },
        covers: { type: "array", minItems: 1, uniqueItems: true, items: { enum: ["paths", "webhooks"] } },
        retrieved: { type: "string" },
        sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
        uncovered: { type: "array", items: { type: "string" } },
        derived: { type: "string", minLength: 1 },
      },
    },
  },
};

/** The files next to a curated spec: `specs/<provider>/upstream/{sources.yaml,<api>.json}` and `deliberate.yaml`. */
export function upstreamFiles(spec: ListedSpec) {
  const folder = dirname(spec.file);
  return {
    folder,
    sources: join(folder, "upstream", "sources.yaml"),
    snapshot: join(folder, "upstream", `${spec.name}.json`),
    deliberate: join(folder, "deliberate.yaml"),
    curation: join(folder, "CURATION.md"),
  };
}

export function readSources(spec: ListedSpec): Source[] {
  const file = upstreamFiles(spec).sources;
  if (!existsSync(file)) throw new Error(`${file}: missing (where ${spec.name}'s provider document comes from)`);
  const doc = readDataFile(file);
  const all = checkExtension<Record<string, Source[]>>(doc, "", SOURCES_SCHEMA, true);
  const sources = all[spec.name];
  if (!sources) return doc.fail("", `has no entry for ${spec.name}`);
  return sources;
}

export function writeSources(spec: ListedSpec, sources: Source[]): void {
  const file = upstreamFiles(spec).sources;
  const text = readFileSync(file, "utf8");
  const header = text.match(/^(#.*\n)*/)?.[0] ?? "";
  const all = parse(text) as Record<string, Source[]>;
  all[spec.name] = sources;
  writeFileSync(file, header + stringify(all, { lineWidth: 0 }));
}

/** Reads a document from a file (relative to where the command was started) or an http(s) URL. */
export async function readDocument(location: string): Promise<{ doc: Node; text: string; location: string }> {
  let text: string;
  if (/^https?:\/\//.test(location)) {
    const response = await fetch(location);
    if (!response.ok) throw new Error(`${location}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    const base = process.env.INIT_CWD ?? process.cwd();
    text = readFileSync(isAbsolute(location) ? location : resolve(base, location), "utf8");
  }
  return { doc: parse(text) as Node, text, location };
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export interface Part {
  doc: Node;
  /** Names the document in messages. */
  source: string;
  covers?: Source["covers"];
  /** An older copy that fills in what the other parts lack: where a component differs, theirs wins. */
  fallback?: boolean;
}

/**
 * Cuts the covered operations and webhooks (keys as `listEndpoints` gives them) out of `parts`: each comes from the
 * first part that has it (and whose `covers`, if given, allows it), with every component it reaches. Root metadata
 * comes from the first part. Components of the same name must be equal across parts.
 */
export function slice(parts: Part[], cover: ReadonlySet<string>): { document: Node; missing: string[] } {
  const first = parts[0]!.doc;
  const document: Node = {};
  for (const key of ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags"]) {
    if (first[key] !== undefined) document[key] = first[key];
  }
  const paths: Node = {};
  const webhooks: Node = {};
  const components: Record<string, Node> = {};
  const missing: string[] = [];
  const fromFallback = new Set<string>();
  const documents = parts.map((part) => {
    const spec = new SpecDocument(part.source, part.doc, { source: part.source });
    return { part, spec, endpoints: listEndpoints(spec) };
  });
  for (const key of cover) {
    const webhook = key.startsWith("webhook ");
    const found = documents.find(({ part, endpoints }) => (!part.covers || part.covers.includes(webhook ? "webhooks" : "paths")) && endpoints.has(key));
    if (!found) {
      missing.push(key);
      continue;
    }
    const { spec } = found;
    const endpoint = found.endpoints.get(key)!;
    const itemPointer = endpoint.pointer.slice(0, endpoint.pointer.lastIndexOf("/"));
    const method = endpoint.pointer.slice(itemPointer.length + 1);
    const name = key.slice(key.indexOf(" ") + 1);
    const target = webhook ? webhooks : paths;
    const item = spec.at(itemPointer) as Node;
    const copy: Node = (target[name] ??= Object.fromEntries(Object.entries(item).filter(([k]) => !isMethod(k, item))));
    copy[method] = item[method];
    const roots = [endpoint.pointer, ...(item.parameters ? [`${itemPointer}/parameters`] : [])];
    for (const ref of reachableRefs(spec, roots)) {
      const [, top, section, entry, ...rest] = ref.split("/");
      if (top !== "components" || !section || !entry) spec.fail(ref, "a $ref outside components cannot be sliced");
      if (rest.length) continue; // inside a component that is copied whole
      const value = spec.at(ref);
      const existing = (components[section!] ??= {})[entry!];
      if (existing !== undefined && found.part.fallback) continue;
      if (existing !== undefined && !fromFallback.delete(ref) && JSON.stringify(existing) !== JSON.stringify(value)) {
        spec.fail(ref, "differs from the component of the same name in another document of this API");
      }
      components[section!]![entry!] = value;
      if (found.part.fallback) fromFallback.add(ref);
    }
  }
  // Security schemes are named, not referenced: keep every one of the first document that declares them.
  const schemes = parts.find((p) => p.doc.components?.securitySchemes)?.doc.components.securitySchemes;
  if (schemes) components.securitySchemes = schemes;
  document.paths = sortLike(paths, first.paths);
  if (Object.keys(webhooks).length) document.webhooks = webhooks;
  document.components = Object.fromEntries(
    Object.entries(components).map(([section, entries]) => [section, Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : 1)))]),
  );
  return { document, missing };
}

const isMethod = (key: string, item: Node) => typeof item[key] === "object" && (HTTP_METHODS as readonly string[]).includes(key);

function sortLike(obj: Node, order: Node | undefined): Node {
  const keys = Object.keys(order ?? {});
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => keys.indexOf(a) - keys.indexOf(b)));
}

export function writeSnapshot(file: string, document: Node): void {
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}
