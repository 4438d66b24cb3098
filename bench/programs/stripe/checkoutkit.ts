import { createStripeClient } from "@checkoutkit/stripe";

export default function stripeCheckout(baseUrl: string) {
  const stripe = createStripeClient({ apiKey: "sk_test_bench_key", baseUrl });
  return async (): Promise<string> => {
    const session = await stripe.checkoutSessions.create({
      mode: "payment",
      line_items: [{ price: "price_1QdXyZ2eZvKYlo2CkV4pLm8n", quantity: 2 }],
      success_url: "https://shop.example.com/checkout/success",
      cancel_url: "https://shop.example.com/cart",
      metadata: { order: "4821" },
    });
    return session.url!;
  };
}
