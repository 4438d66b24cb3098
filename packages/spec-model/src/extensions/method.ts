/** `x-checkoutkit-method` (on each operation, required): `group.method`, the client method that calls it. */
import type { SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

export const methodSchema: JsonSchema = {
  description: "group.method, e.g. checkouts.create",
  type: "string",
  pattern: "^[a-z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*$",
};

export function readMethod(spec: SpecDocument, operationAt: string): { name: string; group: string; method: string } {
  const name = checkExtension<string>(spec, `${operationAt}/x-checkoutkit-method`, methodSchema, true);
  const [group, method] = name.split(".") as [string, string];
  return { name, group, method };
}
