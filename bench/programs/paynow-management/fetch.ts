// The floor: one hand-written fetch call, no client.
export default function paynowManagementCheckout(baseUrl: string) {
  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/v1/stores/411486491630370001/checkouts`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "APIKey pnapi_bench_key" },
      body: JSON.stringify({
        customer_id: "411486491630370900",
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
