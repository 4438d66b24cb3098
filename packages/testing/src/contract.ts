/**
 * The contract sweep: for every operation of a spec, call the generated client's method against the spec's
 * Prism mock and hold the answer to the spec. Each provider package's generated `test/contract.test.ts` runs it
 * with its own client factory. Everything it knows about the spec comes from the spec model.
 */
import { describe, expect, inject, it } from "vitest";
import { loadModel, type OperationModel } from "@checkoutkit/spec-model";
import { capturingFetch } from "./capture.js";
import "./provided.js";
import { rejectionOf } from "./examples.js";

type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;
export type ClientFactory = (options: { baseUrl: string; fetch?: FetchLike; maxRetries?: number }) => any;

/** The arguments the generated method takes, filled from the spec's examples. */
function argumentsFor(operation: OperationModel): unknown[] {
  const pathArgs = operation.pathParams.map((name) => operation.pathExample[name]);
  if (operation.payload === "body") return [...pathArgs, structuredClone(operation.requestExample)];
  if (operation.payload === "query") return [...pathArgs, structuredClone(operation.queryExample)];
  return pathArgs;
}

/**
 * Runs, for every operation of `specName`: the happy path with the spec's own example (typed data, no
 * `sl-violations`), every declared 4xx/5xx status through `Prefer: code=` mapped to `ApiError`, a request the
 * spec forbids, and a request without credentials.
 */
export function describeContract(specName: string, provider: string, factory: ClientFactory): void {
  const model = loadModel(specName);
  const baseUrl = () => inject("prism")[specName]!;
  const call = (client: any, operation: OperationModel, extra: unknown[]) => client[operation.group][operation.method](...extra);

  describe(`${specName} contract`, () => {
    for (const operation of model.operations) {
      const label = `${operation.name} (${operation.httpMethod} ${operation.path})`;
      const args = argumentsFor(operation);
      const withOptions = (options: object) => [...args, options];

      it(`${label} answers the spec's example`, async () => {
        const fetch = capturingFetch();
        const client = factory({ baseUrl: baseUrl(), fetch });
        const result = await call(client, operation, args);
        expect(fetch.exchanges).toHaveLength(1);
        expect(fetch.exchanges[0]!.response?.status).toBe(operation.success.status);
        expect(fetch.exchanges[0]!.response?.headers["sl-violations"]).toBeUndefined();
        expect(result).toEqual(operation.success.example);
      });

      for (const { status, example } of operation.errors) {
        it(`${label} maps a ${status} to ApiError`, async () => {
          const client = factory({ baseUrl: baseUrl(), maxRetries: 0 });
          const error = await rejectionOf(call(client, operation, withOptions({ headers: { Prefer: `code=${status}` } })));
          expect(error?.name).toBe("ApiError");
          expect(error).toMatchObject({ status, provider, operation: operation.name });
          expect(error.body).toEqual(example);
          expect(error.code).toMatch(/\S/);
          expect(error.message).toMatch(/\S/);
          expect(Array.isArray(error.issues)).toBe(true);
        });
      }

      if (operation.payload === "body") {
        it(`${label} reports a body the spec forbids`, async () => {
          const client = factory({ baseUrl: baseUrl(), maxRetries: 0 });
          const wrong = [...args.slice(0, -1), ["not", "an", "object"]];
          const error = await rejectionOf(call(client, operation, wrong));
          const declared = (status: number) => operation.errors.some((e) => e.status === status);
          expect(error?.name).toBe("ApiError");
          expect(error.status).toBe(declared(422) ? 422 : declared(400) ? 400 : 422);
        });
      }

      it(`${label} answers 401 without credentials`, async () => {
        const header = model.credential.header.toLowerCase();
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
