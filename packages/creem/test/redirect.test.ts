import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WebhookVerificationError, signCreemRedirect, verifyCreemRedirect } from "../src/index.js";

// Signed here with node:crypto, the way Creem signs the redirect to success_url.
const apiKey = "creem_test_3mWq9Lr2Vt";
const returned = {
  checkout_id: "ch_4l0Ns7pPzRzY1RLYwMT4Yf",
  order_id: "ord_1nv3sU2GvEb7gBDy9DkkbB",
  customer_id: "cust_6Gv2n9OwJzU8yyzoWv3D6M",
  product_id: "prod_7CIbZEZnRC5DWibmoOboOu",
  request_id: "order-8841",
};
const sign = (params: Record<string, string>, key = apiKey) =>
  createHmac("sha256", key)
    .update(Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join("&"))
    .digest("hex");
const successUrl = (params: Record<string, string>, signature = sign(params)) =>
  `https://shop.example.com/thanks?${new URLSearchParams({ ...params, signature })}`;

describe("verifyCreemRedirect", () => {
  it("verifies the success URL Creem redirects to and returns what it signs", async () => {
    await expect(verifyCreemRedirect(successUrl(returned), apiKey)).resolves.toEqual({ ...returned, subscription_id: null });
  });

  it("takes the query string, URLSearchParams, a URL or a parsed query object", async () => {
    const url = new URL(successUrl(returned));
    await expect(verifyCreemRedirect(url.search, apiKey)).resolves.toMatchObject(returned);
    await expect(verifyCreemRedirect(url.searchParams, apiKey)).resolves.toMatchObject(returned);
    await expect(verifyCreemRedirect(url, apiKey)).resolves.toMatchObject(returned);
    await expect(verifyCreemRedirect({ ...returned, subscription_id: null, signature: sign(returned) }, apiKey)).resolves.toMatchObject(returned);
  });

  it("ignores query parameters of your own on the success URL", async () => {
    const url = new URL(successUrl(returned));
    url.searchParams.set("utm_source", "newsletter");
    await expect(verifyCreemRedirect(url, apiKey)).resolves.toMatchObject(returned);
  });

  it("refuses a changed parameter, another key's signature, and a missing signature", async () => {
    const forged = new URL(successUrl(returned));
    forged.searchParams.set("order_id", "ord_someone_else");
    await expect(verifyCreemRedirect(forged, apiKey)).rejects.toMatchObject({ reason: "bad_signature" });
    await expect(verifyCreemRedirect(successUrl(returned, sign(returned, "creem_test_other")), apiKey)).rejects.toMatchObject({ reason: "bad_signature" });
    await expect(verifyCreemRedirect(successUrl(returned, "not-hex"), apiKey)).rejects.toMatchObject({ reason: "bad_signature" });
    const unsigned = new URL(successUrl(returned));
    unsigned.searchParams.delete("signature");
    await expect(verifyCreemRedirect(unsigned, apiKey)).rejects.toMatchObject({ reason: "missing_header" });
  });

  it("refuses an empty API key, and never puts the key in the message", async () => {
    await expect(verifyCreemRedirect(successUrl(returned), "")).rejects.toMatchObject({ reason: "bad_secret" });
    const error = await verifyCreemRedirect(successUrl(returned), "creem_test_wrong_key").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as Error).message).not.toContain("creem_test_wrong_key");
    expect((error as Error).message).not.toContain(apiKey);
  });

  it("refuses a validly signed redirect that names no checkout", async () => {
    const { checkout_id: _, ...rest } = returned;
    await expect(verifyCreemRedirect(successUrl(rest), apiKey)).rejects.toMatchObject({ reason: "malformed_body" });
  });
});

describe("signCreemRedirect", () => {
  it("signs as Creem does, and verifyCreemRedirect accepts what it signs", async () => {
    const query = await signCreemRedirect({ ...returned, subscription_id: null }, apiKey);
    expect(query.get("signature")).toBe(sign(returned));
    expect(query.has("subscription_id")).toBe(false);
    await expect(verifyCreemRedirect(`https://shop.example.com/thanks?${query}`, apiKey)).resolves.toEqual({ ...returned, subscription_id: null });
  });

  it("signs values that need escaping in a URL unescaped, as Creem does", async () => {
    const params = { checkout_id: "ch_1", request_id: "order 88/41&x" };
    const query = await signCreemRedirect(params, apiKey);
    expect(query.get("signature")).toBe(sign(params));
    await expect(verifyCreemRedirect(query, apiKey)).resolves.toMatchObject(params);
    await expect(verifyCreemRedirect(query, "creem_test_other")).rejects.toMatchObject({ reason: "bad_signature" });
  });
});
