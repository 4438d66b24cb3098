import type { TestProject } from "vitest/node";
import "./provided.js";
import { startPrism, type MockServer } from "./prism.js";
import { listSpecs } from "./specs.js";

/** Vitest global setup: one Prism mock per spec of the package under test, for the whole run. */
export default async function setup(project: TestProject) {
  const specs = listSpecs(project.config.root);
  if (!specs.length) throw new Error(`no spec in specs/redocly.yaml is generated into ${project.config.root}`);
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
