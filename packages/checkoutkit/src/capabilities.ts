/**
 * Which `createCheckout` input fields each provider API can honour, and where each one goes in that API's create
 * body. `createCheckout` maps and checks every input from this table, and the README's table is rendered from it,
 * so the three cannot disagree.
 */

/** The input fields a provider may not honour, named as in `CheckoutInput` (and in errors and `ignoreUnsupported`). */
export const checkoutFields = [
  "items.product",
  "items",
  "items.quantity",
  "successUrl",
  "cancelUrl",
  "customer.id",
  "customer.email",
  "customer.externalId",
  "customer.name",
  "metadata",
  "reference",
] as const;
export type CheckoutField = (typeof checkoutFields)[number];

/**
 * How one API treats one input field. `to` is a dotted path into the create body; `[]` marks the item's own
 * entry of a list (`lines[].product_id`: one line per item).
 */
export type FieldSupport =
  | { readonly support: "yes"; readonly to?: string; readonly note?: string; readonly notWith?: CheckoutField }
  | { readonly support: "required"; readonly to: string; readonly note?: string }
  | { readonly support: "no"; readonly note: string };

export interface ApiCapabilities {
  /** The provider's id, as in `ApiError.provider`. */
  readonly provider: string;
  /** A name for people: `PayNow Management`. */
  readonly label: string;
  /** The client factory whose clients this row is for. */
  readonly factory: string;
  readonly fields: { readonly [F in CheckoutField]: FieldSupport };
}

const oneProduct = "one product per checkout";

export const checkoutCapabilities = {
  "paynow-management": {
    provider: "paynow",
    label: "PayNow Management",
    factory: "createPayNowManagementClient",
    fields: {
      "items.product": { support: "yes", to: "lines[].product_id" },
      items: { support: "yes" },
      "items.quantity": { support: "yes", to: "lines[].quantity" },
      successUrl: { support: "yes", to: "return_url" },
      cancelUrl: { support: "yes", to: "cancel_url" },
      "customer.id": { support: "required", to: "customer_id", note: "the PayNow customer the checkout is for" },
      "customer.email": { support: "yes", to: "customer_details.billing_email" },
      "customer.externalId": { support: "no", note: "PayNow knows customers by its own ID only" },
      "customer.name": { support: "yes", to: "customer_details.billing_name" },
      metadata: { support: "yes", to: "metadata" },
      reference: { support: "no", note: "no field for your own reference; put it in metadata" },
    },
  },
  "paynow-storefront": {
    provider: "paynow",
    label: "PayNow Storefront",
    factory: "createPayNowStorefrontClient",
    fields: {
      "items.product": { support: "yes", to: "lines[].product_id" },
      items: { support: "yes" },
      "items.quantity": { support: "yes", to: "lines[].quantity" },
      successUrl: { support: "yes", to: "return_url" },
      cancelUrl: { support: "yes", to: "cancel_url" },
      "customer.id": { support: "no", note: "the customer token already names the customer" },
      "customer.email": { support: "no", note: "the customer token already names the customer" },
      "customer.externalId": { support: "no", note: "the customer token already names the customer" },
      "customer.name": { support: "no", note: "the customer token already names the customer" },
      metadata: { support: "no", note: "the Storefront API takes no metadata" },
      reference: { support: "no", note: "the Storefront API takes no reference" },
    },
  },
  creem: {
    provider: "creem",
    label: "Creem",
    factory: "createCreemClient",
    fields: {
      "items.product": { support: "yes", to: "product_id" },
      items: { support: "no", note: oneProduct },
      "items.quantity": { support: "yes", to: "units" },
      successUrl: { support: "yes", to: "success_url" },
      cancelUrl: { support: "no", note: "Creem has no cancel URL" },
      "customer.id": { support: "yes", to: "customer.id" },
      "customer.email": { support: "yes", to: "customer.email", notWith: "customer.id", note: "not with `customer.id`" },
      "customer.externalId": { support: "no", note: "Creem knows customers by its own ID or email only" },
      "customer.name": { support: "no", note: "Creem takes no customer name" },
      metadata: { support: "yes", to: "metadata" },
      reference: { support: "yes", to: "request_id" },
    },
  },
  flowglad: {
    provider: "flowglad",
    label: "Flowglad",
    factory: "createFlowgladClient",
    fields: {
      "items.product": { support: "yes", to: "checkoutSession.priceId", note: "a price ID, not a product ID" },
      items: { support: "no", note: "one price per checkout" },
      "items.quantity": { support: "yes", to: "checkoutSession.quantity" },
      successUrl: { support: "yes", to: "checkoutSession.successUrl" },
      cancelUrl: { support: "required", to: "checkoutSession.cancelUrl", note: "Flowglad needs a cancel URL" },
      "customer.id": { support: "no", note: "Flowglad takes the customer by your external ID only" },
      "customer.email": { support: "no", note: "Flowglad takes the customer by your external ID only" },
      "customer.externalId": {
        support: "yes",
        to: "checkoutSession.customerExternalId",
        note: "without it the session is anonymous",
      },
      "customer.name": { support: "no", note: "Flowglad takes the customer by your external ID only" },
      metadata: { support: "yes", to: "checkoutSession.outputMetadata" },
      reference: { support: "no", note: "no field for your own reference; put it in metadata" },
    },
  },
  polar: {
    provider: "polar",
    label: "Polar",
    factory: "createPolarClient",
    fields: {
      "items.product": { support: "yes", to: "products[]" },
      items: { support: "no", note: "Polar's products are alternatives the customer picks one of, not a cart" },
      "items.quantity": { support: "no", note: "Polar sells one unit; seats are a separate, per-price option" },
      successUrl: { support: "yes", to: "success_url" },
      cancelUrl: { support: "yes", to: "return_url", note: "shown as a back link" },
      "customer.id": { support: "yes", to: "customer_id" },
      "customer.email": { support: "yes", to: "customer_email" },
      "customer.externalId": { support: "yes", to: "external_customer_id" },
      "customer.name": { support: "yes", to: "customer_name" },
      metadata: { support: "yes", to: "metadata" },
      reference: { support: "no", note: "no field for your own reference; put it in metadata" },
    },
  },
} as const satisfies Record<string, ApiCapabilities>;

