/**
 * The local API server, run in its own process so its CPU time is not charged to the clients. Each provider
 * lives under its own prefix (`/creem/v1/checkouts`), as two providers share a path; its create-checkout path
 * answers with the canned example, anything else with 404. Sends its port to the parent.
 */
import { createServer } from "node:http";
import { providers } from "./cases.js";
import { cannedAnswer } from "./canned.js";

const routes = new Map<string, { status: number; body: Buffer }>();
for (const provider of Object.values(providers)) {
  const { status, body } = cannedAnswer(provider);
  routes.set(`POST /${provider.id}${provider.urlPath}`, { status, body: Buffer.from(JSON.stringify(body)) });
}

const server = createServer((request, response) => {
  const path = (request.url ?? "").split("?")[0];
  const route = routes.get(`${request.method} ${path}`);
  // Read the whole request body before answering, as a real API does.
  request.resume();
  request.on("end", () => {
    if (!route) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    response.writeHead(route.status, { "content-type": "application/json", "content-length": route.body.length });
    response.end(route.body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") process.send?.({ port: address.port });
});
process.on("disconnect", () => server.close(() => process.exit(0)));
