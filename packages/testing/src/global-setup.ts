import type { TestProject } from "vitest/node";
import "./provided.js";
import { startPrism, type MockServer } from "./prism.js";
import { listSpecs, type ListedSpec } from "./specs.js";

/** Vitest global setup: one Prism mock per spec of the package under test, for the whole run. */
export default async function setup(project: TestProject) {
  const specs = listSpecs(project.config.root);
  if (!specs.length) throw new Error(`no spec in specs/redocly.yaml is generated into ${project.config.root}`);
  return provideMocks(project, specs);
}

/** Starts a Prism mock for each of `specs`, hands their URLs to the tests as `inject("prism")`, and returns the teardown. */
export async function provideMocks(project: TestProject, specs: ListedSpec[]): Promise<() => Promise<void>> {
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
