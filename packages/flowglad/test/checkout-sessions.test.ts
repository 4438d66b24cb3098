import { capturingFetch, fakeClock, rejectionOf, requestExample, responseExample } from "@checkoutkit/testing";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import {
  ApiError,
  ConfigurationError,
  createFlowgladClient,
  type FlowgladApiError,
  type FlowgladSchemas,
} from "../src/index.js";
import { createFlowgladRawClient } from "../src/raw.js";

const baseUrl = inject("prism")["flowglad"]!;
const apiKey = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
const sessionId = "chckt_session_V1StGXR8Z5jdHi6BmyT";

type CreateRequest = FlowgladSchemas["CreateCheckoutSessionRequest"];
type Page = FlowgladSchemas["CheckoutSessionList"];
type FlowgladError = FlowgladSchemas["FlowgladError"];

const createExample = () => requestExample<CreateRequest>("flowglad", "POST", "/api/v1/checkout-sessions");
const created = () => responseExample("flowglad", "POST", "/api/v1/checkout-sessions", 200);
const retrieved = () => responseExample("flowglad", "GET", "/api/v1/checkout-sessions/{id}", 200);
const examplePage = () => responseExample<Page>("flowglad", "GET", "/api/v1/checkout-sessions", 200);
const badRequest = () => responseExample<FlowgladError>("flowglad", "POST", "/api/v1/checkout-sessions", 400);
const notFound = () => responseExample<FlowgladError>("flowglad", "GET", "/api/v1/checkout-sessions/{id}", 404);

const failure = (promise: Promise<unknown>) => rejectionOf<FlowgladApiError>(promise);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("create a checkout session", () => {
  it("creates a session from the spec's example and returns it typed, with the checkout url", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });

    const session = await flowglad.checkoutSessions.create(createExample());

    expect(session).toEqual(created());
    const url: string = session.url;
    expect(url).toBe(`https://app.flowglad.com/checkout/${sessionId}`);
    const id: string = session.checkoutSession.id;
    expect(id).toBe(sessionId);
    const [exchange] = fetch.exchanges;
    expect(fetch.exchanges).toHaveLength(1);
    expect(exchange!.method).toBe("POST");
    expect(exchange!.url).toBe(`${baseUrl}/api/v1/checkout-sessions`);
    expect(exchange!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(exchange!.body)).toEqual(createExample());
    expect(exchange!.response?.status).toBe(200);
    expect(exchange!.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("sends every other create variant in a shape the spec accepts", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });
    const urls = { successUrl: "https://shop.example.com/done", cancelUrl: "https://shop.example.com/pricing" };

    await flowglad.checkoutSessions.create({ checkoutSession: { type: "product", anonymous: true, priceSlug: "pro-annual", ...urls } });
    await flowglad.checkoutSessions.create({
      checkoutSession: { type: "add_payment_method", customerExternalId: "user_4821", automaticallyUpdateSubscriptions: true, ...urls },
    });
    await flowglad.checkoutSessions.create({
      checkoutSession: { type: "activate_subscription", customerExternalId: "user_4821", targetSubscriptionId: "sub_Rt5Yu7Io9Pa1Sd3F", ...urls },
    });

    expect(fetch.exchanges.map((e) => JSON.parse(e.body).checkoutSession.type)).toEqual([
      "product",
      "add_payment_method",
      "activate_subscription",
    ]);
    for (const exchange of fetch.exchanges) {
      expect(exchange.response?.status).toBe(200);
      expect(exchange.response?.headers["sl-violations"]).toBeUndefined();
    }
  });

  it("retries a create that failed with a 5xx by default, and sends it once with maxRetries: 0", async () => {
    // The backoffs between the three attempts run out on a fake clock; the mock still answers in real time.
    const clock = fakeClock();
    const retrying = capturingFetch();
    const once = capturingFetch();
    const prefer500 = { headers: { Prefer: "code=500" } };

    const retried = await failure(
      clock.settle(createFlowgladClient({ apiKey, baseUrl, fetch: clock.fetch(retrying) }).checkoutSessions.create(createExample(), prefer500)),
    );
    const single = await failure(
      createFlowgladClient({ apiKey, baseUrl, fetch: once }).checkoutSessions.create(createExample(), { ...prefer500, maxRetries: 0 }),
    );

    expect(retried.status).toBe(500);
    expect(retrying.exchanges).toHaveLength(3); // the first attempt and two retries: each one could open a session
    expect(single.status).toBe(500);
    expect(single.code).toBe("INTERNAL_SERVER_ERROR");
    expect(once.exchanges).toHaveLength(1);
  });
});

