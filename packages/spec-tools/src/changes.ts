/**
 * `specs:changes --since <ref>`: what changed in each curated spec between `ref` and the working tree, the
 * published packages whose generated code changed, and whether the pending changesets bump each of them at least
 * as far as its worst change (major for breaking, minor for non-breaking additions, patch otherwise). Once
 * `changeset version` has consumed them, the version bump since the ref counts instead.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import { SpecDocument, escapePointer, listSpecs, type Node } from "@checkoutkit/spec-model";
import { compareViews, worse, type ChangeClass, type Difference } from "./diff.js";
import { readDataFile } from "./data-file.js";
import { buildView, stable } from "./view.js";

export type Bump = "none" | "patch" | "minor" | "major";
const BUMPS: readonly Bump[] = ["none", "patch", "minor", "major"];
const BUMP_FOR: Record<ChangeClass, Bump> = { breaking: "major", "non-breaking": "minor", "docs-only": "patch" };
const atLeast = (have: Bump, need: Bump) => BUMPS.indexOf(have) >= BUMPS.indexOf(need);

export interface SpecChanges {
  api: string;
  package: string;
  /** `added` when the spec did not exist at the ref. */
  status: "changed" | "added";
  differences: Difference[];
  /** The worst class; `docs-only` when only text the SDK view ignores changed. */
  worst: ChangeClass;
}

export interface PackageVerdict {
  package: string;
  /** What the changes need, what the pending changesets give, and why. */
  needs: Bump;
  has: Bump;
  because: string[];
  ok: boolean;
}

export interface ChangesReport {
  since: string;
  specs: SpecChanges[];
  packages: PackageVerdict[];
  ok: boolean;
}

export class GitRefError extends Error {}

const git = (root: string, args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Throws a `GitRefError` that says what to do when `ref` is not a commit of this clone. */
export function checkRef(root: string, ref: string): string {
  try {
    return git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    let shallow = false;
    try {
      shallow = git(root, ["rev-parse", "--is-shallow-repository"]).trim() === "true";
    } catch {
      // not a git repository: said below
    }
    throw new GitRefError(
      `specs:changes: ${JSON.stringify(ref)} is not a commit of this clone${shallow ? " (it is a shallow clone: fetch its history with `git fetch --unshallow --tags`, or check out with fetch-depth: 0)" : ""}`,
    );
  }
}

/** The name of the package that holds `folder` (nearest package.json above it), and whether it is private. */
function owningPackage(folder: string, root: string): { name: string; private: boolean; manifest: string; version?: string } {
  for (let dir = folder; dir.startsWith(root); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name: string; private?: boolean; version?: string };
      return { name: json.name, private: json.private === true, manifest: relative(root, file), version: json.version };
    }
  }
  throw new Error(`no package.json holds ${folder}`);
}

/** The bump each package gets from the changesets in `.changeset/` (every one there is pending). */
export function pendingBumps(root: string): Map<string, Bump> {
  const dir = join(root, ".changeset");
  const bumps = new Map<string, Bump>();
  if (!existsSync(dir)) return bumps;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith(".md") || file === "README.md") continue;
    const front = readFileSync(join(dir, file), "utf8").match(/^---\r?\n([\s\S]*?)\r?\n---/);
    const entries = (front ? (parse(front[1]!) as Record<string, Bump> | null) : null) ?? {};
    for (const [name, bump] of Object.entries(entries)) {
      if (!BUMPS.includes(bump)) throw new Error(`.changeset/${file}: ${name} has bump ${JSON.stringify(bump)}`);
      const seen = bumps.get(name) ?? "none";
      bumps.set(name, atLeast(seen, bump) ? seen : bump);
    }
  }
  return bumps;
}

/** How far `now` is from `then` (semver): once `changeset version` has consumed the changesets, this is the bump. */
export function versionBump(then: string | undefined, now: string | undefined): Bump {
  const parse = (v: string | undefined) => (v ?? "").split(/[.+-]/).slice(0, 3).map(Number);
  const [a, b] = [parse(then), parse(now)];
  if (!then || !now || a.some(Number.isNaN) || b.some(Number.isNaN)) return "none";
  if (b[0]! > a[0]!) return "major";
  if (b[0] === a[0] && b[1]! > a[1]!) return "minor";
  if (b[0] === a[0] && b[1] === a[1] && b[2]! > a[2]!) return "patch";
  return "none";
}

