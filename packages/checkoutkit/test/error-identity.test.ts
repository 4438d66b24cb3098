import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as creem from "@checkoutkit/creem";
import * as polar from "@checkoutkit/polar";
import * as runtime from "@checkoutkit/runtime";
import { rejectionOf } from "@checkoutkit/testing";
import { describe, expect, it, vi } from "vitest";

// Each built provider package carries its own copy of the runtime (one module to load), so the classes below are
// different objects. `instanceof` must still hold across them, as a user catching errors from two packages expects.
const answer = (status: number, body: unknown) => vi.fn(async () => Response.json(body, { status }));

describe("errors thrown by one provider package are the error classes of every other", () => {
  it("loads each provider package as one module, with classes of its own", () => {
    const require = createRequire(import.meta.url);
    for (const name of ["@checkoutkit/creem", "@checkoutkit/polar"]) {
      const entry = require.resolve(name).replace(/\.cjs$/, ".js");
      expect(readFileSync(entry, "utf8")).not.toMatch(/^import\b|\bfrom\s*["']/m);
    }
    expect(creem.ApiError).not.toBe(polar.ApiError);
    expect(creem.ApiError).not.toBe(runtime.ApiError);
  });

  it("recognises Creem's ApiError as Polar's, the runtime's and a CheckoutKitError, and nothing else", async () => {
    const client = creem.createCreemClient({ apiKey: "creem_test_identity", baseUrl: "https://api.creem.test", fetch: answer(400, { message: ["bad"] }) });
    const error = await rejectionOf(client.checkouts.create({ product_id: "prod_1" }));

    expect(error).toBeInstanceOf(creem.ApiError);
    expect(error).toBeInstanceOf(polar.ApiError);
    expect(error).toBeInstanceOf(runtime.ApiError);
    expect(error).toBeInstanceOf(polar.CheckoutKitError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(polar.TimeoutError);
    expect(error).not.toBeInstanceOf(polar.ConfigurationError);
    expect(error.status).toBe(400);
  });

  it("recognises Polar's ConfigurationError and TimeoutError from Creem's classes", async () => {
    vi.stubEnv("POLAR_ACCESS_TOKEN", "");
    const configuration = (() => {
      try {
        polar.createPolarClient();
      } catch (error) {
        return error;
      }
    })();
    vi.unstubAllEnvs();
    expect(configuration).toBeInstanceOf(creem.ConfigurationError);
    expect(configuration).not.toBeInstanceOf(creem.ApiError);

    // Never answers; rejects when the client's per-attempt timeout aborts it, as fetch does.
    const never = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    const client = polar.createPolarClient({ accessToken: "polar_oat_identity", fetch: never, timeoutMs: 10, maxRetries: 0 });
    const timeout = await rejectionOf(client.checkouts.retrieve("chk_1"));
    expect(timeout).toBeInstanceOf(creem.TimeoutError);
    expect(timeout).toBeInstanceOf(runtime.CheckoutKitError);
  });

  it("recognises Creem's WebhookVerificationError as Polar's", async () => {
    const error = await rejectionOf(creem.verifyWebhook({ body: "{}", headers: {} }, "whsec_identity"));
    expect(error).toBeInstanceOf(creem.WebhookVerificationError);
    expect(error).toBeInstanceOf(polar.WebhookVerificationError);
    expect(error).toBeInstanceOf(runtime.CheckoutKitError);
    expect(error).not.toBeInstanceOf(polar.ApiError);
  });

  it("keeps ordinary instanceof for a class of the user's own", async () => {
    class PaymentFailed extends runtime.ApiError {}
    const client = polar.createPolarClient({ accessToken: "polar_oat_identity", fetch: answer(422, { detail: "no" }), maxRetries: 0 });
    const error = await rejectionOf(client.checkouts.retrieve("chk_1"));
    expect(error).toBeInstanceOf(runtime.ApiError);
    expect(error).not.toBeInstanceOf(PaymentFailed);
    expect(new PaymentFailed({ ...error, message: "x" })).toBeInstanceOf(polar.ApiError);
  });
});
