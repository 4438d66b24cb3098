// The floor: one hand-written fetch call, no client.
export default function flowgladCheckout(baseUrl: string) {
  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/api/v1/checkout-sessions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk_test_bench_key" },
      body: JSON.stringify({
        checkoutSession: {
          type: "product",
          customerExternalId: "user_4821",
          priceId: "price_2fKq8LmN4pRs7TvW",
          quantity: 1,
          successUrl: "https://shop.example.com/checkout/success",
          cancelUrl: "https://shop.example.com/pricing",
          outputMetadata: { plan: "pro" },
        },
      }),
    });
    if (!response.ok) throw new Error(`flowglad answered ${response.status}`);
    const session = (await response.json()) as { url: string };
    return session.url;
  };
}
