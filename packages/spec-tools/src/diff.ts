/**
 * Compares two SDK views and classifies each difference by what it does to code written against the generated
 * client, going from `before` (what callers have: the curated spec) to `after` (the provider's document, or the
 * curated spec after an edit). The rules are in this file's `classify*` functions and in specs/README.md.
 */
import { endpointPointer, type Fact, type FactKind, type View } from "./view.js";

export type ChangeClass = "breaking" | "non-breaking" | "docs-only";
export const CLASS_ORDER: readonly ChangeClass[] = ["docs-only", "non-breaking", "breaking"];

export interface Difference {
  /** JSON pointer in the `after` document; where the thing would sit there when only `before` has it. */
  pointer: string;
  /** The fact's key: `POST /v1/checkouts › body.lines[].quantity`. */
  where: string;
  /** What kind of change: `property removed`, `required`, `enum removed`, `format`, ... (what a record's `change` may name). */
  kind: string;
  /** The change in full: `required: false → true`. */
  change: string;
  class: ChangeClass;
}

const LABEL: Record<FactKind, string> = {
  document: "document",
  operation: "operation",
  webhook: "webhook",
  parameter: "parameter",
  body: "request body",
  response: "response",
  property: "property",
};

export const worse = (a: ChangeClass, b: ChangeClass): ChangeClass => (CLASS_ORDER.indexOf(a) >= CLASS_ORDER.indexOf(b) ? a : b);

/** Every difference from `before` to `after`, one per pointer and change, in `before`'s order then `after`'s. */
export function compareViews(before: View, after: View): Difference[] {
  const out = new Map<string, Difference>();
  const push = (d: Difference) => {
    const id = `${d.pointer}\n${d.change}`;
    const seen = out.get(id);
    if (seen) seen.class = worse(seen.class, d.class);
    else out.set(id, d);
  };

  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) {
      // Reported once, at the top-most missing fact; under a schema that became "any value", the type line says it.
      const parent = old.parent ? after.get(old.parent) : undefined;
      if (old.parent && (!parent || (parent.kind !== "operation" && parent.kind !== "webhook" && parent.types === undefined))) continue;
      const kind = `${LABEL[old.kind]} removed`;
      push({ pointer: wouldBeAt(old, after), where: key, kind, change: named(kind, old), class: classifyRemoved(old) });
      continue;
    }
    for (const d of compareFacts(old, now)) push(d);
  }
  for (const [key, now] of after) {
    const parent = now.parent ? before.get(now.parent) : undefined;
    if (before.has(key) || (now.parent && (!parent || (parent.kind !== "operation" && parent.kind !== "webhook" && parent.types === undefined)))) continue;
    const kind = `${LABEL[now.kind]} added`;
    const change = named(now.required && now.kind !== "response" ? `${kind} (required)` : kind, now);
    push({ pointer: now.pointer, where: key, kind, change, class: classifyAdded(now) });
  }
  return [...out.values()];
}

/** A parameter's change names it, since its pointer cannot. */
const named = (change: string, fact: Fact) => (fact.name ? `${change}: ${fact.name}` : change);

/** Where a fact that only `before` has would sit in `after`: under its parent's holder there. */
function wouldBeAt(fact: Fact, after: View): string {
  const parent = fact.parent ? after.get(fact.parent) : undefined;
  if (parent && fact.rel) return parent.holder + fact.rel;
  return fact.kind === "operation" || fact.kind === "webhook" ? endpointPointer(fact.key) : fact.pointer;
}

function classifyRemoved(fact: Fact): ChangeClass {
  if (fact.kind === "document") return "docs-only";
  // A removed error status changes nothing a caller's types hold; a removed success status removes the data.
  if (fact.kind === "response") return /^2/.test(fact.key.split(" › response ")[1] ?? "") ? "breaking" : "non-breaking";
  return "breaking";
}

function classifyAdded(fact: Fact): ChangeClass {
  if (fact.kind === "document") return "docs-only";
  if (fact.kind === "operation" || fact.kind === "response") return "non-breaking";
  // A new event joins the event union: an exhaustive `switch (event.type)` stops compiling (see enum values below).
  if (fact.kind === "webhook") return "breaking";
  if (fact.side === "request") return fact.required ? "breaking" : "non-breaking";
  return "non-breaking";
}