describe("retrieve a checkout session", () => {
  it("gets one session by id, with its url and epoch-millisecond timestamps", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });

    const { checkoutSession, url } = await flowglad.checkoutSessions.retrieve(sessionId);

    expect({ checkoutSession, url }).toEqual(retrieved());
    expect(checkoutSession.status).toBe("succeeded");
    const createdAt: number = checkoutSession.createdAt;
    expect(new Date(createdAt).toISOString()).toBe("2026-03-02T14:05:00.000Z");
    expect(checkoutSession.expires - checkoutSession.createdAt).toBe(24 * 60 * 60 * 1000);
    expect(fetch.exchanges[0]!.method).toBe("GET");
    expect(fetch.exchanges[0]!.url).toBe(`${baseUrl}/api/v1/checkout-sessions/${sessionId}`);
    expect(fetch.exchanges[0]!.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("refuses an empty id before sending anything", () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });

    expect(() => flowglad.checkoutSessions.retrieve("")).toThrow(/id/);
    expect(fetch.exchanges).toHaveLength(0);
  });
});

describe("list checkout sessions", () => {
  it("awaits one typed page, sending limit as a query parameter", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });

    const page = await flowglad.checkoutSessions.list({ limit: 2 });

    expect(page).toEqual(examplePage());
    const hasMore: boolean = page.hasMore;
    const nextCursor: string | undefined = page.nextCursor;
    expect(hasMore).toBe(true);
    expect(nextCursor).toMatch(/\S/);
    expect(page.data.map((session) => session.type)).toEqual(["product", "add_payment_method"]);
    expect(fetch.exchanges).toHaveLength(1);
    expect(new URL(fetch.exchanges[0]!.url).search).toBe("?limit=2");
    expect(fetch.exchanges[0]!.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("iterates every item of every page with for await, stopping when the mock repeats its cursor", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });
    const { data, nextCursor } = examplePage();

    const sessions: FlowgladSchemas["CheckoutSessionRecord"][] = [];
    for await (const session of flowglad.checkoutSessions.list({ limit: 50 })) sessions.push(session);

    // Prism answers every request with the example page, whose nextCursor never changes: the first request has
    // no cursor, the second sends nextCursor, and the answer's nextCursor equals the cursor just sent, so it stops.
    expect(sessions).toEqual([...data, ...data]);
    expect(fetch.exchanges).toHaveLength(2);
    const [first, second] = fetch.exchanges.map((e) => new URL(e.url).searchParams);
    expect(first!.get("cursor")).toBeNull();
    expect(first!.get("limit")).toBe("50");
    expect(second!.get("cursor")).toBe(nextCursor);
    expect(second!.get("limit")).toBe("50");
    for (const exchange of fetch.exchanges) expect(exchange.response?.headers["sl-violations"]).toBeUndefined();
  });

  it("follows each page's nextCursor and stops on the page with hasMore: false", async () => {
    const [a, b] = examplePage().data;
    const pages: Record<string, Page> = {
      "": { data: [a!], nextCursor: "cursor_page_2", hasMore: true, total: 3 },
      cursor_page_2: { data: [b!], currentCursor: "cursor_page_2", nextCursor: "cursor_page_3", hasMore: true, total: 3 },
      cursor_page_3: { data: [{ ...a!, id: "chckt_session_Zx8Cv6Bn4Ml2Kj0Hg" }], currentCursor: "cursor_page_3", hasMore: false, total: 3 },
    };
    const fetch = capturingFetch((request) => Response.json(pages[new URL(request.url).searchParams.get("cursor") ?? ""]));
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });

    const ids: string[] = [];
    for await (const session of flowglad.checkoutSessions.list({ limit: 1 })) ids.push(session.id);

    expect(ids).toEqual([a!.id, b!.id, "chckt_session_Zx8Cv6Bn4Ml2Kj0Hg"]);
    expect(fetch.exchanges.map((e) => new URL(e.url).search)).toEqual([
      "?limit=1",
      "?limit=1&cursor=cursor_page_2",
      "?limit=1&cursor=cursor_page_3",
    ]);
  });
});

