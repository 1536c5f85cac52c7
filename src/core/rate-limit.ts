import type { Store } from "../store/store.js";
import type { Clock } from "./clock.js";

export type RateVerdict = "ok" | "warn" | "drop";

export const RATE_WINDOW_MS = 60_000;

/**
 * Messages per user and minute, counted in the store so all instances share the count.
 * The first message over the limit gets a friendly "slow down" (`warn`); the rest of that
 * minute is ignored (`drop`), so a flood cannot make Lotse flood back.
 * One record per user (not per minute), expiring with the window: nothing piles up.
 * Callers hold the user's lock, which makes the read-modify-write safe across instances.
 */
export class RateLimiter {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  async hit(userKey: string): Promise<RateVerdict> {
    if (this.perMinute <= 0) return "ok";
    const window = Math.floor(this.clock.now().getTime() / RATE_WINDOW_MS);
    const space = this.store.ns<{ window: number; count: number }>("limits");
    const current = await space.get(userKey);
    const count = current?.window === window ? current.count + 1 : 1;
    // Past the warning there is nothing more to count: save the write.
    if (count <= this.perMinute + 1) await space.set(userKey, { window, count }, RATE_WINDOW_MS);
    if (count <= this.perMinute) return "ok";
    return count === this.perMinute + 1 ? "warn" : "drop";
  }
}
