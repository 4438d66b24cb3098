/** Headless Chromium as this project runs it: Debian's binary (Playwright cannot download its own here). */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, which .ci/run installs; CHROMIUM_PATH points elsewhere on other machines. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Throws, saying how to install it, when there is no Chromium: a browser test must fail, not skip. */
export function requireChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(`No Chromium at ${chromiumPath}: install Debian's chromium (apt-get install chromium; .ci/run does this) or set CHROMIUM_PATH.`);
  }
}

/** Launches headless Chromium; Playwright adds --headless and a fresh, temporary --user-data-dir itself. */
export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox", // root here
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      // Without these Chromium keeps dialling Google's hosts, which a closed network refuses.
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
