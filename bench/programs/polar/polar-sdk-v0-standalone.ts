import { PolarCore } from "polar-sdk-v0/core.js";
import { checkoutsCreate } from "polar-sdk-v0/funcs/checkoutsCreate.js";

export default function polarCheckout(baseUrl: string) {
  const polar = new PolarCore({ accessToken: "polar_oat_bench_token", serverURL: baseUrl });
  return async (): Promise<string> => {
    const result = await checkoutsCreate(polar, {
      products: ["a7c41f0e-3d52-4b8a-9e61-7f2d0c8b5a94"],
      externalCustomerId: "usr_8412",
      customerEmail: "jamie.rivera@example.com",
      successUrl: "https://shop.example.com/thanks",
      metadata: { order_ref: "ORD-10042" },
    });
    if (!result.ok) throw result.error;
    return result.value.url;
  };
}
