import { capturingFetch, requestExample, responseExample } from "@checkoutkit/testing";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { ApiError, ConfigurationError, createPolarClient, type PolarApiError, type PolarSchemas } from "../src/index.js";
import { createPolarRawClient } from "../src/raw.js";

const baseUrl = inject("prism")["polar"]!;
const accessToken = "polar_oat_checkouts_test_4Kd9wQ2mXr7Lb";
const checkoutId = "3c9d7e1f-4a2b-4c8d-9e6f-1a5b7c3d9e2f";

const createExample = () => requestExample<PolarSchemas["CheckoutCreate"]>("polar", "POST", "/v1/checkouts/");
const updateExample = () => requestExample<PolarSchemas["CheckoutUpdate"]>("polar", "PATCH", "/v1/checkouts/{id}");

/** A `fetch` that answers locally, the way Polar would, so no request leaves the machine. */
const answerLocally = () =>
  capturingFetch(() => Response.json(responseExample("polar", "POST", "/v1/checkouts/", 201), { status: 201 }));

/** Runs a call that should fail and returns what it threw. */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.fail("expected the call to fail"), (error: unknown) => error);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("create a checkout session", () => {
  it("creates a session from the spec's example and returns it typed", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const checkout = await polar.checkouts.create(createExample());

    expect(checkout).toEqual(responseExample("polar", "POST", "/v1/checkouts/", 201));
    const url: string = checkout.url;
    expect(url).toMatch(/^https:\/\/buy\.polar\.sh\//);
    expect(checkout.status).toBe("open");
    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url).toBe(`${baseUrl}/v1/checkouts/`);
    expect(exchange?.response?.status).toBe(201);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
    expect(JSON.parse(exchange!.body)).toEqual(createExample());
  });

  it("sends a failed create once when maxRetries is 0 (a retry could open a second session)", async () => {
    const unavailable = () =>
      capturingFetch(() => new Response("upstream unavailable", { status: 503, headers: { "retry-after": "0" } }));
    const retried = unavailable();
    const once = unavailable();

    await failure(createPolarClient({ accessToken, fetch: retried }).checkouts.create(createExample()));
    await failure(createPolarClient({ accessToken, fetch: once }).checkouts.create(createExample(), { maxRetries: 0 }));

    expect(retried.exchanges).toHaveLength(3);
    expect(once.exchanges).toHaveLength(1);
  });
});

describe("retrieve and update a checkout session", () => {
  it("retrieves a session by ID", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const checkout = await polar.checkouts.retrieve(checkoutId);

    expect(checkout).toEqual(responseExample("polar", "GET", "/v1/checkouts/{id}", 200));
    expect(fetch.exchanges[0]?.url).toBe(`${baseUrl}/v1/checkouts/${checkoutId}`);
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("updates a session with the spec's example", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const checkout = await polar.checkouts.update(checkoutId, updateExample());

    expect(checkout).toEqual(responseExample("polar", "PATCH", "/v1/checkouts/{id}", 200));
    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("PATCH");
    expect(exchange?.url).toBe(`${baseUrl}/v1/checkouts/${checkoutId}`);
    expect(JSON.parse(exchange!.body)).toEqual(updateExample());
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
  });
});

