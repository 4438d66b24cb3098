/**
 * The typed model of one spec: everything the generator, the contract sweep, the runtime matrix, the demo and the
 * bench take from a spec, read and checked once. What the generator could not turn into working code is refused
 * here, with a `SpecError` naming the spec file and the JSON pointer.
 */
import { basename, dirname, relative } from "node:path";
import { escapePointer, loadSpecFile, pointer, SpecError, type Node, type SpecDocument } from "./document.js";
import { readClientRule, type BindRule } from "./extensions/client.js";
import {
  chooseMediaType,
  JSON_MEDIA_TYPE,
  parameterPointer,
  readFormEncoding,
  readIdempotency,
  readQueryStyle,
  responseMediaType,
  type FormEncoding,
  type IdempotencyRule,
  type QueryStyle,
} from "./extensions/encoding.js";
import { readCredential, type CredentialModel } from "./extensions/credential.js";
import { readErrorsRule, type ErrorsRule } from "./extensions/errors.js";
import { readMethod } from "./extensions/method.js";
import { readPagination, type PaginationRule } from "./extensions/paginate.js";
import { readServers, type ServerModel } from "./extensions/server.js";
import { readCheckout, type CheckoutRules } from "./extensions/checkout.js";
import { readWebhookModel, type WebhookModel } from "./extensions/webhooks.js";
import { listSpecs, repoRoot, type ListedSpec } from "./list.js";
import { listOperations, pathTemplateParams } from "./operations.js";

export { ENCODABLE_MEDIA_TYPES } from "./extensions/encoding.js";
/** The HTTP methods a generated client can call. */
export const CLIENT_METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface BindModel extends BindRule {
  required: boolean;
  description: string;
  /** A value to configure it with in tests and the demo: the parameter's example, else the default or first enum value. */
  example?: string;
}

export interface ClientModel {
  /** The provider's id: `ApiError.provider`. */
  provider: string;
  /** npm name of the package the code lands in. */
  package: string;
  factory: string;
  /** `PayNowStorefront` for `createPayNowStorefrontClient`: the prefix of every exported type. */
  baseName: string;
  bind: BindModel[];
}

export interface ParameterModel {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** The parameter's example (or its schema's). */
  example?: unknown;
  /** A query parameter's `style`, `explode` and `x-checkoutkit-arrays`, OpenAPI's defaults filled in. */
  style?: QueryStyle;
}

export interface ResponseModel {
  /** The status code, or `default`. */
  status: number | "default";
  /** The answer has a JSON body (`application/json` or an `application/<x>+json`). */
  json: boolean;
  /** The media type of the body the client reads: the JSON one, else the first listed. */
  mediaType?: string;
  /** The example of the JSON body or, for an error without one, of its first media type: what the client hands back. */
  example?: unknown;
}

export interface OperationModel {
  /** `group.method` from x-checkoutkit-method. */
  name: string;
  group: string;
  method: string;
  /** The spec's operationId. */
  id: string;
  httpMethod: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** JSON pointer of the operation object. */
  pointer: string;
  /** Path parameters the caller passes, in path order (bound ones left out). */
  pathParams: string[];
  parameters: ParameterModel[];
  /** What the argument after the path parameters is: the request body, the query object, or absent. */
  payload: "body" | "query" | "none";
  /** The body or query argument can be left out. */
  payloadOptional: boolean;
  /**
   * The request body's media type: the first of `application/json`, an `application/<x>+json` and
   * `application/x-www-form-urlencoded` the body lists. The `Content-Type` sent, and the key the generated types index.
   */
  mediaType?: string;
  /** A form body's `encoding` map (with `x-checkoutkit-arrays`), defaults filled in. */
  formEncoding?: FormEncoding;
  /** The success response's media type: the `Accept` sent (absent when it has no content). */
  successMediaType?: string;
  /** Every query parameter's serialization, by name. */
  queryStyles: Record<string, QueryStyle>;
  /** The spec's request body example (required when the operation takes a body). */
  requestExample?: unknown;
  /** Example values of the caller's path parameters, by name. */
  pathExample: Record<string, unknown>;
  /** Required or exampled query parameters with their examples (for a query payload). */
  queryExample?: Record<string, unknown>;
  /** Header parameters that have an example, as strings. */
  headerExample: Record<string, string>;
  /** The documented success (the first 2xx). */
  success: ResponseModel & { status: number };
  /** Every declared 4xx and 5xx response, in spec order. */
  errors: (ResponseModel & { status: number })[];
  /** Every declared response, `default` included, in spec order. */
  responses: ResponseModel[];
  /** The security scheme the operation uses. */
  auth: string;
  paginate?: PaginationRule;
  summary: string;
  description: string;
  /** The operation object itself, for extensions read elsewhere (MERGE: x-checkoutkit-checkout's reader). */
  node: Node;
}

