import type { BodyEncoder, FormEncoding, ParamStyles, QueryEncoder } from "./encode.js";
import type { QueryFill, RequestHook } from "./hooks.js";
import type { PaginationDefinition } from "./paginate.js";

export type { PaginationDefinition } from "./paginate.js";

/** What the generator writes for each spec: everything the runtime needs to call the provider's API. */
export interface ClientDefinition {
  provider: string;
  /** The spec's name in specs/redocly.yaml (`acme-storefront`): which of a provider's APIs this client calls. */
  api: string;
  /** Sent as `User-Agent` outside browsers: `checkoutkit <package>/<version>`. */
  userAgent: string;
  /** Server name → base URL; the first is the default. */
  servers: Readonly<Record<string, string>>;
  credential: CredentialDefinition;
  bind: readonly BindingDefinition[];
  errors: ErrorDefinition;
  operations: Readonly<Record<string, OperationDefinition>>;
  /** Adds the idempotency key to a request (`idempotencyKeys(header, methods)`, from `x-checkoutkit-idempotency`). */
  idempotency?: RequestHook;
}

export interface CredentialDefinition {
  /** Config option holding the secret. */
  option: string;
  /** Header the secret travels in. */
  header: string;
  prefix: string;
  /** Environment variable read when the option is not given. */
  env?: string;
}

/** A config option that fills a path parameter, a header or a query parameter on every call. */
export interface BindingDefinition {
  option: string;
  path?: string;
  header?: string;
  /** A query parameter, or a dotted path into a deepObject one (`filter.store_id`), filled when the caller leaves it out. */
  query?: string;
  /** The factory throws when the option is missing. Default false. */
  required?: boolean;
  enum?: readonly string[];
  /** Used when the option is left out. */
  default?: string;
}

export interface ErrorDefinition {
  code: readonly string[];
  message: readonly string[];
  issues?: { list: string; path?: string; message?: string };
  requestId?: { body?: string; header?: string };
}

export interface OperationDefinition {
  /** The spec's operationId. Not read at run time, so the generator leaves it out of the bundle. */
  id?: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** Path parameters the caller passes, in path order (bound ones left out). Default none. */
  pathParams?: readonly string[];
  /** What the argument after the path parameters is: the request body, the query object, or (absent) nothing. */
  payload?: "body" | "query";
  /** The request body's media type, sent as `Content-Type`. Default `application/json`. */
  type?: string;
  /** The success response's media type, sent as `Accept`, when it is not `application/json` (then no `Accept` is sent). */
  accept?: string;
  /** Encodes the body (`encodeForm` with `encoding`, for a form body). Default `JSON.stringify`. */
  encode?: BodyEncoder;
  /** The form body's encoding (OpenAPI's `encoding` map), for `encode`. */
  encoding?: FormEncoding;
  /** Encodes the query (`encodeStyledQuery` with `styles`, when a parameter's style is not the default). Default `encodeQuery`. */
  query?: QueryEncoder;
  /** The query parameters whose style is not the default, for `query`. */
  styles?: ParamStyles;
  /**
   * Fills the bound query parameters (`bind[].query`) this operation declares from the client's options, where the
   * caller left them out (`fillQuery(...paths)`).
   */
  fill?: QueryFill;
  /** The documented success status. Not read at run time, so the generator leaves it out. */
  status?: number;
  /** The security scheme the operation uses. Not read at run time, so the generator leaves it out. */
  auth?: string;
  paginate?: PaginationDefinition;
}

type SuccessStatus = `2${string}`;
/** `application/json` and `application/<x>+json` (JSON:API's `application/vnd.api+json`). */
type JsonMediaType = "application/json" | `application/${string}+json`;
/** The union of every JSON error body (`application/json` or `application/<x>+json`) an API's operations declare, for typing `ApiError.body`. */
export type ErrorBodies<Operations> = {
  [K in keyof Operations]: Operations[K] extends { responses: infer R }
    ? {
        [S in keyof R]: `${S & (string | number)}` extends SuccessStatus
          ? never
          : R[S] extends { content: infer C }
            ? { [M in keyof C]: M extends JsonMediaType ? C[M] : never }[keyof C]
            : never;
      }[keyof R]
    : never;
}[keyof Operations];
