import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { listSpecs } from "@checkoutkit/spec-model";
import { describe, expect, it } from "vitest";
import { diffApi } from "../src/index.js";

describe("this repository's curated specs", () => {
  it.each(listSpecs().map((s) => [s.name, s] as const))("%s differs from its upstream snapshot only where deliberate.yaml says so", async (_, spec) => {
    const report = await diffApi(spec);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows.filter((r) => !r.deliberate).map((r) => `${r.pointer} ${r.change}`)).toEqual([]);
    expect(report.curationErrors).toEqual([]);
  });
});

describe("the specs:diff command", () => {
  it("prints every API's report as one JSON array and exits 0 when all are recorded", () => {
    // Through the tsx binary, as `pnpm specs:diff` runs it.
    const tsx = join(import.meta.dirname, "../node_modules/.bin/tsx");
    const stdout = execFileSync(tsx, [join(import.meta.dirname, "../src/cli.ts"), "diff", "--json"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const rows = JSON.parse(stdout) as { api: string; deliberate: boolean }[];
    expect(new Set(rows.map((r) => r.api))).toEqual(new Set(listSpecs().map((s) => s.name)));
    expect(rows.filter((r) => !r.deliberate)).toEqual([]);
  }, 120_000);
});
