/**
 * The workspace packages that use every provider package (import them, bundle them, re-export them). The
 * generator keeps their provider dependencies in step with the spec list, so a new provider needs no hand edit
 * here; `pnpm generate --check` fails when one is missing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Consumer {
  /** The package folder, relative to the repository root. */
  dir: string;
  /** The dependency specifier it uses for workspace packages. */
  specifier: "workspace:*" | "workspace:^";
}

export const CONSUMERS: Consumer[] = [
  // The facade: re-exports every provider package and creates checkouts through any of them (published: `^`).
  { dir: "packages/checkoutkit", specifier: "workspace:^" },
  // The runtime smoke test: bundles and imports every provider package under each runtime.
  { dir: "packages/runtime-matrix", specifier: "workspace:*" },
  // The demo: a checkout through every client against the mocks.
  { dir: "examples/demo", specifier: "workspace:*" },
  // The benchmarks: every provider's create call.
  { dir: "bench", specifier: "workspace:*" },
];

/**
 * The consumer's package.json with every provider package in `dependencies` (added in name order), or
 * undefined when it has them all already (the file is then left exactly as it is).
 */
export function withProviderDependencies(root: string, consumer: Consumer, packages: string[]): { file: string; content: string } | undefined {
  const file = join(root, consumer.dir, "package.json");
  if (!existsSync(file)) return undefined;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { name: string; dependencies?: Record<string, string> };
  const missing = packages.filter((name) => name !== manifest.name && !manifest.dependencies?.[name]);
  if (!missing.length) return undefined;
  const dependencies = { ...manifest.dependencies };
  for (const name of missing) dependencies[name] = consumer.specifier;
  manifest.dependencies = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)));
  return { file, content: `${JSON.stringify(manifest, null, 2)}\n` };
}
