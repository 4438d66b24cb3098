import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/index.js";

export const fixtures = join(import.meta.dirname, "fixtures");

/** A fresh copy of the fixture repository (specs/acme, packages/acme) in a temp folder. */
export function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "spec-tools-"));
  cpSync(join(fixtures, "repo"), dir, { recursive: true });
  return dir;
}

/** Runs a command as `pnpm specs:<command>` would, in `cwd`; returns its exit code and what it printed. */
export async function run(cwd: string, ...argv: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await main(argv, (text) => lines.push(text), cwd);
  return { code, output: lines.join("\n") };
}
