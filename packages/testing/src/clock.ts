import { onTestFinished, vi } from "vitest";

type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface FakeClock {
  /**
   * A `fetch` to hand the client under test: it passes each request on to `inner` (the global fetch by default)
   * and knows how many are in flight. It reads each answer's body before returning it, so an attempt is over
   * once this fetch has returned.
   */
  fetch(inner?: FetchLike): FetchLike;
  /** How many requests went through `fetch`, answered or not. */
  readonly attempts: number;
  /**
   * Resolves once no request is in flight, at least one went out and `call` has not settled: the client is
   * waiting between two attempts (a backoff or a Retry-After pause). Real time passes; the fake clock stands still.
   */
  paused(call: Promise<unknown>): Promise<void>;
  /**
   * Settles `call`, letting the fake clock run through every pause between attempts, and never while a request
   * is in flight: an attempt's own timeout cannot run out here, however slow the machine is.
   */
  settle<T>(call: Promise<T>): Promise<T>;
}

/**
 * Fakes `setTimeout` and `clearTimeout` until the end of the test, so that waiting is never real: a client's
 * timeouts and pauses elapse only when the test moves the clock (`vi.advanceTimersByTimeAsync`, or `settle`).
 * Sockets, `setImmediate` and `Date` stay real, so requests to a loopback server or a Prism mock still go out and
 * come back at the machine's own pace.
 */
export function fakeClock(): FakeClock {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  onTestFinished(() => {
    vi.useRealTimers();
  });

  let inFlight = 0;
  let attempts = 0;
  // Woken whenever a request goes out or comes back.
  let wake = () => {};
  const changed = () => new Promise<void>((resolve) => (wake = resolve));
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  const watch = (call: Promise<unknown>) => {
    const state = { settled: false };
    const done = call.then(
      () => void (state.settled = true),
      () => void (state.settled = true),
    );
    return { state, done };
  };

  /** Waits (in real time) until the client is between attempts, or `call` has settled. */
  async function idle(done: Promise<void>, state: { settled: boolean }) {
    for (;;) {
      // Let whatever the last answer set off (reading it, scheduling the next pause) run first.
      await nextTurn();
      if (state.settled || (inFlight === 0 && attempts > 0)) return;
      await Promise.race([changed(), done]);
    }
  }

  return {
    fetch(inner = (input, init) => globalThis.fetch(input, init)) {
      return async (input, init) => {
        inFlight++;
        attempts++;
        wake();
        try {
          const response = await inner(input, init);
          const body = [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
          return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
        } finally {
          inFlight--;
          wake();
        }
      };
    },
    get attempts() {
      return attempts;
    },
    async paused(call) {
      const { state, done } = watch(call);
      await idle(done, state);
      if (state.settled) throw new Error("the call settled instead of pausing between attempts");
    },
    async settle(call) {
      const { state, done } = watch(call);
      for (;;) {
        await idle(done, state);
        if (state.settled) return call;
        // Nothing in flight: the only timer the client can be waiting on is its pause. Run it out.
        await vi.advanceTimersToNextTimerAsync();
      }
    },
  };
}
