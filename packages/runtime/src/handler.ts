/**
 * Web-standard webhook handlers: `(Request) => Promise<Response>`, driven by a provider's webhook definition,
 * plus an adapter to Node's `(req, res)`. No `node:` imports, so the main entry stays clean for browsers and Workers.
 */
import { InvalidArgumentError } from "./errors.js";
import { valueAt, verifyDeliveryWith, WebhookVerificationError, type WebhookDefinition } from "./webhooks.js";

/** What a handler learns about a delivery besides its event. */
export interface WebhookDelivery<TEventType extends string = string> {
  /** The provider's delivery or event id, the same on every retry: deduplicate on it. */
  id: string;
  provider: string;
  /** When the provider signed the delivery (verified), where its scheme has a timestamp. */
  timestamp?: Date;
  /** The event's name as the spec declares it (`order.paid`), or the body's own value for an event the spec does not know. */
  eventType: TEventType;
}

/** An event whose type the spec does not know (yet): a JSON object, to be read with care. */
export type UnknownWebhookEvent = { readonly [field: string]: unknown };

export interface WebhookHandlerOptions<TEvents extends Record<string, unknown>> {
  /** The webhook secret the provider gave you. */
  secret: string;
  /** One handler per event type, typed by the spec; awaited before the handler answers. */
  on?: { [Type in keyof TEvents & string]?: (event: TEvents[Type], delivery: WebhookDelivery<Type>) => unknown };
  /** Called for every verified event, after its `on` handler, including types the spec does not know; awaited. */
  onEvent?: (event: TEvents[keyof TEvents] | UnknownWebhookEvent, delivery: WebhookDelivery) => unknown;
  /**
   * Told about every delivery refused (a `WebhookVerificationError`, with no `delivery`) and every handler that threw
   * or rejected. What it returns is ignored, and so is what it throws.
   */
  onError?: (error: unknown, delivery?: WebhookDelivery) => unknown;
  /** How far the signed timestamp may be from now, in seconds. Default: the provider's window (300 s). */
  toleranceSeconds?: number;
}

/** A Web-standard request handler: what Workers, Next.js route handlers, Hono, Bun and Deno serve. */
export type WebhookHandler = (request: Request) => Promise<Response>;

const text = (status: number, body: string | null) =>
  new Response(body, { status, headers: body === null ? {} : { "content-type": "text/plain; charset=utf-8" } });

/**
 * Builds the handler for a provider's webhook endpoint: verifies the delivery, awaits its handlers, and answers
 * 200 when they succeed (or when the event has no handler), 400 with the `WebhookVerificationError` reason when the
 * delivery is refused, and 500 when a handler throws or rejects, so that the provider retries.
 */
export function createWebhookHandlerWith<TEvents extends Record<string, unknown>>(
  definition: WebhookDefinition,
  options: WebhookHandlerOptions<TEvents>,
): WebhookHandler {
  const { secret, on = {}, onEvent, onError, toleranceSeconds } = options ?? ({} as never);
  if (typeof secret !== "string" || secret.length === 0) {
    throw new InvalidArgumentError(`createWebhookHandler needs the ${definition.provider} webhook secret (a non-empty string)`);
  }
  const report = async (error: unknown, delivery?: WebhookDelivery) => {
    try {
      await onError?.(error, delivery);
    } catch {
      // onError is told; its own failure must not change the answer.
    }
  };
  const handlers = on as Record<string, ((event: unknown, delivery: WebhookDelivery) => unknown) | undefined>;

  return async (request) => {
    let verified;
    try {
      verified = await verifyDeliveryWith<Record<string, unknown>>(definition, request, secret, { toleranceSeconds });
      if (verified.id === undefined) {
        const from = definition.deliveryId?.header ? `the ${definition.deliveryId.header} header` : `the body's ${definition.deliveryId?.body}`;
        throw new WebhookVerificationError(definition.provider, "malformed_body", `${definition.provider} webhook: ${from} has no delivery id`);
      }
    } catch (error) {
      await report(error);
      return error instanceof WebhookVerificationError ? text(400, error.reason) : text(500, "webhook verification failed");
    }

    const { event, id, timestamp } = verified;
    const value = definition.type ? String(valueAt(event, definition.type)) : "";
    const known = definition.events ? definition.events[value] : value;
    const delivery: WebhookDelivery = { id: id!, provider: definition.provider, eventType: known ?? value };
    if (timestamp) delivery.timestamp = timestamp;
    try {
      const handler = known !== undefined && Object.hasOwn(handlers, known) ? handlers[known] : undefined;
      if (handler) await handler(event, delivery);
      if (onEvent) await onEvent(event, delivery);
    } catch (error) {
      await report(error, delivery);
      return text(500, "webhook handler failed");
    }
    return text(200, null);
  };
}

