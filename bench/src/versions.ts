import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { benchDir } from "./cases.js";

const require = createRequire(join(benchDir, "package.json"));

/** The version of a tool the bench itself runs (esbuild, typescript). */
export function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
}
