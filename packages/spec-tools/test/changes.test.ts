import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { copyRepo, run } from "./helpers.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });

describe("pnpm specs:changes", () => {
  let repo: string;
  beforeEach(() => {
    repo = copyRepo();
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "release 1.0.0");
    // A breaking spec change: the checkout's `url` leaves the response, and the generated types follow.
    const spec = join(repo, "specs/acme/openapi.yaml");
    writeFileSync(spec, readFileSync(spec, "utf8").replace("required: [id, status, url]", "required: [id, status]").replace(/\n {8}url: .*\n/, "\n"));
    const types = join(repo, "packages/acme/src/generated/types.ts");
    writeFileSync(types, readFileSync(types, "utf8").replace(" url: string;", ""));
  });
  const changeset = (bump: string) => writeFileSync(join(repo, ".changeset/drop-url.md"), `---\n"@acme/client": ${bump}\n---\n\nDrop the checkout's url.\n`);

  it("fails a breaking change whose changeset is only a patch", async () => {
    changeset("patch");
    const { code, output } = await run(repo, "changes", "--since", "HEAD");
    expect(code).toBe(1);
    expect(output).toContain("/components/schemas/Checkout/properties/url  property removed  [breaking]");
    expect(output).toContain("@acme/client: needs major, pending changesets (or the version since the ref) give patch: TOO SMALL");
  });

  it("passes the same change with a major changeset", async () => {
    changeset("major");
    const { code, output } = await run(repo, "changes", "--since", "HEAD");
    expect(code).toBe(0);
    expect(output).toContain("@acme/client: needs major, pending changesets (or the version since the ref) give major: ok");
  });

  it("counts the version bump once `changeset version` has consumed the changesets", async () => {
    const manifest = join(repo, "packages/acme/package.json");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"1.0.0"', '"1.1.0"'));
    expect((await run(repo, "changes", "--since", "HEAD")).output).toContain("@acme/client: needs major, pending changesets (or the version since the ref) give minor: TOO SMALL");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace('"1.1.0"', '"2.0.0"'));
    expect((await run(repo, "changes", "--since", "HEAD")).code).toBe(0);
  });

  it("fails without any changeset, and says clearly when the ref is not in the clone", async () => {
    expect((await run(repo, "changes", "--since", "HEAD")).code).toBe(1);
    await expect(run(repo, "changes", "--since", "v9.9.9")).rejects.toThrow('"v9.9.9" is not a commit of this clone');
  });
});
