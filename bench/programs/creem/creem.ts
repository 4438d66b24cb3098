import { Creem } from "creem";

export default function creemCheckout(baseUrl: string) {
  const creem = new Creem({ apiKey: "creem_test_bench_key", serverURL: baseUrl });
  return async (): Promise<string> => {
    const checkout = await creem.checkouts.create({
      productId: "prod_6tW66i0oZM7w1qXReHJrwg",
      requestId: "order_10482",
      units: 1,
      customer: { email: "ada@mail.example.com" },
      successUrl: "https://shop.example.com/checkout/success",
      metadata: { userId: "usr_4821" },
    });
    return checkout.checkoutUrl!;
  };
}
