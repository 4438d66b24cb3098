/** Keeps the runtime table in the root README in step with the last full run of the matrix. */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "@checkoutkit/testing";

export interface MatrixRow {
  runtime: string;
  version: string;
  passed: boolean;
}

const START = "<!-- runtime-matrix:start (written by packages/runtime-matrix's test) -->";
const END = "<!-- runtime-matrix:end -->";

export function renderMatrix(rows: MatrixRow[]): string {
  const lines = rows.map((row) => `| ${row.runtime} | ${row.version} | ${row.passed ? "passes" : "**fails**"} |`);
  return [START, "| runtime | version | import every provider package, create a checkout, typed errors, serve signed webhooks |", "|---|---|---|", ...lines, END].join("\n");
}

/** Replaces the table between the markers; writes nothing when it is already current. */
export async function writeMatrix(rows: MatrixRow[]): Promise<void> {
  const readme = join(repoRoot(), "README.md");
  const text = await readFile(readme, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no runtime-matrix markers (${START} … ${END})`);
  const next = text.slice(0, start) + renderMatrix(rows) + text.slice(end + END.length);
  if (next !== text) await writeFile(readme, next);
}
