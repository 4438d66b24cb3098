import { CreemCore } from "creem/core.js";
import { checkoutsCreate } from "creem/funcs/checkoutsCreate.js";

export default function creemCheckout(baseUrl: string) {
  const creem = new CreemCore({ apiKey: "creem_test_bench_key", serverURL: baseUrl });
  return async (): Promise<string> => {
    const result = await checkoutsCreate(creem, {
      productId: "prod_6tW66i0oZM7w1qXReHJrwg",
      requestId: "order_10482",
      units: 1,
      customer: { email: "ada@mail.example.com" },
      successUrl: "https://shop.example.com/checkout/success",
      metadata: { userId: "usr_4821" },
    });
    if (!result.ok) throw result.error;
    return result.value.checkoutUrl!;
  };
}
