import { capturingFetch, fakeClock, responseExample } from "@checkoutkit/testing";
import { describe, expect, inject, it } from "vitest";
import { ApiError, createStripeClient, type StripeApiError, type StripeSchemas } from "../src/index.js";

const baseUrl = inject("prism")["stripe"]!;
const apiKey = "sk_test_51CheckoutkitSessionsTestKey0000000000";
const sessionId = "cs_test_a1Bc2De3Fg4Hi5Jk6Lm7No8Pq9Rs0Tu1Vw2Xy3Za4Bc5De6Fg7Hi8Jk9";
const created = () => responseExample<StripeSchemas["CheckoutSession"]>("stripe", "POST", "/v1/checkout/sessions", 200);

/** A `fetch` that answers locally, the way Stripe would, so no request leaves the machine. */
const answerLocally = () => capturingFetch(() => Response.json(created(), { headers: { "Request-Id": "req_Local1Answer2" } }));

const params: StripeSchemas["CheckoutSessionCreateParams"] = {
  mode: "payment",
  line_items: [{ price: "price_1QdXyZ2eZvKYlo2CkV4pLm8n", quantity: 2 }],
  success_url: "https://shop.example.com/checkout/success?session_id={CHECKOUT_SESSION_ID}",
  metadata: { order: "4821" },
  expand: ["line_items"],
};

describe("create a Checkout Session", () => {
  it("sends Stripe's bracketed form, byte for byte, never JSON", async () => {
    const fetch = answerLocally();
    const stripe = createStripeClient({ apiKey, fetch });

    await stripe.checkoutSessions.create(params);

    const [exchange] = fetch.exchanges;
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url).toBe("https://api.stripe.com/v1/checkout/sessions");
    expect(exchange?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    // Accept goes out only where the answer is not plain JSON (a JSON:API's vnd.api+json); Stripe answers JSON.
    expect(exchange?.headers["accept"]).toBeUndefined();
    expect(exchange?.headers["authorization"]).toBe(`Bearer ${apiKey}`);
    expect(exchange?.headers["stripe-version"]).toBe("2026-11-18.endive");
    expect(exchange?.body).toBe(
      "mode=payment" +
        "&line_items[0][price]=price_1QdXyZ2eZvKYlo2CkV4pLm8n&line_items[0][quantity]=2" +
        "&success_url=https%3A%2F%2Fshop.example.com%2Fcheckout%2Fsuccess%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D" +
        "&metadata[order]=4821" +
        "&expand[]=line_items",
    );
    expect(() => JSON.parse(exchange!.body)).toThrow();
  });

  it("sends an empty value for null (Stripe's unset) and leaves undefined out", async () => {
    const fetch = answerLocally();
    const stripe = createStripeClient({ apiKey, fetch });

    await stripe.checkoutSessions.create({
      mode: "payment",
      line_items: [{ price: "price_1", quantity: 1 }],
      customer_email: undefined,
      metadata: { order: null as unknown as string, team: "growth" },
    });

    expect(fetch.exchanges[0]?.body).toBe("mode=payment&line_items[0][price]=price_1&line_items[0][quantity]=1&metadata[order]=&metadata[team]=growth");
  });

  it("creates a session on the mock, which reads the form through the test kit's proxy", async () => {
    const fetch = capturingFetch();
    const stripe = createStripeClient({ apiKey, baseUrl, fetch });

    const session = await stripe.checkoutSessions.create(params);

    expect(session).toEqual(created());
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(fetch.exchanges[0]?.response?.status).toBe(200);
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });
});

