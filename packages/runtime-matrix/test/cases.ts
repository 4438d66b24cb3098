/**
 * Works out, from each spec's model alone, how to create a checkout through its client: the package and
 * factory, the create-checkout operation, the credential option, and arguments, headers and the expected answer
 * from the spec's examples.
 */
import { createCheckoutOperation, exampleConfig, loadModels, type SpecModel } from "@checkoutkit/spec-model";
import type { SmokeCase } from "../src/smoke.js";

/** The mocks accept any credential; this one is obviously fake. */
const FAKE_SECRET = "runtime_matrix_fake_secret";

export interface PlannedCase extends SmokeCase {
  /** What the mock answers the create call with: the spec's success example. */
  expected: unknown;
  /** The environment variable the factory falls back to for its credential, kept out of the runtimes' environment. */
  credentialEnv: string | undefined;
}

export function plannedCases(baseUrls: Record<string, string>): PlannedCase[] {
  return loadModels().map((model) => planCase(model, baseUrls[model.name] ?? missing(`no mock for spec ${model.name}`)));
}

function planCase(model: SpecModel, baseUrl: string): PlannedCase {
  const operation = createCheckoutOperation(model);
  const errorStatus = operation.errors.find((e) => e.status < 500)?.status;
  if (errorStatus === undefined) throw new Error(`${model.source} ${operation.path}: needs a 4xx response`);
  return {
    spec: model.name,
    package: model.client.package,
    factory: model.client.factory,
    method: operation.name,
    config: exampleConfig(model, baseUrl, FAKE_SECRET),
    credentialOption: model.credential.option,
    credentialEnv: model.credential.env,
    args: [...operation.pathParams.map((name) => operation.pathExample[name]), structuredClone(operation.requestExample)],
    headers: operation.headerExample,
    errorStatus,
    expected: operation.success.example,
  };
}

function missing(why: string): never {
  throw new Error(why);
}
