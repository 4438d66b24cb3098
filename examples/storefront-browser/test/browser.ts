import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page, Request } from "playwright-core";

/** Screenshots land here (git-ignored) and stay after the run. */
export const artifactsDir = fileURLToPath(new URL("../test-artifacts/", import.meta.url));

export interface StorefrontPage {
  page: Page;
  /** Every request the page sent to the checkout endpoint (preflights left out). */
  checkoutRequests: Request[];
  /** The bodies of those requests, in the same order. */
  checkoutBodies(): Promise<unknown[]>;
  /** What the page printed to its console, and any uncaught error. */
  consoleMessages: string[];
  /**
   * Set when the page was opened with `fakeClock`: moves the page's clock through the client's pauses between
   * attempts until `until` settles, and only while no checkout request is in flight.
   */
  skipPauses?<T>(until: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Installs Playwright's fake clock in the page before it loads, so the client's backoff between attempts is
   * never waited out in real time: it passes when `skipPauses` moves the clock.
   */
  fakeClock?: boolean;
}

/** Opens the built page in a new browser context, pointed at `apiBaseUrl` through its query string. */
export async function openStorefront(browser: Browser, pageUrl: string, apiBaseUrl: string, options: OpenOptions = {}): Promise<StorefrontPage> {
  const context = await browser.newContext({ viewport: { width: 900, height: 760 } });
  const page = await context.newPage();
  const checkoutRequests: Request[] = [];
  const consoleMessages: string[] = [];
  const isCheckout = (method: string, url: string) => method === "POST" && new URL(url).pathname === "/v1/checkouts";
  let answered = 0;
  page.on("request", (request) => {
    if (isCheckout(request.method(), request.url())) checkoutRequests.push(request);
  });
  const countAnswer = (request: Request) => {
    if (isCheckout(request.method(), request.url())) answered++;
  };
  page.on("requestfinished", countAnswer);
  page.on("requestfailed", countAnswer);
  // Playwright leaves postData() empty for a body sent from a cloned Request, as the client's retries do;
  // Chromium's own DevTools protocol still hands it over.
  const bodies: Promise<unknown>[] = [];
  const devtools = await context.newCDPSession(page);
  devtools.on("Network.requestWillBeSent", ({ requestId, request }) => {
    if (!isCheckout(request.method, request.url)) return;
    bodies.push(devtools.send("Network.getRequestPostData", { requestId }).then(({ postData }) => JSON.parse(postData)));
  });
  await devtools.send("Network.enable");
  page.on("console", (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => consoleMessages.push(`pageerror: ${error.message}`));
  if (options.fakeClock) await page.clock.install();
  await page.goto(`${pageUrl}?baseUrl=${encodeURIComponent(apiBaseUrl)}`);

  async function skipPauses<T>(until: Promise<T>): Promise<T> {
    let settled = false;
    const done = until.finally(() => (settled = true));
    while (!settled) {
      // A checkout request in flight has its own timeout running on the page's clock: leave the clock alone.
      // Otherwise the client can only be waiting out its pause (at most 8 s), or be about to schedule it.
      if (checkoutRequests.length > 0 && answered === checkoutRequests.length) await page.clock.runFor(1_000);
      await Promise.race([done.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    return done;
  }

  return {
    page,
    checkoutRequests,
    checkoutBodies: () => Promise.all(bodies),
    consoleMessages,
    ...(options.fakeClock ? { skipPauses } : {}),
    close: () => context.close(),
  };
}

export interface CheckoutForm {
  customerToken: string;
  storeId?: string;
  productId?: string;
  quantity?: number;
}

/** Fills the form like a customer would and clicks "Start checkout"; resolves once the page shows an outcome. */
export async function startCheckout(page: Page, form: CheckoutForm): Promise<"success" | "error"> {
  await page.getByLabel("Customer token").fill(form.customerToken);
  if (form.storeId !== undefined) await page.getByLabel("Store ID").fill(form.storeId);
  if (form.productId !== undefined) await page.getByLabel("Product ID").fill(form.productId);
  if (form.quantity !== undefined) await page.getByLabel("Quantity").fill(String(form.quantity));
  await page.getByRole("button", { name: "Start checkout" }).click();
  const result = page.locator("#result[data-outcome=success], #result[data-outcome=error]");
  await result.waitFor({ timeout: 30_000 });
  return (await result.getAttribute("data-outcome")) as "success" | "error";
}

/** Saves a full-page screenshot under test-artifacts/ and says where, so a CI log points at it. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = `${artifactsDir}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}