export interface SpecModel {
  /** The spec's name in specs/redocly.yaml (`paynow-storefront`). */
  name: string;
  file: string;
  /** The file relative to the repository root: what messages name. */
  source: string;
  /** The folder its generated code goes to, and the package folder (`packages/<name>`) that holds it. */
  output?: string;
  packageDir?: string;
  document: SpecDocument;
  title: string;
  client: ClientModel;
  servers: ServerModel[];
  credential: CredentialModel;
  errors: ErrorsRule;
  operations: OperationModel[];
  /** How deliveries are signed and the events of `webhooks:` (`x-checkoutkit-webhooks`, extensions/webhooks.ts). */
  webhooks?: WebhookModel;
  /** How the facade's checkout input maps onto the create operation (`x-checkoutkit-checkout`, extensions/checkout.ts). */
  checkout?: CheckoutRules;
  /** The header carrying a fresh idempotency key on calls of the listed methods (`x-checkoutkit-idempotency`). */
  idempotency?: IdempotencyRule;
}

const models = new WeakMap<SpecDocument, SpecModel>();

/** The model of a spec listed in specs/redocly.yaml, by name. */
export function loadModel(name: string, from?: string): SpecModel {
  const listed = listSpecs(from).find((s) => s.name === name);
  if (!listed) throw new Error(`no spec named ${name} in specs/redocly.yaml`);
  return readModel(loadSpecFile(listed.file, name), listed);
}

/** The model of every spec in specs/redocly.yaml, in list order. */
export function loadModels(from?: string): SpecModel[] {
  return listSpecs(from).map((listed) => readModel(loadSpecFile(listed.file, listed.name), listed));
}

