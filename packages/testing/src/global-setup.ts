import type { TestProject } from "vitest/node";
import "./provided.js";
import { startPrism, type MockServer } from "./prism.js";
import { listSpecs, repoRoot, type ListedSpec } from "./specs.js";

/**
 * A vitest global setup that starts one Prism mock per spec for the whole run: the specs generated into the
 * package under test or, with `every`, every spec (for the facade, which has none of its own).
 */
export function prismGlobalSetup(scope: "package" | "every" = "package") {
  return async function setup(project: TestProject) {
    const { root } = project.config;
    const specs = scope === "every" ? listSpecs(repoRoot(root)) : listSpecs(root);
    if (!specs.length) throw new Error(`no spec in specs/redocly.yaml is generated into ${root}`);
    return startAll(project, specs);
  };
}

export default prismGlobalSetup();

async function startAll(project: TestProject, specs: ListedSpec[]) {
  const servers: MockServer[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const spec of specs) {
      const server = await startPrism(spec.file);
      servers.push(server);
      urls[spec.name] = server.url;
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    throw error;
  }
  project.provide("prism", urls);
  return async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
}
