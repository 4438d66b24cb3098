/**
 * Web-standard endpoints over every provider: one webhook route that tells the provider from the signature
 * headers (the generated `webhookReceivers`, from each spec's webhooks) and hands completed checkouts to you, and a
 * route that starts a checkout and redirects to it.
 */
import { ApiError, CheckoutKitError, ConnectionError, InvalidArgumentError, ResponseParseError, TimeoutError, WebhookVerificationError } from "@checkoutkit/runtime";
import type { WebhookFailureReason } from "@checkoutkit/runtime";
import { createCheckout, type CheckoutApiOf, type CheckoutClient, type CheckoutInput, type CheckoutOptions } from "./checkout.js";
import { completionOf, type CompletedCheckout } from "./completed-checkout.js";
import { IncompleteCheckoutError, UnsupportedCheckoutInputError } from "./errors.js";
import { webhookReceivers } from "./generated/webhooks.js";

/** How the handler knows one provider's deliveries: the headers they carry, and the verifier that checks them. */
export interface WebhookReceiver {
  readonly headers: readonly string[];
  readonly verify: (request: Request, secret: string, options?: { toleranceSeconds?: number }) => Promise<unknown>;
}

/** A provider whose webhooks the one endpoint receives: every provider whose spec has webhooks, by its id. */
export type WebhookProvider = keyof typeof webhookReceivers;

/** Each provider's webhook secret; a provider left out is refused (400). */
export type WebhookSecrets = { readonly [P in WebhookProvider]?: string };

export interface CompletedCheckoutHandlerOptions {
  secrets: WebhookSecrets;
  /** Called, and awaited, with each completed checkout; throwing or rejecting answers 500, so the provider retries. */
  onCompleted: (completed: CompletedCheckout) => unknown;
  /** Told about every refused delivery and every `onCompleted` failure. What it returns or throws is ignored. */
  onError?: (error: unknown) => unknown;
  /** How far a signed timestamp may be from now, in seconds. Default: each verifier's (300 s). */
  toleranceSeconds?: number;
}

const text = (status: number, body: string | null) =>
  new Response(body, { status, headers: body === null ? {} : { "content-type": "text/plain; charset=utf-8" } });
const json = (status: number, body: object) => Response.json(body, { status });

async function quietly(onError: ((error: unknown) => unknown) | undefined, error: unknown): Promise<void> {
  try {
    await onError?.(error);
  } catch {
    // onError is told; its own failure must not change the answer.
  }
}

/**
 * One webhook endpoint for every provider: tells the provider from the delivery's signature headers, verifies it
 * with that provider's secret, and awaits `onCompleted` with `normalizeCompletedCheckout`'s result for completion
 * events. Answers 200 (other events: 200 untouched), 400 with the `WebhookVerificationError` reason when the
 * delivery is refused (`missing_header` when no provider's headers are there, `bad_secret` when that provider has
 * no secret here), and 500 when `onCompleted` throws.
 */
