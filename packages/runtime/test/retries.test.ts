import { fakeClock } from "@checkoutkit/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../src/index.js";
import { backoffDelay, isRetryableStatus, retryAfterDelay } from "../src/transport.js";
import { acme, rejectionOf } from "./helpers.js";
import { json, scriptedServer, type ScriptedServer } from "./scripted-server.js";

let server: ScriptedServer;
afterEach(() => server?.close());

const fast = { "retry-after": "0.001" };

describe("retries", () => {
  it("retries a 500 twice and succeeds on the third attempt, re-sending the same body", async () => {
    server = await scriptedServer([
      json(500, { message: "boom" }, fast),
      json(503, { message: "busy" }, fast),
      json(201, { id: "chk_1" }),
    ]);
    const body = { items: [{ product: "p_1", quantity: 2 }] };

    const checkout = await acme(server.url).checkouts.create(body);

    expect(checkout).toEqual({ id: "chk_1" });
    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(request.method).toBe("POST");
      expect(JSON.parse(request.body)).toEqual(body);
    }
  });

  it("hands a custom fetch a complete Request on every attempt, body included", async () => {
    const seen: { method: string; body: string; auth: string | null }[] = [];
    const answers = [
      new Response('{"message":"boom"}', { status: 500, headers: fast }),
      new Response('{"id":"chk_1"}', { status: 201 }),
    ];
    const fetch = async (request: Request) => {
      seen.push({ method: request.method, body: await request.text(), auth: request.headers.get("authorization") });
      return answers.shift()!;
    };
    const body = { items: [{ product: "p_1", quantity: 2 }] };

    await expect(acme("http://127.0.0.1:9", { fetch }).checkouts.create(body)).resolves.toEqual({ id: "chk_1" });

    expect(seen).toHaveLength(2);
    for (const attempt of seen) expect(attempt).toEqual({ method: "POST", body: JSON.stringify(body), auth: expect.stringMatching(/^Bearer /) });
  });

  it("honours Retry-After on a 429", async () => {
    // On a fake clock: the retry goes out when the 2 s the server asked for are over, not a moment before.
    const clock = fakeClock();
    server = await scriptedServer([json(429, { message: "slow down" }, { "retry-after": "2" }), json(201, { id: "chk_2" })]);
    const created = acme(server.url, { fetch: clock.fetch() }).checkouts.create({});

    await clock.paused(created);
    await vi.advanceTimersByTimeAsync(1999);
    expect(clock.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(clock.attempts).toBe(2);

    await expect(created).resolves.toEqual({ id: "chk_2" });
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after maxRetries and throws the last answer as ApiError", async () => {
    server = await scriptedServer([json(502, { message: "a" }, fast), json(502, { message: "b" }, fast)]);
    const error = await rejectionOf(acme(server.url, { maxRetries: 1 }).checkouts.create({}));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.message).toContain("b");
    expect(server.requests).toHaveLength(2);
  });

  it("never retries other 4xx answers", async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      server = await scriptedServer([json(status, { message: "no" })]);
      const error = await rejectionOf(acme(server.url).checkouts.create({}));
      expect(error.status).toBe(status);
      expect(server.requests).toHaveLength(1);
      await server.close();
    }
  });

  it("does not retry when maxRetries is 0, per client or per call", async () => {
    server = await scriptedServer([json(500, {}, fast), json(500, {}, fast)]);
    await rejectionOf(acme(server.url, { maxRetries: 0 }).checkouts.create({}));
    expect(server.requests).toHaveLength(1);
    await rejectionOf(acme(server.url).checkouts.create({}, { maxRetries: 0 }));
    expect(server.requests).toHaveLength(2);
  });

  it("does not wait out a Retry-After longer than a minute: the caller decides", async () => {
    server = await scriptedServer([json(429, { message: "quota" }, { "retry-after": "3600" })]);
    const error = await rejectionOf(acme(server.url).checkouts.create({}));
    expect(error.status).toBe(429);
    expect(error.headers.get("retry-after")).toBe("3600");
    expect(server.requests).toHaveLength(1);
  });
});

describe("retry policy", () => {
  it("retries 408, 409, 429 and 5xx only", () => {
    expect([408, 409, 429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 204, 400, 401, 403, 404, 405, 410, 422].some(isRetryableStatus)).toBe(false);
  });

  it("backs off exponentially from 0.5 s to at most 8 s, with up to 25% jitter", () => {
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(0, () => 1)).toBe(375);
    expect(backoffDelay(4, () => 0.5)).toBe(7000);
  });

  it("reads Retry-After seconds and Retry-After dates", () => {
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(retryAfterDelay(new Headers({ "retry-after": "0.25" }), now)).toBe(250);
    expect(retryAfterDelay(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterDelay(new Headers({ "retry-after": "Sat, 21 Nov 2026 10:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterDelay(new Headers({ "retry-after": "Sat, 21 Nov 2026 09:00:00 GMT" }), now)).toBe(0);
    expect(retryAfterDelay(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterDelay(new Headers(), now)).toBeUndefined();
  });
});