/** Reads and checks one parsed spec; `listed` (its entry in the spec list) gives its name and output folder. */
export function readModel(spec: SpecDocument, listed?: ListedSpec): SpecModel {
  const cached = models.get(spec);
  if (cached) return cached;
  const doc = spec.doc;
  const rule = readClientRule(spec);
  const errors = readErrorsRule(spec);
  const servers = readServers(spec);
  const bindRules = rule.bind ?? [];
  const boundPaths = new Set(bindRules.flatMap((b) => (b.path ? [b.path] : [])));

  const operations: OperationModel[] = [];
  for (const { method, path, pointer: at, op, parameters, pathParams } of listOperations(spec)) {
    if (!(CLIENT_METHODS as readonly string[]).includes(method)) spec.fail(at, `the client has no ${method.toUpperCase()} method`);
    const { name, group, method: fn } = readMethod(spec, at);
    const twin = operations.find((o) => o.name === name);
    if (twin) spec.fail(`${at}/x-checkoutkit-method`, `${name} is already the method of ${twin.httpMethod} ${twin.path}`);
    if (typeof op.operationId !== "string") spec.fail(at, "needs an operationId");
    const security = (op.security ?? doc.security ?? []) as Node[];
    const auth = Object.keys(security[0] ?? {})[0] ?? spec.fail(at, "has no security requirement (on the operation or the root)");

    const params: ParameterModel[] = parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: Boolean(p.required),
      ...exampleOf(spec, p),
      ...(p.in === "query" ? { style: readQueryStyle(spec, parameterPointer(spec, at, p), p) } : {}),
    }));
    const query = params.filter((p) => p.in === "query");
    const pathExample: Record<string, unknown> = {};
    for (const param of pathParams.filter((p) => !boundPaths.has(p))) {
      const declared = params.find((p) => p.in === "path" && p.name === param);
      if (declared?.example === undefined) spec.fail(at, `path parameter ${param} needs a parameter with an example`);
      pathExample[param] = declared!.example;
    }

    const responses = (op.responses ?? {}) as Node;
    const successCode = Object.keys(responses).find((code) => /^2\d\d$/.test(code)) ?? spec.fail(`${at}/responses`, "has no 2xx response");
    const response = (code: string, json: boolean): ResponseModel & { schema?: { node: unknown; pointer: string } } => {
      const { node, pointer: responseAt } = spec.resolve<Node>(responses[code], `${at}/responses/${code}`);
      const content = (node?.content ?? {}) as Node;
      const type = responseMediaType(content);
      const isJson = type !== undefined && JSON_MEDIA_TYPE.test(type);
      const media = isJson ? (content[type] as Node) : undefined;
      const example = media ? mediaExample(spec, media) : json ? undefined : mediaExample(spec, (Object.values(content)[0] ?? {}) as Node);
      return {
        status: code === "default" ? "default" : Number(code),
        json: isJson,
        ...(type ? { mediaType: type } : {}),
        ...(example === undefined ? {} : { example }),
        ...(media?.schema ? { schema: { node: media.schema, pointer: `${responseAt}/content/${escapePointer(type!)}/schema` } } : {}),
      };
    };
    const { schema: successSchema, ...success } = response(successCode, true) as ReturnType<typeof response> & { status: number };

    let payload: OperationModel["payload"] = query.length ? "query" : "none";
    let payloadOptional = !query.some((p) => p.required);
    let mediaType: string | undefined;
    let formEncoding: FormEncoding | undefined;
    let requestExample: unknown;
    if (op.requestBody) {
      const { node: body, pointer: bodyAt } = spec.resolve<Node>(op.requestBody, `${at}/requestBody`);
      mediaType = chooseMediaType(spec, `${bodyAt}/content`, body.content as Node | undefined);
      const mediaAt = `${bodyAt}/content/${escapePointer(mediaType)}`;
      formEncoding = readFormEncoding(spec, mediaAt, body.content[mediaType] as Node, mediaType);
      requestExample = mediaExample(spec, body.content[mediaType]);
      if (requestExample === undefined) spec.fail(mediaAt, "needs a request example (example:), which the tests and the demo send");
      payload = "body";
      payloadOptional = !body.required;
    }
    const queryExample =
      payload === "query"
        ? Object.fromEntries(query.filter((p) => p.required || p.example !== undefined).map((p) => [p.name, p.example]))
        : undefined;

    operations.push({
      name,
      group,
      method: fn,
      id: op.operationId,
      httpMethod: method.toUpperCase() as OperationModel["httpMethod"],
      path,
      pointer: at,
      pathParams: pathParams.filter((p) => !boundPaths.has(p)),
      parameters: params,
      payload,
      payloadOptional,
      ...(mediaType ? { mediaType } : {}),
      ...optional("formEncoding", formEncoding),
      ...optional("successMediaType", success.mediaType),
      queryStyles: Object.fromEntries(query.map((p) => [p.name, p.style!])),
      ...(requestExample === undefined ? {} : { requestExample }),
      pathExample,
      ...(queryExample ? { queryExample } : {}),
      headerExample: Object.fromEntries(params.filter((p) => p.in === "header" && p.example !== undefined).map((p) => [p.name, String(p.example)])),
      success,
      errors: Object.keys(responses)
        .filter((code) => /^[45]\d\d$/.test(code))
        .map((code) => {
          const { schema: _, ...error } = response(code, false);
          return error as ResponseModel & { status: number };
        }),
      responses: Object.keys(responses).map((code) => {
        const { schema: _, ...answer } = response(code, !/^[45]\d\d$/.test(code));
        return answer;
      }),
      auth,
      ...optional(
        "paginate",
        readPagination(
          spec,
          at,
          successSchema,
          parameters
            .filter((p) => p.in === "query")
            .map((p) => ({
              name: p.name,
              style: p.style ?? "form",
              ...(p.schema ? { schema: { node: p.schema, pointer: `${parameterPointer(spec, at, p)}/schema` } } : {}),
            })),
        ),
      ),
      summary: op.summary ?? "",
      description: op.description ?? "",
      node: op,
    });
  }
  if (!operations.length) spec.fail("/paths", "has no operations");
  const schemes = [...new Set(operations.map((o) => o.auth))];
  if (schemes.length !== 1) spec.fail("/paths", `every operation must use the same security scheme (found ${schemes.join(", ")})`);
  const credential = readCredential(spec, schemes[0]!, `${operations[0]!.pointer}/security`);

  const bind = bindRules.map((b, index): BindModel => {
    const at = pointer(["x-checkoutkit-client", "bind", index]);
    if (b.path && !operations.some((o) => pathTemplateParams(o.path).includes(b.path!))) spec.fail(`${at}/path`, `no operation's path has {${b.path}}`);
    if (b.query) {
      const [head, ...rest] = b.query.split(".");
      const declared = operations.flatMap((o) => o.parameters).filter((p) => p.in === "query" && p.name === head);
      if (!declared.length) spec.fail(`${at}/query`, `no operation declares the query parameter ${JSON.stringify(head)}`);
      if (rest.length && declared.some((p) => p.style?.style !== "deepObject")) {
        spec.fail(`${at}/query`, `is a dotted path into ${JSON.stringify(head)}, which is not a deepObject query parameter on every operation declaring it`);
      }
    }
    const where = b.path ? "path" : b.header ? "header" : "query";
    const named = (b.path ?? b.header ?? b.query!.split(".")[0])!.toLowerCase();
    const rest = b.query?.split(".").slice(1) ?? [];
    const example = operations
      .flatMap((o) => o.parameters)
      .map((p) => (p.in === where && p.name.toLowerCase() === named ? rest.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Node)[k] : undefined), p.example) : undefined))
      .find((value) => value !== undefined && (value === null || typeof value !== "object"));
    const value = example !== undefined ? String(example) : (b.default ?? b.enum?.[0]);
    return { ...b, required: Boolean(b.required), description: b.description ?? "", ...(value === undefined ? {} : { example: value }) };
  });

  const model: SpecModel = {
    name: listed?.name ?? spec.name ?? basename(spec.file),
    file: spec.file,
    source: spec.source,
    ...(listed ? { output: listed.output, packageDir: packageDirOf(listed) } : {}),
    document: spec,
    title: doc.info?.title ?? "",
    client: { provider: rule.provider, package: rule.package, factory: rule.factory, baseName: /^create(\w+)Client$/.exec(rule.factory)![1]!, bind },
    servers,
    credential,
    errors,
    operations,
    ...optional("webhooks", readWebhookModel(spec)),
    ...optional("checkout", readCheckout(spec)),
    ...optional("idempotency", readIdempotency(spec)),
  };
  models.set(spec, model);
  return model;
}

