import "./style.css";
import {
  ApiError,
  ConfigurationError,
  ConnectionError,
  TimeoutError,
  createPayNowStorefrontClient,
  type PayNowStorefrontSchemas,
} from "@checkoutkit/paynow";

type Session = PayNowStorefrontSchemas["CreateCheckoutSessionResponse"];

/** Where `pnpm demo --serve` runs the PayNow Storefront mock; `?baseUrl=` overrides it. */
const MOCK_BASE_URL = "http://127.0.0.1:4010";

const form = document.querySelector<HTMLFormElement>("#checkout-form")!;
const result = document.querySelector<HTMLElement>("#result")!;
const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;

field("baseUrl").value = new URLSearchParams(location.search).get("baseUrl") ?? MOCK_BASE_URL;

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  button.disabled = true;
  show("pending", "Creating checkout…", []);
  try {
    const storefront = createPayNowStorefrontClient({
      baseUrl: field("baseUrl").value.trim(),
      customerToken: field("customerToken").value.trim(),
      storeId: field("storeId").value.trim(),
    });
    const session = await storefront.checkouts.create({
      lines: [{ product_id: field("productId").value.trim(), quantity: field("quantity").valueAsNumber }],
    });
    showSession(session);
  } catch (error) {
    showFailure(error);
  } finally {
    button.disabled = false;
  }
});

function showSession(session: Session) {
  const link = document.createElement("a");
  link.textContent = session.url;
  if (isWebPage(session.url)) link.href = session.url;
  link.id = "checkout-url";
  link.rel = "noopener";
  show("success", "Checkout created", [
    ["Checkout URL", link],
    ["Checkout ID", session.id],
  ]);
}

/** The URL comes from the network: only ever link to a web page, never to a javascript: or data: URL. */
function isWebPage(url: string): boolean {
  try {
    return ["https:", "http:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function showFailure(error: unknown) {
  if (error instanceof ApiError) {
    const details: [string, string][] = [
      ["Status", String(error.status)],
      ["Code", error.code],
      ["Message", error.message],
    ];
    for (const issue of error.issues) details.push([issue.path || "Issue", issue.message]);
    if (error.requestId) details.push(["Trace ID", error.requestId]);
    show("error", "PayNow rejected the checkout", details);
  } else if (error instanceof TimeoutError) {
    show("error", "PayNow did not answer in time", [["Details", error.message]]);
  } else if (error instanceof ConnectionError) {
    // A browser reports a blocked CORS request as a network failure too.
    show("error", "Could not reach PayNow", [
      ["Details", error.message],
      ["Check", "the base URL, that the server is up, and that it allows requests from this page (CORS)."],
    ]);
  } else if (error instanceof ConfigurationError) {
    show("error", "The form is not filled in correctly", [["Details", error.message]]);
  } else {
    show("error", "Something unexpected went wrong", [["Details", error instanceof Error ? error.message : String(error)]]);
  }
}

/** Renders the outcome with textContent only, so nothing a server sends is ever parsed as HTML. */
function show(kind: "pending" | "success" | "error", title: string, details: [string, string | Node][]) {
  const heading = document.createElement("h2");
  heading.textContent = title;
  const list = document.createElement("dl");
  for (const [term, value] of details) {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.append(value);
    list.append(dt, dd);
  }
  result.dataset.outcome = kind;
  result.replaceChildren(heading, ...(details.length ? [list] : []));
  result.hidden = false;
}
