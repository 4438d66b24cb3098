/** `specs:diff` and `specs:update`: the curated spec against its provider's document. */
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { SpecDocument, loadSpecFile, repoRoot, type ListedSpec, type Node } from "@checkoutkit/spec-model";
import { compareViews, type ChangeClass, type Difference } from "./diff.js";
import { checkCuration, readRecords, recordMatches, type DeliberateRecord } from "./deliberate.js";
import { readDocument, readSources, sha256, slice, upstreamFiles, writeSnapshot, writeSources, type Part } from "./upstream.js";
import { buildView, endpointPointer, listEndpoints } from "./view.js";

export interface DiffRow {
  api: string;
  pointer: string;
  change: string;
  deliberate: boolean;
  class: ChangeClass;
  /** The fact's key, the change's kind (what a record's `change` names), and the matching record's reason. */
  where: string;
  kind: string;
  reason?: string;
}

export interface DiffReport {
  api: string;
  /** Compared against: the snapshot file or the given documents. */
  upstream: string;
  rows: DiffRow[];
  /**
   * Operations and webhooks of the given documents that the spec does not cover and sources.yaml does not list as
   * `uncovered`. Each is also a row (`operation not covered`), not deliberate until it is covered or listed.
   */
  notCovered: string[];
  /** Records that match no difference any more. */
  stale: DeliberateRecord[];
  /** Records whose CURATION.md citation is missing. */
  curationErrors: string[];
}

const SNAPSHOT_PREFIX = "snapshot:";

/** The curated spec's operations and webhooks, by key. */
export const coverage = (curated: SpecDocument) => new Set(listEndpoints(curated).keys());

/** Compares `spec` with its upstream snapshot, or with the documents at `upstream` (files or URLs). */
export async function diffApi(spec: ListedSpec, upstream: string[] = []): Promise<DiffReport> {
  const files = upstreamFiles(spec);
  const root = repoRoot(files.folder);
  const curated = loadSpecFile(spec.file, spec.name);
  const cover = coverage(curated);
  if (!existsSync(files.snapshot)) throw new Error(`${relative(root, files.snapshot)}: missing; run pnpm specs:update ${spec.name} --from <document>`);
  const snapshot = JSON.parse(readFileSync(files.snapshot, "utf8")) as Node;
  let upstreamDoc = snapshot;
  let label = relative(root, files.snapshot);
  const notCovered: string[] = [];
  const notCoveredRows: DiffRow[] = [];
  if (upstream.length) {
    const given = await Promise.all(upstream.map(readDocument));
    // A given document speaks for the sections it has (paths, webhooks): an operation missing there is gone. A
    // section none of them has (PayNow's webhooks live in a second document) still comes from the snapshot.
    const sections = (doc: Node): Part["covers"] => [
      ...(Object.keys(doc.paths ?? {}).length ? (["paths"] as const) : []),
      ...(Object.keys(doc.webhooks ?? {}).length ? (["webhooks"] as const) : []),
    ];
    const givenParts: Part[] = given.map((g) => ({ doc: g.doc, source: g.location, covers: sections(g.doc) }));
    const rest = (["paths", "webhooks"] as const).filter((section) => !givenParts.some((p) => p.covers!.includes(section)));
    const parts: Part[] = [...givenParts, ...(rest.length ? [{ doc: snapshot, source: SNAPSHOT_PREFIX + label, covers: [...rest], fallback: true }] : [])];
    upstreamDoc = slice(parts, cover).document;
    label = upstream.join(" + ");
    const known = new Set([...cover, ...listEndpoints(asSpec(snapshot, "snapshot")).keys(), ...readSources(spec).flatMap((s) => s.uncovered ?? [])]);
    for (const g of given) {
      for (const [key, endpoint] of listEndpoints(asSpec(g.doc, g.location))) {
        if (known.has(key) || notCovered.includes(key)) continue;
        notCovered.push(key);
        const kind = `${key.startsWith("webhook ") ? "webhook" : "operation"} not covered`;
        notCoveredRows.push({ api: spec.name, pointer: endpoint.pointer, change: kind, deliberate: false, class: "non-breaking", where: key, kind });
      }
    }
  }
  const before = buildView(curated, { cover });
  const differences = compareViews(before, buildView(asSpec(upstreamDoc, label), { cover, within: before }));
  const records = readRecords(files.deliberate, spec.name);
  const used = new Set<DeliberateRecord>();
  const rows = differences.map((d: Difference): DiffRow => {
    const record = records.find((r) => recordMatches(r, d));
    if (record) used.add(record);
    return { api: spec.name, pointer: d.pointer, change: d.change, deliberate: Boolean(record), class: d.class, where: d.where, kind: d.kind, ...(record ? { reason: record.reason } : {}) };
  });
  return {
    api: spec.name,
    upstream: label,
    rows: [...rows, ...notCoveredRows],
    notCovered,
    stale: upstream.length ? [] : records.filter((r) => !used.has(r)),
    curationErrors: checkCuration(records, files.curation),
  };
}

