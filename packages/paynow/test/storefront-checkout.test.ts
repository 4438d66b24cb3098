import { capturingFetch, requestExample, responseExample } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";
import { ApiError, ConfigurationError, createPayNowStorefrontClient, type PayNowStorefrontSchemas } from "../src/index.js";
import { createPayNowStorefrontRawClient } from "../src/raw.js";

const baseUrl = inject("prism")["paynow-storefront"]!;
const customerToken = "pnct_storefront_test_token_5f2b8c1e";
const storeId = "411486491630370001";
const example = () => requestExample<PayNowStorefrontSchemas["CreateCheckoutSessionRequest"]>("paynow-storefront", "POST", "/v1/checkouts");

describe("storefront checkouts.create", () => {
  it("creates a checkout from the spec's example and returns the typed session", async () => {
    const fetch = capturingFetch();
    const storefront = createPayNowStorefrontClient({ customerToken, storeId, baseUrl, fetch });

    const session = await storefront.checkouts.create(example(), {
      headers: { "x-paynow-customer-ip": "2001:db8::42", "x-paynow-customer-countrycode": "DE" },
    });

    expect(session).toEqual(responseExample("paynow-storefront", "POST", "/v1/checkouts", 200));
    const url: string = session.url;
    expect(url).toMatch(/^https:\/\//);
    const [exchange] = fetch.exchanges;
    expect(exchange?.response?.status).toBe(200);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
    expect(JSON.parse(exchange!.body)).toEqual(example());
  });

  it("sends the customer token, the store ID and the typed header parameters", async () => {
    const fetch = capturingFetch();
    const storefront = createPayNowStorefrontClient({ customerToken, storeId, baseUrl, fetch });

    await storefront.checkouts.create(example(), { headers: { "x-paynow-customer-countrycode": "FR" } });

    const headers = fetch.exchanges[0]!.headers;
    expect(headers.authorization).toBe(`Customer ${customerToken}`);
    expect(headers["x-paynow-store-id"]).toBe(storeId);
    expect(headers["x-paynow-customer-countrycode"]).toBe("FR");
    expect(headers["content-type"]).toBe("application/json");
    expect(fetch.exchanges[0]!.url).toBe(`${baseUrl}/v1/checkouts`);
  });

  it("reports a request the spec forbids as ApiError 422", async () => {
    const storefront = createPayNowStorefrontClient({ customerToken, storeId, baseUrl });
    const forbidden = { lines: [{ product_id: "411486491630370816", quantity: "two" }] };

    const error = await storefront.checkouts.create(forbidden as never).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.provider).toBe("paynow");
    expect(apiError.operation).toBe("checkouts.create");
    expect(apiError.message).toContain("422");
    expect(apiError.body).toBeTruthy();
  });

  it("reports a request without a customer token as ApiError 401, without leaking the token", async () => {
    // Drop the Authorization header on the way out, as a misconfigured proxy would.
    const fetch = capturingFetch((request) => {
      const headers = new Headers(request.headers);
      headers.delete("authorization");
      return globalThis.fetch(new Request(request, { headers }));
    });
    const storefront = createPayNowStorefrontClient({ customerToken, storeId, baseUrl, fetch });

    const error = (await storefront.checkouts.create(example()).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    const everything = [error.message, String(error), JSON.stringify(error), error.stack ?? ""].join("\n");
    expect(everything).not.toContain(customerToken);
  });

  it("maps PayNow's error body onto ApiError's fields", async () => {
    const storefront = createPayNowStorefrontClient({ customerToken, storeId, baseUrl });
    const expected = responseExample("paynow-storefront", "POST", "/v1/checkouts", "default");

    const error = (await storefront.checkouts
      .create(example(), { maxRetries: 0, headers: { Prefer: "code=500" } })
      .catch((e: unknown) => e)) as ApiError<PayNowStorefrontSchemas["PayNowError"]>;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(error.code).toBe(expected.code);
    expect(error.message).toContain(expected.message);
    expect(error.requestId).toBe(expected.trace_id);
    expect(error.issues).toEqual(expected.errors.map((e: { path: string; message: string }) => ({ path: e.path, message: e.message })));
    expect(error.body).toEqual(expected);
  });

  it("keeps the openapi-fetch client reachable for path-based calls", async () => {
    const storefront = createPayNowStorefrontRawClient({ customerToken, storeId, baseUrl });

    const { data, error } = await storefront.POST("/v1/checkouts", { body: example() });

    expect(error).toBeUndefined();
    expect(data?.url).toBe(responseExample("paynow-storefront", "POST", "/v1/checkouts", 200).url);
  });

  it("refuses to start without a customer token or a store ID", () => {
    expect(() => createPayNowStorefrontClient({ storeId } as never)).toThrow(ConfigurationError);
    expect(() => createPayNowStorefrontClient({ storeId } as never)).toThrow(/customerToken/);
    expect(() => createPayNowStorefrontClient({ customerToken } as never)).toThrow(/storeId/);
  });
});
