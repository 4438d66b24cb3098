/**
 * Install footprint: what `npm install` puts in a fresh project's node_modules for one client package. Ours are
 * packed from this repository (runtime and provider package) the way they would be published.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, lstatSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchDir, type MeasuredPackage } from "./cases.js";

export interface InstallResult {
  name: string;
  version: string;
  packages: number;
  bytes: number;
}

const quiet = { stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"], encoding: "utf8" as const };

/** Packs a workspace package with pnpm (which turns `workspace:` ranges into versions) and returns the tarball. */
function pack(packageDir: string, into: string): string {
  const before = new Set(readdirSync(into));
  execFileSync("pnpm", ["pack", "--pack-destination", into], { ...quiet, cwd: packageDir });
  const tarball = readdirSync(into).find((file) => file.endsWith(".tgz") && !before.has(file));
  if (!tarball) throw new Error(`pnpm pack in ${packageDir} made no tarball`);
  return join(into, tarball);
}

function workspaceDir(name: string): string {
  const dir = join(benchDir, "..", "packages", name.replace("@checkoutkit/", ""));
  if (!existsSync(join(dir, "package.json"))) throw new Error(`no workspace package for ${name}`);
  return dir;
}

/** Every installed package (one with a package.json directly under a node_modules folder) and every byte. */
function footprint(nodeModules: string): { packages: number; bytes: number } {
  let packages = 0;
  let bytes = 0;
  const walk = (dir: string, depthInNodeModules: number | undefined) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (entry.name === "node_modules") walk(path, 0);
        else if (depthInNodeModules === 0 && entry.name.startsWith("@")) walk(path, -1);
        else {
          if ((depthInNodeModules === 0 || depthInNodeModules === -1) && existsSync(join(path, "package.json"))) packages++;
          walk(path, undefined);
        }
      } else bytes += lstatSync(path).size;
    }
  };
  walk(nodeModules, 0);
  return { packages, bytes };
}

export function measureInstalls(packages: MeasuredPackage[], log: (line: string) => void): InstallResult[] {
  const work = mkdtempSync(join(tmpdir(), "checkoutkit-bench-install-"));
  try {
    const tarballs = join(work, "tarballs");
    mkdirSync(tarballs);
    const runtime = packages.some((p) => p.local) ? pack(workspaceDir("@checkoutkit/runtime"), tarballs) : undefined;
    return packages.map((pkg, index) => {
      const project = join(work, `project-${index}`);
      mkdirSync(project);
      writeFileSync(join(project, "package.json"), JSON.stringify({ name: "footprint", private: true, type: "module" }));
      const specs = pkg.local ? [runtime!, pack(workspaceDir(pkg.name), tarballs)] : [`${pkg.name}@${pkg.version}`];
      // Scripts are skipped: a postinstall here would only phone home (one SDK's dependency sends analytics).
      execFileSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", ...specs], {
        ...quiet,
        cwd: project,
      });
      const size = footprint(join(project, "node_modules"));
      log(`  ${pkg.name}@${pkg.version}: ${size.packages} packages, ${size.bytes} bytes`);
      return { name: pkg.name, version: pkg.version, ...size };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