/** The parts of Node's `IncomingMessage` (or Express's and Fastify's request) the adapter reads. */
export interface NodeRequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  /** Set by a body parser: a Buffer or string (`express.raw`, `express.text`) is used as the raw body. */
  body?: unknown;
  on(event: "data", listener: (chunk: Uint8Array | string) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** The parts of Node's `ServerResponse` (or Express's response) the adapter writes. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string | string[]): unknown;
  end(body?: string | Uint8Array): unknown;
}

export interface NodeHandlerOptions {
  /** Where the adapter says what went wrong with the server's setup (a parsed body). Default `console.error`. */
  log?: (message: string) => void;
}

export const PARSED_BODY_MESSAGE =
  "checkoutkit webhook handler: the request body was already parsed into an object, so its signature cannot be " +
  "checked (a signature covers the raw bytes). Give this route the raw body: mount it before express.json(), or " +
  'with express.raw({ type: "application/json" }) (app.post(path, express.raw({ type: "application/json" }), ' +
  "toNodeHandler(handler))); in Fastify, register a content-type parser with { parseAs: \"buffer\" }.";

/**
 * Adapts a Web-standard handler to Node's `(req, res)`: `node:http`, Express and Fastify (`request.raw` / a buffer
 * body). It reads the raw body itself, or takes a Buffer or string `req.body` left by a raw body parser. A body a
 * framework already parsed into an object answers 500 and logs how to give the route its raw body.
 */
export function toNodeHandler(handler: WebhookHandler, options: NodeHandlerOptions = {}) {
  const log = options.log ?? ((message: string) => console.error(message));
  return async (req: NodeRequestLike, res: NodeResponseLike): Promise<void> => {
    let response: Response;
    const parsed = req.body;
    if (parsed !== undefined && parsed !== null && typeof parsed !== "string" && !(parsed instanceof Uint8Array)) {
      log(PARSED_BODY_MESSAGE);
      response = text(500, "the webhook route was given a parsed body; see the server log");
    } else {
      const method = (req.method ?? "POST").toUpperCase();
      const body = method === "GET" || method === "HEAD" ? undefined : typeof parsed === "string" || parsed instanceof Uint8Array ? parsed : await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const item of value) headers.append(name, item);
        else if (value !== undefined) headers.set(name, value);
      }
      const host = headers.get("host") ?? "localhost";
      const request = new Request(new URL(req.originalUrl ?? req.url ?? "/", `http://${host}`), {
        method,
        headers,
        body: body as BodyInit | undefined,
      });
      try {
        response = await handler(request);
      } catch (error) {
        // A handler from createWebhookHandler never throws; another one might, and Node must still answer.
        log(`checkoutkit webhook handler: the handler threw: ${String(error)}`);
        response = text(500, "webhook handler failed");
      }
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(new Uint8Array(await response.arrayBuffer()));
  };
}

function readBody(req: NodeRequestLike): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const encoder = new TextEncoder();
    req.on("data", (chunk) => chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk));
    req.on("error", reject);
    req.on("end", () => {
      const out = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(out);
    });
  });
}
