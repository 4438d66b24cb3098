/** What is measured: per provider, its create-checkout operation and every client that can call it. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface Provider {
  /** Folder under programs/. */
  id: string;
  /** The spec name in specs/redocly.yaml. */
  spec: string;
  /** The concrete path the programs call (the spec model knows the create operation's template). */
  urlPath: string;
  /** The response field (a dotted path) holding the checkout URL every program returns. */
  urlField: string;
}

export type Kind = "fetch" | "fetch-timeout" | "checkoutkit" | "openapi-fetch" | "official";

export interface Client {
  provider: Provider;
  /** File name under programs/<provider>/, without `.ts`. */
  program: string;
  label: string;
  kind: Kind;
  /** The npm package measured (absent for plain fetch), as installed from the registry or packed from here. */
  package?: string;
  /** "class" or "standalone" where an SDK offers both. */
  form?: string;
  /** The client cannot be pointed at another server, so the benchmark rewrites this origin in the global fetch. */
  fixedOrigin?: string;
}

export const providers = {
  creem: { id: "creem", spec: "creem", urlPath: "/v1/checkouts", urlField: "checkout_url" },
  polar: { id: "polar", spec: "polar", urlPath: "/v1/checkouts/", urlField: "url" },
  flowglad: {
    id: "flowglad",
    spec: "flowglad",
    urlPath: "/api/v1/checkout-sessions",
    urlField: "url",
  },
  paynowStorefront: {
    id: "paynow-storefront",
    spec: "paynow-storefront",
    urlPath: "/v1/checkouts",
    urlField: "url",
  },
  paynowManagement: {
    id: "paynow-management",
    spec: "paynow-management",
    urlPath: "/v1/stores/411486491630370001/checkouts",
    urlField: "url",
  },
  lemonsqueezy: { id: "lemonsqueezy", spec: "lemonsqueezy", urlPath: "/v1/checkouts", urlField: "data.attributes.url" },
  stripe: { id: "stripe", spec: "stripe", urlPath: "/v1/checkout/sessions", urlField: "url" },
} satisfies Record<string, Provider>;

