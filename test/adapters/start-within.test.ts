import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startWithin } from "../../src/adapters/start-within.js";

/** A start that never finishes by itself (a platform that accepts the connection and stays silent). */
function silentStart() {
  const seen: { signal?: AbortSignal } = {};
  const begin = (signal: AbortSignal) => {
    seen.signal = signal;
    return new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted by signal"))));
  };
  return { begin, seen };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("startWithin", () => {
  it("gives up a silent start after its bound: aborts it and undoes what it began", async () => {
    vi.useFakeTimers();
    const { begin, seen } = silentStart();
    const undo = vi.fn(async () => undefined);
    const attempt = startWithin(20_000, begin, undo);
    const outcome = expect(attempt).rejects.toThrow(/no answer within 20 s/);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(seen.signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(seen.signal!.aborted).toBe(true);
    expect(undo).toHaveBeenCalledOnce();
  });

  it("ends an attempt at once when Lotse shuts down", async () => {
    const { begin, seen } = silentStart();
    const undo = vi.fn(async () => undefined);
    const shutdown = new AbortController();
    const attempt = startWithin(60_000, begin, undo, shutdown.signal);
    shutdown.abort();
    await expect(attempt).rejects.toThrow();
    expect(seen.signal!.aborted).toBe(true);
    expect(undo).toHaveBeenCalledOnce();
    await expect(startWithin(60_000, begin, undo, shutdown.signal)).rejects.toThrow(); // no new attempt after shutdown
  });

  it("resolves when the start succeeds, without undoing it", async () => {
    const undo = vi.fn(async () => undefined);
    await startWithin(1_000, async () => undefined, undo);
    expect(undo).not.toHaveBeenCalled();
  });

  it("leaves no listener on the shutdown signal, however many attempts are made", async () => {
    const shutdown = new AbortController();
    for (let i = 0; i < 50; i++) await startWithin(1_000, async () => { throw new Error("refused"); }, async () => undefined, shutdown.signal).catch(() => undefined);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });

  it("passes a failing start's error on and undoes what it began", async () => {
    const undo = vi.fn(async () => undefined);
    await expect(startWithin(1_000, async () => { throw new Error("401 Unauthorized"); }, undo)).rejects.toThrow("401 Unauthorized");
    expect(undo).toHaveBeenCalledOnce();
  });
});
