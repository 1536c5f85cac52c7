import { randomUUID } from "node:crypto";
import { createHash } from "node:crypto";
import { ACQUIRE_WINDOWS_LUA, type RateWindow } from "./rate-windows.js";
import { createClient } from "redis";
import type { Backend, Commit, CommitResult, QueueItem, RecordRow } from "./backend.js";
import * as lua from "./redis-scripts.js";

type Client = ReturnType<typeof createClient>;

/**
 * Redis: records as hashes with a version, indices as sets, the outbox as sorted sets; every
 * commit, claim and delivery is one Lua script (see redis-scripts.ts). One connection for all.
 */
export class RedisBackend implements Backend {
  readonly kind = "redis" as const;
  private readonly shas = new Map<string, string>();

  private constructor(private readonly client: Client) {}

  /**
   * While Redis is away, commands fail at once (no offline queue), so users get a "temporarily
   * unavailable" instead of a hanging request; the client reconnects by itself.
   */
  static async connect(url: string, timeoutMs: number): Promise<RedisBackend> {
    const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: Math.min(timeoutMs, 3000), reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } });
    client.on("error", () => undefined); // reported through failing commands and /readyz
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([client.connect(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    } catch (error) {
      void Promise.resolve(client.destroy()).catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return new RedisBackend(client as Client);
  }

  /** EVALSHA with the script loaded once; loaded again after a Redis restart (NOSCRIPT). */
  private async run(script: string, args: string[], keys: string[] = []): Promise<unknown> {
    let sha = this.shas.get(script);
    if (!sha) {
      sha = createHash("sha1").update(script).digest("hex");
      this.shas.set(script, sha);
    }
    try {
      return await this.client.evalSha(sha, { keys, arguments: args });
    } catch (error) {
      if (!String((error as Error).message).includes("NOSCRIPT")) throw error;
      return this.client.eval(script, { keys, arguments: args });
    }
  }

  async read(ns: string, key: string): Promise<RecordRow | undefined> {
    const [value, version, expires] = (await this.client.hmGet(`lotse:r:${ns}:${key}`, ["d", "v", "e"])) as (string | null)[];
    if (value === null || value === undefined) return undefined;
    return { value, version: Number(version), expires: expires ? Number(expires) : null };
  }

  async commit(commit: Commit): Promise<CommitResult> {
    const payload = {
      now: Date.now(),
      mark: commit.mark ? [commit.mark.key, commit.mark.expires] : null,
      reads: [...commit.reads].map(([id, version]) => [...id.split("\u0000"), version]),
      writes: [...commit.writes.values()].map((w) => [w.ns, w.key, w.value, w.expires]),
      sets: commit.sets.map((s) => [s.ns, s.key, s.member, s.add]),
      enqueue: commit.enqueue,
    };
    return (await this.run(lua.COMMIT, [JSON.stringify(payload)])) as CommitResult;
  }

  async members(ns: string, key: string): Promise<string[]> {
    return (await this.client.sMembers(`lotse:s:${ns}:${key}`)).sort();
  }

  async clearNamespace(ns: string): Promise<void> {
    for (const pattern of [`lotse:r:${ns}:*`, `lotse:s:${ns}:*`]) {
      for await (const keys of this.client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
        if (keys.length) await this.client.del(keys);
      }
    }
  }

  async claim(platforms: string[], now: number, limit: number, owner: string, leaseMs: number): Promise<QueueItem[]> {
    const hashes = (await this.run(lua.CLAIM, [JSON.stringify(platforms), String(now), String(limit), owner, String(now + leaseMs)])) as string[][];
    return hashes.map(fromHash).sort((a, b) => a.seq - b.seq);
  }

  async releaseClaimsOfEarlierLives(): Promise<number> {
    return 0;
  }

  async renew(id: string, owner: string, until: number): Promise<void> {
    await this.run(lua.RENEW, [id, owner, String(until)]);
  }

  async complete(id: string, doneUntil: number | null): Promise<void> {
    await this.run(lua.COMPLETE, [id, doneUntil === null ? "" : String(doneUntil)]);
  }

  async reschedule(id: string, attempts: number, dueAt: number): Promise<void> {
    await this.run(lua.RESCHEDULE, [id, String(attempts), String(dueAt)]);
  }

  async kill(id: string, attempts: number, deadAt: number, reason: "refused" | "attempts"): Promise<void> {
    await this.run(lua.KILL, [id, String(attempts), String(deadAt), reason]);
  }

  async revive(ids: string[], now: number): Promise<void> {
    if (ids.length) await this.run(lua.REVIVE, [JSON.stringify(ids), String(now)]);
  }

  private async itemsById(ids: string[]): Promise<QueueItem[]> {
    if (!ids.length) return [];
    const hashes = (await this.run(lua.ITEMS, [JSON.stringify(ids)])) as string[][];
    return hashes.filter((h) => h.length).map(fromHash).sort((a, b) => a.seq - b.seq);
  }

  async items(state: "pending" | "dead"): Promise<QueueItem[]> {
    return this.itemsById(await this.client.zRange(state === "pending" ? "lotse:q:p" : "lotse:q:d", 0, -1));
  }

  async itemsOf(subject: string): Promise<QueueItem[]> {
    return this.itemsById(await this.client.sMembers(`lotse:q:s:${subject}`));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.run(lua.REMOVE, [JSON.stringify(ids)]);
  }

  async pendingCount(): Promise<number> {
    return this.client.zCard("lotse:q:p");
  }

  /** The chat index holds each chat's head by its due time (or its lease's end while it is sent). */
  async nextDue(platforms: string[]): Promise<number | null> {
    let next: number | null = null;
    for (const platform of platforms) {
      const [first] = await this.client.zRangeWithScores(`lotse:q:h:${platform}`, 0, 0);
      if (first && (next === null || first.score < next)) next = first.score;
    }
    return next;
  }

  async takeOrRenew(key: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.run(lua.TAKE_OR_RENEW, [token, String(ttlMs)], [key])) === 1;
  }

  async deleteIfHeld(key: string, token: string): Promise<void> {
    await this.run(lua.DELETE_IF_HELD, [token], [key]);
  }

  async acquireWindows(windows: readonly RateWindow[]): Promise<number> {
    const args = [randomUUID(), ...windows.flatMap((w) => [String(w.limit), String(w.windowMs)])];
    return Number(await this.run(ACQUIRE_WINDOWS_LUA, args, windows.map((w) => `lotse:rate:${w.key}`)));
  }

  /** Redis expires records itself. */
  async purgeExpired(): Promise<number> {
    return 0;
  }

  /**
   * Redis holds the outbox, tickets and idempotency marks: without persistence a Redis restart
   * loses them. Warn when neither the append-only file nor RDB snapshots are on.
   */
  async warnings(): Promise<string[]> {
    try {
      const aof = (await this.client.configGet("appendonly")) as Record<string, string>;
      const save = (await this.client.configGet("save")) as Record<string, string>;
      if (aof.appendonly !== "yes" && !(save.save ?? "").trim()) {
        return ["Redis has no persistence (appendonly no, save \"\"): a Redis restart loses queued messages, tickets and idempotency marks. Turn on appendonly yes (or RDB snapshots, accepting their loss window); see docs/OPERATOR-GUIDE.md."];
      }
      return [];
    } catch {
      return ["Could not read Redis's persistence settings (CONFIG GET is not allowed here): make sure appendonly or RDB snapshots are on; see docs/OPERATOR-GUIDE.md."];
    }
  }

  async close(): Promise<void> {
    await Promise.resolve(this.client.close()).catch(() => undefined);
  }

  /** For tests and the benchmark: an empty database. */
  async flush(): Promise<void> {
    await this.client.flushDb();
  }
}

function fromHash(flat: string[]): QueueItem {
  const h: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) h[flat[i]!] = flat[i + 1]!;
  const item: QueueItem = {
    id: h.id!,
    chat: h.chat!,
    platform: h.platform!,
    subject: h.subject ?? "",
    payload: h.payload!,
    attempts: Number(h.attempts ?? 0),
    dueAt: Number(h.due),
    createdAt: Number(h.created),
    seq: Number(h.seq),
    state: h.state === "dead" ? "dead" : "pending",
  };
  if (h.deadAt) item.deadAt = Number(h.deadAt);
  if (h.deadReason === "refused" || h.deadReason === "attempts") item.deadReason = h.deadReason;
  return item;
}