describe("list checkout sessions", () => {
  it("awaits one page", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const page = await polar.checkouts.list({ limit: 100, status: ["open", "expired"] });

    expect(page).toEqual(responseExample("polar", "GET", "/v1/checkouts/", 200));
    expect(page.pagination.max_page).toBe(1);
    const url = new URL(fetch.exchanges[0]!.url);
    expect(url.pathname).toBe("/v1/checkouts/");
    expect(url.searchParams.get("limit")).toBe("100");
    expect(url.searchParams.getAll("status")).toEqual(["open", "expired"]); // a list filter repeats the parameter
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("iterates every session of every page, asking for the next page until pagination.max_page", async () => {
    // Prism's example is a single page. Pretend there are three, each with its own session.
    const fetch = capturingFetch(async (request) => {
      const answer = await globalThis.fetch(request);
      const page = (await answer.json()) as PolarSchemas["ListResource_Checkout_"];
      const number = new URL(request.url).searchParams.get("page") ?? "1";
      page.items = page.items.map((item) => ({ ...item, id: item.id.slice(0, -1) + number }));
      page.pagination = { total_count: 3, max_page: 3 };
      return Response.json(page, { status: answer.status });
    });
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    const ids: string[] = [];
    for await (const checkout of polar.checkouts.list({ limit: 100 })) ids.push(checkout.id);

    expect(ids).toEqual(["3c9d7e1f-4a2b-4c8d-9e6f-1a5b7c3d9e21", "3c9d7e1f-4a2b-4c8d-9e6f-1a5b7c3d9e22", "3c9d7e1f-4a2b-4c8d-9e6f-1a5b7c3d9e23"]);
    const queries = fetch.exchanges.map((exchange) => Object.fromEntries(new URL(exchange.url).searchParams));
    expect(queries).toEqual([{ limit: "100" }, { limit: "100", page: "2" }, { limit: "100", page: "3" }]);
  });

  it("starts from the page it is given", async () => {
    const fetch = capturingFetch(async (request) => {
      const page = (await (await globalThis.fetch(request)).json()) as PolarSchemas["ListResource_Checkout_"];
      return Response.json({ ...page, pagination: { total_count: 3, max_page: 3 } });
    });
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    let count = 0;
    for await (const _ of polar.checkouts.list({ page: 2 })) count++;

    expect(count).toBe(2);
    expect(fetch.exchanges.map((exchange) => new URL(exchange.url).searchParams.get("page"))).toEqual(["2", "3"]);
  });

  it("stops after the last page, and fetches no more after a break", async () => {
    const all = capturingFetch();
    const early = capturingFetch();

    for await (const _ of createPolarClient({ accessToken, baseUrl, fetch: all }).checkouts.list()) {
      // Prism's example has max_page 1
    }
    for await (const _ of createPolarClient({ accessToken, baseUrl, fetch: early }).checkouts.list()) break;

    expect(all.exchanges).toHaveLength(1);
    expect(early.exchanges).toHaveLength(1);
  });
});

describe("credentials, version and servers", () => {
  it("sends the token as a bearer token and pins Polar-Version to 2026-04", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch });

    await polar.checkouts.create(createExample());
    await polar.checkouts.retrieve(checkoutId);

    for (const { headers } of fetch.exchanges) {
      expect(headers.authorization).toBe(`Bearer ${accessToken}`);
      expect(headers["polar-version"]).toBe("2026-04");
    }
    expect(fetch.exchanges[0]?.headers["content-type"]).toBe("application/json");
  });

  it("calls https://api.polar.sh by default and https://sandbox-api.polar.sh with server: sandbox", async () => {
    const production = answerLocally();
    const sandbox = answerLocally();

    await createPolarClient({ accessToken, fetch: production }).checkouts.create(createExample());
    await createPolarClient({ accessToken: "polar_oat_sandbox_7Yt2", server: "sandbox", fetch: sandbox }).checkouts.create(createExample());

    expect(production.exchanges[0]?.url).toBe("https://api.polar.sh/v1/checkouts/");
    expect(sandbox.exchanges[0]?.url).toBe("https://sandbox-api.polar.sh/v1/checkouts/");
    expect(sandbox.exchanges[0]?.headers.authorization).toBe("Bearer polar_oat_sandbox_7Yt2");
  });

  it("reads the token from POLAR_ACCESS_TOKEN when accessToken is left out", async () => {
    vi.stubEnv("POLAR_ACCESS_TOKEN", "polar_oat_from_env_9Qe3");
    const fetch = answerLocally();

    await createPolarClient({ fetch }).checkouts.create(createExample());

    expect(fetch.exchanges[0]?.headers.authorization).toBe("Bearer polar_oat_from_env_9Qe3");
  });

  it("refuses to start without a token, naming the option and the variable", () => {
    vi.stubEnv("POLAR_ACCESS_TOKEN", "");

    expect(() => createPolarClient()).toThrow(ConfigurationError);
    expect(() => createPolarClient()).toThrow(/accessToken.*POLAR_ACCESS_TOKEN/);
  });
});

describe("errors", () => {
  it("maps Polar's 422 detail[] onto issues with dotted paths", async () => {
    const polar = createPolarClient({ accessToken, baseUrl });
    const expected = responseExample("polar", "POST", "/v1/checkouts/", 422);

    const error = (await failure(polar.checkouts.create({ ...createExample(), success_url: "/thanks" }))) as PolarApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.provider).toBe("polar");
    expect(error.operation).toBe("checkouts.create");
    expect(error.issues).toEqual([{ path: "body.success_url", message: "Input should be a valid URL, relative URL without a base" }]);
    expect(error.message).toContain("body.success_url: Input should be a valid URL");
    expect(error.body).toEqual(expected);
  });

  it("gives a 404 the code ResourceNotFound", async () => {
    const polar = createPolarClient({ accessToken, baseUrl });

    const error = (await failure(polar.checkouts.retrieve(checkoutId, { headers: { Prefer: "code=404" } }))) as PolarApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.code).toBe("ResourceNotFound");
    expect(error.message).toContain("Not found");
  });

  it("gives a rejected token the code invalid_token, with Polar's description as message", async () => {
    const polar = createPolarClient({ accessToken, baseUrl });

    const error = (await failure(polar.checkouts.retrieve(checkoutId, { headers: { Prefer: "code=401" } }))) as PolarApiError;

    expect(error.status).toBe(401);
    expect(error.code).toBe("invalid_token");
    expect(error.message).toContain("The access token provided is expired");
    expect(error.message).not.toContain(accessToken);
  });

  it("with maxRetries: 0, throws a 429 at once, its Retry-After readable from error.headers", async () => {
    const fetch = capturingFetch();
    const polar = createPolarClient({ accessToken, baseUrl, fetch, maxRetries: 0 });

    const error = (await failure(polar.checkouts.list({}, { headers: { Prefer: "code=429" } }))) as PolarApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.headers.get("retry-after")).toBe("42");
    expect(error.body).toBe("Too Many Requests");
    expect(fetch.exchanges).toHaveLength(1);
  });

  it("retries a 429 after the Retry-After pause, by default", async () => {
    let calls = 0;
    const fetch = capturingFetch(() =>
      ++calls === 1
        ? new Response("Too Many Requests", { status: 429, headers: { "retry-after": "0" } })
        : Response.json(responseExample("polar", "GET", "/v1/checkouts/{id}", 200)),
    );
    const polar = createPolarClient({ accessToken, fetch });

    const checkout = await polar.checkouts.retrieve(checkoutId);

    expect(checkout.id).toBe(checkoutId);
    expect(fetch.exchanges.map((exchange) => exchange.response?.status)).toEqual([429, 200]);
  });
});

describe("path-based calls", () => {
  it("reaches the same endpoints through createPolarRawClient, with the trailing slash", async () => {
    const polar = createPolarRawClient({ accessToken, baseUrl });

    const { data, error } = await polar.GET("/v1/checkouts/", { params: { query: { limit: 100 } } });

    expect(error).toBeUndefined();
    expect(data?.items[0]?.id).toBe(checkoutId);
  });
});
