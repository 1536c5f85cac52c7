import { AsyncLocalStorage } from "node:async_hooks";
import type { Backend, NewQueueItem, RecordWrite, SetChange } from "./backend.js";
import { recordId } from "./backend.js";

/**
 * A unit of work: everything one cause changes, collected while its handler runs and committed
 * in one atomic step together with the cause's idempotency mark. The handler's code does not
 * know it runs inside one: keyv records, sets and the outbox find the current unit here
 * (AsyncLocalStorage) and buffer their writes in it. Reads remember the version they saw, so a
 * commit after someone else changed the same record fails as a conflict, and the work runs again
 * on fresh data, instead of overwriting the other change.
 */
export class Unit {
  readonly reads = new Map<string, number>();
  readonly writes = new Map<string, RecordWrite>();
  readonly sets: SetChange[] = [];
  readonly enqueue: NewQueueItem[] = [];
  /** Run after a successful commit (never on a conflict's discarded attempt). */
  readonly afterCommit: (() => void)[] = [];

  get empty(): boolean {
    return !this.writes.size && !this.sets.length && !this.enqueue.length;
  }
}

const current = new AsyncLocalStorage<Unit>();

export function currentUnit(): Unit | undefined {
  return current.getStore();
}

export function runInUnit<T>(unit: Unit, fn: () => Promise<T>): Promise<T> {
  return current.run(unit, fn);
}

/**
 * Runs `effect` once the current unit has committed (at once outside a unit): for a platform call
 * that belongs to a cause but must not be repeated when the unit's work runs again after a conflict.
 */
export function currentUnitAfterCommit(effect: () => void): void {
  const unit = currentUnit();
  if (unit) unit.afterCommit.push(effect);
  else effect();
}

/** Runs `fn` outside any unit: its reads and writes reach the backend at once (health checks). */
export function outsideUnit<T>(fn: () => Promise<T>): Promise<T> {
  return current.exit(fn);
}

/**
 * keyv's storage adapter over a backend: one per namespace (keyv sets `namespace` on it and
 * prefixes keys with it). Inside a unit, writes are buffered and reads see them; outside, each
 * write is committed at once.
 */
export class RecordAdapter {
  namespace?: string;
  readonly opts = {};

  constructor(
    private readonly backend: () => Backend,
    private readonly ns: string,
  ) {}

  private key(prefixed: string): string {
    return prefixed.startsWith(`${this.ns}:`) ? prefixed.slice(this.ns.length + 1) : prefixed;
  }

  async get(prefixed: string): Promise<string | undefined> {
    const key = this.key(prefixed);
    const unit = currentUnit();
    const id = recordId(this.ns, key);
    const buffered = unit?.writes.get(id);
    if (buffered) return buffered.value ?? undefined;
    const row = await this.backend().read(this.ns, key);
    if (unit && !unit.reads.has(id)) unit.reads.set(id, row?.version ?? 0);
    return row?.value;
  }

  async set(prefixed: string, value: string, ttl?: number): Promise<boolean> {
    await this.write({ ns: this.ns, key: this.key(prefixed), value, expires: ttl ? Date.now() + ttl : null });
    return true;
  }

  async delete(prefixed: string): Promise<boolean> {
    await this.write({ ns: this.ns, key: this.key(prefixed), value: null, expires: null });
    return true;
  }

  async clear(): Promise<void> {
    await this.backend().clearNamespace(this.ns);
  }

  async disconnect(): Promise<void> {}

  on(): this {
    return this;
  }

  private async write(write: RecordWrite): Promise<void> {
    const unit = currentUnit();
    if (unit) {
      unit.writes.set(recordId(write.ns, write.key), write);
      return;
    }
    await this.backend().commit({ reads: new Map(), writes: new Map([[recordId(write.ns, write.key), write]]), sets: [], enqueue: [] });
  }
}
