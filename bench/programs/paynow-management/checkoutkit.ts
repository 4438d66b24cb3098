import { createPayNowManagementClient } from "@checkoutkit/paynow";

export default function paynowManagementCheckout(baseUrl: string) {
  const management = createPayNowManagementClient({ apiKey: "pnapi_bench_key", storeId: "411486491630370001", baseUrl });
  return async (): Promise<string> => {
    const checkout = await management.checkouts.create({
      customer_id: "411486491630370900",
      lines: [{ product_id: "411486491630370816", quantity: 1 }],
      return_url: "https://shop.example.com/thanks",
      cancel_url: "https://shop.example.com/cart",
    });
    return checkout.url;
  };
}
