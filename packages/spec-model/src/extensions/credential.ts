/**
 * `x-checkoutkit-credential` (on the security scheme every operation uses, required): the config option holding
 * the secret, and the header it travels in (from the scheme itself).
 */
import { pointer, type Node, type SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

export interface CredentialModel {
  /** The security scheme's name in `components.securitySchemes`. */
  scheme: string;
  option: string;
  header: string;
  prefix: string;
  env?: string;
  /** The scheme's description, for the option's doc comment. */
  description: string;
}

interface CredentialRule {
  option: string;
  prefix?: string;
  env?: string;
}

export const credentialSchema: JsonSchema = {
  description: "an object with option (and optionally prefix, env)",
  type: "object",
  required: ["option"],
  additionalProperties: false,
  properties: {
    option: { type: "string", pattern: "^[A-Za-z_$][\\w$]*$" },
    prefix: { type: "string" },
    env: { type: "string", pattern: "^[A-Z][A-Z0-9_]*$" },
  },
};

export function readCredential(spec: SpecDocument, schemeName: string, usedAt: string): CredentialModel {
  const at = pointer(["components", "securitySchemes", schemeName]);
  const raw = spec.at(at);
  if (raw === undefined) spec.fail(usedAt, `security scheme ${schemeName} is not defined`);
  const { node: scheme, pointer: schemeAt } = spec.resolve<Node>(raw, at);
  const rule = checkExtension<CredentialRule>(spec, `${schemeAt}/x-checkoutkit-credential`, credentialSchema, true);
  let header: string;
  let prefix = rule.prefix ?? "";
  if (scheme.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") header = scheme.name;
  else if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") {
    header = "Authorization";
    prefix = rule.prefix ?? "Bearer ";
  } else header = spec.fail(schemeAt, "must be an apiKey header (type: apiKey, in: header, name) or http bearer");
  return { scheme: schemeName, option: rule.option, header, prefix, ...(rule.env ? { env: rule.env } : {}), description: scheme.description ?? "" };
}
