import createFetchClient from "openapi-fetch";
import type { PolarPaths } from "@checkoutkit/polar";

// openapi-fetch on its own, with the same generated types: no retries, no timeouts, no typed errors.
export default function polarCheckout(baseUrl: string) {
  const polar = createFetchClient<PolarPaths>({
    baseUrl,
    headers: { authorization: "Bearer polar_oat_bench_token", "polar-version": "2026-04" },
  });
  return async (): Promise<string> => {
    const { data, error } = await polar.POST("/v1/checkouts/", {
      body: {
        products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"],
        external_customer_id: "usr_8412",
        customer_email: "jamie.rivera@example.com",
        success_url: "https://shop.example.com/thanks",
        metadata: { order_ref: "ORD-10042" },
      },
    });
    if (error || !data) throw new Error("polar answered with an error");
    return data.url;
  };
}
