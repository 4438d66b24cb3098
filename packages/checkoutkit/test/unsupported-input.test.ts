import { describe, expect, it, vi } from "vitest";
import {
  ApiError,
  checkoutCapabilities,
  checkoutFields,
  createCheckout,
  UnsupportedCheckoutInputError,
  type CheckoutApi,
  type CheckoutInput,
  type IgnorableField,
} from "../src/index.js";
import { clients, noViolations } from "./clients.js";

const successUrl = "https://shop.example.com/thanks";

/**
 * The smallest input each API accepts, and a second product for a two-item cart: the APIs this file checks, each
 * against its Prism mock. (A provider added to the workspace is proven by its own spec's checks and CI's
 * add-a-provider test; listing it here adds it to this sweep.)
 */
const minimal = {
  "paynow-management": {
    input: { items: [{ product: "411486491630370816" }], successUrl, customer: { id: "411486491630370900" } },
    secondProduct: "411486491630370817",
  },
  "paynow-storefront": { input: { items: [{ product: "411486491630370816" }], successUrl }, secondProduct: "411486491630370817" },
  creem: { input: { items: [{ product: "prod_6tW66i0oZM7w1qXReHJrwg" }], successUrl }, secondProduct: "prod_1Bv8Kx3Qm7Tn2Rc9Wd5Lz" },
  flowglad: {
    input: { items: [{ product: "price_2fKq8LmN4pRs7TvW" }], successUrl, cancelUrl: "https://shop.example.com/pricing" },
    secondProduct: "price_9Hs3Df6Gj1Kl4Zx7",
  },
  polar: { input: { items: [{ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94" }], successUrl }, secondProduct: "0f6b2d94-8e1c-4a37-b5d2-7c9e1a3f6b80" },
} satisfies Partial<Record<CheckoutApi, { input: CheckoutInput; secondProduct: string }>>;
type Api = keyof typeof minimal;

/** The minimal input plus one use of `field`. The switch is exhaustive, so a new field cannot go untested. */
function using(api: Api, field: IgnorableField): CheckoutInput {
  const { input, secondProduct }: { input: CheckoutInput; secondProduct: string } = minimal[api];
  const customer = (extra: object) => ({ ...input, customer: { ...input.customer, ...extra } });
  switch (field) {
    case "items":
      return { ...input, items: [...input.items, { product: secondProduct }] };
    case "items.quantity":
      return { ...input, items: [{ ...input.items[0]!, quantity: 2 }] };
    case "cancelUrl":
      return { ...input, cancelUrl: "https://shop.example.com/cart" };
    case "customer.id":
      return customer({ id: "cust_2KaCAtu6l3tpjIr8Nr9XOp" });
    case "customer.email":
      return customer({ email: "ada@mail.example.com" });
    case "customer.externalId":
      return customer({ externalId: "user_4821" });
    case "customer.name":
      return customer({ name: "Ada Lovelace" });
    case "metadata":
      return { ...input, metadata: { plan: "pro" } };
    case "reference":
      return { ...input, reference: "order_10482" };
  }
}

const apis = (Object.keys(checkoutCapabilities) as CheckoutApi[]).filter((api): api is Api => Object.hasOwn(minimal, api));
const cells = (support: "no" | "required") =>
  apis.flatMap((api) =>
    checkoutFields.filter((field) => checkoutCapabilities[api].fields[field].support === support).map((field) => [api, field] as const),
  );

describe("the capability table", () => {
  it("says no exactly where the providers' specs have no field for the input", () => {
    // Pinned here so that a change to the table is a deliberate change to this test too.
    expect(cells("no")).toEqual([
      ["paynow-management", "customer.externalId"],
      ["paynow-management", "reference"],
      ["paynow-storefront", "customer.id"],
      ["paynow-storefront", "customer.email"],
      ["paynow-storefront", "customer.externalId"],
      ["paynow-storefront", "customer.name"],
      ["paynow-storefront", "metadata"],
      ["paynow-storefront", "reference"],
      ["creem", "items"],
      ["creem", "cancelUrl"],
      ["creem", "customer.externalId"],
      ["creem", "customer.name"],
      ["flowglad", "items"],
      ["flowglad", "customer.id"],
      ["flowglad", "customer.email"],
      ["flowglad", "customer.name"],
      ["flowglad", "reference"],
      ["polar", "items"],
      ["polar", "items.quantity"],
      ["polar", "reference"],
    ]);
    expect(cells("required")).toEqual([
      ["paynow-management", "customer.id"],
      ["flowglad", "cancelUrl"],
    ]);
  });
});

describe("input a provider cannot honour throws before any request", () => {
  for (const [api, field] of cells("no") as (readonly [Api, IgnorableField])[]) {
    const { label } = checkoutCapabilities[api];

    it(`${label}: ${field} throws UnsupportedCheckoutInputError naming the provider and the field`, async () => {
      const all = clients();
      const client = pick(all, api);

      const error = await createCheckout(client, using(api, field)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(UnsupportedCheckoutInputError);
      expect(error).toMatchObject({ name: "UnsupportedCheckoutInputError", provider: checkoutCapabilities[api].provider, api, field, reason: "unsupported" });
      expect((error as Error).message).toContain(`createCheckout (${label}): ${field} is not supported`);
      expect((error as Error).message).toContain(`ignoreUnsupported: ["${field}"]`);
      expect(all.fetch.exchanges).toHaveLength(0);
    });

    it(`${label}: with ignoreUnsupported: ["${field}"] the field is dropped and the rest is sent`, async () => {
      const all = clients();
      const client = pick(all, api);
      await createCheckout(client, minimal[api].input);
      const withoutField = JSON.parse(all.fetch.exchanges[0]!.body) as unknown;

      const checkout = await createCheckout(client, using(api, field), { ignoreUnsupported: [field] });

      expect(all.fetch.exchanges).toHaveLength(2);
      expect(JSON.parse(all.fetch.exchanges[1]!.body)).toEqual(withoutField);
      expect(noViolations(all.fetch)).toBe(true);
      expect(checkout.api).toBe(api);
    });
  }
});

describe("input a provider must have", () => {
  it("PayNow Management: no customer.id throws, naming the provider field that can stand in", async () => {
    const { paynowManagement, fetch } = clients();
    const input = { items: [{ product: "411486491630370816" }], successUrl };

    const error = await createCheckout(paynowManagement, input).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UnsupportedCheckoutInputError);
    expect(error).toMatchObject({ provider: "paynow", api: "paynow-management", field: "customer.id", reason: "required" });
    expect((error as Error).message).toBe(
      "createCheckout (PayNow Management): customer.id is required (the PayNow customer the checkout is for); give it, or set options.provider.customer_id.",
    );
    expect(fetch.exchanges).toHaveLength(0);
  });

  it("PayNow Management: options.provider.customer_id stands in for customer.id", async () => {
    const { paynowManagement, sentBody } = clients();

    await createCheckout(paynowManagement, { items: [{ product: "411486491630370816" }], successUrl }, { provider: { customer_id: "411486491630370900" } });

    expect(sentBody()).toMatchObject({ customer_id: "411486491630370900" });
  });

  it("Flowglad: no cancelUrl throws, and ignoreUnsupported cannot waive it", async () => {
    const { flowglad, fetch } = clients();
    const input = { items: [{ product: "price_2fKq8LmN4pRs7TvW" }], successUrl };

    for (const options of [{}, { ignoreUnsupported: ["cancelUrl"] as const }]) {
      const error = await createCheckout(flowglad, input, options).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "UnsupportedCheckoutInputError", provider: "flowglad", field: "cancelUrl", reason: "required" });
      expect((error as Error).message).toContain("set options.provider.cancelUrl");
    }
    expect(fetch.exchanges).toHaveLength(0);
  });

  it("Flowglad: options.provider.cancelUrl stands in for cancelUrl", async () => {
    const { flowglad, sentBody } = clients();

    await createCheckout(flowglad, { items: [{ product: "price_2fKq8LmN4pRs7TvW" }], successUrl }, { provider: { cancelUrl: "https://shop.example.com/back" } });

    expect(sentBody()).toMatchObject({ checkoutSession: { cancelUrl: "https://shop.example.com/back" } });
  });
});

describe("fields a provider takes only one at a time", () => {
  const input = { ...minimal.creem.input, customer: { id: "cust_2KaCAtu6l3tpjIr8Nr9XOp", email: "ada@mail.example.com" } };

  it("Creem: customer.id with customer.email throws on customer.email", async () => {
    const { creem, fetch } = clients();

    const error = await createCheckout(creem, input).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: "UnsupportedCheckoutInputError", provider: "creem", field: "customer.email", reason: "unsupported" });
    expect((error as Error).message).toContain("customer.email cannot be sent together with customer.id");
    expect(fetch.exchanges).toHaveLength(0);
  });

  it("Creem: ignoring customer.email sends the customer by ID alone", async () => {
    const { creem, fetch, sentBody } = clients();

    await createCheckout(creem, input, { ignoreUnsupported: ["customer.email"] });

    expect(sentBody()).toEqual({ product_id: "prod_6tW66i0oZM7w1qXReHJrwg", units: 1, success_url: successUrl, customer: { id: "cust_2KaCAtu6l3tpjIr8Nr9XOp" } });
    expect(noViolations(fetch)).toBe(true);
  });
});

