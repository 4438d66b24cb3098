import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from "vitest";
import { bundleSmoke, type Host } from "./bundle.js";
import { plannedCases, type PlannedCase } from "./cases.js";
import { writeMatrix, type MatrixRow } from "./matrix.js";
import { runtimes } from "./runtimes.js";

const cases: PlannedCase[] = plannedCases(inject("prism"));
const packageNames = [...new Set(cases.map((c) => c.package))];
const artifacts = fileURLToPath(new URL("../test-artifacts/", import.meta.url));
const programs = {} as Record<Host, string>;
const rows: MatrixRow[] = [];

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  for (const host of ["cli", "worker", "browser"] as const) {
    programs[host] = `${artifacts}smoke-${host}.mjs`;
    await bundleSmoke(host, packageNames, programs[host]);
  }
});

afterAll(async () => {
  // Only a full run may rewrite the README's table; a filtered run (`-t Bun`) leaves it as it is.
  if (rows.length === runtimes.length) await writeMatrix(rows);
});

it("covers every provider package of the workspace", () => {
  const { dependencies } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
  // A new provider must be added to this package's dependencies, so that Node, Bun and Deno can resolve it.
  expect(Object.keys(dependencies).sort()).toEqual(expect.arrayContaining(packageNames.sort()));
});

describe.each(runtimes)("$name", (runtime) => {
  it("imports every provider package, creates a checkout through each factory, throws typed errors, and serves webhooks", async () => {
    const version = await runtime.version();
    onTestFinished(({ task }) => {
      rows.push({ runtime: runtime.name, version, passed: task.result?.state === "pass" });
    });
    const results = await runtime.run(programs[runtime.host], cases);
    expect(results.map((r) => r.spec)).toEqual(cases.map((c) => c.spec));
    for (const [index, result] of results.entries()) {
      const { spec, expected, errorStatus, factory, method } = cases[index]!;
      expect.soft(result.created, `${spec}: ${factory} create`).toEqual({ ok: true, checkout: expected });
      expect.soft(result.rejected, `${spec}: a ${errorStatus} answer`).toMatchObject({
        name: "ApiError",
        status: errorStatus,
        operation: method,
        isApiError: true,
        isCheckoutKitError: true,
      });
      // Every provider package has webhooks: its handler, fed deliveries its own test kit signed.
      expect.soft(result.webhooks, `${spec}: createWebhookHandler`).toEqual({
        event: expect.any(String),
        statuses: { valid: 200, tampered: 400, failing: 500, unknown: 200 },
        handled: 1,
        unknownHandled: 0,
      });
      expect.soft(result.unconfigured, `${spec}: ${factory} without a credential`).toMatchObject({
        name: "ConfigurationError",
        isConfigurationError: true,
      });
    }
  });
});
