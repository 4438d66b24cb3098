import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { copyRepo, fixtures, run } from "./helpers.js";

describe("pnpm specs:update", () => {
  it("re-slices a newer full document into the snapshot: covered operations and what they reach, unchanged", async () => {
    const repo = copyRepo();
    const next = JSON.parse(readFileSync(join(fixtures, "acme-next.json"), "utf8"));
    const { code, output } = await run(repo, "update", "acme", "--from", join(fixtures, "acme-next.json"), "--commit", "89abcdef0123");
    expect(code).toBe(0);
    expect(output).toContain("acme: wrote specs/acme/upstream/acme.json");
    expect(output).toContain("POST /v1/refunds: new in the provider's document, not covered by the curated spec");

    const snapshot = JSON.parse(readFileSync(join(repo, "specs/acme/upstream/acme.json"), "utf8"));
    expect(Object.keys(snapshot.paths)).toEqual(["/v1/checkouts", "/v1/checkouts/{id}"]);
    expect(snapshot.paths["/v1/checkouts"]).toEqual(next.paths["/v1/checkouts"]);
    expect(snapshot.components.schemas).toEqual({ Checkout: next.components.schemas.Checkout, CheckoutCreate: next.components.schemas.CheckoutCreate });
    expect(snapshot.info).toEqual(next.info);

    const [source] = (parse(readFileSync(join(repo, "specs/acme/upstream/sources.yaml"), "utf8")) as { acme: Record<string, unknown>[] }).acme;
    expect(source).toMatchObject({ repository: "acme/openapi", commit: "89abcdef0123", uncovered: ["POST /v1/refunds"] });
    expect(source!.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The refreshed snapshot is what specs:diff now reads, and the uncovered operation is known from here on.
    expect((await run(repo, "diff", "acme")).code).toBe(1);
    const again = await run(repo, "update", "acme", "--from", join(fixtures, "acme-next.json"));
    expect(again.output).not.toContain("POST /v1/refunds");
  });

  it("never fetches a source the provider publishes no document for (derived): it keeps the snapshot, unless given --from", async () => {
    const repo = copyRepo();
    const sources = join(repo, "specs/acme/upstream/sources.yaml");
    const snapshotFile = join(repo, "specs/acme/upstream/acme.json");
    writeFileSync(
      sources,
      [
        "acme:",
        "  - url: https://unpkg.invalid/@acme/sdk@1.0.0/dist/index.d.ts",
        "    derived: transcribed by hand from the @acme/sdk 1.0.0 type declarations",
        "    covers: [paths]",
        "",
      ].join("\n"),
    );
    const before = readFileSync(snapshotFile, "utf8");

    const skipped = await run(repo, "update", "acme");
    expect(skipped.code).toBe(0);
    expect(skipped.output).toContain("acme: skipped, specs/acme/upstream/acme.json kept: the provider publishes no OpenAPI document (transcribed by hand");
    expect(readFileSync(snapshotFile, "utf8")).toBe(before);

    const given = await run(repo, "update", "acme", "--from", join(fixtures, "acme-next.json"));
    expect(given.output).toContain("acme: wrote specs/acme/upstream/acme.json");
    const [source] = (parse(readFileSync(sources, "utf8")) as { acme: Record<string, unknown>[] }).acme;
    expect(source).toMatchObject({ derived: "transcribed by hand from the @acme/sdk 1.0.0 type declarations" });
    expect(source!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