describe("authentication", () => {
  it("sends the key as Authorization: Bearer <key>", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });

    await flowglad.checkoutSessions.retrieve(sessionId);

    expect(fetch.exchanges[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it("reads FLOWGLAD_SECRET_KEY when apiKey is left out", async () => {
    vi.stubEnv("FLOWGLAD_SECRET_KEY", "sk_test_from_the_environment");
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ baseUrl, fetch });

    await flowglad.checkoutSessions.list();

    expect(fetch.exchanges[0]!.headers.authorization).toBe("Bearer sk_test_from_the_environment");
  });

  it("prefers apiKey over FLOWGLAD_SECRET_KEY", async () => {
    vi.stubEnv("FLOWGLAD_SECRET_KEY", "sk_test_from_the_environment");
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });

    await flowglad.checkoutSessions.list();

    expect(fetch.exchanges[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it("throws ConfigurationError naming apiKey and FLOWGLAD_SECRET_KEY when there is no key", () => {
    vi.stubEnv("FLOWGLAD_SECRET_KEY", undefined);

    expect(() => createFlowgladClient({ baseUrl })).toThrow(ConfigurationError);
    expect(() => createFlowgladClient({ baseUrl })).toThrow(/apiKey.*FLOWGLAD_SECRET_KEY/);
    expect(() => createFlowgladClient({ apiKey: "", baseUrl })).toThrow(ConfigurationError);
  });

  it("refuses a plain-HTTP baseUrl that is not loopback, so the key never leaves over HTTP", () => {
    expect(() => createFlowgladClient({ apiKey, baseUrl: "http://app.flowglad.com" })).toThrow(ConfigurationError);
  });

  it("keeps the key out of an ApiError", async () => {
    const flowglad = createFlowgladClient({ apiKey, baseUrl, maxRetries: 0 });

    const error = await failure(flowglad.checkoutSessions.retrieve(sessionId, { headers: { Prefer: "code=401" } }));

    expect(error.status).toBe(401);
    expect(error.code).toBe("UNAUTHORIZED");
    const everything = [error.message, String(error), JSON.stringify(error), error.stack ?? ""].join("\n");
    expect(everything).not.toContain(apiKey);
  });
});

describe("errors", () => {
  it("maps Flowglad's 400 body onto ApiError: code, message and issues", async () => {
    const flowglad = createFlowgladClient({ apiKey, baseUrl, maxRetries: 0 });
    const expected = badRequest();

    const error = await failure(flowglad.checkoutSessions.create(createExample(), { headers: { Prefer: "code=400" } }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, provider: "flowglad", operation: "checkoutSessions.create" });
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.code).toBe(expected.code);
    expect(error.message).toBe(`flowglad checkoutSessions.create failed with 400 BAD_REQUEST: ${expected.message}`);
    expect(error.issues).toEqual([{ path: "", message: "checkoutSession.successUrl: Required" }]);
    expect(error.issues).toEqual(expected.issues!.map((issue) => ({ path: "", message: issue.message })));
    expect(error.body).toEqual(expected);
    expect(error.requestId).toBeUndefined();
  });

  it("answers a body the spec forbids (no successUrl) with the 400", async () => {
    const flowglad = createFlowgladClient({ apiKey, baseUrl, maxRetries: 0 });
    const { successUrl: _dropped, ...withoutSuccessUrl } = createExample().checkoutSession as Record<string, unknown>;

    const error = await failure(flowglad.checkoutSessions.create({ checkoutSession: withoutSuccessUrl } as never));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.body).toEqual(badRequest());
  });

  it("maps Flowglad's 404 on retrieve onto ApiError, without retrying it", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch });
    const expected = notFound();

    const error = await failure(flowglad.checkoutSessions.retrieve(sessionId, { headers: { Prefer: "code=404" } }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, provider: "flowglad", operation: "checkoutSessions.retrieve" });
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe(`flowglad checkoutSessions.retrieve failed with 404 NOT_FOUND: ${expected.message}`);
    expect(error.issues).toEqual([]);
    expect(error.body).toEqual(expected);
    expect(fetch.exchanges).toHaveLength(1);
  });

  it("reads the live server's other error shapes: { error, code } and plain text", async () => {
    const answers = [
      Response.json({ error: "Invalid cursor", code: "BAD_REQUEST" }, { status: 400 }),
      new Response("Unauthorized", { status: 401, headers: { "content-type": "text/plain" } }),
    ];
    const fetch = capturingFetch(() => answers.shift()!);
    const flowglad = createFlowgladClient({ apiKey, baseUrl, fetch, maxRetries: 0 });

    const badCursor = await failure(flowglad.checkoutSessions.list({ cursor: "nonsense" }));
    const unauthorized = await failure(flowglad.checkoutSessions.list());

    expect(badCursor).toMatchObject({ status: 400, code: "BAD_REQUEST", issues: [] });
    expect(badCursor.message).toContain("Invalid cursor");
    expect(unauthorized).toMatchObject({ status: 401, code: "http_401", body: "Unauthorized" });
    expect(unauthorized.message).toContain("Unauthorized");
  });
});