/** An operation by HTTP method and path template. */
export function findOperation(model: SpecModel, method: string, path: string): OperationModel {
  const found = model.operations.find((o) => o.httpMethod === method.toUpperCase() && o.path === path);
  if (!found) throw new Error(`${model.source}: no ${method.toUpperCase()} ${path}`);
  return found;
}

/**
 * The operation that creates a checkout: the one carrying `x-checkoutkit-checkout` (MERGE: the facade's rule), or
 * else the one whose method is `checkouts.create` / `checkout<Something>.create`. The matrix, the demo and the
 * bench call it.
 */
export function createCheckoutOperation(model: SpecModel): OperationModel {
  const found =
    model.operations.find((o) => o.node["x-checkoutkit-checkout"] !== undefined) ??
    model.operations.find((o) => /^checkout\w*\.create$/.test(o.name) && o.payload === "body");
  if (!found) model.document.fail("/paths", "has no create-checkout operation (x-checkoutkit-method checkouts.create or checkout<Something>.create)");
  return found;
}

/** The factory's config for tests and the demo: a fake credential, every bound option's example, and the base URL. */
export function exampleConfig(model: SpecModel, baseUrl: string, credential = "checkoutkit_fake_credential"): Record<string, string> {
  const config: Record<string, string> = { [model.credential.option]: credential, baseUrl };
  for (const bind of model.client.bind) {
    // A required option the spec gives no example of (a header the mock does not check) still needs a value.
    if (bind.example !== undefined || bind.required) config[bind.option] = bind.example ?? "checkoutkit-example";
  }
  return config;
}

function exampleOf(spec: SpecDocument, param: Node): { example?: unknown } {
  const schema = spec.deref<Node | undefined>(param.schema);
  const example = param.example ?? schema?.example ?? schema?.examples?.[0];
  return example === undefined ? {} : { example };
}

function mediaExample(spec: SpecDocument, media: Node): unknown {
  if (media.example !== undefined) return media.example;
  const first = Object.values((media.examples ?? {}) as Node)[0];
  return first === undefined ? undefined : spec.deref<Node>(first).value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `packages/<name>`: the folder whose parent is `packages/`, above the spec's output folder. */
function packageDirOf(listed: ListedSpec): string {
  for (let dir = listed.output; dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dirname(dir)) === "packages") return dir;
  }
  const root = repoRoot(listed.file);
  throw new SpecError(
    "specs/redocly.yaml",
    pointer(["apis", listed.name, "x-checkoutkit-output"]),
    `${relative(root, listed.output)} is not inside packages/<name>/`,
  );
}
