/**
 * Sliding-window send limits shared by every instance on the same store: a platform's limit per
 * token, per chat or per channel ("at most `limit` sends within any `windowMs`"). A send asks for
 * all its windows at once and is counted in all of them, or in none and told how long to wait.
 *
 * Why not Bottleneck's Redis clustering (which @grammyjs/transformer-throttler is built on): it
 * reserves a send's slot when the send is scheduled, and the send starts when a local timer fires;
 * a late timer (a busy process) then bunches sends. Measured with two instances: 33 sends within
 * one second for a limit of 30. Counting at the moment of sending keeps any second at the limit.
 */
export interface RateWindow {
  key: string;
  limit: number;
  windowMs: number;
}

/** Counts in one process: SQLite (one instance) and tests. */
export class MemoryRateWindows {
  private readonly sends = new Map<string, number[]>();

  /** 0 when the send may go now (and is counted), else milliseconds to wait before asking again. */
  acquire(windows: readonly RateWindow[], now = Date.now()): number {
    let wait = 0;
    for (const w of windows) {
      const recent = (this.sends.get(w.key) ?? []).filter((at) => at > now - w.windowMs);
      this.sends.set(w.key, recent);
      if (recent.length >= w.limit) wait = Math.max(wait, recent[0]! + w.windowMs - now);
    }
    if (wait > 0) return wait;
    for (const w of windows) this.sends.get(w.key)!.push(now);
    if (this.sends.size > 10_000) this.forgetIdle(now, Math.max(...windows.map((w) => w.windowMs)));
    return 0;
  }

  /** Chats that sent nothing within their window hold no memory. */
  private forgetIdle(now: number, windowMs: number): void {
    for (const [key, sends] of this.sends) if (!sends.length || sends.at(-1)! <= now - windowMs) this.sends.delete(key);
  }
}

/**
 * Redis: one sorted set per window (scores: send times in Redis's own clock, so instances with
 * drifting clocks agree), checked and counted in one script. KEYS: the windows' keys; ARGV: a
 * unique id, then limit and windowMs per key.
 */
export const ACQUIRE_WINDOWS_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i * 2])
  local window = tonumber(ARGV[i * 2 + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1] .. ':' .. i)
  redis.call('PEXPIRE', key, tonumber(ARGV[i * 2 + 1]))
end
return 0`;

/** Waits until every window lets the send go (counted), or the signal aborts. */
export async function acquireWindows(acquire: (windows: readonly RateWindow[]) => Promise<number>, windows: readonly RateWindow[], signal?: AbortSignal): Promise<void> {
  for (;;) {
    signal?.throwIfAborted();
    const wait = await acquire(windows);
    if (wait <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, Math.min(wait, 1000));
      signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
    });
  }
}
