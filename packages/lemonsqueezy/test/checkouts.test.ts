import { capturingFetch, requestExample, responseExample } from "@checkoutkit/testing";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { ApiError, ConfigurationError, createLemonSqueezyClient, type LemonSqueezyApiError, type LemonSqueezySchemas } from "../src/index.js";

const baseUrl = inject("prism")["lemonsqueezy"]!;
const apiKey = "ls_test_eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.fake";
const checkoutId = "5e8b546c-c561-4a2c-a586-40c18bb2a195";
const JSON_API = "application/vnd.api+json";
const example = () => requestExample<LemonSqueezySchemas["CheckoutCreateRequest"]>("lemonsqueezy", "POST", "/v1/checkouts");
const created = () => responseExample<LemonSqueezySchemas["CheckoutDocument"]>("lemonsqueezy", "POST", "/v1/checkouts", 201);
const listed = () => responseExample<LemonSqueezySchemas["CheckoutListDocument"]>("lemonsqueezy", "GET", "/v1/checkouts", 200);

/** Answers every request locally with `body`, so tests of URLs and pages never depend on the mock. */
const answering = (body: (request: Request) => unknown) =>
  capturingFetch(async (request) => new Response(JSON.stringify(body(request)), { status: 200, headers: { "content-type": JSON_API } }));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("creating a checkout", () => {
  it("sends the JSON:API document as is, as application/vnd.api+json, and returns the typed answer", async () => {
    const fetch = capturingFetch();
    const lemon = createLemonSqueezyClient({ apiKey, baseUrl, fetch });

    const checkout = await lemon.checkouts.create(example());

    expect(checkout).toEqual(created());
    expect(checkout.data.attributes.url).toMatch(/^https:\/\/shop\.lemonsqueezy\.com\/checkout\/custom\//);
    const [exchange] = fetch.exchanges;
    expect(`${exchange?.method} ${exchange?.url}`).toBe(`POST ${baseUrl}/v1/checkouts`);
    expect(exchange?.headers["content-type"]).toBe(JSON_API);
    expect(exchange?.headers.accept).toBe(JSON_API);
    expect(exchange?.body).toBe(JSON.stringify(example()));
    expect(exchange?.response?.status).toBe(201);
    expect(exchange?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("sends exactly the documented bytes for a create with a store, a variant and custom data", async () => {
    const fetch = answering(() => created());
    const lemon = createLemonSqueezyClient({ apiKey, fetch });

    await lemon.checkouts.create({
      data: {
        type: "checkouts",
        attributes: { checkout_data: { email: "ada@mail.example.com", custom: { user_id: "123" } } },
        relationships: { store: { data: { type: "stores", id: "1" } }, variant: { data: { type: "variants", id: "1" } } },
      },
    });

    const [exchange] = fetch.exchanges;
    expect(exchange?.url).toBe("https://api.lemonsqueezy.com/v1/checkouts");
    expect(exchange?.body).toBe(
      '{"data":{"type":"checkouts","attributes":{"checkout_data":{"email":"ada@mail.example.com","custom":{"user_id":"123"}}},' +
        '"relationships":{"store":{"data":{"type":"stores","id":"1"}},"variant":{"data":{"type":"variants","id":"1"}}}}}',
    );
    expect(exchange?.headers["content-type"]).toBe(JSON_API);
    expect(exchange?.headers.accept).toBe(JSON_API);
    expect(exchange?.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it("is refused by the mock when the store relationship is missing: the spec keeps it required", async () => {
    const lemon = createLemonSqueezyClient({ apiKey, baseUrl, maxRetries: 0 });
    const body = example();
    const { store: _store, ...onlyVariant } = body.data.relationships;

    const error = (await lemon.checkouts
      .create({ data: { ...body.data, relationships: onlyVariant as typeof body.data.relationships } })
      .catch((e: unknown) => e)) as LemonSqueezyApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
  });
});

describe("listing checkouts", () => {
  it("sends filter and page as deepObject brackets, exactly as Lemon Squeezy documents them", async () => {
    const fetch = capturingFetch();
    const lemon = createLemonSqueezyClient({ apiKey, baseUrl, fetch });

    const page = await lemon.checkouts.list({ filter: { store_id: "1" }, page: { number: 2, size: 10 } });

    expect(page).toEqual(listed());
    expect(fetch.exchanges[0]?.url).toBe(`${baseUrl}/v1/checkouts?filter[store_id]=1&page[number]=2&page[size]=10`);
    expect(fetch.exchanges[0]?.headers.accept).toBe(JSON_API);
    expect(fetch.exchanges[0]?.headers["content-type"]).toBeUndefined();
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("fills filter[store_id] from the client's storeId when the call leaves it out, and lets the call override it", async () => {
    const fetch = answering(() => listed());
    const lemon = createLemonSqueezyClient({ apiKey, storeId: "31415", fetch });

    await lemon.checkouts.list();
    await lemon.checkouts.list({ filter: { variant_id: "271828" } });
    await lemon.checkouts.list({ filter: { store_id: "27" } });

    expect(fetch.exchanges.map((e) => new URL(e.url).search)).toEqual([
      "?filter[store_id]=31415",
      "?filter[variant_id]=271828&filter[store_id]=31415",
      "?filter[store_id]=27",
    ]);
  });

  it("sends include as one comma-separated list, on list and retrieve", async () => {
    const fetch = capturingFetch();
    const lemon = createLemonSqueezyClient({ apiKey, baseUrl, fetch });

    await lemon.checkouts.list({ include: ["store", "variant"] });
    await lemon.checkouts.retrieve(checkoutId, { include: ["store", "variant"] });

    expect(fetch.exchanges.map((e) => e.url)).toEqual([
      `${baseUrl}/v1/checkouts?include=store,variant`,
      `${baseUrl}/v1/checkouts/${checkoutId}?include=store,variant`,
    ]);
    expect(fetch.exchanges.map((e) => e.response?.headers["sl-violations"])).toEqual([undefined, undefined]);
  });

  it("walks every page by page[number] until meta.page.lastPage, keeping the page size and filters", async () => {
    const item = listed().data[0]!;
    const fetch = answering((request) => {
      const number = Number(new URL(request.url).searchParams.get("page[number]") ?? "1");
      const page = { currentPage: number, from: number * 2 - 1, lastPage: 3, perPage: 2, to: number * 2, total: 6 };
      return { ...listed(), meta: { page }, data: [`${number}a`, `${number}b`].map((id) => ({ ...item, id })) };
    });
    const lemon = createLemonSqueezyClient({ apiKey, storeId: "1", fetch });

    const ids: string[] = [];
    for await (const checkout of lemon.checkouts.list({ page: { size: 2 } })) ids.push(checkout.id);

    expect(ids).toEqual(["1a", "1b", "2a", "2b", "3a", "3b"]);
    expect(fetch.exchanges.map((e) => new URL(e.url).search)).toEqual([
      "?page[size]=2&filter[store_id]=1",
      "?page[size]=2&page[number]=2&filter[store_id]=1",
      "?page[size]=2&page[number]=3&filter[store_id]=1",
    ]);
  });
});

describe("retrieving a checkout", () => {
  it("reads one checkout by ID", async () => {
    const fetch = capturingFetch();
    const lemon = createLemonSqueezyClient({ apiKey, baseUrl, fetch });

    const checkout = await lemon.checkouts.retrieve(checkoutId);

    expect(checkout.data.id).toBe(checkoutId);
    expect(checkout.data.attributes.custom_price).toBe(2900);
    expect(fetch.exchanges[0]?.url).toBe(`${baseUrl}/v1/checkouts/${checkoutId}`);
    expect(fetch.exchanges[0]?.body).toBe("");
  });
});

describe("JSON:API errors", () => {
  it("turns errors[] into ApiError.issues, each path from source.pointer, the message from the first detail", async () => {
    const lemon = createLemonSqueezyClient({ apiKey, baseUrl, maxRetries: 0 });
    const expected = responseExample<LemonSqueezySchemas["ErrorDocument"]>("lemonsqueezy", "POST", "/v1/checkouts", 422);

    const error = (await lemon.checkouts.create(example(), { headers: { Prefer: "code=422" } }).catch((e: unknown) => e)) as LemonSqueezyApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.provider).toBe("lemonsqueezy");
    expect(error.status).toBe(422);
    expect(error.message).toContain("The expires at must be a date after now.");
    expect(error.issues).toEqual([
      { path: "/data/attributes/expires_at", message: "The expires at must be a date after now." },
      { path: "/data/attributes/checkout_data/email", message: "The checkout data.email must be a valid email address." },
    ]);
    expect(error.body).toEqual(expected);
  });

  it("reads code from errors[0].code and falls back to the title for the message", async () => {
    const fetch = capturingFetch(
      () =>
        new Response(JSON.stringify({ errors: [{ status: "409", code: "already_exists", title: "Conflict" }] }), {
          status: 409,
          headers: { "content-type": JSON_API },
        }),
    );
    const lemon = createLemonSqueezyClient({ apiKey, fetch, maxRetries: 0 });

    const error = (await lemon.checkouts.retrieve(checkoutId).catch((e: unknown) => e)) as LemonSqueezyApiError;

    expect(error.status).toBe(409);
    expect(error.code).toBe("already_exists");
    expect(error.message).toContain("Conflict");
    // An entry without detail is still an issue; with no message field to read, it is the entry itself.
    expect(error.issues).toEqual([{ path: "", message: expect.stringContaining('"title":"Conflict"') }]);
  });

  it("answers 401 without a key the mock accepts, and never puts the key in the error", async () => {
    const lemon = createLemonSqueezyClient({ apiKey, baseUrl, maxRetries: 0 });

    const error = (await lemon.checkouts.retrieve(checkoutId, {}, { headers: { Prefer: "code=401" } }).catch((e: unknown) => e)) as LemonSqueezyApiError;

    expect(error.status).toBe(401);
    expect(error.message).toContain("Unauthenticated.");
    expect(JSON.stringify(error)).not.toContain(apiKey);
    expect(String(error.stack)).not.toContain(apiKey);
  });
});

describe("authentication", () => {
  it("reads the key from LEMONSQUEEZY_API_KEY when apiKey is left out", async () => {
    vi.stubEnv("LEMONSQUEEZY_API_KEY", "ls_env_key_7Rt2Yp9Kd4Wq");
    const fetch = answering(() => created());
    const lemon = createLemonSqueezyClient({ fetch });

    await lemon.checkouts.retrieve(checkoutId);

    expect(fetch.exchanges[0]?.headers.authorization).toBe("Bearer ls_env_key_7Rt2Yp9Kd4Wq");
  });

  it("refuses to start without a key, naming the option and the environment variable", () => {
    vi.stubEnv("LEMONSQUEEZY_API_KEY", "");

    expect(() => createLemonSqueezyClient({ baseUrl })).toThrow(ConfigurationError);
    expect(() => createLemonSqueezyClient({ baseUrl })).toThrow(/apiKey.*LEMONSQUEEZY_API_KEY|LEMONSQUEEZY_API_KEY.*apiKey/);
  });

  it("needs no storeId to start: only the facade's createCheckout asks for one", () => {
    expect(() => createLemonSqueezyClient({ apiKey })).not.toThrow();
  });
});

describe("the README's examples, against the mock", () => {
  it("creates a checkout and redirects to its URL", async () => {
    const fetch = capturingFetch();
    const lemon = createLemonSqueezyClient({ apiKey, storeId: "31415", baseUrl, fetch });

    // From README.md, "Create a checkout".
    async function startCheckout(userId: string, email: string): Promise<Response> {
      const checkout = await lemon.checkouts.create({
        data: {
          type: "checkouts",
          attributes: {
            product_options: { redirect_url: "https://shop.example.com/thanks" }, // where the customer lands after paying
            checkout_data: { email, custom: { user_id: userId } }, // custom comes back in webhooks as meta.custom_data
          },
          relationships: {
            store: { data: { type: "stores", id: "31415" } },
            variant: { data: { type: "variants", id: "271828" } },
          },
        },
      });
      return Response.redirect(checkout.data.attributes.url, 303);
    }

    const redirect = await startCheckout("usr_4821", "ada@mail.example.com");

    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("location")).toBe(created().data.attributes.url);
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("lists one page, every page, and reads one checkout", async () => {
    const fetch = capturingFetch();
    const lemon = createLemonSqueezyClient({ apiKey, storeId: "31415", baseUrl, fetch });

    const page = await lemon.checkouts.list({ filter: { variant_id: "271828" }, page: { number: 1, size: 50 } });
    const all: string[] = [];
    for await (const checkout of lemon.checkouts.list({ page: { size: 100 } })) all.push(checkout.attributes.url);
    const one = await lemon.checkouts.retrieve(checkoutId, { include: ["variant"] });

    expect(page.meta.page.lastPage).toBe(1);
    expect(all).toEqual(listed().data.map((c) => c.attributes.url));
    expect(one.data.id).toBe(checkoutId);
    expect(fetch.exchanges.map((e) => e.response?.headers["sl-violations"])).toEqual([undefined, undefined, undefined]);
  });
});
