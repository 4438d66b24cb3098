/** The spec list: specs/redocly.yaml's `apis`, each with the file it names and the folder its code goes to. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { parse } from "yaml";

/** The monorepo root: the nearest folder above `from` with a pnpm-workspace.yaml. */
export function repoRoot(from: string = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

export interface ListedSpec {
  /** The key under `apis` in specs/redocly.yaml, e.g. `paynow-storefront`. */
  name: string;
  /** Absolute path of the spec file. */
  file: string;
  /** Absolute path of the folder its generated code goes to. */
  output: string;
}

/**
 * Every spec in specs/redocly.yaml; with `packageDir`, only those generated into that package. `packageDir` is
 * also where the search for the repository root starts.
 */
export function listSpecs(packageDir?: string): ListedSpec[] {
  const root = repoRoot(packageDir);
  const specs = join(root, "specs");
  const config = parse(readFileSync(join(specs, "redocly.yaml"), "utf8")) as {
    apis?: Record<string, { root?: string; "x-checkoutkit-output"?: string }>;
  };
  const all = Object.entries(config.apis ?? {}).map(([name, api]) => {
    if (!api.root || !api["x-checkoutkit-output"]) {
      throw new Error(`specs/redocly.yaml: apis.${name} needs both root and x-checkoutkit-output`);
    }
    return { name, file: resolve(specs, api.root), output: resolve(specs, api["x-checkoutkit-output"]) };
  });
  if (!packageDir) return all;
  const prefix = resolve(packageDir) + sep;
  return all.filter((spec) => spec.output.startsWith(prefix));
}