/** `integer` and `number` are the same TypeScript type. */
const tsTypes = (types: string | undefined) =>
  types === undefined ? undefined : new Set(types.split("|").map((t) => (t === "integer" ? "number" : t)));
const covers = (wide: Set<string> | undefined, narrow: Set<string> | undefined) =>
  wide === undefined || (narrow !== undefined && [...narrow].every((t) => wide.has(t)));

function compareFacts(old: Fact, now: Fact): Difference[] {
  const out: Difference[] = [];
  const request = old.side === "request";
  const at = { pointer: now.pointer, where: now.key };
  const add = (kind: string, change: string, cls: ChangeClass) => out.push({ ...at, kind, change: `${kind}: ${change}`, class: cls });
  const show = (v: unknown) => (v === undefined ? "(none)" : String(v));

  if (old.kind !== "document" && Boolean(old.required) !== Boolean(now.required)) {
    const tighter = Boolean(now.required);
    add("required", `${Boolean(old.required)} → ${Boolean(now.required)}`, request === tighter ? "breaking" : "non-breaking");
  }
  if (old.types !== now.types) {
    const [a, b] = [tsTypes(old.types), tsTypes(now.types)];
    const same = covers(a, b) && covers(b, a);
    const wider = covers(b, a);
    const narrower = covers(a, b);
    const cls: ChangeClass = same ? "docs-only" : request ? (wider ? "non-breaking" : "breaking") : narrower ? "non-breaking" : "breaking";
    add("type", `${show(old.types ?? "any")} → ${show(now.types ?? "any")}`, cls);
  }
  if (Boolean(old.nullable) !== Boolean(now.nullable)) {
    add("nullable", `${Boolean(old.nullable)} → ${Boolean(now.nullable)}`, request === Boolean(now.nullable) ? "non-breaking" : "breaking");
  }
  if (old.enum && now.enum) {
    const removed = old.enum.filter((v) => !now.enum!.includes(v));
    const added = now.enum.filter((v) => !old.enum!.includes(v));
    // A removed value breaks both ways: a caller may send it, or compare a response against it (TS2367).
    if (removed.length) add("enum removed", removed.join(", "), "breaking");
    // A new response value breaks an exhaustive `switch` (its `never` check stops compiling): breaking.
    if (added.length) add("enum added", added.join(", "), request ? "non-breaking" : "breaking");
  } else if (old.enum && !now.enum) {
    add("enum", `${old.enum.join(", ")} → any value`, request ? "non-breaking" : "breaking");
  } else if (!old.enum && now.enum) {
    add("enum", `any value → ${now.enum.join(", ")}`, request ? "breaking" : "non-breaking");
  }
  // What follows changes validation and doc comments, never a generated type.
  if (old.format !== now.format) add("format", `${show(old.format)} → ${show(now.format)}`, "docs-only");
  if (old.open !== now.open && old.open !== undefined && now.open !== undefined) {
    add("additionalProperties", now.open ? "closed → open" : "open → closed", "docs-only");
  }
  if (old.media !== now.media) add("media types", `${show(old.media)} → ${show(now.media)}`, "docs-only");
  if (old.constraints !== now.constraints) add("constraints", constraintChange(old.constraints, now.constraints), "docs-only");
  if (old.docs !== now.docs) add("docs", old.kind === "document" ? `${show(old.docs)} → ${show(now.docs)}` : "text changed", "docs-only");
  return out;
}

function constraintChange(a: string | undefined, b: string | undefined): string {
  const [x, y] = [JSON.parse(a ?? "{}") as Record<string, unknown>, JSON.parse(b ?? "{}") as Record<string, unknown>];
  return [...new Set([...Object.keys(x), ...Object.keys(y)])]
    .filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]))
    .sort()
    .map((k) => `${k} ${JSON.stringify(x[k]) ?? "(none)"} → ${JSON.stringify(y[k]) ?? "(none)"}`)
    .join("; ");
}
