import { mkdirSync } from "node:fs";
import { acquireWindows, type RateWindow } from "./rate-windows.js";
import { resolve } from "node:path";
import Keyv from "keyv";
import type { Logger } from "../logger.js";
import { MARKS, type Backend, type NewQueueItem } from "./backend.js";
import { Locks } from "./locks.js";
import { SqliteBackend } from "./sqlite-backend.js";
import { RecordAdapter, Unit, currentUnit, outsideUnit, runInUnit } from "./unit.js";

/**
 * Everything stateful goes through here, so one instance on SQLite and many on Redis or
 * PostgreSQL behave the same. Plain records are keyv namespaces; indices are sets; outbound
 * messages are a queue; work for one cause runs as a unit that commits all its effects at once.
 */

export const NAMESPACES = ["profiles", "conversations", "feedback", "tickets", "outbox", "inbox", "drafts", "events", "reminders", "subscriptions", "limits", "leases", "meta", "desk", "desk-accounts", "desk-invites", "desk-sessions", "resume", "mail"] as const;
export type Namespace = (typeof NAMESPACES)[number];

export interface BackendOptions {
  dataDir: string;
  redisUrl?: string;
  databaseUrl?: string;
  connectTimeoutMs?: number;
}

export interface UnitOptions {
  /** The cause's idempotency key (from the platform's own ids): the unit's effects happen once per key. */
  cause?: string;
  /** How long the key is remembered (default 7 days: longer than any platform retries). */
  causeTtlMs?: number;
}

export type UnitResult<T> = { duplicate: false; value: T } | { duplicate: true };

const CAUSE_TTL_MS = 7 * 86_400_000;
const MAX_ATTEMPTS = 12;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The start-up error for a store that does not answer, naming the variable to check. */
function unreachable(backend: string, error: unknown): Error {
  const variable = backend === "redis" ? "REDIS_URL" : backend === "postgres" ? "DATABASE_URL" : "DATA_DIR";
  return new Error(`Storage (${backend}) is not reachable: ${(error as Error).message}. Check ${variable} and that the server is running.`);
}