const { creem, polar, flowglad, paynowStorefront, paynowManagement, lemonsqueezy, stripe } = providers;
export const clients: Client[] = [
  { provider: creem, program: "fetch", label: "plain fetch", kind: "fetch" },
  { provider: creem, program: "checkoutkit", label: "@checkoutkit/creem", kind: "checkoutkit", package: "@checkoutkit/creem" },
  { provider: creem, program: "creem", label: "creem (class)", kind: "official", package: "creem", form: "class" },
  { provider: creem, program: "creem-standalone", label: "creem (standalone)", kind: "official", package: "creem", form: "standalone" },
  {
    provider: creem,
    program: "creem_io",
    label: "creem_io (deprecated)",
    kind: "official",
    package: "creem_io",
    fixedOrigin: "https://test-api.creem.io",
  },
  { provider: polar, program: "fetch", label: "plain fetch", kind: "fetch" },
  { provider: polar, program: "fetch-timeout", label: "plain fetch with a timeout signal", kind: "fetch-timeout" },
  { provider: polar, program: "checkoutkit", label: "@checkoutkit/polar", kind: "checkoutkit", package: "@checkoutkit/polar" },
  { provider: polar, program: "openapi-fetch", label: "openapi-fetch alone", kind: "openapi-fetch", package: "openapi-fetch" },
  { provider: polar, program: "polar-sdk", label: "@polar-sh/sdk 1.x (class)", kind: "official", package: "@polar-sh/sdk", form: "class" },
  {
    provider: polar,
    program: "polar-sdk-standalone",
    label: "@polar-sh/sdk 1.x (standalone)",
    kind: "official",
    package: "@polar-sh/sdk",
    form: "standalone",
  },
  { provider: polar, program: "polar-sdk-v0", label: "@polar-sh/sdk 0.x (class)", kind: "official", package: "polar-sdk-v0", form: "class" },
  {
    provider: polar,
    program: "polar-sdk-v0-standalone",
    label: "@polar-sh/sdk 0.x (standalone)",
    kind: "official",
    package: "polar-sdk-v0",
    form: "standalone",
  },
  { provider: flowglad, program: "fetch", label: "plain fetch", kind: "fetch" },
  { provider: flowglad, program: "checkoutkit", label: "@checkoutkit/flowglad", kind: "checkoutkit", package: "@checkoutkit/flowglad" },
  { provider: flowglad, program: "flowglad-node", label: "@flowglad/node", kind: "official", package: "@flowglad/node" },
  { provider: paynowStorefront, program: "fetch", label: "plain fetch", kind: "fetch" },
  { provider: paynowStorefront, program: "checkoutkit", label: "@checkoutkit/paynow", kind: "checkoutkit", package: "@checkoutkit/paynow" },
  { provider: paynowManagement, program: "fetch", label: "plain fetch", kind: "fetch" },
  { provider: paynowManagement, program: "checkoutkit", label: "@checkoutkit/paynow", kind: "checkoutkit", package: "@checkoutkit/paynow" },
  { provider: lemonsqueezy, program: "fetch", label: "plain fetch", kind: "fetch" },
  { provider: lemonsqueezy, program: "checkoutkit", label: "@checkoutkit/lemonsqueezy", kind: "checkoutkit", package: "@checkoutkit/lemonsqueezy" },
  {
    provider: lemonsqueezy,
    program: "lemonsqueezy-js",
    label: "@lemonsqueezy/lemonsqueezy.js",
    kind: "official",
    package: "@lemonsqueezy/lemonsqueezy.js",
    // Its requests always go to https://api.lemonsqueezy.com: no base URL option.
    fixedOrigin: "https://api.lemonsqueezy.com",
  },
  { provider: stripe, program: "fetch", label: "plain fetch", kind: "fetch" },
  { provider: stripe, program: "checkoutkit", label: "@checkoutkit/stripe", kind: "checkoutkit", package: "@checkoutkit/stripe" },
  { provider: stripe, program: "stripe-node", label: "stripe (stripe-node)", kind: "official", package: "stripe" },
];

export function programFile(client: Client): string {
  return join(benchDir, "programs", client.provider.id, `${client.program}.ts`);
}

export function clientId(client: Client): string {
  return `${client.provider.id}/${client.program}`;
}

/** Official SDKs the issue names that could not be measured, and why. */
export const unavailable = [
  {
    package: "@paynow-gg/typescript-sdk",
    reason: "not on the npm registry (`npm view` answers 404), so PayNow is compared with plain fetch only",
  },
];

/** The aliases under which bench/package.json installs a second version of a package. */
const aliases: Record<string, string> = { "polar-sdk-v0": "@polar-sh/sdk" };
/** The module a program imports, where it is not the package's main entry. */
const entries: Record<string, string> = { "@polar-sh/sdk": "@polar-sh/sdk/2026-04" };

export interface MeasuredPackage {
  /** How bench/package.json and the programs name it. */
  importName: string;
  /** The module cold-imported: what the programs import. */
  entry: string;
  /** The registry name and the version installed here. */
  name: string;
  version: string;
  /** Packed from this repository rather than installed from the registry. */
  local: boolean;
}

/** Every package a client is built on, once each, in the order of `clients`. */
export function measuredPackages(): MeasuredPackage[] {
  const names = [...new Set(clients.flatMap((client) => (client.package ? [client.package] : [])))];
  return names.map((importName) => {
    const manifest = join(benchDir, "node_modules", importName, "package.json");
    const { name, version } = JSON.parse(readFileSync(manifest, "utf8")) as { name: string; version: string };
    return {
      importName,
      entry: entries[importName] ?? importName,
      name: aliases[importName] ?? name,
      version,
      local: name.startsWith("@checkoutkit/"),
    };
  });
}
