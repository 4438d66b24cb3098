import { Polar } from "polar-sdk-v0";

export default function polarCheckout(baseUrl: string) {
  const polar = new Polar({ accessToken: "polar_oat_bench_token", serverURL: baseUrl });
  return async (): Promise<string> => {
    const checkout = await polar.checkouts.create({
      products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"],
      externalCustomerId: "usr_8412",
      customerEmail: "jamie.rivera@example.com",
      successUrl: "https://shop.example.com/thanks",
      metadata: { order_ref: "ORD-10042" },
    });
    return checkout.url;
  };
}
