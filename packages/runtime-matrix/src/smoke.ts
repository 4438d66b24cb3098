/**
 * The smoke program every runtime runs: import each provider package, create a checkout through each client
 * factory, then provoke one declared error and look at what was thrown. Only web-platform APIs, so the same
 * code runs in Node, Bun, Deno, workerd and a browser page.
 *
 * Per case: a create call with the spec's example, one with an error status the operation declares, and the
 * factory without its credential (nor the environment variable it falls back to).
 */

/** One factory to exercise, worked out from its spec by the test (see test/cases.ts). */
export interface SmokeCase {
  spec: string;
  package: string;
  factory: string;
  /** `group.method`, e.g. `checkouts.create`. */
  method: string;
  /** The factory's config: the credential, bound options and the mock's `baseUrl`. */
  config: Record<string, string>;
  /** The config option holding the credential. */
  credentialOption: string;
  /** Path parameters then the body, as the method takes them. */
  args: unknown[];
  headers: Record<string, string>;
  /** A status the operation declares; the mock answers with it when asked through `Prefer: code=`. */
  errorStatus: number;
}

export interface ThrownError {
  name: string;
  message: string;
  status?: unknown;
  provider?: unknown;
  operation?: unknown;
  /** `instanceof` against the classes the same package exports: false when a bundle duplicated them. */
  isApiError: boolean;
  isCheckoutKitError: boolean;
  isConfigurationError: boolean;
}

export interface SmokeResult {
  spec: string;
  created: { ok: true; checkout: unknown } | { ok: false; error: ThrownError };
  /** What the call answered with `errorStatus` threw; null if it resolved. */
  rejected: ThrownError | null;
  /** What the factory threw without a credential; null if it did not throw. */
  unconfigured: ThrownError | null;
}

type ProviderModule = Record<string, unknown>;
type Method = (...args: unknown[]) => Promise<unknown>;

export async function runSmoke(cases: SmokeCase[], packages: Record<string, ProviderModule>): Promise<SmokeResult[]> {
  const results: SmokeResult[] = [];
  for (const smokeCase of cases) {
    const module = packages[smokeCase.package];
    if (!module) throw new Error(`${smokeCase.package} was not bundled into the smoke program`);
    const factory = module[smokeCase.factory] as ((config: Record<string, string>) => Record<string, Record<string, Method>>) | undefined;
    if (typeof factory !== "function") throw new Error(`${smokeCase.package} exports no function ${smokeCase.factory}`);
    const [group, name] = smokeCase.method.split(".") as [string, string];
    const call = (headers: Record<string, string>) => {
      const client = factory(smokeCase.config);
      return client[group]![name]!(...smokeCase.args, { headers });
    };

    let created: SmokeResult["created"];
    try {
      created = { ok: true, checkout: await call(smokeCase.headers) };
    } catch (error) {
      created = { ok: false, error: describe(error, module) };
    }
    let rejected: ThrownError | null = null;
    try {
      await call({ ...smokeCase.headers, Prefer: `code=${smokeCase.errorStatus}` });
    } catch (error) {
      rejected = describe(error, module);
    }
    let unconfigured: ThrownError | null = null;
    try {
      factory({ ...smokeCase.config, [smokeCase.credentialOption]: "" });
    } catch (error) {
      unconfigured = describe(error, module);
    }
    results.push({ spec: smokeCase.spec, created, rejected, unconfigured });
  }
  return results;
}

function describe(error: unknown, module: ProviderModule): ThrownError {
  const isInstance = (name: string) => typeof module[name] === "function" && error instanceof (module[name] as new () => unknown);
  if (!(error instanceof Error)) return { name: typeof error, message: String(error), isApiError: false, isCheckoutKitError: false, isConfigurationError: false };
  const fields = error as Error & { status?: unknown; provider?: unknown; operation?: unknown };
  return {
    name: error.name,
    message: error.message,
    status: fields.status,
    provider: fields.provider,
    operation: fields.operation,
    isApiError: isInstance("ApiError"),
    isCheckoutKitError: isInstance("CheckoutKitError"),
    isConfigurationError: isInstance("ConfigurationError"),
  };
}
