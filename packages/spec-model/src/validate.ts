/**
 * Checks an `x-checkoutkit-*` extension against its JSON Schema (draft 2020-12) when the model loads it. A mistake
 * throws a `SpecError` naming the spec file and the JSON pointer of the offending value, and saying what was expected.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { SpecDocument } from "./document.js";

export type JsonSchema = Record<string, unknown>;

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/**
 * Validates the value at `at` (a JSON pointer into `spec`) against `schema` and returns it typed. `required` says
 * whether a missing value is an error; otherwise `undefined` comes back.
 */
export function checkExtension<T>(spec: SpecDocument, at: string, schema: JsonSchema, required = false): T {
  const value = spec.at(at);
  if (value === undefined) {
    if (required) spec.fail(at, `is required (${describeSchema(schema)})`);
    return undefined as T;
  }
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(value)) {
    const error = pickError(validate.errors ?? []);
    spec.fail(at + (error?.instancePath ?? ""), explain(error));
  }
  return value as T;
}

/** The most specific error: the deepest instance path, preferring what is not a `oneOf`/`anyOf` summary. */
function pickError(errors: ErrorObject[]): ErrorObject | undefined {
  return [...errors].sort(
    (a, b) =>
      b.instancePath.split("/").length - a.instancePath.split("/").length ||
      Number(["oneOf", "anyOf"].includes(a.keyword)) - Number(["oneOf", "anyOf"].includes(b.keyword)),
  )[0];
}

function explain(error: ErrorObject | undefined): string {
  if (!error) return "does not match its schema";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `needs ${JSON.stringify(params.missingProperty)}`;
    case "additionalProperties":
      return `has ${JSON.stringify(params.additionalProperty)}, which is not part of the vocabulary`;
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case "pattern": {
      const description = (error.parentSchema as JsonSchema | undefined)?.description;
      return typeof description === "string" ? `must be ${description} (matching ${params.pattern})` : `must match pattern ${params.pattern}`;
    }
    default:
      return error.message ?? "does not match its schema";
  }
}

function describeSchema(schema: JsonSchema): string {
  return typeof schema.description === "string" ? schema.description : `a ${String(schema.type ?? "value")}`;
}
