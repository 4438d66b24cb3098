/**
 * Proves specs/README.md's "Add a provider": in a copy of the workspace, a fixture provider (test/fixtures/acme:
 * a spec and its CURATION.md) is added exactly as documented, and then the new package builds, its generated
 * contract tests pass against Prism, and the demo creates a checkout through it.
 *
 * The steps are a list, so a check is one more entry (e.g. that `createCheckout` accepts the new client).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "@checkoutkit/spec-model";

const root = repoRoot(import.meta.dirname);
const fixture = join(import.meta.dirname, "fixtures", "acme");
/** What is not copied: installed and built output, and git. `pnpm install` recreates node_modules from the shared store. */
const SKIPPED = new Set(["node_modules", ".git", "dist", ".turbo", "coverage", "test-artifacts"]);

interface Step {
  /** What a contributor does (the README's words), or what is checked. */
  name: string;
  run(workspace: string): string | void | Promise<void>;
}

/** Runs a command in the copy; fails the step with the end of its output when it exits non-zero. */
function sh(workspace: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, {
    cwd: workspace,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    // CI=true would make `pnpm install` refuse to update the lockfile, which adding a package must do.
    env: { ...process.env, CI: "", FORCE_COLOR: "0", NO_COLOR: "1", TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off" },
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(" ")}\` exited with ${result.status}:\n${output.slice(-6000)}`);
  return output;
}

