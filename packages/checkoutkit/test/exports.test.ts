import { describe, expect, it } from "vitest";
import * as facade from "../src/index.js";
import { checkoutCapabilities, createCompletedCheckoutHandler } from "../src/index.js";

// The re-exports are generated from the spec list: every API in the table has its factory by name, and its
// provider's package as a namespace holding the same factory.
const namespaceOf = (provider: string) => provider.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase());
describe("the facade's exports follow the spec list", () => {
  it.each(Object.entries(checkoutCapabilities))("%s: the factory by name and in its provider's namespace", (_, { provider, factory }) => {
    const exports = facade as unknown as Record<string, unknown>;
    expect(typeof exports[factory]).toBe("function");
    expect((exports[namespaceOf(provider)] as Record<string, unknown>)[factory]).toBe(exports[factory]);
  });

  it("takes a webhook secret for every provider in the table that has a verifier", () => {
    const exports = facade as unknown as Record<string, unknown>;
    const providers = [...new Set(Object.values(checkoutCapabilities).map((api) => api.provider))];
    const withVerifier = providers.filter((provider) => typeof (exports[namespaceOf(provider)] as Record<string, unknown>).verifyWebhook === "function");
    expect(withVerifier.length).toBeGreaterThan(0);
    expect(() => createCompletedCheckoutHandler({ secrets: Object.fromEntries(withVerifier.map((p) => [p, "whsec_x"])), onCompleted: () => {} })).not.toThrow();
  });
});
