import { createLemonSqueezyClient } from "@checkoutkit/lemonsqueezy";

export default function lemonSqueezyCheckout(baseUrl: string) {
  const lemon = createLemonSqueezyClient({ apiKey: "ls_test_bench_key", baseUrl });
  return async (): Promise<string> => {
    const checkout = await lemon.checkouts.create({
      data: {
        type: "checkouts",
        attributes: {
          product_options: { redirect_url: "https://shop.example.com/thanks" },
          checkout_data: { email: "ada@mail.example.com", custom: { user_id: "usr_4821" } },
        },
        relationships: { store: { data: { type: "stores", id: "31415" } }, variant: { data: { type: "variants", id: "271828" } } },
      },
    });
    return checkout.data.attributes.url;
  };
}
