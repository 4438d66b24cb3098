/** The answers the local server gives: each provider's own documented example of a created checkout. */
import { responseExample } from "@checkoutkit/testing";
import type { Provider } from "./cases.js";

export interface Canned {
  status: number;
  body: Record<string, unknown>;
}

/** The spec's example for the operation's documented success status (200 or 201). */
export function cannedAnswer(provider: Provider): Canned {
  let lastError: unknown;
  for (const status of [200, 201]) {
    try {
      return { status, body: responseExample(provider.spec, "POST", provider.specPath, status) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
