import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyRepo, fixtures, run } from "./helpers.js";

describe("pnpm specs:diff", () => {
  it("is clean when every difference from the snapshot is recorded as deliberate", async () => {
    const { code, output } = await run(copyRepo(), "diff", "acme");
    expect(code).toBe(0);
    expect(output).toContain("/components/schemas/Checkout/properties/url  format: uri → (none)  [docs-only] deliberate");
    expect(output).toContain("clean:");
    const brief = await run(copyRepo(), "diff", "acme", "--brief");
    expect(brief.output).not.toContain("/components/schemas/Checkout/properties/url  format");
    expect(brief.output).toMatch(/and \d+ docs-only differences recorded as deliberate/);
  });

  it("reports each change of a newer provider document with its pointer and class, and exits 1", async () => {
    const upstream = join(fixtures, "acme-next.json");
    const { code, output } = await run(copyRepo(), "diff", "acme", "--upstream", upstream, "--json");
    expect(code).toBe(1);
    const rows = JSON.parse(output) as { api: string; pointer: string; change: string; deliberate: boolean; class: string }[];
    const find = (pointer: string) => rows.filter((r) => r.pointer === pointer).map(({ change, deliberate, class: cls }) => ({ change, deliberate, class: cls }));

    expect(find("/components/schemas/CheckoutCreate/properties/customer_email")).toEqual([
      { change: "property added (required)", deliberate: false, class: "breaking" },
    ]);
    expect(find("/components/schemas/Checkout/properties/url")).toEqual([{ change: "property removed", deliberate: false, class: "breaking" }]);
    expect(find("/components/schemas/CheckoutCreate/properties/mode")).toEqual([
      { change: 'enum removed: "subscription"', deliberate: false, class: "breaking" },
    ]);
    expect(find("/components/schemas/Checkout/properties/locale")).toEqual([{ change: "property added", deliberate: false, class: "non-breaking" }]);
    expect(find("/paths/~1v1~1refunds/post")).toEqual([{ change: "operation not covered", deliberate: false, class: "non-breaking" }]);
    expect(rows.every((r) => r.api === "acme")).toBe(true);
  });

  it("says which operations of the given document the spec does not cover, and prints the records to add", async () => {
    const { code, output } = await run(copyRepo(), "diff", "acme", "--upstream", join(fixtures, "acme-next.json"));
    expect(code).toBe(1);
    expect(output).toContain("POST /v1/refunds: not covered by the curated spec (new in the provider's document)");
    expect(output).toContain('- pointer: "/components/schemas/Checkout/properties/url"\n      change: "property removed"');
    expect(output).toContain("4 difference(s) not recorded as deliberate");
  });

  it("takes what a given document lacks from the snapshot, but trusts its webhooks when it has some", async () => {
    const repo = copyRepo();
    const snapshot = JSON.parse(readFileSync(join(repo, "specs/acme/upstream/acme.json"), "utf8"));
    const pathsOnly = join(repo, "paths-only.json");
    writeFileSync(pathsOnly, JSON.stringify({ ...snapshot, webhooks: undefined }));
    expect((await run(repo, "diff", "acme", "--upstream", pathsOnly)).code).toBe(0);

    const otherHook = join(repo, "other-hook.json");
    writeFileSync(otherHook, JSON.stringify({ ...snapshot, webhooks: { "checkout.expired": snapshot.webhooks["checkout.paid"] } }));
    const { code, output } = await run(repo, "diff", "acme", "--upstream", otherHook, "--json");
    expect(code).toBe(1);
    expect((JSON.parse(output) as { deliberate: boolean }[]).filter((row) => !row.deliberate)).toEqual([
      { api: "acme", pointer: "/webhooks/checkout.paid/post", change: "webhook removed", deliberate: false, class: "breaking" },
      { api: "acme", pointer: "/webhooks/checkout.expired/post", change: "webhook not covered", deliberate: false, class: "non-breaking" },
    ]);
  });

  it("fails when a record cites a passage CURATION.md does not have", async () => {
    const repo = copyRepo();
    writeFileSync(join(repo, "specs/acme/CURATION.md"), "# Acme\n\n- **Prose.** Descriptions are rewritten.\n");
    const { code, output } = await run(repo, "diff");
    expect(code).toBe(1);
    expect(output).toContain('does not contain "`url` has `format: uri`"');
  });
});
