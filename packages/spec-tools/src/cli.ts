/**
 * pnpm specs:update <api> [--from <file-or-url>]... [--commit <sha>]
 * pnpm specs:diff [<api>] [--upstream <file-or-url>]... [--json] [--brief]
 * pnpm specs:changes --since <git-ref> [--json]
 */
import { listSpecs, repoRoot } from "@checkoutkit/spec-model";
import { recordFor } from "./deliberate.js";
import { specChanges } from "./changes.js";
import { diffApi, reportFails, updateApi, type DiffReport } from "./drift.js";

interface Args {
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

const FLAGS = new Set(["json", "brief"]);

export function parseArgs(argv: string[]): Args {
  const args: Args = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    if (!arg.startsWith("--")) {
      args.positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (FLAGS.has(name)) {
      args.flags.add(name);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    args.options.set(name, [...(args.options.get(name) ?? []), value]);
  }
  return args;
}

function pickSpecs(root: string, name: string | undefined) {
  const specs = listSpecs(root);
  if (!name) return specs;
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new Error(`no API named ${name} in specs/redocly.yaml (there are: ${specs.map((s) => s.name).join(", ")})`);
  return [spec];
}

/**
 * The text report: one line per difference, then what to add for the ones nobody recorded. `brief` counts the
 * deliberate docs-only differences instead of listing them.
 */
export function formatDiff(report: DiffReport, brief = false): string {
  const lines = [`${report.api}: curated spec vs ${report.upstream}`];
  const docsRecorded = report.rows.filter((r) => r.deliberate && r.class === "docs-only");
  for (const row of report.rows) {
    if (brief && row.deliberate && row.class === "docs-only") continue;
    const mark = row.deliberate ? "deliberate" : "NOT RECORDED";
    lines.push(`  ${row.pointer || "/"}  ${row.change}  [${row.class}] ${mark}  (${row.where})`);
  }
  if (brief && docsRecorded.length) lines.push(`  ... and ${docsRecorded.length} docs-only differences recorded as deliberate (listed without --brief)`);
  for (const record of report.stale) lines.push(`  warning: the record for ${record.pointer} ${JSON.stringify(record.change)} matches no difference any more`);
  for (const error of report.curationErrors) lines.push(`  ${error}`);
  for (const key of report.notCovered) {
    lines.push(`  ${key}: not covered by the curated spec (new in the provider's document): cover it, or list it under uncovered in sources.yaml`);
  }
  const missing = report.rows.filter((r) => !r.deliberate && !report.notCovered.includes(r.where));
  if (missing.length) {
    lines.push(`  ${missing.length} difference(s) not recorded as deliberate. Curate the spec, or add to ${report.api} in its deliberate.yaml:`);
    const seen = new Set<string>();
    for (const row of missing) {
      const record = recordFor({ pointer: row.pointer, kind: row.kind, change: row.change, where: row.where, class: row.class });
      if (seen.has(record)) continue;
      seen.add(record);
      lines.push(record.replace(/^/gm, "    "));
    }
  } else if (!report.notCovered.length) {
    lines.push(`  clean: ${report.rows.length} difference(s), every one recorded as deliberate`);
  }
  return lines.join("\n");
}

export async function main(argv: string[], out: (text: string) => void = console.log, cwd = process.env.INIT_CWD ?? process.cwd()): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  const root = repoRoot(cwd);
  switch (command) {
    case "diff": {
      const reports = [];
      for (const spec of pickSpecs(root, args.positional[0])) reports.push(await diffApi(spec, args.options.get("upstream") ?? []));
      if (args.flags.has("json")) {
        out(JSON.stringify(reports.flatMap((r) => r.rows.map(({ api, pointer, change, deliberate, class: cls }) => ({ api, pointer, change, deliberate, class: cls }))), null, 2));
        for (const error of reports.flatMap((r) => r.curationErrors)) console.error(error);
      } else {
        for (const report of reports) out(formatDiff(report, args.flags.has("brief")));
      }
      return reports.some(reportFails) ? 1 : 0;
    }
    case "update": {
      const name = args.positional[0];
      if (!name && args.options.has("from")) throw new Error("--from needs an API name: pnpm specs:update <api> --from <file-or-url>");
      for (const spec of pickSpecs(root, name)) {
        const result = await updateApi(spec, args.options.get("from") ?? [], args.options.get("commit")?.[0]);
        if (result.skipped) {
          out(`${result.api}: skipped, ${result.snapshot} kept: ${result.skipped}`);
          continue;
        }
        out(`${result.api}: wrote ${result.snapshot}`);
        for (const key of result.missing) out(`  ${key}: covered by the curated spec but not in the provider's document`);
        for (const key of result.newlyUncovered) out(`  ${key}: new in the provider's document, not covered by the curated spec`);
      }
      return 0;
    }
    case "changes": {
      const since = args.options.get("since")?.[0];
      if (!since) throw new Error("specs:changes needs --since <git-ref>");
      const report = specChanges(root, since);
      if (args.flags.has("json")) {
        out(JSON.stringify(report, null, 2));
        return report.ok ? 0 : 1;
      }
      out(`spec changes since ${since}:`);
      for (const spec of report.specs) {
        out(`  ${spec.api} (${spec.package}): ${spec.status}, worst change ${spec.worst}`);
        for (const d of spec.differences.filter((d) => d.class !== "docs-only")) out(`    ${d.pointer}  ${d.change}  [${d.class}]  (${d.where})`);
        const docs = spec.differences.filter((d) => d.class === "docs-only").length;
        if (docs) out(`    and ${docs} docs-only change(s)`);
      }
      if (!report.specs.length) out("  none");
      for (const p of report.packages) {
        out(`  ${p.package}: needs ${p.needs}, pending changesets (or the version since the ref) give ${p.has}: ${p.ok ? "ok" : "TOO SMALL"} (${p.because.join("; ")})`);
      }
      if (!report.ok) out("Add a changeset (.changeset/<name>.md) that bumps each package above at least as far as it needs.");
      return report.ok ? 0 : 1;
    }
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}: use update, diff or changes`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // exitCode, not exit(): a large report written to a pipe must be flushed before the process ends.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // A usage, spec or git problem: its message says what to do; no stack.
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 2;
    },
  );
}
