import { capturingFetch, requestExample, responseExample } from "@checkoutkit/testing";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { ConfigurationError, createPayNowManagementClient, createPayNowStorefrontClient, type PayNowManagementSchemas } from "../src/index.js";

const baseUrl = inject("prism")["paynow-management"]!;
const apiKey = "pnapi_management_test_key_0c9f";
const storeId = "411486491630370001";
const checkoutPath = "/v1/stores/{storeId}/checkouts";

afterEach(() => vi.unstubAllEnvs());

describe("management checkouts.create", () => {
  it("creates a checkout for a customer from the spec's example", async () => {
    const fetch = capturingFetch();
    const paynow = createPayNowManagementClient({ apiKey, storeId, baseUrl, fetch });
    const body = requestExample<PayNowManagementSchemas["CreateCheckoutSessionManagement"]>("paynow-management", "POST", checkoutPath);

    const session = await paynow.checkouts.create(body);

    expect(session).toEqual(responseExample("paynow-management", "POST", checkoutPath, 200));
    const [exchange] = fetch.exchanges;
    expect(exchange!.url).toBe(`${baseUrl}/v1/stores/${storeId}/checkouts`);
    expect(exchange!.headers.authorization).toBe(`APIKey ${apiKey}`);
    expect(exchange!.headers["x-paynow-store-id"]).toBeUndefined();
    expect(exchange!.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("reads the API key from PAYNOW_API_KEY when none is passed", async () => {
    vi.stubEnv("PAYNOW_API_KEY", "pnapi_from_env");
    const fetch = capturingFetch();
    await createPayNowManagementClient({ storeId, baseUrl, fetch }).checkouts.create(
      requestExample("paynow-management", "POST", checkoutPath),
    );
    expect(fetch.exchanges[0]!.headers.authorization).toBe("APIKey pnapi_from_env");
  });

  it("names the option and the variable when the key is missing", () => {
    vi.stubEnv("PAYNOW_API_KEY", "");
    expect(() => createPayNowManagementClient({ storeId })).toThrow(ConfigurationError);
    expect(() => createPayNowManagementClient({ storeId })).toThrow("pass { apiKey } or set the PAYNOW_API_KEY environment variable");
  });
});

describe("management customers.createToken", () => {
  it("mints a customer token that a storefront client can use", async () => {
    const paynow = createPayNowManagementClient({ apiKey, storeId, baseUrl });

    const { token } = await paynow.customers.createToken("411486491630370900");
    const storefront = createPayNowStorefrontClient({ customerToken: token, storeId, baseUrl: inject("prism")["paynow-storefront"]! });
    const { url } = await storefront.checkouts.create({ lines: [{ product_id: "411486491630370816", quantity: 1 }] });

    expect(token).toBe(responseExample("paynow-management", "POST", "/v1/stores/{storeId}/customers/{customerId}/tokens", 200).token);
    expect(url).toMatch(/^https:\/\//);
  });
});