describe("path-based calls", () => {
  it("reaches the openapi-fetch client through createFlowgladRawClient, with the same key", async () => {
    const fetch = capturingFetch();
    const flowglad = createFlowgladRawClient({ apiKey, baseUrl, fetch });

    const { data, error } = await flowglad.GET("/api/v1/checkout-sessions/{id}", { params: { path: { id: sessionId } } });

    expect(error).toBeUndefined();
    expect(data).toEqual(retrieved());
    expect(fetch.exchanges[0]!.headers.authorization).toBe(`Bearer ${apiKey}`);
  });

  it("returns the error body instead of throwing", async () => {
    const flowglad = createFlowgladRawClient({ apiKey, baseUrl, maxRetries: 0 });

    const { data, error } = await flowglad.GET("/api/v1/checkout-sessions/{id}", {
      params: { path: { id: sessionId } },
      headers: { Prefer: "code=404" },
    });

    expect(data).toBeUndefined();
    expect(error).toEqual(notFound());
  });
});

describe("README examples", () => {
  const flowglad = createFlowgladClient({ apiKey: "sk_test_anything", baseUrl });

  it("creates a session for a price and redirects to its url", async () => {
    const { url, checkoutSession } = await flowglad.checkoutSessions.create({
      checkoutSession: {
        type: "product",
        customerExternalId: "user_4821",
        priceId: "price_2fKq8LmN4pRs7TvW",
        quantity: 1,
        successUrl: "https://shop.example.com/checkout/success",
        cancelUrl: "https://shop.example.com/pricing",
        outputName: "Pro plan (annual)",
        outputMetadata: { plan: "pro", seats: 5 },
      },
    });

    expect(checkoutSession.id).toMatch(/^chckt_session_/);
    expect(checkoutSession.status).toBe("open");
    const redirect = Response.redirect(url, 303);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("location")).toBe(`https://app.flowglad.com/checkout/${sessionId}`);
  });

  it("narrows a create body on type and anonymous", () => {
    function summary(input: FlowgladSchemas["CreateCheckoutSessionInput"]): string {
      if (input.type === "product") {
        return input.anonymous ? "anonymous purchase" : `purchase for ${input.customerExternalId}`;
      }
      if (input.type === "activate_subscription") return `activate ${input.targetSubscriptionId}`;
      return `save a card for ${input.customerExternalId}`;
    }
    const urls = { successUrl: "https://shop.example.com/done", cancelUrl: "https://shop.example.com/pricing" };

    expect(summary(createExample().checkoutSession)).toBe("purchase for user_4821");
    expect(summary({ type: "product", anonymous: true, priceSlug: "pro-annual", ...urls })).toBe("anonymous purchase");
    expect(summary({ type: "activate_subscription", customerExternalId: "u", targetSubscriptionId: "sub_1", ...urls })).toBe("activate sub_1");
    expect(summary({ type: "add_payment_method", customerExternalId: "user_4821", ...urls })).toBe("save a card for user_4821");
  });

  it("retrieves a session and branches on its status and type", async () => {
    const { checkoutSession, url } = await flowglad.checkoutSessions.retrieve("chckt_session_V1StGXR8Z5jdHi6BmyT");

    let outcome: string;
    if (checkoutSession.status === "succeeded") outcome = "paid";
    else if (checkoutSession.status === "expired" || checkoutSession.status === "failed") outcome = "retry";
    else outcome = "waiting";
    let subscription: string | undefined;
    if (checkoutSession.type === "activate_subscription") subscription = checkoutSession.targetSubscriptionId;

    expect(outcome).toBe("paid");
    expect(subscription).toBeUndefined(); // the example is a product session
    expect(url).toMatch(/^https:\/\/app\.flowglad\.com\/checkout\//);
  });

  it("lists one page, then the next one by hand", async () => {
    const page = await flowglad.checkoutSessions.list({ limit: 50 });
    expect([page.data.length, page.total, page.hasMore]).toEqual([2, 42, true]);

    let next: Page | undefined;
    if (page.hasMore && page.nextCursor) {
      next = await flowglad.checkoutSessions.list({ limit: 50, cursor: page.nextCursor });
    }
    expect(next?.data).toEqual(page.data); // the mock answers every page with the same example
  });

  it("goes through every session with for await", async () => {
    const seen: string[] = [];
    for await (const session of flowglad.checkoutSessions.list({ limit: 50 })) {
      seen.push(`${session.id} ${session.type} ${session.status}`);
    }

    const once = examplePage().data.map((s) => `${s.id} ${s.type} ${s.status}`);
    expect(seen).toEqual([...once, ...once]);
  });

  it("reads timestamps as epoch milliseconds", async () => {
    const { checkoutSession } = await flowglad.checkoutSessions.retrieve(sessionId);

    const created = new Date(checkoutSession.createdAt);
    const expiresInMinutes = (checkoutSession.expires - checkoutSession.createdAt) / 60_000;

    expect(created.getUTCFullYear()).toBe(2026);
    expect(expiresInMinutes).toBe(24 * 60);
  });

  it("handles an ApiError from a create Flowglad rejects", async () => {
    let caught: FlowgladApiError | undefined;
    try {
      await flowglad.checkoutSessions.create({
        checkoutSession: {
          type: "product",
          customerExternalId: "user_4821",
          priceId: "price_2fKq8LmN4pRs7TvW",
          priceSlug: "pro-annual",
          successUrl: "https://shop.example.com/checkout/success",
          cancelUrl: "https://shop.example.com/pricing",
        },
      });
    } catch (error) {
      if (error instanceof ApiError) caught = error as FlowgladApiError;
      else throw error;
    }

    expect(caught?.status).toBe(400);
    expect(caught?.code).toBe("BAD_REQUEST");
    expect(caught?.message).toBe("flowglad checkoutSessions.create failed with 400 BAD_REQUEST: Invalid input data");
    expect(caught?.issues).toEqual([{ path: "", message: "checkoutSession.successUrl: Required" }]);
    expect(caught?.body).toEqual(badRequest());
  });

  it("creates with maxRetries: 0", async () => {
    const { url } = await flowglad.checkoutSessions.create(
      {
        checkoutSession: {
          type: "product",
          customerExternalId: "user_4821",
          priceId: "price_2fKq8LmN4pRs7TvW",
          successUrl: "https://shop.example.com/checkout/success",
          cancelUrl: "https://shop.example.com/pricing",
        },
      },
      { maxRetries: 0 },
    );
    expect(url).toBe(`https://app.flowglad.com/checkout/${sessionId}`);
    expect(() => createFlowgladClient({ apiKey, maxRetries: 0 })).not.toThrow();
  });

  it("makes a path-based call through the raw client", async () => {
    const { data, error } = await createFlowgladRawClient({ apiKey: "sk_test_anything", baseUrl }).GET("/api/v1/checkout-sessions/{id}", {
      params: { path: { id: "chckt_session_V1StGXR8Z5jdHi6BmyT" } },
    });

    let shown: string;
    if (data) shown = data.url;
    else shown = `${error.code} ${error.message}`;
    expect(shown).toBe(`https://app.flowglad.com/checkout/${sessionId}`);
  });

  it("asks the mock for a 404 with the Prefer header", async () => {
    const error = await failure(flowglad.checkoutSessions.retrieve("chckt_session_V1StGXR8Z5jdHi6BmyT", { headers: { Prefer: "code=404" } }));

    expect(error.message).toBe(
      "flowglad checkoutSessions.retrieve failed with 404 NOT_FOUND: No checkout session found with id: chckt_session_V1StGXR8Z5jdHi6BmyT",
    );
  });
});
