/**
 * Renders the README's capability table from a table of what each provider API honours. Pure: the generator
 * (scripts/lib/render-checkout.ts, from the specs) and `pnpm --filter checkoutkit readme` (from the built table)
 * both call it, so the README section is generated output.
 */
// Structural types only, no import from ../src: the generator calls this before any package (and so the facade's
// generated table and the provider packages it names) is built.
type FieldSupport = { readonly support: "yes" | "required" | "no"; readonly to?: string; readonly note?: string };
interface TableColumn {
  readonly label: string;
  readonly fields: { readonly [field: string]: FieldSupport };
}

export const START = "<!-- capability-table:start (generated from each spec's x-checkoutkit-checkout by `pnpm generate`) -->";
export const END = "<!-- capability-table:end -->";

/** What each table row means, for the README. */
const rowTitles: Record<string, string> = {
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
export function renderCapabilityTable(table: Record<string, TableColumn>): string {
  const apis = Object.values(table);
  const fields = Object.keys(rowTitles);
  for (const api of apis) {
    const untitled = Object.keys(api.fields).filter((field) => !(field in rowTitles));
    if (untitled.length) throw new Error(`render-table: no README row title for ${untitled.join(", ")}`);
    const missing = fields.filter((field) => !(field in api.fields));
    if (missing.length) throw new Error(`render-table: ${api.label} says nothing of ${missing.join(", ")}`);
  }
  const lines = [
    `| input | ${apis.map((api) => api.label).join(" | ")} |`,
    `|---|${apis.map(() => "---").join("|")}|`,
    ...fields.map((field) => `| ${rowTitles[field]} | ${apis.map((api) => cell(api.fields[field]!)).join(" | ")} |`),
  ];
  return lines.join("\n");
}

/** `readme` with what lies between the `start` and `end` marker lines replaced by `content`. */
export function withRegion(readme: string, [start, end]: readonly [string, string], content: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md needs the lines\n${start}\n${end}\nwhere the generated table goes`);
  return `${readme.slice(0, from + start.length)}\n${content}\n${readme.slice(to)}`;
}

/** The README with its capability table section rendered afresh from `table`. */
export function withTable(readme: string, table: Record<string, TableColumn>): string {
  return withRegion(readme, [START, END], renderCapabilityTable(table));
}

/** Where the README lists each provider package's namespace and factories. */
export const EXPORTS_REGION = ["<!-- exports-table:start (generated from specs/redocly.yaml by `pnpm generate`) -->", "<!-- exports-table:end -->"] as const;
