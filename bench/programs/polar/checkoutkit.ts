import { createPolarClient } from "@checkoutkit/polar";

export default function polarCheckout(baseUrl: string) {
  const polar = createPolarClient({ accessToken: "polar_oat_bench_token", baseUrl });
  return async (): Promise<string> => {
    const checkout = await polar.checkouts.create({
      products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"],
      external_customer_id: "usr_8412",
      customer_email: "jamie.rivera@example.com",
      success_url: "https://shop.example.com/thanks",
      metadata: { order_ref: "ORD-10042" },
    });
    return checkout.url;
  };
}
