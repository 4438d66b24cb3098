import { capturingFetch, requestExample, responseExample } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";
import { ApiError, createPolarClient, type PolarApiError, type PolarSchemas } from "../src/index.js";

const baseUrl = inject("prism")["polar"]!;
const accessToken = "polar_oat_links_test_8Vn3pR6tYc1Hs";
const linkId = "f14a8e2d-9c63-4b71-a2d5-8e0f6c4b1a97";

const createExample = () => requestExample<PolarSchemas["CheckoutLinkCreate"]>("polar", "POST", "/v1/checkout-links/");
const updateExample = () => requestExample<PolarSchemas["CheckoutLinkUpdate"]>("polar", "PATCH", "/v1/checkout-links/{id}");

/** Runs a call that should fail and returns what it threw. */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected the call to fail"), (error: unknown) => error);

describe("checkout links", () => {
  it("creates a link from the spec's example (the products form)", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const link = await polar.checkoutLinks.create(createExample());

    expect(link).toEqual(responseExample("polar", "POST", "/v1/checkout-links/", 201));
    const url: string = link.url;
    expect(url).toMatch(/^https:\/\/buy\.polar\.sh\//);
    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url).toBe(`${baseUrl}/v1/checkout-links/`);
    expect(JSON.parse(exchange!.body)).toEqual(createExample());
    expect(exchange?.response?.status).toBe(201);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("retrieves a link by ID", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const link = await polar.checkoutLinks.retrieve(linkId);

    expect(link).toEqual(responseExample("polar", "GET", "/v1/checkout-links/{id}", 200));
    expect(fetch.exchanges[0]?.url).toBe(`${baseUrl}/v1/checkout-links/${linkId}`);
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("updates a link with the spec's example", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const link = await polar.checkoutLinks.update(linkId, updateExample());

    expect(link).toEqual(responseExample("polar", "PATCH", "/v1/checkout-links/{id}", 200));
    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("PATCH");
    expect(JSON.parse(exchange!.body)).toEqual(updateExample());
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("lists one page, and iterates every link", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const page = await polar.checkoutLinks.list({ limit: 100 });
    const labels: (string | null)[] = [];
    for await (const link of polar.checkoutLinks.list({ limit: 100 })) labels.push(link.label);

    expect(page).toEqual(responseExample("polar", "GET", "/v1/checkout-links/", 200));
    expect(labels).toEqual(page.items.map((link) => link.label));
    expect(fetch.exchanges.map((exchange) => exchange.url)).toEqual([
      `${baseUrl}/v1/checkout-links/?limit=100`,
      `${baseUrl}/v1/checkout-links/?limit=100`, // max_page is 1: one request each
    ]);
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("deletes a link: the promise resolves to undefined on Polar's 204", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const result = await polar.checkoutLinks.delete(linkId);

    expect(result).toBeUndefined();
    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("DELETE");
    expect(exchange?.url).toBe(`${baseUrl}/v1/checkout-links/${linkId}`);
    expect(exchange?.response?.status).toBe(204);
    expect(exchange?.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(exchange?.headers["polar-version"]).toBe("2026-04");
  });

  it("reports an unknown link as ApiError 404 ResourceNotFound", async () => {
    const polar = createPolarClient({ accessToken, baseUrl });

    const error = (await failure(polar.checkoutLinks.delete(linkId, { headers: { Prefer: "code=404" } }))) as PolarApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.code).toBe("ResourceNotFound");
    expect(error.operation).toBe("checkoutLinks.delete");
  });

  it("reports an ID that is not a UUID as ApiError 422 on path.id", async () => {
    const polar = createPolarClient({ accessToken, baseUrl });

    const error = (await failure(polar.checkoutLinks.retrieve("chk_1234"))) as PolarApiError;

    expect(error.status).toBe(422);
    expect(error.issues).toEqual([{ path: "path.id", message: expect.stringContaining("Input should be a valid UUID") }]);
  });
});
