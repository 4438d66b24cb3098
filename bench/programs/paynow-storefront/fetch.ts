// The floor: one hand-written fetch call, no client.
export default function paynowStorefrontCheckout(baseUrl: string) {
  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/v1/checkouts`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: "Customer pnct_bench_customer_token",
        "x-paynow-store-id": "411486491630370001",
      },
      body: JSON.stringify({
        lines: [{ product_id: "411486491630370816", quantity: 1 }],
        return_url: "https://shop.example.com/thanks",
        cancel_url: "https://shop.example.com/cart",
      }),
    });
    if (!response.ok) throw new Error(`paynow answered ${response.status}`);
    const checkout = (await response.json()) as { url: string };
    return checkout.url;
  };
}
