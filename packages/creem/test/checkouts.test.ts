import { capturingFetch, requestExample, responseExample } from "@checkoutkit/testing";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { ApiError, ConfigurationError, createCreemClient, type CreemApiError, type CreemSchemas } from "../src/index.js";
import { createCreemRawClient } from "../src/raw.js";

const baseUrl = inject("prism")["creem"]!;
const apiKey = "creem_test_4Hq8Lx2Vb7Nc1Zr5Tk9Wm3Pd";
const checkoutId = "ch_5mQd1K8vXr3TnB7yHc2LwE";
const example = () => requestExample<CreemSchemas["CreateCheckoutRequest"]>("creem", "POST", "/v1/checkouts");
const created = () => responseExample<CreemSchemas["CheckoutEntity"]>("creem", "POST", "/v1/checkouts", 200);
const retrieved = () => responseExample<CreemSchemas["CheckoutEntity"]>("creem", "GET", "/v1/checkouts", 200);

/** Answers every request locally with the spec's create example, so tests of URLs never touch the network. */
const answerLocally = () =>
  capturingFetch(() => new Response(JSON.stringify(created()), { status: 200, headers: { "content-type": "application/json" } }));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("creating a checkout", () => {
  it("creates a checkout from the spec's example and returns the typed session", async () => {
    const fetch = capturingFetch();
    const creem = createCreemClient({ apiKey, baseUrl, fetch });

    const checkout = await creem.checkouts.create(example());

    expect(checkout).toEqual(created());
    expect(typeof checkout.checkout_url).toBe("string");
    expect(checkout.checkout_url).toMatch(/^https:\/\/www\.creem\.io\/checkout\//);
    expect(checkout.status).toBe("pending");
    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url).toBe(`${baseUrl}/v1/checkouts`);
    expect(exchange?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(exchange!.body)).toEqual(example());
    expect(exchange?.response?.status).toBe(200);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("runs the README's create example: a 303 redirect to checkout_url", async () => {
    const fetch = capturingFetch();
    const creem = createCreemClient({ apiKey, baseUrl, fetch });

    // From README.md, "Create a checkout".
    async function startCheckout(userId: string, email: string): Promise<Response> {
      const checkout = await creem.checkouts.create({
        product_id: "prod_6tW66i0oZM7w1qXReHJrwg",
        request_id: `order_${userId}_${Date.now()}`, // your own reference, echoed back on the redirect and in webhooks
        customer: { email }, // prefills and locks the email field
        custom_fields: [{ type: "text", key: "companyName", label: "Company name", optional: true }],
        success_url: "https://shop.example.com/checkout/success",
        metadata: { userId }, // stored on the session and the subscription, and sent back in webhooks
      });
      // Creem's schema marks checkout_url as optional, so check it before you use it.
      if (!checkout.checkout_url) throw new Error(`Creem returned no checkout_url for ${checkout.id}`);
      return Response.redirect(checkout.checkout_url, 303);
    }

    const redirect = await startCheckout("usr_4821", "ada@mail.example.com");

    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("location")).toBe(created().checkout_url);
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
    expect(JSON.parse(fetch.exchanges[0]!.body)).toMatchObject({ customer: { email: "ada@mail.example.com" }, metadata: { userId: "usr_4821" } });
  });

  it("accepts a body with only product_id (the README's mock example)", async () => {
    const fetch = capturingFetch();
    const creem = createCreemClient({ apiKey: "creem_test_anything", baseUrl, fetch });

    const checkout = await creem.checkouts.create({ product_id: "prod_6tW66i0oZM7w1qXReHJrwg" });

    expect(checkout.checkout_url).toBe("https://www.creem.io/checkout/prod_6tW66i0oZM7w1qXReHJrwg/ch_5mQd1K8vXr3TnB7yHc2LwE");
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });
});

describe("retrieving a checkout", () => {
  it("sends checkout_id in the query string and returns the typed session", async () => {
    const fetch = capturingFetch();
    const creem = createCreemClient({ apiKey, baseUrl, fetch });

    const checkout = await creem.checkouts.retrieve({ checkout_id: checkoutId });

    expect(checkout).toEqual(retrieved());
    expect(checkout.id).toBe(checkoutId);
    expect(checkout.status).toBe("completed");
    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("GET");
    expect(exchange?.url).toBe(`${baseUrl}/v1/checkouts?checkout_id=${checkoutId}`);
    expect(exchange?.body).toBe("");
    expect(exchange?.response?.status).toBe(200);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("runs the README's retrieve example: a completed session with its product and order", async () => {
    const creem = createCreemClient({ apiKey, baseUrl });

    // From README.md, "Retrieve a checkout".
    async function confirmCheckout(checkoutId: string) {
      const checkout = await creem.checkouts.retrieve({ checkout_id: checkoutId });
      if (checkout.status !== "completed") return null; // "pending", "processing" or "expired"

      // product, customer and subscription are an ID or the expanded object.
      const productId = typeof checkout.product === "string" ? checkout.product : checkout.product.id;
      return { productId, orderId: checkout.order?.id, requestId: checkout.request_id, metadata: checkout.metadata };
    }

    expect(await confirmCheckout(checkoutId)).toEqual({
      productId: "prod_6tW66i0oZM7w1qXReHJrwg",
      orderId: "ord_7hN2cW5qK9xP4rT1vB8mZs",
      requestId: "order_10482",
      metadata: { userId: "usr_4821", plan: "pro", seats: 5 },
    });
  });
});

describe("authentication", () => {
  it("sends the API key as is in x-api-key, and no Authorization header", async () => {
    const fetch = capturingFetch();
    const creem = createCreemClient({ apiKey, baseUrl, fetch });

    await creem.checkouts.create(example());
    await creem.checkouts.retrieve({ checkout_id: checkoutId });

    for (const exchange of fetch.exchanges) {
      expect(exchange.headers["x-api-key"]).toBe(apiKey);
      expect(exchange.headers.authorization).toBeUndefined();
    }
  });

  it("reads the API key from CREEM_API_KEY when apiKey is left out", async () => {
    vi.stubEnv("CREEM_API_KEY", "creem_env_7Rt2Yp9Kd4Wq");
    const fetch = capturingFetch();
    const creem = createCreemClient({ baseUrl, fetch });

    await creem.checkouts.retrieve({ checkout_id: checkoutId });

    expect(fetch.exchanges[0]?.headers["x-api-key"]).toBe("creem_env_7Rt2Yp9Kd4Wq");
  });

  it("prefers the apiKey option over CREEM_API_KEY", async () => {
    vi.stubEnv("CREEM_API_KEY", "creem_env_7Rt2Yp9Kd4Wq");
    const fetch = capturingFetch();
    const creem = createCreemClient({ apiKey, baseUrl, fetch });

    await creem.checkouts.retrieve({ checkout_id: checkoutId });

    expect(fetch.exchanges[0]?.headers["x-api-key"]).toBe(apiKey);
  });

  it("refuses to start without a key, naming the option and the environment variable", () => {
    vi.stubEnv("CREEM_API_KEY", "");

    expect(() => createCreemClient({ baseUrl })).toThrow(ConfigurationError);
    expect(() => createCreemClient({ baseUrl })).toThrow(/apiKey/);
    expect(() => createCreemClient({ baseUrl })).toThrow(/CREEM_API_KEY/);
  });
});

describe("servers", () => {
  it('sends to https://test-api.creem.io with server: "test"', async () => {
    const fetch = answerLocally();
    const creem = createCreemClient({ apiKey, server: "test", fetch });

    await creem.checkouts.create(example());
    await creem.checkouts.retrieve({ checkout_id: checkoutId });

    expect(fetch.exchanges.map((e) => `${e.method} ${e.url}`)).toEqual([
      "POST https://test-api.creem.io/v1/checkouts",
      `GET https://test-api.creem.io/v1/checkouts?checkout_id=${checkoutId}`,
    ]);
    expect(fetch.exchanges[0]?.headers["x-api-key"]).toBe(apiKey);
  });

  it("sends to https://api.creem.io by default", async () => {
    const fetch = answerLocally();
    const creem = createCreemClient({ apiKey, fetch });

    await creem.checkouts.retrieve({ checkout_id: checkoutId });

    expect(fetch.exchanges[0]?.url).toBe(`https://api.creem.io/v1/checkouts?checkout_id=${checkoutId}`);
  });

  it("rejects a server Creem does not have", () => {
    expect(() => createCreemClient({ apiKey, server: "sandbox" as never })).toThrow(ConfigurationError);
    expect(() => createCreemClient({ apiKey, server: "sandbox" as never })).toThrow(/"production", "test"/);
  });
});

describe("errors", () => {
  it("maps Creem's 400 body onto ApiError: code from error, issues from message[], requestId from trace_id", async () => {
    const creem = createCreemClient({ apiKey, baseUrl });
    const expected = responseExample<CreemSchemas["CreemError"]>("creem", "POST", "/v1/checkouts", 400);

    const error = (await creem.checkouts.create(example(), { headers: { Prefer: "code=400" } }).catch((e: unknown) => e)) as CreemApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.provider).toBe("creem");
    expect(error.operation).toBe("checkouts.create");
    expect(error.code).toBe("Bad Request");
    expect(error.message).toBe(
      "creem checkouts.create failed with 400 Bad Request: product_id must be a string; custom_fields must contain no more than 3 elements",
    );
    expect(error.issues).toEqual(expected.message!.map((message) => ({ path: "", message })));
    expect(error.requestId).toBe(expected.trace_id);
    expect(error.body).toEqual(expected);
  });

  it("reports a rejected key as ApiError 403 Forbidden, without leaking the key", async () => {
    const creem = createCreemClient({ apiKey, baseUrl });
    const expected = responseExample<CreemSchemas["CreemError"]>("creem", "POST", "/v1/checkouts", 403);

    const error = (await creem.checkouts.create(example(), { headers: { Prefer: "code=403" } }).catch((e: unknown) => e)) as CreemApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(403);
    expect(error.code).toBe("Forbidden");
    expect(error.issues).toEqual([]);
    expect(error.requestId).toBe(expected.trace_id);
    expect(error.body).toEqual(expected);
    const everything = [error.message, String(error), JSON.stringify(error), error.stack ?? ""].join("\n");
    expect(everything).not.toContain(apiKey);
  });

  it("reports an unknown checkout as ApiError 404 (the README's mock example)", async () => {
    const creem = createCreemClient({ apiKey: "creem_test_anything", baseUrl });

    const error = (await creem.checkouts
      .retrieve({ checkout_id: "ch_missing" }, { headers: { Prefer: "code=404" } })
      .catch((e: unknown) => e)) as CreemApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.operation).toBe("checkouts.retrieve");
    expect(error.code).toBe("Not Found");
    expect(error.issues).toEqual([{ path: "", message: "Checkout not found" }]);
  });

  it("tries a create once with maxRetries: 0, even on a retryable 500", async () => {
    const fetch = capturingFetch();
    const creem = createCreemClient({ apiKey, baseUrl, fetch });

    const error = (await creem.checkouts
      .create(example(), { maxRetries: 0, headers: { Prefer: "code=500" } })
      .catch((e: unknown) => e)) as CreemApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
    expect(fetch.exchanges).toHaveLength(1);
  });
});

describe("path-based calls", () => {
  it("reaches the openapi-fetch client through createCreemRawClient, with the same auth", async () => {
    const fetch = capturingFetch();
    const creem = createCreemRawClient({ apiKey, baseUrl, fetch });

    const { data, error } = await creem.GET("/v1/checkouts", {
      params: { query: { checkout_id: "ch_5mQd1K8vXr3TnB7yHc2LwE" } },
    });

    expect(error).toBeUndefined();
    expect(data?.status).toBe("completed");
    expect(data?.checkout_url).toBe(retrieved().checkout_url);
    expect(fetch.exchanges[0]?.headers["x-api-key"]).toBe(apiKey);
  });
});