export class Store {
  private readonly spaces = new Map<string, Keyv>();
  private readonly locks: Locks;
  private readonly enqueuedListeners: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly db: Backend,
    readonly backend: "sqlite" | "redis" | "postgres" | "memory",
  ) {
    this.locks = new Locks(() => this.live());
  }

  /** Opens the configured backend and checks that it answers; throws a clear error when it does not. */
  static async open(options: BackendOptions, logger?: Logger): Promise<Store> {
    const timeoutMs = options.connectTimeoutMs ?? 5000;
    const kind = options.redisUrl ? "redis" : options.databaseUrl ? "postgres" : "sqlite";
    let store: Store | undefined;
    try {
      let backend: Backend;
      // The Redis and PostgreSQL clients load only when configured: about 25 MB an SQLite instance does not need.
      if (options.redisUrl) backend = await (await import("./redis-backend.js")).RedisBackend.connect(options.redisUrl, timeoutMs);
      else if (options.databaseUrl) backend = (await import("./postgres-backend.js")).PostgresBackend.create(options.databaseUrl, timeoutMs);
      else {
        const dir = resolve(options.dataDir);
        mkdirSync(dir, { recursive: true });
        backend = new SqliteBackend(resolve(dir, "lotse.sqlite"));
      }
      store = new Store(backend, kind);
      await withTimeout(store.ping(), timeoutMs, `no answer within ${timeoutMs} ms`);
    } catch (error) {
      void store?.close().catch(() => undefined);
      throw unreachable(kind, error);
    }
    for (const warning of await store.db.warnings()) logger?.warn({ backend: kind }, warning);
    logger?.info({ backend: kind }, "store ready");
    return store;
  }

  /** A private in-memory database (SQLite): for tests and `lotse ask`. */
  static memory(): Store {
    return new Store(new SqliteBackend(":memory:"), "memory");
  }

  /** The backend, for the outbox's queue operations. Refuses work after close(). */
  live(): Backend {
    // Work that outlives close() must fail, not quietly open the database again.
    if (this.closed) throw new Error("the store is closed");
    return this.db;
  }

  ns<T = unknown>(name: Namespace | typeof MARKS): Keyv<T> {
    let space = this.spaces.get(name);
    if (!space) {
      if (this.closed) throw new Error("the store is closed");
      // throwOnErrors: a failed read must not look like "no record" (the user would be
      // onboarded again, a write silently lost); callers see the failure and answer softly.
      space = new Keyv({ store: new RecordAdapter(() => this.live(), name) as never, namespace: name, throwOnErrors: true });
      space.on("error", () => undefined); // errors surface as rejected promises at the call site
      this.spaces.set(name, space);
    }
    return space as Keyv<T>;
  }

  /** An index: named sets of ids in a namespace (e.g. the tickets of one region). */
  sets(ns: Namespace) {
    const change = async (key: string, member: string, add: boolean) => {
      const unit = currentUnit();
      if (unit) unit.sets.push({ ns, key, member, add });
      else await this.live().commit({ reads: new Map(), writes: new Map(), sets: [{ ns, key, member, add }], enqueue: [] });
    };
    return {
      add: (key: string, member: string) => change(key, member, true),
      remove: (key: string, member: string) => change(key, member, false),
      members: async (key: string): Promise<string[]> => {
        const members = new Set(await this.live().members(ns, key));
        for (const c of currentUnit()?.sets ?? []) if (c.ns === ns && c.key === key) c.add ? members.add(c.member) : members.delete(c.member);
        return [...members];
      },
    };
  }

  /** Queues an outbound message: with the current unit's commit, or at once outside a unit. */
  async enqueue(item: NewQueueItem): Promise<void> {
    const unit = currentUnit();
    if (unit) {
      unit.enqueue.push(item);
      return;
    }
    await this.live().commit({ reads: new Map(), writes: new Map(), sets: [], enqueue: [item] });
    this.notifyEnqueued();
  }

  /** Called after messages were queued (the outbox delivers them without waiting for its next poll). */
  onEnqueued(listener: () => void): void {
    this.enqueuedListeners.push(listener);
  }

  private notifyEnqueued(): void {
    for (const listener of this.enqueuedListeners) listener();
  }

  /**
   * Runs `fn` as one unit of work: its record writes, set changes and queued messages are
   * committed together, with the cause's mark, or not at all. When another writer changed what
   * `fn` read, `fn` runs again on fresh data. A cause already committed is not run again.
   * Nested calls join the outer unit. Only store effects belong inside: a platform call would
   * be repeated when the work runs again.
   */
  async unit<T>(fn: () => Promise<T>, options: UnitOptions = {}): Promise<UnitResult<T>> {
    if (currentUnit()) return { duplicate: false, value: await fn() };
    const mark = options.cause ? { key: `cause:${options.cause}`, expires: Date.now() + (options.causeTtlMs ?? CAUSE_TTL_MS) } : undefined;
    for (let attempt = 1; ; attempt++) {
      if (mark && (await this.live().read(MARKS, mark.key))) return { duplicate: true };
      const unit = new Unit();
      const value = await runInUnit(unit, fn);
      if (unit.empty && !mark) return { duplicate: false, value };
      const result = await this.live().commit({ mark, reads: unit.reads, writes: unit.writes, sets: unit.sets, enqueue: unit.enqueue });
      if (result === "duplicate") return { duplicate: true };
      if (result === "ok") {
        for (const after of unit.afterCommit) after();
        if (unit.enqueue.length) this.notifyEnqueued();
        return { duplicate: false, value };
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`unit of work gave up after ${attempt} conflicting attempts`);
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }

  /** Whether a cause's unit has been committed (for adapters that answer a duplicate differently). */
  async seen(cause: string): Promise<boolean> {
    return Boolean(await this.live().read(MARKS, `cause:${cause}`));
  }

  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.withLock(key, fn);
  }

  /**
   * A long-lived lease held by one instance at a time (e.g. the Discord gateway): takes it when
   * free or expired, renews it when `holder` has it; false when another holder has it.
   * SQLite serves one process, where a record in the "leases" namespace suffices.
   */
  async tryLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const key = `lotse:lease:${name}`;
    if (this.db.kind !== "sqlite") return this.live().takeOrRenew(key, holder, ttlMs);
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
    if (this.db.kind !== "sqlite") return this.live().deleteIfHeld(key, holder);
    await this.withLock(key, async () => {
      if ((await this.ns<string>("leases").get(key)) === holder) await this.ns("leases").delete(key);
    });
  }

  /**
   * Removes records whose time to live has passed. Redis does this itself; SQLite and PostgreSQL
   * only stop returning them, so without this an expired conversation stayed on disk until it was
   * read again: never, for a volunteer who does not come back. Returns how many were removed.
   */
  purgeExpired(now = Date.now()): Promise<number> {
    return this.live().purgeExpired(now);
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

  /**
   * Waits until a send may go within every window (a platform's limits), counted for all
   * instances sharing this store (rate-windows.ts).
   */
  async sendWithin(windows: readonly RateWindow[], signal?: AbortSignal): Promise<void> {
    await acquireWindows((w) => this.live().acquireWindows(w), windows, signal);
  }

  /** Reads and writes one record: throws when the backend is unreachable. */
  async ping(): Promise<void> {
    const meta = this.ns<number>("meta");
    await outsideUnit(async () => {
      await meta.set("ping", Date.now());
      await meta.get("ping");
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.spaces.clear();
    await this.db.close();
  }
}
