import { afterEach, describe, expect, it } from "vitest";
import { TimeoutError } from "../src/index.js";
import { acme, rejectionOf } from "./helpers.js";
import { hang, json, scriptedServer, type ScriptedServer } from "./scripted-server.js";

let server: ScriptedServer;
afterEach(() => server?.close());

describe("timeouts and aborts", () => {
  it("times out a response that never comes, per attempt, and retries it", async () => {
    server = await scriptedServer([hang, json(201, { id: "chk_1" })]);
    await expect(acme(server.url, { timeoutMs: 100 }).checkouts.create({})).resolves.toEqual({ id: "chk_1" });
    expect(server.requests).toHaveLength(2);
  });

  it("throws TimeoutError once every attempt has timed out", async () => {
    server = await scriptedServer([hang]);
    const error = await rejectionOf(acme(server.url).checkouts.create({}, { timeoutMs: 50, maxRetries: 0 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("50 ms");
  });

  it("times out a response whose body stalls half-way", async () => {
    server = await scriptedServer([
      (_req, res) => {
        res.writeHead(201, { "content-type": "application/json" });
        res.write('{"id":');
      },
    ]);
    const error = await rejectionOf(acme(server.url, { timeoutMs: 100, maxRetries: 0 }).checkouts.create({}));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("rejects with the signal's reason when the caller aborts mid-request", async () => {
    server = await scriptedServer([hang]);
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    setTimeout(() => controller.abort(reason), 30);
    await expect(acme(server.url).checkouts.create({}, { signal: controller.signal })).rejects.toBe(reason);
  });

  it("stops waiting as soon as the caller aborts during a backoff", async () => {
    const controller = new AbortController();
    // Ask for a 30 s pause, then abort while the client waits: only an abortable backoff ends within the test.
    server = await scriptedServer([
      (req, res) => {
        json(503, { message: "busy" }, { "retry-after": "30" })(req, res, "");
        setTimeout(() => controller.abort(new Error("cancelled")), 20);
      },
    ]);
    await expect(acme(server.url).checkouts.create({}, { signal: controller.signal })).rejects.toThrow("cancelled");
    expect(server.requests).toHaveLength(1);
  });

  it("does not send anything when the signal is already aborted", async () => {
    server = await scriptedServer([]);
    const error = await rejectionOf(acme(server.url).checkouts.create({}, { signal: AbortSignal.abort(new Error("too late")) }));
    expect(error.message).toBe("too late");
    expect(server.requests).toHaveLength(0);
  });
});
