/** Renders a spec's `client.ts`: the operation table the runtime reads, and the typed factory around it. */
import type { OperationInfo, SpecInfo, WebhooksInfo } from "./read-spec.ts";

const doc = (lines: string[], indent = "") => {
  const body = lines.flatMap((line) => line.split("\n")).map((line) => line.replace(/\*\//g, "*\\/").trimEnd());
  while (body.length && body[body.length - 1] === "") body.pop();
  if (!body.length) return "";
  return `${indent}/**\n${body.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
};

function signature(op: OperationInfo): string {
  const type = `operations[${JSON.stringify(op.id)}]`;
  const args = op.pathParams.map((p) => `${safeName(p)}: ${type}["parameters"]["path"][${JSON.stringify(p)}]`);
  const optional = op.payloadOptional ? "?" : "";
  if (op.body) args.push(`body${optional}: NonNullable<${type}["requestBody"]>["content"]["application/json"]`);
  else if (op.hasPayload) args.push(`query${optional}: NonNullable<${type}["parameters"]["query"]>`);
  args.push(`options?: CallOptions${op.hasHeaders ? `<NonNullable<${type}["parameters"]["header"]>>` : ""}`);
  const success = `${type}["responses"][${op.status}]["content"]["application/json"]`;
  let result = op.noContent ? "void" : success;
  if (op.paginate) {
    const items = op.paginate.items!;
    if (items.includes(".")) throw new Error(`${op.name}: x-checkoutkit-paginate.items must be a top-level property`);
    result = `PagePromise<${success}, NonNullable<${success}[${JSON.stringify(items)}]>[number]>`;
    return `${op.method}(${args.join(", ")}): ${result}`;
  }
  return `${op.method}(${args.join(", ")}): Promise<${result}>`;
}

function safeName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : name.replace(/\W+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase());
}

/** ` = {}` when a factory's config can be left out: the secret falls back to an environment variable and no option is required. */
export function configDefault(spec: SpecInfo): string {
  return !spec.credential.env || spec.bind.some((b) => b.required) ? "" : " = {}";
}

export function renderClient(spec: SpecInfo, packageJson: string): string {
  const { baseName: name } = spec;
  const groups = new Map<string, OperationInfo[]>();
  for (const op of spec.operations) groups.set(op.group, [...(groups.get(op.group) ?? []), op]);
  const needsPages = spec.operations.some((op) => op.paginate);

  const credential = spec.credential;
  const secretDoc = [
    credential.description.trim(),
    credential.description.includes(credential.header) ? "" : `Sent as \`${credential.header}: ${credential.prefix}<${credential.option}>\`.`,
    credential.env ? `Read from \`process.env.${credential.env}\` when left out.` : "",
  ];
  const configFields = [
    doc(secretDoc.filter(Boolean), "  ") + `  ${credential.option}${credential.env ? "?" : ""}: string;`,
    ...spec.bind.map((b) => {
      const type = b.enum ? b.enum.map((v) => JSON.stringify(v)).join(" | ") : "string";
      return doc([b.description], "  ") + `  ${b.option}${b.required ? "" : "?"}: ${type};`;
    }),
  ];
  if (spec.servers.length > 1) {
    const list = spec.servers.map((s) => `\`${s.name}\` (${s.url})`).join(", ");
    configFields.push(
      doc([`Which server to call: ${list}. Default \`${spec.servers[0]!.name}\`; \`baseUrl\` overrides it.`], "  ") +
        `  server?: ${spec.servers.map((s) => JSON.stringify(s.name)).join(" | ")};`,
    );
  }
  const configOptional = configDefault(spec);

  const clientGroups = [...groups].map(([group, ops]) => {
    const methods = ops.map((op) => {
      const lines = [op.summary, "", `\`${op.httpMethod} ${op.path}\``, "", op.description.trim()];
      if (op.paginate) lines.push("", "Await it for one page; `for await` over it for every item of every page.");
      return doc(lines, "    ") + `    ${signature(op)};`;
    });
    return `  readonly ${group}: {\n${methods.join("\n")}\n  };`;
  });

  const definition = {
    provider: spec.provider,
    api: spec.api,
    package: "PACKAGE",
    servers: Object.fromEntries(spec.servers.map((s) => [s.name, s.url])),
    credential: { option: credential.option, header: credential.header, prefix: credential.prefix, ...(credential.env ? { env: credential.env } : {}) },
    bind: spec.bind.map(({ description: _, ...b }) => Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined))),
    errors: spec.errors,
    operations: Object.fromEntries(
      spec.operations.map((op) => [
        op.name,
        // Only what the runtime reads: every byte of this table is in every bundle.
        {
          method: op.httpMethod,
          path: op.path,
          pathParams: op.pathParams,
          payload: op.body ? "body" : op.hasPayload ? "query" : "none",
          ...(op.paginate ? { paginate: op.paginate } : {}),
        },
      ]),
    ),
  };
  const definitionSource = toSource(definition).replace(
    'package: "PACKAGE"',
    `package: { name: ${JSON.stringify(spec.package)}, version }`,
  );

  const runtimeImports = ["createClient", "type ApiError", "type BaseClientConfig", "type CallOptions", "type ClientDefinition", "type ErrorBodies"];
  if (needsPages) runtimeImports.push("type PagePromise");
  if (spec.webhooks) runtimeImports.push("verifyWebhookWith", "type VerifyWebhookOptions", "type WebhookRequest");

  return `import { ${runtimeImports.join(", ")} } from "@checkoutkit/runtime";
import { version } from ${JSON.stringify(packageJson.startsWith(".") ? packageJson : `./${packageJson}`)};
import type { components, operations, paths${spec.webhooks ? ", webhooks" : ""} } from "./schema.js";

/** Every schema of ${spec.source}, by name. */
export type ${name}Schemas = components["schemas"];
export type ${name}Paths = paths;
export type ${name}Operations = operations;
/** The JSON error bodies ${spec.title} declares; a string when the answer was not JSON (an HTML error page). */
export type ${name}ErrorBody = ErrorBodies<operations> | string;
/** An \`ApiError\` thrown by this client, with its body typed. */
export type ${name}ApiError = ApiError<${name}ErrorBody>;

export interface ${name}ClientConfig extends BaseClientConfig {
${configFields.join("\n")}
}

${doc([`A client for ${spec.title}.`])}export interface ${name}Client {
${clientGroups.join("\n")}
}

const definition: ClientDefinition = ${definitionSource};

${doc([
  `Creates a client for ${spec.title}.`,
  "",
  "Throws `ConfigurationError` when the credential or a required option is missing, or `baseUrl` is not HTTPS (loopback hosts aside).",
])}export function ${spec.factory}(config: ${name}ClientConfig${configOptional}): ${name}Client {
  return createClient(definition, config as never) as unknown as ${name}Client;
}
${spec.webhooks ? renderWebhooks(spec, spec.webhooks) : ""}`;
}

