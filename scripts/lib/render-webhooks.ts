/**
 * Renders a spec's webhook code from its `x-checkoutkit-webhooks` description (read through the spec model): the
 * event types, the `webhookDefinition` data the runtime's one verifier follows, `verifyWebhook` and
 * `createWebhookHandler` (appended to `client.ts`), and each package's test kit (`src/generated/testing.ts`).
 */
import { relative } from "node:path";
import { loadSpecFile, readWebhookModel, type SpecModel, type WebhookRules } from "@checkoutkit/spec-model";
import { doc, toSource } from "./render-client.ts";

/** What `client.ts` imports from the runtime when the spec has webhooks. */
export const webhookImports = [
  "createWebhookHandlerWith",
  "verifyWebhookWith",
  "type VerifyWebhookOptions",
  "type WebhookDefinition",
  "type WebhookHandler",
  "type WebhookHandlerOptions",
  "type WebhookRequest",
];

const code = (value: string) => `\`${value}\``;

/** One paragraph saying what the description says, for `verifyWebhook`'s doc comment. */
export function describeScheme(rules: WebhookRules): string[] {
  const { signature, timestamp, id, deliveryId } = rules;
  const digest = `${signature.encoding} HMAC-SHA256`;
  const entries = {
    versioned: `space-separated \`${signature.version},<${signature.encoding}>\` entries`,
    list: `${signature.encoding} signatures, separated by commas or spaces`,
    pairs: `comma-separated pairs, \`${timestamp?.pair ? `${timestamp.pair}=<timestamp>,` : ""}${signature.version}=<${signature.encoding}>\``,
  }[signature.syntax];
  const content = signature.signed
    .replace("{id}", `<${id?.header}>`)
    .replace("{timestamp}", timestamp?.header ? `<${timestamp.header}>` : "<timestamp>")
    .replace("{body}", "<raw body>");
  const key =
    signature.key === "base64"
      ? `the base64 decoding of the secret${signature.keyPrefix ? ` after its ${code(signature.keyPrefix)} prefix` : ""}`
      : `the secret's UTF-8 bytes, exactly as the provider shows it${signature.keyPrefix ? ` (less a leading ${code(signature.keyPrefix)})` : ""}`;
  const lines = [`Checks ${code(signature.header)} (${entries}): the ${digest} of ${code(content)}, keyed with ${key}.`];
  if (timestamp) {
    const where = timestamp.header ? code(timestamp.header) : `the ${code(`${timestamp.pair}=`)} pair`;
    const unit = timestamp.unit === "s" ? "Unix seconds" : "Unix milliseconds";
    const window = timestamp.window === "both" ? "of now, either way" : "old at most (only too-old deliveries are refused)";
    lines.push(`The timestamp (${where}, ${unit}) must be within ${timestamp.tolerance} s ${window}; \`toleranceSeconds\` changes that.`);
  } else lines.push("The scheme has no timestamp, so an old delivery replayed verifies: deduplicate.");
  lines.push(`Deduplicate on ${deliveryId.header ? `the ${code(deliveryId.header)} header` : `the body's ${code(deliveryId.body!)}`}.`);
  return lines;
}

/** The definition object the runtime follows, from the description and the events the spec declares. */
export function webhookDefinition(provider: string, file: string) {
  const model = readWebhookModel(loadSpecFile(file));
  if (!model) return undefined;
  const { event: _event, ...rules } = model.rules;
  return { model, definition: { provider, ...rules, events: Object.fromEntries(model.events.map((e) => [e.value, e.name])) } };
}

/** The webhook part of a spec's `client.ts`, or "" when it declares no webhooks. */
export function renderWebhooks(spec: { file: string; provider: string; title: string }): string {
  const found = webhookDefinition(spec.provider, spec.file);
  if (!found) return "";
  const { model, definition } = found;
  const { event: union, type } = model.rules;
  const names = model.events.map((e) => e.name);
  const renamed = model.events.filter((e) => e.value !== e.name);
  const keys = renamed.length
    ? [
        `The body does not carry the event's name: \`on\` keys are the spec's event names, matched on ${code(type)}`,
        `(${model.events.map((e) => `${JSON.stringify(e.value)} → ${code(e.name)}`).join(", ")}). An event the spec does not`,
        `declare that has one of these values reaches the same handler; give it an endpoint of its own.`,
      ]
    : [`\`on\` keys are the event names, the value of ${code(type)}: ${names.map(code).join(", ")}.`];

  return `
/** Each webhook event ${spec.title} declares, by name: ${names.map(code).join(", ")}. */
export type ${union}Map = {
  [Name in keyof webhooks]: NonNullable<webhooks[Name]["post"]["requestBody"]>["content"]["application/json"];
};
/** Any webhook event this provider sends; narrow it on ${code(type)}. */
export type ${union} = ${union}Map[keyof ${union}Map];

${doc([
  `How ${spec.title} signs its webhook deliveries: its spec's \`x-checkoutkit-webhooks\`, as the runtime's verifier, the`,
  "handler and the test kit read it. The header names tell this provider's deliveries from others'.",
])}export const webhookDefinition: WebhookDefinition = ${toSource(definition)};

${doc([
  "Verifies a webhook delivery and returns its event.",
  "",
  ...describeScheme(model.rules),
  "Pass the raw body exactly as received (a Fetch `Request`, or `{ body, headers }` with the body as a string or bytes):",
  "a body parsed and serialised again no longer matches its signature. Comparisons are constant-time, and any one of",
  "several signatures in the header may match.",
  "",
  "Throws `WebhookVerificationError` with a `reason`; its message never contains the secret.",
])}export function verifyWebhook(request: WebhookRequest, secret: string, options?: VerifyWebhookOptions): Promise<${union}> {
  return verifyWebhookWith<${union}>(webhookDefinition, request, secret, options);
}

${doc([
  "Builds your webhook endpoint: `(request: Request) => Promise<Response>`, for any Fetch-style server (Workers,",
  "Next.js, Hono, Bun, Deno), or Node's `(req, res)` through `toNodeHandler`.",
  "",
  "It verifies the delivery as `verifyWebhook` does, then awaits `on[type]` and then `onEvent`, and answers 200 when",
  "they succeed or when nothing handles the event (including event types the spec does not know yet), 400 with the",
  "`WebhookVerificationError` reason when the delivery is refused, and 500 when a handler throws or rejects, so that",
  "the provider retries. `onError` is told about refusals and handler failures. `delivery.id` is the key to",
  "deduplicate on; `delivery.timestamp` the verified signing time, where the scheme has one.",
  "",
  ...keys,
])}export function createWebhookHandler(options: WebhookHandlerOptions<${union}Map>): WebhookHandler {
  return createWebhookHandlerWith(webhookDefinition, options);
}
`;
}

const isSuccess = (status: number | "default") => typeof status === "number" && status >= 200 && status < 300;

/**
 * A package's `src/generated/testing.ts`: the spec examples and the operation table the test kit answers from, and
 * `signWebhook`, `exampleEvent` and `createMockFetch` typed for the package. Operation names are `group.method`; in a
 * package with several APIs they are qualified with the API's name (`paynow-management:checkouts.create`).
 */
export function renderTestKit(into: string, specs: SpecModel[]): string {
  const imports: string[] = [];
  const bodyTypes: string[] = [];
  const table: Record<string, unknown> = {};
  let webhooks = "";
  const runtime = new Set(["createMockFetchWith", "type MockFetch", "type MockFetchOptions", "type MockOperation"]);
  const from = (file: string) => {
    const path = relative(into, file).replace(/\.ts$/, ".js");
    return path.startsWith(".") ? path : `./${path}`;
  };

  specs.forEach((spec, index) => {
    const alias = `Operations${index}`;
    imports.push(`import type { operations as ${alias} } from ${JSON.stringify(from(`${spec.output}/schema.ts`))};`);
    for (const op of spec.operations) {
      const name = specs.length > 1 ? `${spec.name}:${op.name}` : op.name;
      const { success } = op;
      const errors = Object.fromEntries(
        op.responses.filter((r) => !isSuccess(r.status) && r.json && r.example !== undefined).map((r) => [String(r.status), r.example]),
      );
      const body = success.json && success.example !== undefined ? { body: success.example } : {};
      table[name] = { method: op.httpMethod, path: op.path, status: success.status, ...body, errors };
      const type = success.json ? `${alias}[${JSON.stringify(op.id)}]["responses"][${success.status}]["content"][${JSON.stringify(success.mediaType)}]` : "undefined";
      bodyTypes.push(`  ${JSON.stringify(name)}: ${type};`);
    }

    const found = webhookDefinition(spec.client.provider, spec.file);
    if (!found) return;
    if (webhooks) throw new Error(`${spec.source}: a package's test kit signs the webhooks of one spec only`);
    const union = found.model.rules.event;
    const examples = Object.fromEntries(found.model.events.map((e) => [e.name, e.example]));
    imports.push(`import { webhookDefinition, type ${union}, type ${union}Map } from ${JSON.stringify(from(`${spec.output}/client.ts`))};`);
    imports.push(`import type { UnknownWebhookEvent } from "@checkoutkit/runtime";`);
    for (const name of ["exampleEventWith", "signWebhookWith", "type DeepPartial", "type SignWebhookOptions"]) runtime.add(name);
    webhooks = `
/** The example of every webhook event the spec declares, by name. */
const examples: Record<string, unknown> = ${toSource(examples)};

${doc([
  "Signs `event` (serialised as JSON, or a raw string body) with `secret` exactly as the provider does, and returns the",
  "`Request` it would deliver: what your webhook route, `verifyWebhook` and `createWebhookHandler` receive.",
  "`options.id` sets the delivery id, `options.timestamp` (a Date, or Unix seconds or ms) the signing time, `options.url` the URL.",
])}export function signWebhook(event: ${union} | UnknownWebhookEvent | string, secret: string, options?: SignWebhookOptions): Request {
  return signWebhookWith(webhookDefinition, event, secret, options);
}

${doc(["The spec's example of the `type` event, with `overrides` deep-merged into a copy of it."])}export function exampleEvent<Type extends keyof ${union}Map>(type: Type, overrides?: DeepPartial<${union}Map[Type]>): ${union}Map[Type] {
  return exampleEventWith<${union}Map[Type]>(examples, type, overrides);
}
`;
  });

  return `import { ${[...runtime].join(", ")} } from "@checkoutkit/runtime/testing";
${imports.join("\n")}

/** The success body of every operation, by name: what \`createMockFetch\`'s \`responses\` may give instead. */
export type MockResponses = {
${bodyTypes.join("\n")}
};

/** Every operation with its success and error examples, by name. */
const operations: Record<string, MockOperation> = ${toSource(table)};

${doc([
  "A `fetch` answering every operation of the API from the spec's examples, for testing code that calls the client",
  "with no server: pass it as the client's `fetch`. `responses` replaces (or deep-merges into) an operation's success",
  "example; `errors` makes an operation answer an error status (404, 422, …) with the spec's example for it. The",
  "calls it answered are on `.calls`.",
])}export function createMockFetch(options?: MockFetchOptions<MockResponses>): MockFetch {
  return createMockFetchWith<MockResponses>(operations, options);
}
${webhooks}`;
}
