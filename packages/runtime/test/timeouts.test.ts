import { fakeClock } from "@checkoutkit/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TimeoutError } from "../src/index.js";
import { acme, rejectionOf } from "./helpers.js";
import { hang, json, scriptedServer, type ScriptedServer } from "./scripted-server.js";

let server: ScriptedServer;
afterEach(() => server?.close());

describe("timeouts and aborts", () => {
  it("times out a response that never comes, per attempt, and retries it", async () => {
    // On a fake clock the first attempt's 100 ms run out only when the test says so, and never during the retry:
    // however busy the machine, only the hanging attempt can time out.
    const clock = fakeClock();
    server = await scriptedServer([hang, json(201, { id: "chk_1" })]);
    const created = acme(server.url, { timeoutMs: 100, fetch: clock.fetch() }).checkouts.create({});

    await server.received(1);
    await vi.advanceTimersByTimeAsync(100);

    await expect(clock.settle(created)).resolves.toEqual({ id: "chk_1" });
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
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    // The caller gives up once the request has reached the server, which never answers.
    server = await scriptedServer([() => controller.abort(reason)]);
    await expect(acme(server.url).checkouts.create({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it("stops waiting as soon as the caller aborts during a backoff", async () => {
    // The server asks for a 30 s pause, which on a fake clock never runs out by itself: only an abortable
    // backoff lets the call end once the caller aborts.
    const clock = fakeClock();
    const controller = new AbortController();
    server = await scriptedServer([json(503, { message: "busy" }, { "retry-after": "30" })]);
    const created = acme(server.url, { fetch: clock.fetch() }).checkouts.create({}, { signal: controller.signal });

    await clock.paused(created);
    controller.abort(new Error("cancelled"));

    await expect(created).rejects.toThrow("cancelled");
    expect(server.requests).toHaveLength(1);
  });

  it("does not send anything when the signal is already aborted", async () => {
    server = await scriptedServer([]);
    const error = await rejectionOf(acme(server.url).checkouts.create({}, { signal: AbortSignal.abort(new Error("too late")) }));
    expect(error.message).toBe("too late");
    expect(server.requests).toHaveLength(0);
  });
});