describe("errors from the provider come through unchanged", () => {
  for (const api of apis) {
    const { label, provider } = checkoutCapabilities[api];

    it(`${label}: a 401 from the provider is its ApiError`, async () => {
      const all = clients();

      const error = await createCheckout(pick(all, api), minimal[api].input, { headers: { Prefer: "code=401" } }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 401, provider, operation: api === "flowglad" ? "checkoutSessions.create" : "checkouts.create" });
    });
  }

  it("rethrows the very error object the client threw", async () => {
    const { polar } = clients();
    const thrown = new ApiError({
      status: 422,
      provider: "polar",
      operation: "checkouts.create",
      code: "validation_error",
      message: "products: not found",
      issues: [{ path: "body.products.0", message: "not found" }],
      body: { detail: [] },
      requestId: undefined,
      headers: new Headers(),
    });
    vi.spyOn(polar.checkouts, "create").mockRejectedValue(thrown);

    await expect(createCheckout(polar, minimal.polar.input)).rejects.toBe(thrown);
  });
});

function pick(all: ReturnType<typeof clients>, api: Api) {
  const byApi = {
    "paynow-management": all.paynowManagement,
    "paynow-storefront": all.paynowStorefront,
    creem: all.creem,
    flowglad: all.flowglad,
    polar: all.polar,
  } satisfies Record<Api, unknown>;
  return byApi[api];
}

