import Stripe from "stripe";

export default function stripeCheckout(baseUrl: string) {
  const { hostname, port, protocol, pathname } = new URL(baseUrl);
  // stripe-node takes a host and port but no path prefix: its own Node HTTP client (the default), with the bench
  // server's prefix put in front of each path.
  const node = Stripe.createNodeHttpClient();
  const httpClient = Object.assign(Object.create(node) as typeof node, {
    makeRequest: (host: string, p: string, path: string, ...rest: unknown[]) =>
      (node.makeRequest as (...args: unknown[]) => ReturnType<typeof node.makeRequest>)(host, p, pathname.replace(/\/$/, "") + path, ...rest),
  });
  const stripe = new Stripe("sk_test_bench_key", { host: hostname, port: Number(port), protocol: protocol === "http:" ? "http" : "https", httpClient });
  return async (): Promise<string> => {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ price: "price_1QdXyZ2eZvKYlo2CkV4pLm8n", quantity: 2 }],
      success_url: "https://shop.example.com/checkout/success",
      cancel_url: "https://shop.example.com/cart",
      metadata: { order: "4821" },
    });
    return session.url!;
  };
}
