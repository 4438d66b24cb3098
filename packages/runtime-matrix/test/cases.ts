/**
 * Works out, from each spec alone, how to create a checkout through its client: the package and factory from
 * `x-checkoutkit-client`, the method from `x-checkoutkit-method`, the credential option from the security
 * scheme, and arguments, headers and the expected answer from the spec's examples.
 */
import { deref, errorStatuses, listSpecs, loadSpec, requestExample, responseExample, type Node } from "@checkoutkit/testing";
import type { SmokeCase } from "../src/smoke.js";

/** The operation each provider is smoke-tested with: creating a checkout (session). */
const CHECKOUT_CREATE = /^checkout(s|Sessions)\.create$/;
/** The mocks accept any credential; this one is obviously fake. */
const FAKE_SECRET = "runtime_matrix_fake_secret";
/** For a bound option the spec gives no example of (a header Prism does not check). */
const FALLBACK_BOUND_VALUE = "runtime-matrix";

export interface PlannedCase extends SmokeCase {
  /** What the mock answers the create call with: the spec's success example. */
  expected: unknown;
  /** The environment variable the factory falls back to for its credential, kept out of the runtimes' environment. */
  credentialEnv: string | undefined;
}

export function plannedCases(baseUrls: Record<string, string>): PlannedCase[] {
  return listSpecs().map(({ name }) => planCase(name, baseUrls[name] ?? missing(`no mock for spec ${name}`)));
}

function planCase(spec: string, baseUrl: string): PlannedCase {
  const doc = loadSpec(spec);
  const client = doc["x-checkoutkit-client"] as { package: string; factory: string; bind?: Node[] };
  const found = Object.entries(doc.paths as Node)
    .flatMap(([path, item]) => ["post", "put"].map((method) => ({ path, method, op: (item as Node)[method] as Node | undefined })))
    .find(({ op }) => op && CHECKOUT_CREATE.test(op["x-checkoutkit-method"]));
  if (!found) throw new Error(`${spec}: no operation whose x-checkoutkit-method matches ${CHECKOUT_CREATE}`);
  const { path, method, op } = found as { path: string; method: string; op: Node };
  const params = ((op.parameters ?? []) as Node[]).map((p) => deref(doc, p));
  const example = (where: string, name: string) =>
    params.find((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase())?.example as string | undefined;

  const schemeName = Object.keys(((op.security ?? doc.security) as Node[])[0]!)[0]!;
  const credential = deref(doc, doc.components.securitySchemes[schemeName])["x-checkoutkit-credential"] as { option: string; env?: string };
  const config: Record<string, string> = { [credential.option]: FAKE_SECRET, baseUrl };
  const boundPaths = new Set<string>();
  for (const bind of client.bind ?? []) {
    const value = (bind.path && example("path", bind.path)) ?? (bind.header && example("header", bind.header)) ?? bind.default ?? bind.enum?.[0];
    config[bind.option] = value ?? FALLBACK_BOUND_VALUE;
    if (bind.path) boundPaths.add(bind.path);
  }

  const pathArgs = [...path.matchAll(/\{([^}]+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !boundPaths.has(name))
    .map((name) => example("path", name) ?? missing(`${spec} ${path}: path parameter ${name} needs an example`));
  const headers = Object.fromEntries(params.filter((p) => p.in === "header" && p.example !== undefined).map((p) => [p.name, String(p.example)]));
  const [successStatus] = Object.keys(op.responses as Node).filter((code) => /^2\d\d$/.test(code));
  const [errorStatus] = errorStatuses(spec, method, path).filter((status) => status < 500);
  if (!successStatus || errorStatus === undefined) throw new Error(`${spec} ${path}: needs a 2xx and a 4xx response`);

  return {
    spec,
    package: client.package,
    factory: client.factory,
    method: op["x-checkoutkit-method"],
    config,
    credentialOption: credential.option,
    credentialEnv: credential.env,
    args: [...pathArgs, requestExample(spec, method, path)],
    headers,
    errorStatus,
    expected: responseExample(spec, method, path, Number(successStatus)),
  };
}

function missing(why: string): never {
  throw new Error(why);
}
