/**
 * Each error class names itself under this key. Provider packages each carry their own copy of the runtime (one
 * module to load instead of three), so `instanceof` compares these names rather than class identity: an
 * `ApiError` thrown by one package is an `ApiError` of every other package and of `@checkoutkit/runtime`.
 * A new error class of the runtime names itself too: `static override readonly [KIND] = "ItsName";`. Internal: not
 * exported from the package index.
 */
export const KIND: unique symbol = /* @__PURE__ */ Symbol.for("checkoutkit.error") as never;

const kindOf = (type: { name?: string; [KIND]?: string }) => (Object.hasOwn(type, KIND) ? type[KIND] : type.name);

/** Base class of every error a checkoutkit client throws. */
export class CheckoutKitError extends Error {
  static readonly [KIND]: string = "CheckoutKitError";

  /**
   * True for instances of this class from any copy of the runtime. A class without a `[KIND]` of its own (one defined
   * outside errors.ts, or a user's subclass) is matched by its name, which holds across copies unless a minifier
   * renamed it.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    const kind = kindOf(this);
    for (let type = Object(value).constructor; kind && type; type = Object.getPrototypeOf(type)) {
      if (kindOf(type) === kind) return true;
    }
    return super[Symbol.hasInstance](value);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Its brand rather than `new.target.name`, which a minifier renames (`N`) and a bundler holding two runtime
    // copies suffixes (`ApiError2`).
    this.name = kindOf(new.target)!;
  }
}

/** The client was configured wrongly (a missing secret, an unknown server, a plain-HTTP base URL). */
export class ConfigurationError extends CheckoutKitError {
  static override readonly [KIND] = "ConfigurationError";
}

/** A call's arguments were rejected before any request was sent. */
export class InvalidArgumentError extends CheckoutKitError {
  static override readonly [KIND] = "InvalidArgumentError";
}

/** One field-level problem the provider reported, normalised across providers. */
export interface ApiIssue {
  /** Where in the request the problem is, dotted (`lines.0.quantity`); empty when the provider does not say. */
  path: string;
  message: string;
}

export interface ApiErrorInit<TBody> {
  status: number;
  provider: string;
  operation: string;
  code: string;
  message: string;
  issues: ApiIssue[];
  body: TBody;
  requestId: string | undefined;
  headers: Headers;
}

/** The provider answered with a non-2xx status. `body` is the provider's own error body, as sent. */
export class ApiError<TBody = unknown> extends CheckoutKitError {
  static override readonly [KIND] = "ApiError";
  declare readonly status: number;
  declare readonly provider: string;
  /** The client method that failed, e.g. `checkouts.create`. */
  declare readonly operation: string;
  declare readonly code: string;
  declare readonly issues: ApiIssue[];
  declare readonly body: TBody;
  declare readonly requestId: string | undefined;
  declare readonly headers: Headers;

  constructor({ message, ...fields }: ApiErrorInit<TBody>) {
    super(`${fields.provider} ${fields.operation} failed with ${fields.status} ${fields.code}: ${message}`);
    Object.assign(this, fields);
  }

  /** Everything but the headers, and with the message (an `Error`'s own `message` is not enumerable). */
  toJSON() {
    const { headers: _, name, message, ...fields } = this;
    return { name, message, ...fields };
  }
}

/** The request never got an answer: DNS, refused or reset connection, TLS. Retried before it is thrown. */
export class ConnectionError extends CheckoutKitError {
  static override readonly [KIND] = "ConnectionError";
}

/** One attempt took longer than `timeoutMs`. Retried before it is thrown. */
export class TimeoutError extends CheckoutKitError {
  static override readonly [KIND] = "TimeoutError";
}

/** A 2xx answer whose body is not the JSON the spec promises. */
export class ResponseParseError extends CheckoutKitError {
  static override readonly [KIND] = "ResponseParseError";
  declare readonly status: number;
  /** The first 200 characters of what came back. */
  declare readonly text: string;
  constructor(message: string, status: number, text: string, cause?: unknown) {
    super(message, { cause });
    this.status = status;
    this.text = text;
  }
}
