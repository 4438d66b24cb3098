import { createPayNowStorefrontClient } from "@checkoutkit/paynow";

export default function paynowStorefrontCheckout(baseUrl: string) {
  const storefront = createPayNowStorefrontClient({ customerToken: "pnct_bench_customer_token", storeId: "411486491630370001", baseUrl });
  return async (): Promise<string> => {
    const checkout = await storefront.checkouts.create({
      lines: [{ product_id: "411486491630370816", quantity: 1 }],
      return_url: "https://shop.example.com/thanks",
      cancel_url: "https://shop.example.com/cart",
    });
    return checkout.url;
  };
}
