// The floor: one hand-written fetch call, no client (the form body written out by hand, as Stripe reads it).
export default function stripeCheckout(baseUrl: string) {
  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/v1/checkout/sessions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer sk_test_bench_key" },
      body: new URLSearchParams({
        mode: "payment",
        "line_items[0][price]": "price_1QdXyZ2eZvKYlo2CkV4pLm8n",
        "line_items[0][quantity]": "2",
        success_url: "https://shop.example.com/checkout/success",
        cancel_url: "https://shop.example.com/cart",
        "metadata[order]": "4821",
      }),
    });
    if (!response.ok) throw new Error(`stripe answered ${response.status}`);
    const session = (await response.json()) as { url: string };
    return session.url;
  };
}
