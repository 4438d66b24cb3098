// The floor: one hand-written fetch call, no client.
export default function creemCheckout(baseUrl: string) {
  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/v1/checkouts`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "creem_test_bench_key" },
      body: JSON.stringify({
        product_id: "prod_6tW66i0oZM7w1qXReHJrwg",
        request_id: "order_10482",
        units: 1,
        customer: { email: "ada@mail.example.com" },
        success_url: "https://shop.example.com/checkout/success",
        metadata: { userId: "usr_4821" },
      }),
    });
    if (!response.ok) throw new Error(`creem answered ${response.status}`);
    const checkout = (await response.json()) as { checkout_url: string };
    return checkout.checkout_url;
  };
}
