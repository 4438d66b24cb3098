/** Reads a curated spec and its x-checkoutkit-* extensions into what the generator needs. */
import { listOperations, loadSpecFile } from "@checkoutkit/spec-model";

export interface ServerInfo {
  name: string;
  url: string;
  description?: string;
}

export interface OperationInfo {
  /** `group.method` from x-checkoutkit-method. */
  name: string;
  group: string;
  method: string;
  id: string;
  httpMethod: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** Path parameters the caller passes, in path order. */
  pathParams: string[];
  /** The operation takes a JSON body; otherwise the argument after the path parameters is the query. */
  body: boolean;
  /** The body or query argument can be left out. */
  payloadOptional: boolean;
  /** No query parameters and no body: the payload argument is typed `never`-free and omitted. */
  hasPayload: boolean;
  hasHeaders: boolean;
  status: number;
  /** The success answer has no JSON body. */
  noContent: boolean;
  auth: string;
  paginate?: Record<string, string>;
  summary: string;
  description: string;
}

export interface SpecInfo {
  /** The spec's name in specs/redocly.yaml (`paynow-storefront`). */
  api: string;
  source: string;
  title: string;
  provider: string;
  package: string;
  factory: string;
  /** `PayNowStorefront` for `createPayNowStorefrontClient`: the prefix of every exported type. */
  baseName: string;
  servers: ServerInfo[];
  credential: { option: string; header: string; prefix: string; env?: string; description: string };
  bind: { option: string; path?: string; header?: string; required: boolean; enum?: string[]; default?: string; description: string }[];
  errors: { code: string[]; message: string[]; issues?: Record<string, string>; requestId?: Record<string, string> };
  operations: OperationInfo[];
  /** The spec file, for renderers that read it through the spec model. */
  file: string;
  /** Set by the generator: the folder the code goes to. */
  output?: string;
}

type Node = Record<string, any>;
const SUPPORTED_METHODS = new Set(["get", "post", "put", "patch", "delete"]);

export function readSpec(file: string, source: string, api: string): SpecInfo {
  const spec = loadSpecFile(file, api);
  const doc = spec.doc;
  const fail = (message: string): never => {
    throw new Error(`${source}: ${message}`);
  };
  const deref = (node: Node): Node => spec.deref(node);

  const client = doc["x-checkoutkit-client"] as Node | undefined;
  if (!client) fail("missing x-checkoutkit-client at the root");
  for (const key of ["provider", "package", "factory"]) {
    if (typeof client![key] !== "string") fail(`x-checkoutkit-client.${key} must be a string`);
  }
  const factory: string = client!.factory;
  const baseName = /^create([A-Z]\w*)Client$/.exec(factory)?.[1] ?? fail(`factory ${factory} must look like create<Name>Client`);

  const servers: ServerInfo[] = (doc.servers ?? []).map((server: Node, index: number) => ({
    name: server["x-checkoutkit-server"] ?? fail(`servers[${index}] needs x-checkoutkit-server`),
    url: server.url,
    description: server.description,
  }));
  if (!servers.length) fail("needs at least one server");

  const bind = ((client!.bind ?? []) as Node[]).map((b) => {
    if (!b.option || (!b.path && !b.header)) fail("each x-checkoutkit-client.bind entry needs option and path or header");
    return { option: b.option, path: b.path, header: b.header, required: Boolean(b.required), enum: b.enum, default: b.default, description: b.description ?? "" };
  });
  const boundPaths = new Set(bind.filter((b) => b.path).map((b) => b.path as string));

  const errors = doc["x-checkoutkit-errors"] as Node | undefined;
  if (!errors) fail("missing x-checkoutkit-errors at the root");

  const schemes = (doc.components?.securitySchemes ?? {}) as Node;
  const operations: OperationInfo[] = [];
  const authSchemes = new Set<string>();
  {
    for (const { method, path, op, parameters: params, pathParams } of listOperations(spec)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!SUPPORTED_METHODS.has(method)) fail(`${where}: the client has no ${method.toUpperCase()} method`);
      const name: string = op["x-checkoutkit-method"] ?? fail(`${where} needs x-checkoutkit-method`);
      const [group, fn] = name.split(".");
      if (!group || !fn || name.split(".").length !== 2) fail(`${where}: x-checkoutkit-method must be group.method`);
      const security = (op.security ?? doc.security ?? []) as Node[];
      const auth = Object.keys(security[0] ?? {})[0] ?? fail(`${where} has no security requirement`);
      authSchemes.add(auth);
      const responses = (op.responses ?? {}) as Node;
      const success = Object.keys(responses).find((code) => /^2\d\d$/.test(code)) ?? fail(`${where} has no 2xx response`);
      const body = Boolean(op.requestBody);
      const query = params.filter((p) => p.in === "query");
      operations.push({
        name,
        group: group!,
        method: fn!,
        id: op.operationId ?? fail(`${where} needs an operationId`),
        httpMethod: method.toUpperCase() as OperationInfo["httpMethod"],
        path,
        pathParams: pathParams.filter((p) => !boundPaths.has(p)),
        body,
        payloadOptional: body ? !deref(op.requestBody).required : !query.some((p) => p.required),
        hasPayload: body || query.length > 0,
        hasHeaders: params.some((p) => p.in === "header"),
        status: Number(success),
        noContent: !deref(responses[success]).content?.["application/json"],
        auth,
        paginate: op["x-checkoutkit-paginate"],
        summary: op.summary ?? "",
        description: op.description ?? "",
      });
    }
  }
  if (!operations.length) fail("has no operations");
  if (authSchemes.size !== 1) fail(`every operation must use the same security scheme (found ${[...authSchemes].join(", ")})`);
  const schemeName = [...authSchemes][0]!;
  const scheme = deref(schemes[schemeName] ?? fail(`security scheme ${schemeName} is not defined`));
  const credential = scheme["x-checkoutkit-credential"] as Node | undefined;
  if (!credential?.option) fail(`security scheme ${schemeName} needs x-checkoutkit-credential.option`);
  let header: string;
  let prefix: string = credential!.prefix ?? "";
  if (scheme.type === "apiKey" && scheme.in === "header") header = scheme.name;
  else if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") {
    header = "Authorization";
    prefix = credential!.prefix ?? "Bearer ";
  } else header = fail(`security scheme ${schemeName} must be an apiKey header or http bearer`);

  return {
    api,
    source,
    title: doc.info?.title ?? "",
    provider: client!.provider,
    package: client!.package,
    factory,
    baseName,
    servers,
    credential: { option: credential!.option, header, prefix, env: credential!.env, description: scheme.description ?? "" },
    bind,
    errors: errors as SpecInfo["errors"],
    operations,
    file,
  };
}
