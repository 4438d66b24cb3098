/**
 * Builds the smoke program for each kind of host with esbuild. The provider packages come in through a
 * virtual module listing them, resolved from this package's node_modules (workspace links to their dist/).
 */
import { bundleModule, bundleWorker } from "@checkoutkit/testing/workerd";
import type { Plugin } from "esbuild";
import { fileURLToPath } from "node:url";

const packageRoot = fileURLToPath(new URL("..", import.meta.url));
const VIRTUAL = "virtual:provider-packages";

export type Host = "cli" | "worker" | "browser";

/**
 * `cli` leaves the provider packages as bare imports, so Node, Bun and Deno each resolve them through the
 * packages' own `exports`, as an app would. `worker` and `browser` bundle them, as a Workers or front-end
 * build would, with those platforms' export conditions.
 */
export async function bundleSmoke(host: Host, packageNames: string[], outfile: string): Promise<void> {
  const entry = fileURLToPath(new URL(`../src/hosts/${host}.ts`, import.meta.url));
  const plugins = [providerPackages(packageNames)];
  if (host === "worker") return bundleWorker(entry, outfile, plugins);
  const platform = host === "cli" ? { platform: "neutral" as const, packages: "external" as const } : { platform: "browser" as const, conditions: ["browser"] };
  return bundleModule(entry, outfile, { ...platform, plugins });
}

function providerPackages(names: string[]): Plugin {
  return {
    name: "provider-packages",
    setup(build) {
      build.onResolve({ filter: /^virtual:provider-packages$/ }, () => ({ path: VIRTUAL, namespace: "provider-packages" }));
      build.onLoad({ filter: /.*/, namespace: "provider-packages" }, () => ({
        resolveDir: packageRoot,
        loader: "js",
        contents: [
          ...names.map((name, index) => `import * as package${index} from ${JSON.stringify(name)};`),
          ...names.map((name, index) => `import * as kit${index} from ${JSON.stringify(`${name}/testing`)};`),
          `export const packages = { ${names.map((name, index) => `${JSON.stringify(name)}: package${index}`).join(", ")} };`,
          `export const kits = { ${names.map((name, index) => `${JSON.stringify(name)}: kit${index}`).join(", ")} };`,
        ].join("\n"),
      }));
    },
  };
}