export function createCompletedCheckoutHandler(options: CompletedCheckoutHandlerOptions): (request: Request) => Promise<Response> {
  const { secrets, onCompleted, onError, toleranceSeconds } = options ?? ({} as CompletedCheckoutHandlerOptions);
  const receivers: Record<string, WebhookReceiver> = webhookReceivers;
  if (typeof secrets !== "object" || secrets === null) throw new InvalidArgumentError("createCompletedCheckoutHandler: secrets must be an object of webhook secrets by provider");
  for (const name of Object.keys(secrets)) {
    if (!Object.hasOwn(receivers, name)) {
      throw new InvalidArgumentError(`createCompletedCheckoutHandler: secrets.${name} names no provider with webhooks; use ${Object.keys(receivers).join(", ")}`);
    }
  }
  if (typeof onCompleted !== "function") throw new InvalidArgumentError("createCompletedCheckoutHandler: onCompleted must be a function");

  const refuse = async (reason: WebhookFailureReason, provider: string, message: string) => {
    await quietly(onError, new WebhookVerificationError(provider, reason, message));
    return text(400, reason);
  };

  return async (request) => {
    const candidates = Object.keys(receivers).filter((name) => receivers[name]!.headers.some((header) => request.headers.has(header)));
    if (!candidates.length) {
      return refuse("missing_header", "unknown", "webhook delivery: no provider's signature headers; cannot tell who sent it");
    }
    const withSecret = candidates.filter((name) => typeof secrets[name as WebhookProvider] === "string");
    if (!withSecret.length) {
      return refuse("bad_secret", candidates[0]!, `${candidates.join(" or ")} webhook delivery, but secrets has no ${candidates.join(" or ")} secret`);
    }
    // Providers sharing a scheme share header names: the one whose secret verifies the delivery sent it.
    let refusal: unknown;
    for (const provider of withSecret) {
      let event: unknown;
      try {
        event = await receivers[provider]!.verify(withSecret.length > 1 ? request.clone() : request, secrets[provider as WebhookProvider]!, { toleranceSeconds });
      } catch (error) {
        refusal ??= error;
        continue;
      }
      const completed = completionOf(provider, event);
      if (!completed) return text(200, null);
      try {
        await onCompleted(completed);
      } catch (error) {
        await quietly(onError, error);
        return text(500, "onCompleted failed");
      }
      return text(200, null);
    }
    await quietly(onError, refusal);
    return refusal instanceof WebhookVerificationError ? text(400, refusal.reason) : text(500, "webhook verification failed");
  };
}

export interface CheckoutHandlerOptions<C extends CheckoutClient> {
  /** Passed to `createCheckout` on every call (`provider` fields, `ignoreUnsupported`, `headers`, ...). */
  checkout?: CheckoutOptions<CheckoutApiOf<C>>;
  /** Told about every failure the handler answers for (400, 502, 500). What it returns or throws is ignored. */
  onError?: (error: unknown) => unknown;
}

/**
 * A route that starts a checkout: `toInput` reads the request into a `CheckoutInput`, `createCheckout` creates it
 * through `client`, and the answer is a 303 to the checkout's URL. Input the provider cannot honour answers 400 with
 * the field (`UnsupportedCheckoutInputError`) or the reason (`InvalidArgumentError`); a provider failure answers 502
 * with the provider and status only. No body ever holds a credential or the provider's own error text.
 */
export function createCheckoutHandler<C extends CheckoutClient>(
  client: C,
  toInput: (request: Request) => CheckoutInput | Promise<CheckoutInput>,
  options: CheckoutHandlerOptions<C> = {},
): (request: Request) => Promise<Response> {
  if (typeof toInput !== "function") throw new InvalidArgumentError("createCheckoutHandler: the second argument must be a function from the request to a CheckoutInput");
  return async (request) => {
    try {
      const input = await toInput(request);
      const { url } = await createCheckout(client, input, options.checkout);
      return new Response(null, { status: 303, headers: { location: url } });
    } catch (error) {
      await quietly(options.onError, error);
      return answerFor(error);
    }
  };
}

function answerFor(error: unknown): Response {
  if (error instanceof UnsupportedCheckoutInputError) {
    const { name, provider, api, field, reason, message } = error;
    return json(400, { error: name, provider, api, field, reason, message });
  }
  if (error instanceof InvalidArgumentError) return json(400, { error: error.name, message: error.message });
  if (error instanceof ApiError) {
    // The provider's message is left out: it may quote what was sent, credentials included.
    return json(502, { error: error.name, provider: error.provider, status: error.status, ...(error.code ? { code: error.code } : {}) });
  }
  if (error instanceof IncompleteCheckoutError) return json(502, { error: error.name, provider: error.provider, field: error.field });
  if (error instanceof ConnectionError || error instanceof TimeoutError || error instanceof ResponseParseError) return json(502, { error: error.name });
  return json(500, { error: error instanceof CheckoutKitError ? error.name : "Error" });
}