describe("idempotency keys", () => {
  it("sends a fresh Idempotency-Key on every POST, and none on a GET", async () => {
    const fetch = answerLocally();
    const stripe = createStripeClient({ apiKey, fetch });

    await stripe.checkoutSessions.create(params);
    await stripe.checkoutSessions.expire(sessionId);
    await stripe.checkoutSessions.retrieve(sessionId);

    const [first, second, get] = fetch.exchanges.map((e) => e.headers["idempotency-key"]);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
    expect(get).toBeUndefined();
  });

  it("sends the same key on each retry of one create", async () => {
    const clock = fakeClock();
    let calls = 0;
    const fetch = capturingFetch(() =>
      ++calls < 3 ? Response.json({ error: { type: "api_error", message: "Stripe had a hiccup." } }, { status: 500 }) : Response.json(created()),
    );
    const stripe = createStripeClient({ apiKey, fetch: clock.fetch(fetch) });

    const session = await clock.settle(stripe.checkoutSessions.create(params));

    expect(session.id).toBe(created().id);
    const keys = fetch.exchanges.map((e) => e.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it("takes the caller's key from options.idempotencyKey or options.headers", async () => {
    const fetch = answerLocally();
    const stripe = createStripeClient({ apiKey, fetch });

    await stripe.checkoutSessions.create(params, { idempotencyKey: "order-4821-checkout" });
    await stripe.checkoutSessions.create(params, { headers: { "Idempotency-Key": "order-4822-checkout" } });

    expect(fetch.exchanges.map((e) => e.headers["idempotency-key"])).toEqual(["order-4821-checkout", "order-4822-checkout"]);
  });
});

describe("errors", () => {
  it("reads Stripe's error object and the Request-Id header into ApiError", async () => {
    const fetch = capturingFetch(() =>
      Response.json(
        { error: { type: "invalid_request_error", code: "parameter_missing", message: "Missing required param: line_items.", param: "line_items" } },
        { status: 400, headers: { "Request-Id": "req_Zx9Yw8Vu7Ts6" } },
      ),
    );
    const stripe = createStripeClient({ apiKey, fetch });

    const error = (await stripe.checkoutSessions.create({ mode: "payment" }).catch((e: unknown) => e)) as StripeApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, provider: "stripe", code: "parameter_missing", requestId: "req_Zx9Yw8Vu7Ts6" });
    expect(error.message).toContain("Missing required param: line_items.");
    expect(error.message).not.toContain(apiKey);
  });

  it("falls back to the error type when there is no code", async () => {
    const stripe = createStripeClient({ apiKey, baseUrl, maxRetries: 0 });

    const error = (await stripe.checkoutSessions.retrieve(sessionId, {}, { headers: { Prefer: "code=401" } }).catch((e: unknown) => e)) as StripeApiError;

    expect(error).toMatchObject({ status: 401, code: "invalid_request_error" });
    expect(error.requestId).toBe("req_Ab1Cd2Ef3Gh4Ij");
  });
});

describe("list Checkout Sessions", () => {
  const session = (id: string) => ({ ...created(), id });
  const page = (ids: string[], has_more: boolean) => ({ object: "list", url: "/v1/checkout/sessions", has_more, data: ids.map(session) });

  it("walks every page, passing the last session's id as starting_after", async () => {
    const fetch = capturingFetch((request) => {
      const after = new URL(request.url).searchParams.get("starting_after");
      return Response.json(after === null ? page(["cs_1", "cs_2"], true) : after === "cs_2" ? page(["cs_3"], false) : page([], false));
    });
    const stripe = createStripeClient({ apiKey, fetch });

    const ids: string[] = [];
    for await (const s of stripe.checkoutSessions.list({ limit: 2, customer: "cus_PqR4sT5uV6wX7y" })) ids.push(s.id);

    expect(ids).toEqual(["cs_1", "cs_2", "cs_3"]);
    expect(fetch.exchanges.map((e) => new URL(e.url).search)).toEqual([
      "?limit=2&customer=cus_PqR4sT5uV6wX7y",
      "?limit=2&customer=cus_PqR4sT5uV6wX7y&starting_after=cs_2",
    ]);
  });

  it("sends expand and the customer_details filter in Stripe's bracket form", async () => {
    const fetch = capturingFetch(() => Response.json(page([], false)));
    const stripe = createStripeClient({ apiKey, fetch });

    await stripe.checkoutSessions.list({ expand: ["data.line_items"], customer_details: { email: "ada@example.com" }, status: "complete" });

    expect(new URL(fetch.exchanges[0]!.url).search).toBe("?expand[]=data.line_items&customer_details[email]=ada%40example.com&status=complete");
  });

  it("lists a session's line items on the mock", async () => {
    const fetch = capturingFetch();
    const stripe = createStripeClient({ apiKey, baseUrl, fetch });

    const items = await stripe.checkoutSessions.listLineItems(sessionId, { limit: 10 });

    expect(items.data[0]?.price?.id).toBe("price_1QdXyZ2eZvKYlo2CkV4pLm8n");
    expect(fetch.exchanges[0]?.response?.headers["sl-violations"]).toBeUndefined();
  });
});

describe("the same bytes as stripe-node", () => {
  it("encodes a create exactly as Stripe's own SDK does (which indexes scalar lists: expand[0])", async () => {
    const { default: Stripe } = await import("stripe");
    const { createServer } = await import("node:http");
    const bodies: string[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        bodies.push(body);
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(created()));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const official = new Stripe(apiKey, { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0 });
      await official.checkout.sessions.create(params as Parameters<typeof official.checkout.sessions.create>[0]);
      const fetch = answerLocally();
      await createStripeClient({ apiKey, fetch }).checkoutSessions.create(params);

      expect(fetch.exchanges[0]!.body).toBe(bodies[0]!.replace("expand[0]=", "expand[]="));
    } finally {
      server.close();
    }
  });
});
