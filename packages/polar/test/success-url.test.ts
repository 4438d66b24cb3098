import { capturingFetch, requestExample } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";
import { createPolarClient, type PolarSchemas } from "../src/index.js";
import { createPolarRawClient } from "../src/raw.js";

const baseUrl = inject("prism")["polar"]!;
const accessToken = "polar_oat_success_url_test_7Qw2";
// What Polar's docs (and this package's README) tell users to send: Polar fills in the checkout's ID on redirect.
const successUrl = "https://shop.example.com/thanks?checkout_id={CHECKOUT_ID}";

const createExample = () => requestExample<PolarSchemas["CheckoutCreate"]>("polar", "POST", "/v1/checkouts/");

describe("the documented success_url placeholder", () => {
  it("creates a checkout with checkout_id={CHECKOUT_ID} in success_url, and the mock answers 201", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch, maxRetries: 0 });

    await polar.checkouts.create({ ...createExample(), success_url: successUrl });

    const [exchange] = fetch.exchanges;
    expect(JSON.parse(exchange!.body).success_url).toBe(successUrl);
    expect(exchange?.response?.status).toBe(201);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("is still refused when it is not an absolute http(s) URL", async () => {
    const polar = createPolarRawClient({ accessToken, baseUrl, maxRetries: 0 });

    const { response } = await polar.POST("/v1/checkouts/", { body: { ...createExample(), success_url: "thanks?checkout_id={CHECKOUT_ID}" } });

    expect(response.status).toBe(422);
  });
});
