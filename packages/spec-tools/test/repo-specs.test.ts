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