export function specChanges(root: string, since: string): ChangesReport {
  const base = checkRef(root, since);
  const specs: SpecChanges[] = [];
  const need = new Map<string, { bump: Bump; because: string[]; released: Bump }>();
  const require = (pkg: ReturnType<typeof owningPackage>, bump: Bump, why: string) => {
    let entry = need.get(pkg.name);
    if (!entry) {
      let then: string | undefined;
      try {
        then = (JSON.parse(git(root, ["show", `${base}:${pkg.manifest}`])) as { version?: string }).version;
      } catch {
        then = undefined; // a new package
      }
      entry = { bump: "none", because: [], released: versionBump(then, pkg.version) };
    }
    if (!atLeast(entry.bump, bump)) entry.bump = bump;
    entry.because.push(why);
    need.set(pkg.name, entry);
  };

  const changedFiles = new Set(
    [...git(root, ["diff", "--name-only", base, "--"]).split("\n"), ...git(root, ["ls-files", "--others", "--exclude-standard"]).split("\n")].filter(Boolean),
  );
  for (const listed of listSpecs(root)) {
    const pkg = owningPackage(listed.output, root);
    const specPath = relative(root, listed.file);
    const outputPath = relative(root, listed.output);
    const generatedChanged = [...changedFiles].some((f) => f.startsWith(`${outputPath}/`));
    let worst: ChangeClass | undefined;
    if (changedFiles.has(specPath)) {
      const now = readDataFile(listed.file);
      let old: SpecDocument | undefined;
      try {
        old = new SpecDocument(listed.file, parse(git(root, ["show", `${base}:${specPath}`])) as Node, { name: listed.name, source: `${since}:${specPath}` });
      } catch {
        old = undefined; // the spec is new since the ref
      }
      const differences = old ? [...compareViews(buildView(old), buildView(now)), ...compareExtensions(old.doc, now.doc)] : [];
      worst = old ? differences.reduce<ChangeClass>((w, d) => worse(w, d.class), "docs-only") : "non-breaking";
      specs.push({ api: listed.name, package: pkg.name, status: old ? "changed" : "added", differences, worst });
    }
    // Only what ships needs a version: a spec edit that generates the same code (a YAML comment) ships nothing.
    if (pkg.private || !generatedChanged) continue;
    if (worst) require(pkg, BUMP_FOR[worst], `${listed.name}: ${worst} spec change`);
    else require(pkg, "patch", `${listed.name}: generated code changed`);
  }

  const bumps = pendingBumps(root);
  const packages = [...need].map(([name, { bump, because, released }]) => {
    // Pending changesets, or (after `changeset version` consumed them) the version already bumped since the ref.
    const pending = bumps.get(name) ?? "none";
    const has = atLeast(pending, released) ? pending : released;
    return { package: name, needs: bump, has, because, ok: atLeast(has, bump) };
  });
  return { since, specs, packages, ok: packages.every((p) => p.ok) };
}

/** Every `x-checkoutkit-*` value of a document by JSON pointer, as JSON text. */
function extensions(node: unknown, at = "", out = new Map<string, string>()): Map<string, string> {
  if (node === null || typeof node !== "object") return out;
  for (const [key, child] of Object.entries(node as Node)) {
    const here = `${at}/${escapePointer(key)}`;
    if (key.startsWith("x-checkoutkit-")) out.set(here, stable(child));
    else extensions(child, here, out);
  }
  return out;
}

/**
 * What changed in the `x-checkoutkit-*` extensions, which the SDK view leaves out (the provider's documents have
 * none) but which name the generated client's methods, options and pagination. A new one adds (non-breaking); a
 * changed or removed one may rename or drop what callers use, so it counts as breaking.
 */
export function compareExtensions(before: Node, after: Node): Difference[] {
  const [a, b] = [extensions(before), extensions(after)];
  const out: Difference[] = [];
  for (const [at, value] of a) {
    if (!b.has(at)) out.push({ pointer: at, where: at, kind: "extension removed", change: "extension removed", class: "breaking" });
    else if (b.get(at) !== value) out.push({ pointer: at, where: at, kind: "extension changed", change: `extension changed: ${value} → ${b.get(at)}`, class: "breaking" });
  }
  for (const at of b.keys()) if (!a.has(at)) out.push({ pointer: at, where: at, kind: "extension added", change: "extension added", class: "non-breaking" });
  return out;
}