const asSpec = (doc: Node, source: string) => new SpecDocument(source, doc, { source });

/** A report's failing parts: differences nobody recorded, and records citing CURATION.md text that is not there. */
export const reportFails = (report: DiffReport) => report.rows.some((r) => !r.deliberate) || report.curationErrors.length > 0;

export interface UpdateResult {
  api: string;
  snapshot: string;
  /** Covered operations and webhooks that none of the documents has (less those recorded as deliberate). */
  missing: string[];
  /** The documents' operations and webhooks that the spec does not cover, first seen in this update. */
  newlyUncovered: string[];
  /** Why nothing was read or written: a source with no published document (`derived`) and no `--from` for it. */
  skipped?: string;
}

/**
 * Re-slices newer provider documents into `spec`'s snapshot. `from` lists files or URLs, one per entry of the API's
 * `sources.yaml`, in that order; without it, every source's `url` is fetched.
 */
export async function updateApi(spec: ListedSpec, from: string[] = [], commit?: string): Promise<UpdateResult> {
  const files = upstreamFiles(spec);
  const sources = readSources(spec);
  if (from.length > sources.length) throw new Error(`${spec.name}: ${from.length} documents given, but sources.yaml lists ${sources.length}`);
  const derived = sources.find((s, i) => s.derived && !from[i]);
  if (derived) {
    const snapshot = relative(repoRoot(files.folder), files.snapshot);
    const skipped = `the provider publishes no OpenAPI document (${derived.derived}); re-derive it by hand and pass it with --from`;
    return { api: spec.name, snapshot, missing: [], newlyUncovered: [], skipped };
  }
  const locations = sources.map((s, i) => from[i] ?? s.url);
  const read = await Promise.all(locations.map(readDocument));
  const commits = await Promise.all(sources.map((s, i) => (!from[i] || from[i] === s.url ? latestCommit(s) : undefined)));
  const curated = loadSpecFile(spec.file, spec.name);
  const cover = coverage(curated);
  const { document, missing } = slice(read.map((r, i) => ({ doc: r.doc, source: r.location, covers: sources[i]!.covers })), cover);
  writeSnapshot(files.snapshot, document);
  const today = new Date().toISOString().slice(0, 10);
  const newlyUncovered: string[] = [];
  const updated = sources.map((source, i) => {
    const endpoints = [...listEndpoints(asSpec(read[i]!.doc, read[i]!.location)).keys()].filter((key) =>
      source.covers.includes(key.startsWith("webhook ") ? "webhooks" : "paths"),
    );
    const uncovered = endpoints.filter((key) => !cover.has(key));
    newlyUncovered.push(...uncovered.filter((key) => !(source.uncovered ?? []).includes(key)));
    const next = { ...source, retrieved: today, sha256: sha256(read[i]!.text), uncovered };
    const fetched = !from[i] || from[i] === source.url;
    const resolved = commit ?? (fetched ? commits[i] : undefined);
    if (resolved && source.repository) next.commit = resolved;
    else delete next.commit; // an unknown revision: do not claim the old one
    if (!uncovered.length) delete (next as Partial<typeof next>).uncovered;
    return next;
  });
  writeSources(spec, updated);
  // A covered webhook the provider never published (built from its docs) is recorded as deliberate: not news.
  const records = readRecords(files.deliberate, spec.name);
  const news = missing.filter((key) => {
    const kind = `${key.startsWith("webhook ") ? "webhook" : "operation"} removed`;
    return !records.some((r) => recordMatches(r, { pointer: endpointPointer(key), where: key, kind, change: kind, class: "breaking" }));
  });
  return { api: spec.name, snapshot: relative(repoRoot(files.folder), files.snapshot), missing: news, newlyUncovered };
}

/**
 * The newest commit of a git source's file on its default branch (what a `HEAD` URL serves), from GitHub's API;
 * undefined when it cannot be had (no network, rate limit, not on GitHub).
 */
async function latestCommit(source: { url: string; repository?: string; path?: string }): Promise<string | undefined> {
  if (!source.repository || !source.path || !source.url.startsWith("https://raw.githubusercontent.com/")) return undefined;
  try {
    const token = process.env.GITHUB_TOKEN;
    const response = await fetch(`https://api.github.com/repos/${source.repository}/commits?path=${encodeURIComponent(source.path)}&per_page=1`, {
      headers: { accept: "application/vnd.github+json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const [latest] = response.ok ? ((await response.json()) as { sha?: string }[]) : [];
    return latest?.sha?.slice(0, 12);
  } catch {
    return undefined;
  }
}
