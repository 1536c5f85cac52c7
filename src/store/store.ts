import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import Keyv from "keyv";
import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";

/**
 * Everything stateful goes through here, so one instance on SQLite and many on Redis or
 * PostgreSQL behave the same. Each kind of record lives in its own namespace.
 */

export const NAMESPACES = ["profiles", "conversations", "feedback", "tickets", "outbox", "inbox", "drafts", "events", "reminders", "subscriptions", "limits", "leases", "meta"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export interface BackendOptions {
  dataDir: string;
  redisUrl?: string;
  databaseUrl?: string;
  connectTimeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The start-up error for a store that does not answer, naming the variable to check. */
function unreachable(backend: Store["backend"], error: unknown): Error {
  const variable = backend === "redis" ? "REDIS_URL" : backend === "postgres" ? "DATABASE_URL" : "DATA_DIR";
  return new Error(`Storage (${backend}) is not reachable: ${(error as Error).message}. Check ${variable} and that the server is running.`);
}

/** A lease outlives a crashed holder by at most this long; work under a lock is short. */
const LOCK_LEASE_MS = 15_000;
const LOCK_WAIT_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Store {
  private readonly spaces = new Map<Namespace, Keyv>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private closed = false;

  private constructor(
    readonly backend: "sqlite" | "redis" | "postgres" | "memory",
    private readonly makeAdapter: (() => unknown) | undefined,
  ) {}

  /** Opens the configured backend and checks that it answers; throws a clear error when it does not. */
  static async open(options: BackendOptions, logger?: Logger): Promise<Store> {
    let store: Store;
    if (options.redisUrl) {
      const { default: KeyvRedis, createClient } = await import("@keyv/redis");
      // One connection for all namespaces and locks. While Redis is away, commands fail at once
      // (no offline queue), so users get a "temporarily unavailable" instead of a hanging
      // request; the client reconnects by itself. It is connected before first use, because
      // without the offline queue a command sent while connecting would fail.
      const client = createClient({ url: options.redisUrl, disableOfflineQueue: true, socket: { connectTimeout: 3000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) } });
      client.on("error", () => undefined); // reported through failing commands and /readyz
      try {
        await withTimeout(client.connect(), options.connectTimeoutMs ?? 5000, `no answer within ${options.connectTimeoutMs ?? 5000} ms`);
      } catch (error) {
        void client.destroy?.();
        throw unreachable("redis", error);
      }
      store = new Store("redis", () => new KeyvRedis(client as never, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: 3000 }));
    } else if (options.databaseUrl) {
      const { default: KeyvPostgres } = await import("@keyv/postgres");
      const uri = options.databaseUrl;
      store = new Store("postgres", () => new KeyvPostgres({ uri, table: "lotse" }));
    } else {
      const { default: KeyvSqlite } = await import("@keyv/sqlite");
      const dir = resolve(options.dataDir);
      mkdirSync(dir, { recursive: true });
      const uri = `sqlite://${resolve(dir, "lotse.sqlite")}`;
      store = new Store("sqlite", () => new KeyvSqlite({ uri, table: "lotse", busyTimeout: 5000 }));
    }
    try {
      await withTimeout(store.ping(), options.connectTimeoutMs ?? 5000, `no answer within ${options.connectTimeoutMs ?? 5000} ms`);
      if (store.backend === "sqlite") await store.useWriteAheadLog();
    } catch (error) {
      void store.close().catch(() => undefined);
      throw unreachable(store.backend, error);
    }
    logger?.info({ backend: store.backend }, "store ready");
    return store;
  }

  /** A store that lives in memory only: for tests and `lotse ask`. */
  static memory(): Store {
    return new Store("memory", undefined);
  }

  ns<T = unknown>(name: Namespace): Keyv<T> {
    let space = this.spaces.get(name);
    if (!space) {
      // Work that outlives close() must fail, not quietly open the database again.
      if (this.closed) throw new Error("the store is closed");
      const adapter = this.makeAdapter?.();
      // throwOnErrors: a failed read must not look like "no record" (the user would be
      // onboarded again, a write silently lost); callers see the failure and answer softly.
      space = adapter ? new Keyv({ store: adapter as never, namespace: name, throwOnErrors: true }) : new Keyv({ namespace: name, throwOnErrors: true });
      space.on("error", () => undefined); // errors surface as rejected promises at the call site
      this.spaces.set(name, space);
    }
    return space as Keyv<T>;
  }

  /**
   * Runs `fn` while holding `key`, so read-modify-write on one record is not interleaved:
   * in-process by a promise chain, and across instances by a lease in Redis (SET NX PX) or in
   * PostgreSQL (a lock row with expiry). SQLite serves one instance, so the chain suffices.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const shared = async () => {
      const release = await this.acquireShared(key);
      try {
        return await fn();
      } finally {
        await release();
      }
    };
    const run = previous.then(shared, shared);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }

  private lockAdapter: { getClient?: () => Promise<unknown>; query?: (sql: string, values?: unknown[]) => Promise<unknown[]> } | undefined;
  private lockTableReady: Promise<unknown> | undefined;

  /** The adapter that carries locks and leases on Redis or PostgreSQL (made on first use). */
  private sharedAdapter(): NonNullable<typeof this.lockAdapter> {
    this.lockAdapter ??= this.makeAdapter?.() as typeof this.lockAdapter;
    return this.lockAdapter!;
  }

  private async redisClient(): Promise<{ eval(script: string, o: object): Promise<unknown> }> {
    // getClient() connects on first use (the plain `client` property may not be connected yet).
    return (await this.sharedAdapter().getClient!()) as { eval(script: string, o: object): Promise<unknown> };
  }

  private async sql(): Promise<(sql: string, values?: unknown[]) => Promise<unknown[]>> {
    const query = this.sharedAdapter().query!;
    this.lockTableReady ??= query("CREATE TABLE IF NOT EXISTS lotse_locks (key text PRIMARY KEY, token text NOT NULL, expires timestamptz NOT NULL)");
    await this.lockTableReady;
    return query;
  }

  /**
   * Takes `key` for `token` when it is free or expired, or renews it when `token` already holds
   * it: one atomic step (a Lua script on Redis, an upsert on lotse_locks in PostgreSQL). Short
   * locks use a fresh token each time, so for them this is "take if free".
   */
  private async takeOrRenew(key: string, token: string, ttlMs: number): Promise<boolean> {
    if (this.backend === "redis") {
      const script =
        "local v = redis.call('get', KEYS[1]) " +
        "if v == false or v == ARGV[1] then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end return 0";
      return (await (await this.redisClient()).eval(script, { keys: [key], arguments: [token, String(ttlMs)] })) === 1;
    }
    const rows = await (await this.sql())(
      "INSERT INTO lotse_locks (key, token, expires) VALUES ($1, $2, now() + $3 * interval '1 millisecond') ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, expires = EXCLUDED.expires WHERE lotse_locks.expires < now() OR lotse_locks.token = EXCLUDED.token RETURNING token",
      [key, token, ttlMs],
    );
    return rows.length > 0;
  }

  /** Deletes `key` only if `token` still holds it (it may have expired and been taken by another instance). */
  private async deleteIfHeld(key: string, token: string): Promise<void> {
    if (this.backend === "redis") {
      await (await this.redisClient()).eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", { keys: [key], arguments: [token] });
    } else {
      await (await this.sql())("DELETE FROM lotse_locks WHERE key = $1 AND token = $2", [key, token]);
    }
  }

  /** A lease shared by all instances on the same Redis or PostgreSQL; a no-op elsewhere. */
  private async acquireShared(key: string): Promise<() => Promise<void>> {
    if (this.backend !== "redis" && this.backend !== "postgres") return async () => undefined;
    const token = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    const name = `lotse:lock:${key}`;
    while (!(await this.takeOrRenew(name, token, LOCK_LEASE_MS))) {
      if (Date.now() > deadline) throw new Error(`lock ${key} not acquired within ${LOCK_WAIT_MS} ms`);
      await sleep(15 + Math.random() * 25);
    }
    return () => this.deleteIfHeld(name, token);
  }

  /**
   * A long-lived lease held by one instance at a time (e.g. the Discord gateway): takes it when
   * free or expired, renews it when `holder` has it; false when another holder has it.
   * SQLite and memory serve one process, where a record in the "leases" namespace suffices.
   */
  async tryLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const key = `lotse:lease:${name}`;
    if (this.backend === "redis" || this.backend === "postgres") return this.takeOrRenew(key, holder, ttlMs);
    return this.withLock(key, async () => {
      const space = this.ns<string>("leases");
      const current = await space.get(key);
      if (current && current !== holder) return false;
      await space.set(key, holder, ttlMs);
      return true;
    });
  }

  /** Gives a lease up at once (graceful shutdown), if `holder` still has it. */
  async releaseLease(name: string, holder: string): Promise<void> {
    const key = `lotse:lease:${name}`;
    if (this.backend === "redis" || this.backend === "postgres") return this.deleteIfHeld(key, holder);
    await this.withLock(key, async () => {
      if ((await this.ns<string>("leases").get(key)) === holder) await this.ns("leases").delete(key);
    });
  }

  /**
   * SQLite's write-ahead log: readers no longer wait for a writer, and a write costs one sync
   * instead of two. keyv opens one connection per namespace to the same file, so without it they
   * queue behind each other's locks. The mode is kept in the file, for every connection.
   */
  private async useWriteAheadLog(): Promise<void> {
    const query = this.sharedAdapter().query as unknown as (sql: string) => Promise<{ journal_mode?: string }[]>;
    await query("PRAGMA journal_mode=WAL");
  }

  /**
   * Removes records whose time to live has passed. Redis does this itself; SQLite and PostgreSQL
   * only stop returning them, so without this an expired conversation stayed on disk until it was
   * read again: never, for a volunteer who does not come back. Returns how many were removed.
   */
  async purgeExpired(now = Date.now()): Promise<number> {
    if (this.backend === "sqlite") {
      const query = this.sharedAdapter().query as unknown as (sql: string, ...params: unknown[]) => Promise<unknown[]>;
      return (await query("DELETE FROM lotse WHERE json_valid(value) AND json_extract(value, '$.expires') < ? RETURNING key", now)).length;
    }
    if (this.backend === "postgres") {
      // keyv writes every value as JSON text; the LIKE skips parsing records without an expiry.
      const sql = "DELETE FROM lotse WHERE (CASE WHEN value LIKE '%\"expires\":%' THEN (value::jsonb ->> 'expires')::numeric END) < $1 RETURNING key";
      return (await this.sharedAdapter().query!(sql, [now])).length;
    }
    return 0;
  }

  /** True when the backend answers within `timeoutMs` (used to tell "store down" from other errors). */
  async healthy(timeoutMs = 1000): Promise<boolean> {
    try {
      await withTimeout(this.ping(), timeoutMs, "store ping timed out");
      return true;
    } catch {
      return false;
    }
  }

  /** Reads and writes one record: throws when the backend is unreachable. */
  async ping(): Promise<void> {
    const meta = this.ns<number>("meta");
    await meta.set("ping", Date.now());
    await meta.get("ping");
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.spaces.values()].map((s) => s.disconnect().catch(() => undefined)));
    this.spaces.clear();
    const adapter = this.lockAdapter as { disconnect?: () => Promise<void> } | undefined;
    await adapter?.disconnect?.().catch(() => undefined);
  }
}

/** Adds `id` to a list stored under `key` (a small index, e.g. pending outbox ids). */
export async function listAdd(store: Store, ns: Namespace, key: string, id: string): Promise<void> {
  await store.withLock(`${ns}:${key}`, async () => {
    const space = store.ns<string[]>(ns);
    const list = (await space.get(key)) ?? [];
    if (!list.includes(id)) list.push(id);
    await space.set(key, list);
  });
}

export async function listRemove(store: Store, ns: Namespace, key: string, id: string): Promise<void> {
  await store.withLock(`${ns}:${key}`, async () => {
    const space = store.ns<string[]>(ns);
    const list = (await space.get(key)) ?? [];
    const next = list.filter((x) => x !== id);
    if (next.length !== list.length) await space.set(key, next);
  });
}

export async function listGet(store: Store, ns: Namespace, key: string): Promise<string[]> {
  return (await store.ns<string[]>(ns).get(key)) ?? [];
}
