// The floor: one hand-written fetch call, no client.
export default function lemonSqueezyCheckout(baseUrl: string) {
  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/v1/checkouts`, {
      method: "POST",
      headers: { "content-type": "application/vnd.api+json", accept: "application/vnd.api+json", authorization: "Bearer ls_test_bench_key" },
      body: JSON.stringify({
        data: {
          type: "checkouts",
          attributes: {
            product_options: { redirect_url: "https://shop.example.com/thanks" },
            checkout_data: { email: "ada@mail.example.com", custom: { user_id: "usr_4821" } },
          },
          relationships: { store: { data: { type: "stores", id: "31415" } }, variant: { data: { type: "variants", id: "271828" } } },
        },
      }),
    });
    if (!response.ok) throw new Error(`lemonsqueezy answered ${response.status}`);
    const checkout = (await response.json()) as { data: { attributes: { url: string } } };
    return checkout.data.attributes.url;
  };
}
