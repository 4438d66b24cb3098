/** The answers the local server gives: each provider's own documented example of a created checkout. */
import { createCheckoutOperation, loadModel } from "@checkoutkit/spec-model";
import type { Provider } from "./cases.js";

export interface Canned {
  status: number;
  body: Record<string, unknown>;
}

/** The spec's example for its create-checkout operation's documented success status (200 or 201). */
export function cannedAnswer(provider: Provider): Canned {
  const model = loadModel(provider.spec);
  const { success } = createCheckoutOperation(model);
  if (success.example === undefined) throw new Error(`${model.source}: the create-checkout operation has no success example`);
  return { status: success.status, body: structuredClone(success.example) as Record<string, unknown> };
}
