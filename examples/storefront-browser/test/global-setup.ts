import { fileURLToPath } from "node:url";
import { freePort, listSpecs, startPrism, type MockServer } from "@checkoutkit/testing";
import { build, preview, type PreviewServer } from "vite";
import type { TestProject } from "vitest/node";
import { requireChromium } from "@checkoutkit/testing/chromium";
import "./provided.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Global setup: the PayNow Storefront mock, and the page built by Vite and served the way it would be deployed. */
export default async function setup(project: TestProject) {
  requireChromium();
  const spec = listSpecs().find((s) => s.name === "paynow-storefront");
  if (!spec) throw new Error("no paynow-storefront spec in specs/redocly.yaml");

  let mock: MockServer | undefined;
  let server: PreviewServer | undefined;
  const stop = async () => {
    await server?.close();
    await mock?.stop();
  };
  try {
    mock = await startPrism(spec.file);
    await build({ root, logLevel: "warn" });
    server = await preview({ root, logLevel: "warn", preview: { host: "127.0.0.1", port: await freePort(), strictPort: true } });
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide("mockUrl", mock.url);
  project.provide("pageUrl", server.resolvedUrls!.local[0]!);
  // Taken now and left closed: the page's "cannot reach PayNow" case.
  project.provide("closedUrl", `http://127.0.0.1:${await freePort()}`);
  return stop;
}
