import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import Keyv from "keyv";
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
   * Runs `fn` while holding `key`, so read-modify-write on one record is not interleaved.
   * In-process only for now: a shared lock for several instances is part of the scale-out work.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
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
