import { createCreemClient } from "@checkoutkit/creem";

export default function creemCheckout(baseUrl: string) {
  const creem = createCreemClient({ apiKey: "creem_test_bench_key", baseUrl });
  return async (): Promise<string> => {
    const checkout = await creem.checkouts.create({
      product_id: "prod_6tW66i0oZM7w1qXReHJrwg",
      request_id: "order_10482",
      units: 1,
      customer: { email: "ada@mail.example.com" },
      success_url: "https://shop.example.com/checkout/success",
      metadata: { userId: "usr_4821" },
    });
    return checkout.checkout_url!;
  };
}
