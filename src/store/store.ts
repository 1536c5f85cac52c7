import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import Keyv from "keyv";
import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";

/**
 * Everything stateful goes through here, so one instance on SQLite and many on Redis or
 * PostgreSQL behave the same. Each kind of record lives in its own namespace.
 */

export const NAMESPACES = ["profiles", "conversations", "feedback", "tickets", "outbox", "inbox", "drafts", "events", "reminders", "subscriptions", "meta"] as const;
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

/** A lease outlives a crashed holder by at most this long; work under a lock is short. */
const LOCK_LEASE_MS = 15_000;
const LOCK_WAIT_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Store {
  private readonly spaces = new Map<Namespace, Keyv>();
  private readonly locks = new Map<string, Promise<unknown>>();

  private constructor(
    readonly backend: "sqlite" | "redis" | "postgres" | "memory",
    private readonly makeAdapter: (() => unknown) | undefined,
  ) {}

  /** Opens the configured backend and checks that it answers; throws a clear error when it does not. */
  static async open(options: BackendOptions, logger?: Logger): Promise<Store> {
    let store: Store;
    if (options.redisUrl) {
      const { default: KeyvRedis } = await import("@keyv/redis");
      const url = options.redisUrl;
      store = new Store("redis", () => new KeyvRedis(url, { throwOnConnectError: true }));
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
    } catch (error) {
      void store.close().catch(() => undefined);
      throw new Error(`Storage (${store.backend}) is not reachable: ${(error as Error).message}`);
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
      const adapter = this.makeAdapter?.();
      space = adapter ? new Keyv({ store: adapter as never, namespace: name }) : new Keyv({ namespace: name });
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

  /** A lease shared by all instances on the same Redis or PostgreSQL; a no-op elsewhere. */
  private async acquireShared(key: string): Promise<() => Promise<void>> {
    if (this.backend !== "redis" && this.backend !== "postgres") return async () => undefined;
    this.lockAdapter ??= this.makeAdapter?.() as typeof this.lockAdapter;
    const token = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    const name = `lotse:lock:${key}`;
    if (this.backend === "redis") {
      // getClient() connects on first use (the plain `client` property may not be connected yet).
      const client = (await this.lockAdapter!.getClient!()) as { set(k: string, v: string, o: object): Promise<string | null>; eval(script: string, o: object): Promise<unknown> };
      while ((await client.set(name, token, { NX: true, PX: LOCK_LEASE_MS })) !== "OK") {
        if (Date.now() > deadline) throw new Error(`lock ${key} not acquired within ${LOCK_WAIT_MS} ms`);
        await sleep(15 + Math.random() * 25);
      }
      // Delete only our own lease (it may have expired and been taken by another instance).
      return async () => void (await client.eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", { keys: [name], arguments: [token] }));
    }
    const query = this.lockAdapter!.query!;
    this.lockTableReady ??= query("CREATE TABLE IF NOT EXISTS lotse_locks (key text PRIMARY KEY, token text NOT NULL, expires timestamptz NOT NULL)");
    await this.lockTableReady;
    for (;;) {
      const rows = await query(
        "INSERT INTO lotse_locks (key, token, expires) VALUES ($1, $2, now() + $3 * interval '1 millisecond') ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, expires = EXCLUDED.expires WHERE lotse_locks.expires < now() RETURNING token",
        [name, token, LOCK_LEASE_MS],
      );
      if (rows.length) break;
      if (Date.now() > deadline) throw new Error(`lock ${key} not acquired within ${LOCK_WAIT_MS} ms`);
      await sleep(15 + Math.random() * 25);
    }
    return async () => void (await query("DELETE FROM lotse_locks WHERE key = $1 AND token = $2", [name, token]));
  }

  /** Reads and writes one record: throws when the backend is unreachable. */
  async ping(): Promise<void> {
    const meta = this.ns<number>("meta");
    await meta.set("ping", Date.now());
    await meta.get("ping");
  }

  async close(): Promise<void> {
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
