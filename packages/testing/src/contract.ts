/**
 * The contract sweep: for every operation of a spec, call the generated client's method against the spec's
 * Prism mock and hold the answer to the spec. Each provider's test file runs it with its own client factory.
 */
import { describe, expect, inject, it } from "vitest";
import { capturingFetch } from "./capture.js";
import "./provided.js";
import { deref, errorStatuses, loadSpec, rejectionOf, type Node } from "./examples.js";

type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;
export type ClientFactory = (options: { baseUrl: string; fetch?: FetchLike; maxRetries?: number }) => any;

interface Operation {
  name: string;
  method: string;
  path: string;
  op: Node;
}

function operations(doc: Node): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Node)) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      if (item[method]) out.push({ name: item[method]["x-checkoutkit-method"], method, path, op: item[method] });
    }
  }
  return out;
}

/** The arguments the generated method takes, filled from the spec's examples. */
function argumentsFor(doc: Node, { path, op }: Operation): { args: unknown[] } {
  const bound = new Set(((doc["x-checkoutkit-client"].bind ?? []) as Node[]).map((b) => b.path).filter(Boolean));
  const params = (op.parameters ?? []).map((p: Node) => deref(doc, p));
  const pathArgs = [...path.matchAll(/\{([^}]+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !bound.has(name))
    .map((name) => {
      const param = params.find((p: Node) => p.in === "path" && p.name === name);
      const value = param?.example ?? param?.schema?.example ?? deref(doc, param?.schema ?? {})?.examples?.[0];
      if (value === undefined) throw new Error(`${path}: path parameter ${name} needs an example`);
      return value;
    });
  if (op.requestBody) {
    const example = deref(doc, op.requestBody).content?.["application/json"]?.example;
    return { args: [...pathArgs, structuredClone(example)] };
  }
  const query = params.filter((p: Node) => p.in === "query");
  if (!query.length) return { args: pathArgs };
  const values = Object.fromEntries(
    query.filter((p: Node) => p.required || p.example !== undefined).map((p: Node) => [p.name, p.example ?? p.schema?.example]),
  );
  return { args: [...pathArgs, values] };
}

function successOf(op: Node): [number, unknown] {
  const [status, response] = Object.entries(op.responses as Node).find(([code]) => /^2\d\d$/.test(code))!;
  return [Number(status), (response as Node).content?.["application/json"]?.example];
}

/**
 * Runs, for every operation of `specName`: the happy path with the spec's own example (typed data, no
 * `sl-violations`), every declared 4xx/5xx status through `Prefer: code=` mapped to `ApiError`, a request the
 * spec forbids, and a request without credentials.
 */
export function describeContract(specName: string, provider: string, factory: ClientFactory): void {
  const doc = loadSpec(specName);
  const baseUrl = () => inject("prism")[specName]!;
  const call = (client: any, operation: Operation, extra: unknown[]) => {
    const [group, method] = operation.name.split(".") as [string, string];
    return client[group][method](...extra);
  };

  describe(`${specName} contract`, () => {
    for (const operation of operations(doc)) {
      const label = `${operation.name} (${operation.method.toUpperCase()} ${operation.path})`;
      const { args } = argumentsFor(doc, operation);
      const withOptions = (options: object) => [...args, options];

      it(`${label} answers the spec's example`, async () => {
        const fetch = capturingFetch();
        const client = factory({ baseUrl: baseUrl(), fetch });
        const result = await call(client, operation, args);
        const [status, example] = successOf(operation.op);
        expect(fetch.exchanges).toHaveLength(1);
        expect(fetch.exchanges[0]!.response?.status).toBe(status);
        expect(fetch.exchanges[0]!.response?.headers["sl-violations"]).toBeUndefined();
        expect(result).toEqual(example);
      });

      for (const code of errorStatuses(specName, operation.method, operation.path)) {
        it(`${label} maps a ${code} to ApiError`, async () => {
          const client = factory({ baseUrl: baseUrl(), maxRetries: 0 });
          const error = await rejectionOf(call(client, operation, withOptions({ headers: { Prefer: `code=${code}` } })));
          const response = deref(doc, operation.op.responses[code]);
          const example = response.content?.["application/json"]?.example ?? (Object.values(response.content ?? {}) as Node[])[0]?.example;
          expect(error?.name).toBe("ApiError");
          expect(error).toMatchObject({ status: Number(code), provider, operation: operation.name });
          expect(error.body).toEqual(example);
          expect(error.code).toMatch(/\S/);
          expect(error.message).toMatch(/\S/);
          expect(Array.isArray(error.issues)).toBe(true);
        });
      }

      if (operation.op.requestBody) {
        it(`${label} reports a body the spec forbids`, async () => {
          const client = factory({ baseUrl: baseUrl(), maxRetries: 0 });
          const wrong = [...args.slice(0, -1), ["not", "an", "object"]];
          const error = await rejectionOf(call(client, operation, wrong));
          const expected = operation.op.responses["422"] ? 422 : operation.op.responses["400"] ? 400 : 422;
          expect(error?.name).toBe("ApiError");
          expect(error.status).toBe(expected);
        });
      }

      it(`${label} answers 401 without credentials`, async () => {
        const secretHeader = deref(doc, Object.values(doc.components.securitySchemes as Node)[0]);
        const header = secretHeader.type === "http" ? "authorization" : String(secretHeader.name).toLowerCase();
        const stripping: FetchLike = (request) => {
          const headers = new Headers(request.headers);
          headers.delete(header);
          return fetch(new Request(request, { headers }));
        };
        const client = factory({ baseUrl: baseUrl(), fetch: stripping, maxRetries: 0 });
        const error = await rejectionOf(call(client, operation, args));
        expect(error?.name).toBe("ApiError");
        expect([401, 403]).toContain(error.status);
      });
    }
  });
}
