import { createFlowgladClient } from "@checkoutkit/flowglad";

export default function flowgladCheckout(baseUrl: string) {
  const flowglad = createFlowgladClient({ apiKey: "sk_test_bench_key", baseUrl });
  return async (): Promise<string> => {
    const session = await flowglad.checkoutSessions.create({
      checkoutSession: {
        type: "product",
        customerExternalId: "user_4821",
        priceId: "price_2fKq8LmN4pRs7TvW",
        quantity: 1,
        successUrl: "https://shop.example.com/checkout/success",
        cancelUrl: "https://shop.example.com/pricing",
        outputMetadata: { plan: "pro" },
      },
    });
    return session.url;
  };
}
