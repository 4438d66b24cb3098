/**
 * The spec → package generator. It reads every spec in specs/redocly.yaml through the spec model
 * (@checkoutkit/spec-model, which refuses what cannot be generated, naming file and JSON pointer) and writes:
 *
 *   per spec      <x-checkoutkit-output>/schema.ts (openapi-typescript types) and client.ts (operation table, factory)
 *   per package   src/index.ts (the package's entry) and test/contract.test.ts (the contract sweep against Prism)
 *   consumers     the provider dependencies of the packages that use every provider (lib/consumers.ts)
 *
 * and, when a spec names a package that has no folder yet, its scaffold (lib/scaffold.ts), written once.
 *
 *   pnpm generate           write what is stale
 *   pnpm generate --check   write nothing; exit 1 naming every stale file
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { loadModels, type SpecModel } from "@checkoutkit/spec-model";
import { CONSUMERS, withProviderDependencies } from "./lib/consumers.ts";
import { renderClient } from "./lib/render-client.ts";
import { HEADER, renderContractTest, renderIndex } from "./lib/render-package.ts";
import { renderTestKit } from "./lib/render-webhooks.ts";
import { renderRaw, renderRawEntry } from "./lib/render-raw.ts";
import { scaffoldPackage } from "./lib/scaffold.ts";
import { renderFacade } from "./lib/render-checkout.ts";

export { HEADER };

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function renderSchema(spec: SpecModel): Promise<string> {
  const ast = await openapiTS(pathToFileURL(spec.file), { alphabetize: false, excludeDeprecated: false, defaultNonNullable: false });
  return HEADER(spec.source) + astToString(ast);
}

async function main() {
  const check = process.argv.includes("--check");
  const specs = loadModels(root);
  const expected = new Map<string, string>();
  const outputs = new Set<string>();
  const byPackage = new Map<string, { dir: string; specs: SpecModel[] }>();

  for (const spec of specs) {
    const dir = spec.packageDir!;
    const entry = byPackage.get(spec.client.package) ?? { dir, specs: [] };
    if (entry.dir !== dir) throw new Error(`${spec.source}: ${spec.client.package} is generated into two package folders`);
    entry.specs.push(spec);
    byPackage.set(spec.client.package, entry);
    outputs.add(spec.output!);
    expected.set(join(spec.output!, "schema.ts"), await renderSchema(spec));
    expected.set(join(spec.output!, "client.ts"), HEADER(spec.source) + renderClient(spec, relative(spec.output!, join(dir, "package.json"))));
    expected.set(join(spec.output!, "raw.ts"), HEADER(spec.source) + renderRaw(spec));
  }
  // The scaffold first, so that a new package's generated files land in a complete folder.
  const scaffolded = check ? [] : [...byPackage].flatMap(([name, { dir, specs: own }]) => scaffoldPackage(dir, name, own, root));
  for (const { dir, specs: own } of byPackage.values()) {
    expected.set(join(dir, "src", "index.ts"), renderIndex(dir, own));
    expected.set(join(dir, "test", "contract.test.ts"), renderContractTest(own));
    // The package's test kit (its `./testing` entry): one file from all of the package's specs.
    const into = join(dir, "src", "generated");
    const kit = own.map((s) => ({ api: s.name, file: s.file, output: s.output!, provider: s.client.provider }));
    expected.set(join(into, "testing.ts"), HEADER(own.map((s) => s.source).join(", ")) + renderTestKit(into, kit));
  }
  for (const consumer of CONSUMERS) {
    const updated = withProviderDependencies(root, consumer, [...byPackage.keys()]);
    if (updated) expected.set(updated.file, updated.content);
  }

  // The facade's generated files and README table, from every spec's x-checkoutkit-checkout.
  for (const [file, content] of renderFacade(root)) {
    expected.set(file, content);
    if (file.endsWith(".ts")) outputs.add(dirname(file));
  }
  // Each package's `./raw` entry point, re-exporting its APIs' raw.ts.
  for (const { dir, specs: packageSpecs } of byPackage.values()) expected.set(join(dir, "src", "raw.ts"), renderRawEntry(dir, packageSpecs));

  const stale: string[] = [];
  for (const [file, content] of expected) {
    const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (current === content) continue;
    stale.push(relative(root, file));
    if (!check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  // Files in an output folder that no spec produces any more (a renamed module, a hand-added file).
  for (const output of outputs) {
    if (!existsSync(output)) continue;
    for (const name of readdirSync(output, { withFileTypes: true })) {
      const file = join(output, name.name);
      if (name.isFile() && !expected.has(file)) {
        stale.push(`${relative(root, file)} (not generated by any spec)`);
        if (!check) rmSync(file);
      }
    }
  }

  if (check) {
    if (stale.length) {
      console.error(`Generated code is stale; run \`pnpm generate\` and commit:\n${stale.map((f) => `  ${f}`).join("\n")}`);
      process.exit(1);
    }
    console.log(`Generated code is up to date (${expected.size} files from ${specs.length} specs).`);
    return;
  }

  for (const file of scaffolded) console.log(`scaffolded ${relative(root, file)}`);
  for (const file of stale) console.log(`wrote ${file}`);
  console.log(`${expected.size} generated files from ${specs.length} specs; ${stale.length} changed.`);
  if (stale.some((file) => file.endsWith("package.json"))) console.log("A package.json changed: run `pnpm install`.");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
