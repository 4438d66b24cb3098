import { responseExample } from "@checkoutkit/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "@checkoutkit/testing/chromium";
import { keepScreenshot, openStorefront, startCheckout } from "./browser.js";
import "./provided.js";

const pageUrl = inject("pageUrl");
const mockUrl = inject("mockUrl");
const customerToken = "pnct_browser_test_token_7c41d2e9";
const storeId = "411486491630370001";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("the storefront page in Chromium", () => {
  it("creates a checkout against the mock and links to the URL it answered with", async () => {
    const storefront = await openStorefront(browser, pageUrl, mockUrl);
    try {
      const outcome = await startCheckout(storefront.page, { customerToken, storeId, productId: "411486491630370817", quantity: 2 });
      const shot = await keepScreenshot(storefront.page, "checkout-created");

      const result = storefront.page.locator("#result");
      expect(outcome, `${shot}\n${await result.innerText()}`).toBe("success");
      const session = responseExample("paynow-storefront", "POST", "/v1/checkouts", 200);
      const link = storefront.page.locator("#checkout-url");
      expect(await link.getAttribute("href")).toBe(session.url);
      expect(await link.innerText()).toBe(session.url);
      expect(await result.innerText()).toContain(session.id);

      // One request, carrying the storefront credentials and the form's line, answered without spec violations.
      expect(storefront.checkoutRequests).toHaveLength(1);
      const request = storefront.checkoutRequests[0]!;
      expect(request.url()).toBe(`${mockUrl}/v1/checkouts`);
      const headers = await request.allHeaders();
      expect(headers.authorization).toBe(`Customer ${customerToken}`);
      expect(headers["x-paynow-store-id"]).toBe(storeId);
      expect(headers["content-type"]).toBe("application/json");
      expect(await storefront.checkoutBodies()).toEqual([{ lines: [{ product_id: "411486491630370817", quantity: 2 }] }]);
      const response = await request.response();
      expect(response?.status()).toBe(200);
      expect(await response?.headerValue("sl-violations")).toBeNull();
      expect(storefront.consoleMessages).toEqual([]);
    } finally {
      await storefront.close();
    }
  });

  it("never shows the customer token", async () => {
    const storefront = await openStorefront(browser, pageUrl, mockUrl);
    try {
      await startCheckout(storefront.page, { customerToken });

      expect(await storefront.page.getByLabel("Customer token").getAttribute("type")).toBe("password");
      expect(await storefront.page.locator("body").innerText()).not.toContain(customerToken);
      expect(storefront.page.url()).not.toContain(customerToken);
      expect(storefront.consoleMessages.join("\n")).not.toContain(customerToken);
    } finally {
      await storefront.close();
    }
  });

  it("shows the status, code and message when PayNow rejects the checkout", async () => {
    const storefront = await openStorefront(browser, pageUrl, mockUrl);
    try {
      // PayNow IDs are digits only; the mock rejects anything else, as PayNow does.
      const outcome = await startCheckout(storefront.page, { customerToken, productId: "not-a-product-id" });
      await keepScreenshot(storefront.page, "checkout-rejected");

      expect(outcome).toBe("error");
      const text = await storefront.page.locator("#result").innerText();
      expect(text).toContain("PayNow rejected the checkout");
      expect(text).toMatch(/Status\s+422/);
      // The mock answers with the spec's example error body, whatever the field at fault.
      const answer = responseExample("paynow-storefront", "POST", "/v1/checkouts", "default");
      expect(text).toMatch(new RegExp(`Code\\s+${answer.code}`));
      expect(text).toContain(answer.message);
      expect(text).toContain(answer.trace_id);
      expect(await storefront.page.locator("#checkout-url").count()).toBe(0);
      expect(text).not.toContain(customerToken);
    } finally {
      await storefront.close();
    }
  });

  it("says it cannot reach PayNow when nothing answers at the base URL", async () => {
    // The page's clock is fake: the client's backoff between its three attempts passes without real waiting.
    const storefront = await openStorefront(browser, pageUrl, inject("closedUrl"), { fakeClock: true });
    try {
      const outcome = await storefront.skipPauses!(startCheckout(storefront.page, { customerToken }));
      await keepScreenshot(storefront.page, "checkout-unreachable");

      expect(outcome).toBe("error");
      const text = await storefront.page.locator("#result").innerText();
      expect(text).toContain("Could not reach PayNow");
      expect(text).toContain("could not reach the server");
      // The first attempt and the client's two retries.
      expect(storefront.checkoutRequests).toHaveLength(3);
    } finally {
      await storefront.close();
    }
  });

  it("refuses a plain-HTTP base URL that is not on this machine, before sending anything", async () => {
    const storefront = await openStorefront(browser, pageUrl, "http://api.paynow.example");
    try {
      const outcome = await startCheckout(storefront.page, { customerToken });

      expect(outcome).toBe("error");
      const text = await storefront.page.locator("#result").innerText();
      expect(text).toContain("The form is not filled in correctly");
      expect(text).toMatch(/baseUrl/);
      expect(storefront.checkoutRequests).toHaveLength(0);
    } finally {
      await storefront.close();
    }
  });
});
