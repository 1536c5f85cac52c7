import { randomUUID } from "node:crypto";
import type { Backend } from "./backend.js";
import { currentUnit } from "./unit.js";

/** A lease outlives a crashed holder by at most this long; a live holder renews it. */
export const LOCK_LEASE_MS = 15_000;
const LOCK_WAIT_MS = 20_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Mutual exclusion on a key: in-process by a promise chain, across instances by a lease in Redis
 * or PostgreSQL (SQLite serves one instance). The lease is renewed while its holder still works,
 * so slow work cannot lose it to a second instance. Correctness does not rest on it, though:
 * work inside a unit commits only if nothing it read changed meanwhile. Inside a unit the lock
 * is skipped (the unit's commit check covers it, and waiting there could deadlock).
 */
export class Locks {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(private readonly backend: () => Backend) {}

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (currentUnit()) return fn();
    const previous = this.chains.get(key) ?? Promise.resolve();
    const exclusive = async () => {
      const release = await this.acquireShared(key);
      try {
        return await fn();
      } finally {
        await release();
      }
    };
    const run = previous.then(exclusive, exclusive);
    const settled = run.catch(() => undefined);
    this.chains.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    }
  }

  private async acquireShared(key: string): Promise<() => Promise<void>> {
    const backend = this.backend();
    if (backend.kind === "sqlite") return async () => undefined;
    const token = randomUUID();
    const deadline = Date.now() + LOCK_WAIT_MS;
    const name = `lotse:lock:${key}`;
    while (!(await backend.takeOrRenew(name, token, LOCK_LEASE_MS))) {
      if (Date.now() > deadline) throw new Error(`lock ${key} not acquired within ${LOCK_WAIT_MS} ms`);
      await sleep(5 + Math.random() * 20);
    }
    const renewal = setInterval(() => void backend.takeOrRenew(name, token, LOCK_LEASE_MS).catch(() => undefined), LOCK_LEASE_MS / 3);
    renewal.unref();
    return async () => {
      clearInterval(renewal);
      await backend.deleteIfHeld(name, token).catch(() => undefined);
    };
  }
}