const STEPS: Step[] = [
  {
    name: "1. write specs/acme/openapi.yaml and specs/acme/CURATION.md",
    run: (workspace) => cpSync(fixture, join(workspace, "specs", "acme"), { recursive: true }),
  },
  {
    name: "2. add it to specs/redocly.yaml under apis, with its x-checkoutkit-output",
    run: (workspace) =>
      appendFileSync(join(workspace, "specs", "redocly.yaml"), "  acme:\n    root: ./acme/openapi.yaml\n    x-checkoutkit-output: ../packages/acme/src/generated\n"),
  },
  { name: "3. pnpm generate", run: (workspace) => sh(workspace, "pnpm", ["generate"]) },
  { name: "3. pnpm install", run: (workspace) => sh(workspace, "pnpm", ["install", "--prefer-offline"]) },
  {
    name: "the scaffold and the generated files are there, and the consumers depend on the new package",
    run: (workspace) => {
      for (const file of ["package.json", "src/index.ts", "src/generated/client.ts", "src/generated/schema.ts", "test/contract.test.ts", "vitest.config.ts"]) {
        expect(existsSync(join(workspace, "packages", "acme", file)), file).toBe(true);
      }
      expect(readFileSync(join(workspace, "packages", "acme", "vitest.config.ts"), "utf8")).toMatch(/^\/\/ Scaffolded once/);
      for (const consumer of ["packages/checkoutkit", "packages/runtime-matrix", "examples/demo", "bench"]) {
        const manifest = JSON.parse(readFileSync(join(workspace, consumer, "package.json"), "utf8")) as { dependencies: Record<string, string> };
        expect(manifest.dependencies["@checkoutkit/acme"], consumer).toMatch(/^workspace:/);
      }
    },
  },
  { name: "pnpm lint", run: (workspace) => sh(workspace, "pnpm", ["lint"]) },
  { name: "pnpm generate --check", run: (workspace) => sh(workspace, "pnpm", ["generate", "--check"]) },
  { name: "the new package builds", run: (workspace) => sh(workspace, "pnpm", ["exec", "turbo", "run", "build", "--filter=@checkoutkit/acme..."]) },
  { name: "the new package typechecks", run: (workspace) => sh(workspace, "pnpm", ["--filter", "@checkoutkit/acme", "typecheck"]) },
  {
    name: "its generated contract tests pass against Prism",
    run: (workspace) => {
      const output = sh(workspace, "pnpm", ["--filter", "@checkoutkit/acme", "test"]);
      expect(output).toMatch(/test\/contract\.test\.ts/);
      expect(output).toMatch(/Tests\s+\d+ passed/);
      expect(output).not.toMatch(/failed/);
    },
  },
  {
    name: "pnpm demo lists it and creates a checkout through it",
    run: (workspace) => {
      const output = sh(workspace, "pnpm", ["demo"]);
      expect(output).toMatch(/mock acme\s+http:\/\/127\.0\.0\.1:\d+ \(port \d+, specs\/acme\/openapi\.yaml\)/);
      expect(output).toMatch(/== acme: @checkoutkit\/acme createAcmeClient\nsent POST http:\/\/127\.0\.0\.1:\d+\/v1\/checkouts\n/);
      expect(output).toMatch(/got {2}201\n\s+\{"id":"chk_3VnR8sQ1"/);
      expect(output).not.toMatch(/FAILED|WITH SPEC VIOLATIONS/);
    },
  },
  {
    name: "createCheckout (package checkoutkit, built by the demo) takes the new client, from its spec's x-checkoutkit-checkout",
    run: async (workspace) => {
      // The copy's own Prism helper, started on the new spec; the facade is the copy's build, run by plain node.
      const { startPrism } = (await import(pathToFileURL(join(workspace, "packages", "testing", "src", "prism.ts")).href)) as {
        startPrism(spec: string): Promise<{ url: string; stop(): Promise<void> }>;
      };
      const mock = await startPrism(join(workspace, "specs", "acme", "openapi.yaml"));
      try {
        const output = sh(join(workspace, "packages", "checkoutkit"), process.execPath, ["--input-type=module", "-e", CREATE_CHECKOUT, mock.url]);
        const result = JSON.parse(output.trim().split("\n").pop()!) as Record<string, unknown>;
        expect(result).toEqual({
          checkout: { provider: "acme", api: "acme", id: "chk_3VnR8sQ1", url: "https://pay.acmepay.dev/c/chk_3VnR8sQ1", expiresAt: "2026-01-02T10:00:00.000Z" },
          sent: { line_items: [{ product_id: "prod_7Hq2LkW9", quantity: 2 }], success_url: "https://shop.acmepay.dev/thanks", customer_email: "ada@shop.acmepay.dev" },
          table: { product: "line_items[].product_id", reference: "no" },
          unsupported: { name: "UnsupportedCheckoutInputError", field: "reference" },
        });
      } finally {
        await mock.stop();
      }
    },
  },
];

/** Run by node inside the copy's packages/checkoutkit, so that `checkoutkit` and `@checkoutkit/acme` resolve there. */
const CREATE_CHECKOUT = `
const { createCheckout, createAcmeClient, checkoutCapabilities } = await import("checkoutkit");
let sent;
const fetch = async (request) => { sent = await request.clone().json(); return globalThis.fetch(request); };
const acme = createAcmeClient({ apiKey: "sk_test_add_provider", baseUrl: process.argv[1], fetch, maxRetries: 0 });
const input = { items: [{ product: "prod_7Hq2LkW9", quantity: 2 }], successUrl: "https://shop.acmepay.dev/thanks", customer: { email: "ada@shop.acmepay.dev" } };
const { raw, ...checkout } = await createCheckout(acme, input);
const unsupported = await createCheckout(acme, { ...input, reference: "order-1" }).catch((error) => ({ name: error.name, field: error.field }));
const fields = checkoutCapabilities.acme.fields;
console.log(JSON.stringify({ checkout, sent, table: { product: fields["items.product"].to, reference: fields.reference.support }, unsupported }));
`;

describe("adding a provider as specs/README.md documents it", () => {
  const workspace = mkdtempSync(join(tmpdir(), "checkoutkit-add-provider-"));
  /** The copy's files as copied, before any step: what the last check compares against. */
  let before = new Map<string, string>();
  afterAll(() => {
    if (!process.env.KEEP_ADD_PROVIDER_WORKSPACE) rmSync(workspace, { recursive: true, force: true });
  });

  it("copies the workspace without node_modules", () => {
    cpSync(root, workspace, { recursive: true, filter: (source) => !SKIPPED.has(basename(source)) || source === root });
    expect(existsSync(join(workspace, "specs", "redocly.yaml"))).toBe(true);
    expect(existsSync(join(workspace, "packages", "acme"))).toBe(false);
    before = snapshot(workspace);
    sh(workspace, "pnpm", ["install", "--prefer-offline", "--frozen-lockfile"]);
  });

  for (const step of STEPS) {
    it(step.name, async () => {
      await step.run(workspace);
    });
  }

  it("touched nothing but specs/, the new package, generated files of the consumers and the lockfile", () => {
    const after = snapshot(workspace);
    const changed = [...after].filter(([file, hash]) => before.get(file) !== hash).map(([file]) => file);
    const touched = changed.filter((file) => !file.startsWith("specs/acme/") && !file.startsWith("packages/acme/"));
    expect(touched.sort()).toEqual(
      [
        "bench/package.json",
        "examples/demo/package.json",
        "packages/checkoutkit/package.json",
        // The facade's generated table and re-exports, and its README's capability table, rendered by `pnpm generate`.
        "packages/checkoutkit/README.md",
        "packages/checkoutkit/src/generated/checkout.ts",
        "packages/checkoutkit/src/generated/exports.ts",
        "packages/runtime-matrix/package.json",
        "pnpm-lock.yaml",
        "specs/redocly.yaml",
      ].sort(),
    );
  });
});

/** Every file of the copy (installed and built output aside) with a hash of its content. */
function snapshot(workspace: string, dir = "", out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(join(workspace, dir), { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const file = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) snapshot(workspace, file, out);
    else out.set(file, createHash("sha256").update(readFileSync(join(workspace, file))).digest("hex"));
  }
  return out;
}
