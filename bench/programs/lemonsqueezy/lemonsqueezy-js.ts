import { createCheckout, lemonSqueezySetup } from "@lemonsqueezy/lemonsqueezy.js";

// The SDK keeps one global configuration and always calls https://api.lemonsqueezy.com (the benchmark redirects
// that origin to its local server). It answers { data, error } instead of throwing.
export default function lemonSqueezyCheckout(_baseUrl: string) {
  lemonSqueezySetup({ apiKey: "ls_test_bench_key" });
  return async (): Promise<string> => {
    const { data, error } = await createCheckout("31415", "271828", {
      productOptions: { redirectUrl: "https://shop.example.com/thanks" },
      checkoutData: { email: "ada@mail.example.com", custom: { user_id: "usr_4821" } },
    });
    if (error) throw error;
    return data.data.attributes.url;
  };
}
