import { createCreem } from "creem_io";

// creem_io has no base URL option: it always calls https://test-api.creem.io in test mode, so the benchmark
// points the global fetch at the local server while this client runs (see src/overhead.ts).
export default function creemCheckout(_baseUrl: string) {
  const creem = createCreem({ apiKey: "creem_test_bench_key", testMode: true });
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
