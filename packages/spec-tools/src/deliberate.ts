/**
 * Deliberate differences as data: `specs/<provider>/deliberate.yaml` maps each API to records
 * `{pointer, change, reason, curation}`. A record covers the differences whose pointer (in the upstream document)
 * matches `pointer` (`*` stands for one segment, `**` for any number of them, `{a,b}` for either) and whose kind or full change text is
 * `change`. `curation` quotes the CURATION.md passage that explains it, and is checked to be there.
 */
import { existsSync, readFileSync } from "node:fs";
import { checkExtension } from "@checkoutkit/spec-model";
import { readDataFile } from "./data-file.js";
import type { Difference } from "./diff.js";

export interface DeliberateRecord {
  pointer: string;
  change: string;
  reason: string;
  /** A phrase of the provider folder's CURATION.md that explains the difference. */
  curation: string;
}

const RECORDS_SCHEMA = {
  description: "a map from API name (specs/redocly.yaml) to its deliberate differences from the upstream snapshot",
  type: "object",
  additionalProperties: {
    type: "array",
    items: {
      type: "object",
      required: ["pointer", "change", "reason", "curation"],
      additionalProperties: false,
      properties: {
        pointer: { type: "string", pattern: "^([/*].*)?$" },
        change: { type: "string", minLength: 1 },
        reason: { type: "string", minLength: 1 },
        curation: { type: "string", minLength: 1 },
      },
    },
  },
};

/** The records for `api` in `file` (none when the file does not exist), checked against their schema. */
export function readRecords(file: string, api: string): DeliberateRecord[] {
  if (!existsSync(file)) return [];
  const doc = readDataFile(file);
  return checkExtension<Record<string, DeliberateRecord[]> | null>(doc, "", RECORDS_SCHEMA)?.[api] ?? [];
}

const globCache = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globCache.get(pattern);
  if (!re) {
    const literal = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    const body = pattern
      .split(/(\*\*|\*|\{[^{}/]*,[^{}/]*\})/)
      .map((part) =>
        part === "**" ? ".*" : part === "*" ? "[^/]*" : /^\{.*,.*\}$/.test(part) ? `(?:${part.slice(1, -1).split(",").map(literal).join("|")})` : literal(part),
      )
      .join("");
    re = new RegExp(`^${body}$`);
    globCache.set(pattern, re);
  }
  return re;
}

export const recordMatches = (record: DeliberateRecord, d: Difference) =>
  (record.change === d.kind || record.change === d.change) && glob(record.pointer).test(d.pointer);

/** The record a difference should get: what `specs:diff` prints for a difference nobody recorded yet. */
export function recordFor(d: Difference): string {
  return [`- pointer: ${JSON.stringify(d.pointer)}`, `  change: ${JSON.stringify(d.kind)}`, `  reason: "<why the curated spec differs>"`, `  curation: "<the CURATION.md phrase that says so>"`].join("\n");
}

const normalise = (text: string) => text.replace(/[*`]/g, "").replace(/\s+/g, " ").trim();

/** The records whose `curation` phrase is not in CURATION.md, as messages. */
export function checkCuration(records: DeliberateRecord[], curationFile: string): string[] {
  const text = existsSync(curationFile) ? normalise(readFileSync(curationFile, "utf8")) : "";
  return records
    .filter((r) => !text.includes(normalise(r.curation)))
    .map((r) => `${curationFile}: does not contain ${JSON.stringify(r.curation)} (cited by the record for ${r.pointer} ${r.change})`);
}
