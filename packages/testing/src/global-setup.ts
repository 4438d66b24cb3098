import type { TestProject } from "vitest/node";
import "./provided.js";
import { startPrism, type MockServer } from "./prism.js";
import { listSpecs, repoRoot, type ListedSpec } from "./specs.js";

/**
 * A vitest global setup that starts one Prism mock per spec for the whole run: the specs generated into the
 * package under test or, with `every`, every spec (for packages with none of their own: the facade, the matrix).
 */
export function prismGlobalSetup(scope: "package" | "every" = "package") {
  return async function setup(project: TestProject) {
    const { root } = project.config;
    const specs = scope === "every" ? listSpecs(repoRoot(root)) : listSpecs(root);
    if (!specs.length) throw new Error(`no spec in specs/redocly.yaml is generated into ${root}`);
    return provideMocks(project, specs);
  };
}

export default prismGlobalSetup();

/** Starts a Prism mock for each of `specs`, hands their URLs to the tests as `inject("prism")`, and returns the teardown. */
async function provideMocks(project: TestProject, specs: ListedSpec[]): Promise<() => Promise<void>> {
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
