// The floor: one hand-written fetch call, no client.
export default function polarCheckout(baseUrl: string) {
  return async (): Promise<string> => {
    const response = await fetch(`${baseUrl}/v1/checkouts/`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer polar_oat_bench_token", "polar-version": "2026-04" },
      body: JSON.stringify({
        products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"],
        external_customer_id: "usr_8412",
        customer_email: "jamie.rivera@example.com",
        success_url: "https://shop.example.com/thanks",
        metadata: { order_ref: "ORD-10042" },
      }),
    });
    if (!response.ok) throw new Error(`polar answered ${response.status}`);
    const checkout = (await response.json()) as { url: string };
    return checkout.url;
  };
}
