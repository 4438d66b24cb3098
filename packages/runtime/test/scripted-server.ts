import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeStyledQuery, nextPageNumber, nextResponseCursor, type ClientDefinition } from "../src/index.js";

export type Step = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface ScriptedServer {
  url: string;
  /** Every request received, in order. */
  requests: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  /** Resolves once `count` requests have arrived: the test waits on the server, not on a clock. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A node:http server on 127.0.0.1 that answers the n-th request with the n-th step, and 500 once the script
 * runs out. Closing it destroys open sockets, so a hanging step never outlives its test.
 */
export async function scriptedServer(steps: Step[]): Promise<ScriptedServer> {
  const requests: ScriptedServer["requests"] = [];
  const sockets = new Set<import("node:net").Socket>();
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const step = steps[requests.length - 1] ?? json(500, { message: "script exhausted" });
      step(req, res, body);
      for (const waiter of waiting.filter((w) => w.count <= requests.length)) waiter.resolve();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Step =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

export const text =
  (status: number, body: string, contentType = "text/plain"): Step =>
  (_req, res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(body);
  };

/** Never answers: the client's timeout has to end it. */
export const hang: Step = () => {};

/** Drops the connection without an answer. */
export const reset: Step = (req) => req.socket.destroy();

export const SECRET = "sk_live_super_secret_value_0123456789";

/** A small API in the shape the generator writes, exercising every feature of the runtime. */
export const definition: ClientDefinition = {
  provider: "acme",
  api: "acme-checkout",
  userAgent: "checkoutkit @checkoutkit/acme/1.2.3",
  servers: { production: "https://api.acme.test", sandbox: "https://sandbox.acme.test" },
  credential: { option: "apiKey", header: "Authorization", prefix: "Bearer ", env: "ACME_API_KEY" },
  bind: [
    { option: "storeId", path: "storeId", required: true },
    { option: "apiVersion", header: "Acme-Version", required: false, enum: ["2026-03", "2026-04"], default: "2026-04" },
  ],
  errors: {
    code: ["code", "error"],
    message: ["message", "detail"],
    issues: { list: "detail", path: "loc", message: "msg" },
    requestId: { header: "x-request-id", body: "trace_id" },
  },
  operations: {
    "checkouts.create": { id: "create", method: "POST", path: "/v1/stores/{storeId}/checkouts", payload: "body", status: 201, auth: "bearer" },
    "checkouts.retrieve": { id: "get", method: "GET", path: "/v1/stores/{storeId}/checkouts/{id}", pathParams: ["id"], status: 200, auth: "bearer" },
    "checkouts.list": {
      id: "list",
      method: "GET",
      path: "/v1/stores/{storeId}/checkouts",
     
      payload: "query",
      status: 200,
      auth: "bearer",
      paginate: { items: "items", page: "page", lastPage: "pagination.max_page", next: nextPageNumber },
    },
    "sessions.list": {
      id: "sessions",
      method: "GET",
      path: "/v1/stores/{storeId}/sessions",
     
      payload: "query",
      status: 200,
      auth: "bearer",
      paginate: { items: "data", cursor: "cursor", nextCursor: "nextCursor", hasMore: "hasMore", next: nextResponseCursor },
    },
    "links.delete": { id: "delete", method: "DELETE", path: "/v1/stores/{storeId}/links/{id}", pathParams: ["id"], payload: "query", status: 204, auth: "bearer",
      query: encodeStyledQuery, styles: { filter: { style: "deepObject" } } },
  },
};