/** The provider APIs `createCheckout` works with, by spec name. */
export type CheckoutApi = keyof typeof checkoutCapabilities;

/** What each table row means, for the README. */
const rowTitles: Record<CheckoutField, string> = {
  "items.product": "`items[].product`",
  items: "more than one item",
  "items.quantity": "`items[].quantity` other than 1",
  successUrl: "`successUrl`",
  cancelUrl: "`cancelUrl`",
  "customer.id": "`customer.id`",
  "customer.email": "`customer.email`",
  "customer.externalId": "`customer.externalId`",
  "customer.name": "`customer.name`",
  metadata: "`metadata`",
  reference: "`reference`",
};

function cell(field: FieldSupport): string {
  const note = field.note ? ` (${field.note})` : "";
  if (field.support === "no") return `**no**${note}`;
  const target = field.to ? `\`${field.to}\`` : "yes";
  return field.support === "required" ? `${target}, **required**${note}` : `${target}${note}`;
}

/** The capability table as Markdown: a row per input field, a column per provider API. */
export function renderCapabilityTable(table: Record<string, ApiCapabilities> = checkoutCapabilities): string {
  const apis = Object.values(table);
  const lines = [
    `| input | ${apis.map((api) => api.label).join(" | ")} |`,
    `|---|${apis.map(() => "---").join("|")}|`,
    ...checkoutFields.map((field) => `| ${rowTitles[field]} | ${apis.map((api) => cell(api.fields[field])).join(" | ")} |`),
  ];
  return lines.join("\n");
}
