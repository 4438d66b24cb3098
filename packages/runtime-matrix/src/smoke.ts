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

/** The package's `createWebhookHandler` fed deliveries its `./testing` kit signed (null: the package has none). */
export interface WebhookSmoke {
  event: string;
  /** Answers to a valid delivery, a tampered one, one whose handler throws, and an event type nobody declared. */
  statuses: { valid: number; tampered: number; failing: number; unknown: number };
  /** How often the event's handler ran to its end for the valid delivery (it is awaited: 1), and for the unknown one (0). */
  handled: number;
  unknownHandled: number;
}

export interface SmokeResult {
  spec: string;
  webhooks: WebhookSmoke | null;
  created: { ok: true; checkout: unknown } | { ok: false; error: ThrownError };
  /** What the call answered with `errorStatus` threw; null if it resolved. */
  rejected: ThrownError | null;
  /** What the factory threw without a credential; null if it did not throw. */
  unconfigured: ThrownError | null;
}

type ProviderModule = Record<string, unknown>;
type Method = (...args: unknown[]) => Promise<unknown>;

export async function runSmoke(cases: SmokeCase[], packages: Record<string, ProviderModule>, kits: Record<string, ProviderModule> = {}): Promise<SmokeResult[]> {
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
    const webhooks = await runWebhookSmoke(module, kits[smokeCase.package]);
    results.push({ spec: smokeCase.spec, webhooks, created, rejected, unconfigured });
  }
  return results;
}

type Handler = (request: Request) => Promise<Response>;
interface Definition {
  type: string;
  events: Record<string, string>;
  signature: { key: string; keyPrefix?: string };
}

async function runWebhookSmoke(module: ProviderModule, kit: ProviderModule | undefined): Promise<WebhookSmoke | null> {
  const definition = module.webhookDefinition as Definition | undefined;
  const createWebhookHandler = module.createWebhookHandler as ((options: object) => Handler) | undefined;
  if (!definition || !createWebhookHandler || !kit) return null;
  const signWebhook = kit.signWebhook as (event: unknown, secret: string) => Request;
  const exampleEvent = kit.exampleEvent as (type: string) => Record<string, unknown>;
  const { key, keyPrefix = "" } = definition.signature;
  const secret = keyPrefix + (key === "base64" ? btoa("runtime-matrix-webhook-secret-32") : "runtime_matrix_webhook_secret");
  const event = Object.values(definition.events)[0]!;
  let handled = 0;
  const handler = createWebhookHandler({
    secret,
    on: Object.fromEntries(
      Object.values(definition.events).map((name) => [name, async () => void (await new Promise((resolve) => setTimeout(resolve, 10)), handled++)]),
    ),
  });
  const valid = (await handler(signWebhook(exampleEvent(event), secret))).status;
  const handledValid = handled;
  const signed = signWebhook(exampleEvent(event), secret);
  const tampered = (await handler(new Request(signed.url, { method: "POST", headers: signed.headers, body: (await signed.text()) + " " }))).status;
  const failing = createWebhookHandler({ secret, onEvent: () => Promise.reject(new Error("handler failed")) });
  const failed = (await failing(signWebhook(exampleEvent(event), secret))).status;
  const unknownEvent = exampleEvent(event);
  const path = definition.type.split(".");
  let node = unknownEvent;
  for (const field of path.slice(0, -1)) node = node[field] as Record<string, unknown>;
  node[path[path.length - 1]!] = "runtime_matrix.unknown_event";
  handled = 0;
  const unknown = (await handler(signWebhook(unknownEvent, secret))).status;
  return { event, statuses: { valid, tampered, failing: failed, unknown }, handled: handledValid, unknownHandled: handled };
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
