import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { README, withCurrentTable } from "../scripts/capability-table.ts";
import { createCheckout, UnsupportedCheckoutInputError } from "../src/index.js";
import { clients, noViolations } from "./clients.js";

describe("README.md", () => {
  it("shows the capability table the code has", () => {
    const current = readFileSync(README, "utf8");
    const fresh = withCurrentTable(current);
    const [have, want] = [current.split("\n"), fresh.split("\n")];
    const line = want.findIndex((text, index) => text !== have[index]);
    if (line >= 0) {
      expect.fail(
        `README.md's capability table is stale; run \`pnpm --filter checkoutkit readme\`.\n` +
          `First difference, line ${line + 1}:\n  README: ${have[line] ?? "(missing)"}\n  code:   ${want[line]}`,
      );
    }
  });
});

// The README's examples, with each client pointed at its Prism mock.
describe("the README's examples", () => {
  it("PayNow Management", async () => {
    const { paynowManagement: paynow, fetch } = clients();
    const checkout = await createCheckout(paynow, {
      items: [{ product: "411486491630370816", quantity: 2 }, { product: "411486491630370817" }],
      successUrl: "https://shop.example.com/thanks",
      cancelUrl: "https://shop.example.com/cart",
      customer: { id: "411486491630370900", email: "kai@shop.example.com" },
      metadata: { order: "INV-2026-00042" },
    });
    expect(checkout.url).toBe("https://checkout.paynow.gg/?token=chk_5f2b8c1e9a7d4e3b");
    expect(noViolations(fetch)).toBe(true);
  });

  it("PayNow Storefront", async () => {
    const { paynowStorefront: storefront, fetch } = clients();
    const { url } = await createCheckout(storefront, {
      items: [{ product: "411486491630370816" }],
      successUrl: "https://shop.example.com/thanks",
      cancelUrl: "https://shop.example.com/cart",
    });
    expect(url).toBe("https://checkout.paynow.gg/?token=chk_5f2b8c1e9a7d4e3b");
    expect(noViolations(fetch)).toBe(true);
  });

  it("Creem", async () => {
    const { creem, fetch, sentBody } = clients();
    const checkout = await createCheckout(creem, {
      items: [{ product: "prod_6tW66i0oZM7w1qXReHJrwg" }],
      successUrl: "https://shop.example.com/thanks",
      customer: { email: "ada@mail.example.com" },
      reference: "order_10482",
    });
    expect(checkout.id).toBe("ch_5mQd1K8vXr3TnB7yHc2LwE");
    expect(sentBody()).toMatchObject({ request_id: "order_10482" });
    expect(noViolations(fetch)).toBe(true);
  });

  it("Flowglad", async () => {
    const { flowglad, fetch } = clients();
    const checkout = await createCheckout(
      flowglad,
      {
        items: [{ product: "price_2fKq8LmN4pRs7TvW" }],
        successUrl: "https://shop.example.com/thanks",
        cancelUrl: "https://shop.example.com/pricing",
        customer: { externalId: "user_4821" },
      },
      { provider: { outputName: "Pro plan (annual)" } },
    );
    expect(checkout.expiresAt).toEqual(new Date(1772546700000));
    expect(noViolations(fetch)).toBe(true);
  });

  it("Polar", async () => {
    const { polar, fetch, sentBody } = clients();
    await createCheckout(
      polar,
      {
        items: [{ product: "a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94" }],
        successUrl: "https://shop.example.com/thanks",
        cancelUrl: "https://shop.example.com/pricing",
        customer: { email: "jamie.rivera@example.com", externalId: "usr_8412" },
        metadata: { order_ref: "ORD-10042" },
      },
      { provider: { allow_discount_codes: false } },
    );
    expect(sentBody()).toMatchObject({ allow_discount_codes: false, return_url: "https://shop.example.com/pricing" });
    expect(noViolations(fetch)).toBe(true);
  });

  it("Lemon Squeezy", async () => {
    const { lemonsqueezy: lemon, fetch, sentBody } = clients();
    const checkout = await createCheckout(
      lemon,
      {
        items: [{ product: "271828" }], // on Lemon Squeezy an item is a variant
        successUrl: "https://shop.example.com/thanks",
        customer: { email: "ada@mail.example.com", name: "Ada Lovelace" }, // prefills the form
        metadata: { user_id: "usr_4821" }, // checkout_data.custom, back in the webhook as meta.custom_data
      },
      { provider: { test_mode: true } }, // options.provider merges into data.attributes
    );
    expect(sentBody()).toMatchObject({ data: { attributes: { test_mode: true }, relationships: { store: { data: { id: "31415" } } } } });
    expect(checkout.expiresAt).toBeInstanceOf(Date);
    expect(noViolations(fetch)).toBe(true);
  });

  it("switches provider by changing only the client", async () => {
    const all = clients();
    const startCheckout = (payments: typeof all.creem | typeof all.polar) => async (product: string, email: string) => {
      const { url } = await createCheckout(payments, {
        items: [{ product }],
        successUrl: "https://shop.example.com/thanks",
        customer: { email },
      });
      return url;
    };

    const viaCreem = await startCheckout(all.creem)("prod_6tW66i0oZM7w1qXReHJrwg", "ada@mail.example.com");
    const viaPolar = await startCheckout(all.polar)("a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94", "ada@mail.example.com");

    expect(viaCreem).toMatch(/^https:\/\/www\.creem\.io\/checkout\//);
    expect(viaPolar).toMatch(/^https:\/\/buy\.polar\.sh\//);
    expect(noViolations(all.fetch)).toBe(true);
  });

  it("names the provider and the field of an unsupported input", async () => {
    const { creem } = clients();
    const items = [{ product: "prod_6tW66i0oZM7w1qXReHJrwg" }];
    const successUrl = "https://shop.example.com/thanks";
    let logged: unknown[] = [];
    try {
      await createCheckout(creem, { items, successUrl, cancelUrl: "https://shop.example.com/cart" });
    } catch (error) {
      if (error instanceof UnsupportedCheckoutInputError) logged = [error.provider, error.field];
      else throw error;
    }
    expect(logged).toEqual(["creem", "cancelUrl"]);
  });
});
