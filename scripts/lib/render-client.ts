/** Renders a spec's `client.ts`: the operation table the runtime reads, and the typed factory around it. */
import { paginationKind, type OperationModel, type SpecModel } from "@checkoutkit/spec-model";
import { renderWebhooks, webhookImports } from "./render-webhooks.ts";

export const doc = (lines: string[], indent = "") => {
  const body = lines.flatMap((line) => line.split("\n")).map((line) => line.replace(/\*\//g, "*\\/").trimEnd());
  while (body.length && body[body.length - 1] === "") body.pop();
  if (!body.length) return "";
  return `${indent}/**\n${body.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
};

function signature(op: OperationModel): string {
  const type = `operations[${JSON.stringify(op.id)}]`;
  const args = op.pathParams.map((p) => `${safeName(p)}: ${type}["parameters"]["path"][${JSON.stringify(p)}]`);
  const optional = op.payloadOptional ? "?" : "";
  if (op.payload === "body") args.push(`body${optional}: NonNullable<${type}["requestBody"]>["content"][${JSON.stringify(op.mediaType)}]`);
  else if (op.payload === "query") args.push(`query${optional}: NonNullable<${type}["parameters"]["query"]>`);
  const hasHeaders = op.parameters.some((p) => p.in === "header");
  args.push(`options?: CallOptions${hasHeaders ? `<NonNullable<${type}["parameters"]["header"]>>` : ""}`);
  const success = `${type}["responses"][${op.success.status}]["content"][${JSON.stringify(op.successMediaType)}]`;
  let result = op.success.json ? success : "void";
  if (op.paginate) {
    // The model checked that items is a top-level array property of the success schema.
    const items = op.paginate.items;
    result = `PagePromise<${success}, NonNullable<${success}[${JSON.stringify(items)}]>[number]>`;
    return `${op.method}(${args.join(", ")}): ${result}`;
  }
  return `${op.method}(${args.join(", ")}): Promise<${result}>`;
}

function safeName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : name.replace(/\W+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase());
}

/** ` = {}` when a factory's config can be left out: the secret falls back to an environment variable and no option is required. */
export function configDefault(spec: SpecModel): string {
  return !spec.credential.env || spec.client.bind.some((b) => b.required) ? "" : " = {}";
}

export function renderClient(spec: SpecModel, packageJson: string): string {
  const { baseName: name } = spec.client;
  const groups = new Map<string, OperationModel[]>();
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
    ...spec.client.bind.map((b) => {
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

  // The runtime's encoders and pagination kinds this spec needs, imported by name so the bundle holds only them.
  const encoders = new Set<string>();
  const definition = {
    provider: spec.client.provider,
    api: spec.name,
    userAgent: "USER_AGENT",
    servers: Object.fromEntries(spec.servers.map((s) => [s.name, s.url])),
    credential: { option: credential.option, header: credential.header, prefix: credential.prefix, ...(credential.env ? { env: credential.env } : {}) },
    bind: spec.client.bind.map((b) =>
      Object.fromEntries(Object.entries({ option: b.option, path: b.path, header: b.header, query: b.query, required: b.required || undefined, enum: b.enum, default: b.default }).filter(([, v]) => v !== undefined)),
    ),
    errors: spec.errors,
    ...(spec.idempotency
      ? { idempotency: new Code(`${(encoders.add("idempotencyKeys"), "idempotencyKeys")}(${JSON.stringify(spec.idempotency.header)}, ${JSON.stringify(spec.idempotency.methods)})`) }
      : {}),
    operations: Object.fromEntries(
      spec.operations.map((op) => [
        op.name,
        // Only what the runtime reads: every byte of this table is in every bundle.
        operationDefinition(spec, op, encoders),
      ]),
    ),
  };
  const definitionSource = toSource(definition).replace(
    'userAgent: "USER_AGENT"',
    `userAgent: \`checkoutkit ${spec.client.package}/\${version}\``,
  );

  const runtimeImports = ["createClient", "type ApiError", "type BaseClientConfig", "type CallOptions", "type ClientDefinition", "type ErrorBodies"];
  if (needsPages) runtimeImports.push("type PagePromise");
  runtimeImports.push(...[...encoders].sort());
  const webhooks = renderWebhooks({ file: spec.file, provider: spec.client.provider, title: spec.title });
  if (webhooks) runtimeImports.push(...webhookImports);

  return `import { ${runtimeImports.join(", ")} } from "@checkoutkit/runtime";
import { version } from ${JSON.stringify(packageJson.startsWith(".") ? packageJson : `./${packageJson}`)};
import type { components, operations, paths${webhooks ? ", webhooks" : ""} } from "./schema.js";

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
])}export function ${spec.client.factory}(config: ${name}ClientConfig${configOptional}): ${name}Client {
  return createClient(definition, config as never) as unknown as ${name}Client;
}
${webhooks}`;
}

const JSON_TYPE = "application/json";
/** The runtime's `next` function for each kind of pagination rule (`nextPageNumberAt` for a dotted page parameter). */
const NEXT_PAGE = { page: "nextPageNumber", cursor: "nextResponseCursor", itemCursor: "nextItemCursor" } as const;

/** An identifier the runtime exports, written into a definition as code (not a string). */
export class Code {
  constructor(readonly source: string) {}
}

/**
 * One operation's entry of the table the runtime reads, defaults left out: the caller's path parameters and the
 * payload when there are any, the media types when not JSON, the form or styled-query encoder (with its rules)
 * when the spec needs one, the filler of the bound query parameters it declares, and its pagination rule.
 * `encoders` collects the runtime functions it names.
 */
function operationDefinition(spec: SpecModel, op: OperationModel, encoders: Set<string>): Record<string, unknown> {
  const use = (name: string) => {
    encoders.add(name);
    return new Code(name);
  };
  const entry: Record<string, unknown> = { method: op.httpMethod, path: op.path };
  if (op.pathParams.length) entry.pathParams = op.pathParams;
  if (op.payload !== "none") entry.payload = op.payload;
  if (op.mediaType && op.mediaType !== JSON_TYPE) entry.type = op.mediaType;
  if (op.successMediaType && op.successMediaType !== JSON_TYPE) entry.accept = op.successMediaType;
  if (op.formEncoding) {
    entry.encode = use("encodeForm");
    const { arrays, properties } = op.formEncoding;
    const rules = Object.entries(properties).flatMap(([name, rule]) => {
      // deepObject with `brackets` arrays writes what the runtime writes by default (objects and arrays in brackets).
      const style = rule.style === "deepObject" && rule.arrays === "brackets" ? "form" : rule.style;
      const own = { ...(style === "form" ? {} : { style }), ...(rule.explode ? {} : { explode: false }), ...(rule.arrays === arrays ? {} : { arrays: rule.arrays }) };
      return Object.keys(own).length ? [[name, own] as const] : [];
    });
    const encoding = { ...(arrays === "indices" ? {} : { arrays }), ...(rules.length ? { properties: Object.fromEntries(rules) } : {}) };
    if (Object.keys(encoding).length) entry.encoding = encoding;
  }
  // The default query encoder sends every parameter in style form, exploded: any other style needs the styled one.
  const styles = Object.entries(op.queryStyles).filter(([, s]) => s.style !== "form" || !s.explode || s.arrays === "brackets");
  if (styles.length) {
    entry.query = use("encodeStyledQuery");
    entry.styles = Object.fromEntries(styles.map(([name, { style, explode, arrays }]) => [name, { ...(style === "form" ? {} : { style }), ...(explode ? {} : { explode }), ...(arrays ? { arrays } : {}) }]));
  }
  const bound = spec.client.bind.flatMap((b) => (b.query && b.query.split(".")[0]! in op.queryStyles ? [[b.query, b.option] as const] : []));
  if (bound.length) entry.fill = new Code(`${use("fillQuery").source}(${toSource(Object.fromEntries(bound))})`);
  if (op.paginate) {
    const kind = paginationKind(op.paginate);
    const next = kind === "page" && (op.paginate as { page: string }).page.includes(".") ? "nextPageNumberAt" : NEXT_PAGE[kind];
    entry.paginate = { ...op.paginate, next: use(next) };
  }
  return entry;
}

/** A TypeScript literal for plain data (and `Code`): one line where it fits, keys unquoted where they can be. */
export function toSource(value: unknown, indent = ""): string {
  if (value instanceof Code) return value.source;
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