const SCHEME_DOCS: Record<WebhooksInfo["scheme"], string> = {
  paynow:
    "Checks `PayNow-Signature` (base64 HMAC-SHA256 of `<PayNow-Timestamp>.<body>`) and that `PayNow-Timestamp` (Unix ms) is within the window.",
  creem: "Checks `creem-signature` (hex HMAC-SHA256 of the body). The scheme has no timestamp: dedupe on the event's `id`.",
  svix: "Checks the Svix headers `svix-id`, `svix-timestamp` and `svix-signature` with your `whsec_` secret, and that the timestamp is within the window.",
  "standard-webhooks":
    "Checks the Standard Webhooks headers `webhook-id`, `webhook-timestamp` and `webhook-signature`, keyed with the secret exactly as shown, and that the timestamp is within the window.",
};

function renderWebhooks(spec: SpecInfo, hooks: WebhooksInfo): string {
  const definition = { provider: spec.provider, scheme: hooks.scheme, ...(hooks.type ? { type: hooks.type } : {}) };
  const narrow = hooks.type ? `; narrow it on \`${hooks.type}\`` : "";
  return `
/** Each webhook event ${spec.title} declares, by name: ${hooks.names.map((n) => `\`${n}\``).join(", ")}. */
export type ${hooks.event}Map = {
  [Name in keyof webhooks]: NonNullable<webhooks[Name]["post"]["requestBody"]>["content"]["application/json"];
};
/** Any webhook event this provider sends${narrow}. */
export type ${hooks.event} = ${hooks.event}Map[keyof ${hooks.event}Map];

${doc([
  "Verifies a webhook delivery and returns its event.",
  "",
  SCHEME_DOCS[hooks.scheme],
  "Pass the raw body exactly as received (a Fetch `Request`, or `{ body, headers }` with the body as a string or bytes):",
  "a body parsed and serialised again no longer matches its signature. Comparisons are constant-time, and any one of",
  "several signatures in the header may match.",
  "",
  "Throws `WebhookVerificationError` with a `reason`; its message never contains the secret.",
])}export function verifyWebhook(request: WebhookRequest, secret: string, options?: VerifyWebhookOptions): Promise<${hooks.event}> {
  return verifyWebhookWith<${hooks.event}>(${toSource(definition)}, request, secret, options);
}
`;
}

/** A TypeScript literal for plain data: one line where it fits, keys unquoted where they can be. */
function toSource(value: unknown, indent = ""): string {
  const flat = JSON.stringify(value, (_, v) => v);
  if (value === null || typeof value !== "object") return flat;
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  const inner = indent + "  ";
  const oneLine = Array.isArray(value)
    ? `[${value.map((v) => toSource(v)).join(", ")}]`
    : `{ ${Object.entries(value).map(([k, v]) => `${key(k)}: ${toSource(v)}`).join(", ")} }`;
  if (oneLine.length + indent.length <= 100 && !oneLine.includes("\n")) return oneLine.replace("{  }", "{}");
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + toSource(v, inner)).join(",\n")},\n${indent}]`;
  return `{\n${Object.entries(value).map(([k, v]) => `${inner}${key(k)}: ${toSource(v, inner)}`).join(",\n")},\n${indent}}`;
}
