/** `x-checkoutkit-client` (root, required): the package, the factory and the options bound to every call (a path parameter, a header or a query parameter). */
import type { SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

export interface BindRule {
  /** Option name in the factory's config. */
  option: string;
  /** Fills this path parameter on every call (left out of every method's arguments)... */
  path?: string;
  /** ...or sends this header on every request... */
  header?: string;
  /**
   * ...or fills this query parameter (or a dotted path into a deepObject one: `filter.store_id`) on every operation
   * declaring it, when the caller left it out.
   */
  query?: string;
  required?: boolean;
  enum?: string[];
  default?: string;
  description?: string;
}

export interface ClientRule {
  provider: string;
  package: string;
  factory: string;
  bind?: BindRule[];
}

const identifier = { type: "string", pattern: "^[A-Za-z_$][\\w$]*$" };

export const clientSchema: JsonSchema = {
  description: "an object with provider, package and factory (and optionally bind)",
  type: "object",
  required: ["provider", "package", "factory"],
  additionalProperties: false,
  properties: {
    provider: { type: "string", pattern: "^[a-z][a-z0-9-]*$", description: "a lower-case id such as acme" },
    package: { type: "string", pattern: "^(@[a-z0-9-]+/)?[a-z0-9][a-z0-9._-]*$" },
    factory: { type: "string", pattern: "^create[A-Z]\\w*Client$", description: "a name like create<Name>Client" },
    bind: {
      type: "array",
      items: {
        type: "object",
        required: ["option"],
        additionalProperties: false,
        properties: {
          option: identifier,
          path: { type: "string", minLength: 1 },
          header: { type: "string", minLength: 1 },
          query: { type: "string", pattern: "^[^.\\s]+(\\.[^.\\s]+)*$", description: "a query parameter name or a dotted path into a deepObject one" },
          required: { type: "boolean" },
          enum: { type: "array", items: { type: "string" }, minItems: 1 },
          default: { type: "string" },
          description: { type: "string" },
        },
      },
    },
  },
};

export function readClientRule(spec: SpecDocument): ClientRule {
  const rule = checkExtension<ClientRule>(spec, "/x-checkoutkit-client", clientSchema, true);
  for (const [index, bind] of (rule.bind ?? []).entries()) {
    if ([bind.path, bind.header, bind.query].filter(Boolean).length !== 1) {
      spec.fail(
        `/x-checkoutkit-client/bind/${index}`,
        "needs exactly one of path (a path parameter it fills), header (a header it sends) or query (a query parameter it fills)",
      );
    }
    if (bind.query && bind.default !== undefined) spec.fail(`/x-checkoutkit-client/bind/${index}/default`, "a query binding has no default: the parameter is left out when the option is");
  }
  return rule;
}
