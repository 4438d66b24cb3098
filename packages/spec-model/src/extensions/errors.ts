/** `x-checkoutkit-errors` (root, required): where `ApiError`'s normalised fields are in the provider's error body. */
import type { SpecDocument } from "../document.js";
import { checkExtension, type JsonSchema } from "../validate.js";

export interface ErrorsRule {
  code: string[];
  message: string[];
  issues?: { list: string; path?: string; message?: string };
  requestId?: { body?: string; header?: string };
}

const fieldPath = { type: "string", pattern: "^[^.\\s]+(\\.[^.\\s]+)*$", description: "a property name or a dotted path" };

export const errorsSchema: JsonSchema = {
  description: "an object with code and message lists (and optionally issues, requestId)",
  type: "object",
  required: ["code", "message"],
  additionalProperties: false,
  properties: {
    code: { type: "array", items: fieldPath, minItems: 1 },
    message: { type: "array", items: fieldPath, minItems: 1 },
    issues: {
      type: "object",
      required: ["list"],
      additionalProperties: false,
      properties: { list: fieldPath, path: fieldPath, message: fieldPath },
    },
    requestId: {
      type: "object",
      minProperties: 1,
      additionalProperties: false,
      properties: { body: fieldPath, header: { type: "string", minLength: 1 } },
    },
  },
};

export function readErrorsRule(spec: SpecDocument): ErrorsRule {
  return checkExtension<ErrorsRule>(spec, "/x-checkoutkit-errors", errorsSchema, true);
}
