import Database from "better-sqlite3";
import { MemoryRateWindows, type RateWindow } from "./rate-windows.js";
import { MARKS, doneMark, type Backend, type Commit, type CommitResult, type NewQueueItem, type QueueItem, type RecordRow, type RecordWrite } from "./backend.js";

/**
 * SQLite through one better-sqlite3 connection with prepared statements. Every operation is
 * synchronous inside one transaction, so nothing else can run in between: one instance needs no
 * other lock. Write-ahead log: readers never wait for the writer, and a commit costs one sync.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (ns TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, version INTEGER NOT NULL, expires INTEGER, PRIMARY KEY (ns, key)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires) WHERE expires IS NOT NULL;
CREATE TABLE IF NOT EXISTS sets (ns TEXT NOT NULL, key TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (ns, key, member)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, chat TEXT NOT NULL, platform TEXT NOT NULL, subject TEXT NOT NULL,
  payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL, created_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending', dead_at INTEGER, dead_reason TEXT, lease_owner TEXT, lease_until INTEGER);
CREATE INDEX IF NOT EXISTS outbox_chat ON outbox (chat, seq) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS outbox_subject ON outbox (subject) WHERE subject <> '';
`;

interface Row {
  seq: number;
  id: string;
  chat: string;
  platform: string;
  subject: string;
  payload: string;
  attempts: number;
  due_at: number;
  created_at: number;
  state: "pending" | "dead";
  dead_at: number | null;
  dead_reason: "refused" | "attempts" | null;
}

export function toItem(row: Row): QueueItem {
  const item: QueueItem = {
    seq: Number(row.seq),
    id: row.id,
    chat: row.chat,
    platform: row.platform,
    subject: row.subject,
    payload: row.payload,
    attempts: Number(row.attempts),
    dueAt: Number(row.due_at),
    createdAt: Number(row.created_at),
    state: row.state,
  };
  if (row.dead_at !== null) item.deadAt = Number(row.dead_at);
  if (row.dead_reason !== null) item.deadReason = row.dead_reason;
  return item;
}

export class SqliteBackend implements Backend {
  private readonly windows = new MemoryRateWindows();
  readonly kind = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly s;

  /** `file` ":memory:" gives a private database (tests, `lotse ask`). */
  constructor(file: string) {
    this.db = new Database(file, { timeout: 5000 });
    if (file !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL"); // with WAL: durable across a process crash, one sync per checkpoint
    this.db.exec(SCHEMA);
    const db = this.db;
    this.s = {
      read: db.prepare<[string, string], { value: string; version: number; expires: number | null }>("SELECT value, version, expires FROM kv WHERE ns = ? AND key = ?"),
      version: db.prepare<[string, string], { version: number }>("SELECT version FROM kv WHERE ns = ? AND key = ?"),
      upsert: db.prepare("INSERT INTO kv (ns, key, value, version, expires) VALUES (?, ?, ?, 1, ?) ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, version = kv.version + 1, expires = excluded.expires"),
      delete: db.prepare("DELETE FROM kv WHERE ns = ? AND key = ?"),
      liveMark: db.prepare<[string, string, number], { one: number }>("SELECT 1 AS one FROM kv WHERE ns = ? AND key = ? AND (expires IS NULL OR expires > ?)"),
      setAdd: db.prepare("INSERT OR IGNORE INTO sets (ns, key, member) VALUES (?, ?, ?)"),
      setRemove: db.prepare("DELETE FROM sets WHERE ns = ? AND key = ? AND member = ?"),
      members: db.prepare<[string, string], { member: string }>("SELECT member FROM sets WHERE ns = ? AND key = ? ORDER BY member"),
      clearKv: db.prepare("DELETE FROM kv WHERE ns = ?"),
      clearSets: db.prepare("DELETE FROM sets WHERE ns = ?"),
      enqueue: db.prepare(
        "INSERT OR IGNORE INTO outbox (id, chat, platform, subject, payload, due_at, created_at) SELECT @id, @chat, @platform, @subject, @payload, @dueAt, @createdAt WHERE NOT EXISTS (SELECT 1 FROM kv WHERE ns = @marks AND key = @done AND (expires IS NULL OR expires > @now))",
      ),
      heads: db.prepare<[string, number, number, number], Row>(
        `SELECT o.* FROM outbox o JOIN (SELECT min(seq) AS head FROM outbox WHERE state = 'pending' GROUP BY chat) h ON o.seq = h.head
         WHERE o.platform IN (SELECT value FROM json_each(?)) AND o.due_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?) ORDER BY o.seq LIMIT ?`,
      ),
      lease: db.prepare("UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id = ?"),
      unlease: db.prepare("UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL"),
      renew: db.prepare("UPDATE outbox SET lease_until = ? WHERE id = ? AND lease_owner = ?"),
      removeItem: db.prepare("DELETE FROM outbox WHERE id = ?"),
      reschedule: db.prepare("UPDATE outbox SET attempts = ?, due_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?"),
      kill: db.prepare("UPDATE outbox SET state = 'dead', attempts = ?, dead_at = ?, dead_reason = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?"),
      revive: db.prepare("UPDATE outbox SET state = 'pending', attempts = 0, due_at = ?, dead_at = NULL, dead_reason = NULL WHERE id = ? AND state = 'dead'"),
      items: db.prepare<[string], Row>("SELECT * FROM outbox WHERE state = ? ORDER BY seq"),
      itemsOf: db.prepare<[string], Row>("SELECT * FROM outbox WHERE subject = ? ORDER BY seq"),
      pending: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending'"),
      nextDue: db.prepare<[string], { due: number | null }>("SELECT min(max(due_at, coalesce(lease_until, 0))) AS due FROM outbox WHERE state = 'pending' AND platform IN (SELECT value FROM json_each(?))"),
      purge: db.prepare("DELETE FROM kv WHERE expires IS NOT NULL AND expires < ?"),
    };
  }

  async read(ns: string, key: string): Promise<RecordRow | undefined> {
    return this.s.read.get(ns, key);
  }

  async commit(commit: Commit): Promise<CommitResult> {
    const now = Date.now();
    return this.db.transaction((): CommitResult => {
      if (commit.mark && this.s.liveMark.get(MARKS, commit.mark.key, now)) return "duplicate";
      for (const [id, seen] of commit.reads) {
        const [ns, key] = id.split("\u0000") as [string, string];
        if ((this.s.version.get(ns, key)?.version ?? 0) !== seen) return "conflict";
      }
      for (const write of commit.writes.values()) this.write(write);
      if (commit.mark) this.write({ ns: MARKS, key: commit.mark.key, value: "1", expires: commit.mark.expires });
      for (const change of commit.sets) (change.add ? this.s.setAdd : this.s.setRemove).run(change.ns, change.key, change.member);
      for (const item of commit.enqueue) this.enqueueOne(item, now);
      return "ok";
    }).immediate();
  }

  private write(write: RecordWrite): void {
    if (write.value === null) this.s.delete.run(write.ns, write.key);
    else this.s.upsert.run(write.ns, write.key, write.value, write.expires);
  }

  private enqueueOne(item: NewQueueItem, now: number): void {
    this.s.enqueue.run({ ...item, marks: MARKS, done: doneMark(item.id), now });
  }

  async members(ns: string, key: string): Promise<string[]> {
    return this.s.members.all(ns, key).map((r) => r.member);
  }

  async clearNamespace(ns: string): Promise<void> {
    this.s.clearKv.run(ns);
    this.s.clearSets.run(ns);
  }

  async claim(platforms: string[], now: number, limit: number, owner: string, leaseMs: number): Promise<QueueItem[]> {
    return this.db.transaction(() => {
      const rows = this.s.heads.all(JSON.stringify(platforms), now, now, limit);
      for (const row of rows) this.s.lease.run(owner, now + leaseMs, row.id);
      return rows.map(toItem);
    }).immediate();
  }

  async releaseClaimsOfEarlierLives(): Promise<number> {
    return this.s.unlease.run().changes;
  }

  async renew(id: string, owner: string, until: number): Promise<void> {
    this.s.renew.run(until, id, owner);
  }

  async complete(id: string, doneUntil: number | null): Promise<void> {
    this.db.transaction(() => {
      this.s.removeItem.run(id);
      if (doneUntil !== null) this.write({ ns: MARKS, key: doneMark(id), value: "1", expires: doneUntil });
    }).immediate();
  }

  async reschedule(id: string, attempts: number, dueAt: number): Promise<void> {
    this.s.reschedule.run(attempts, dueAt, id);
  }

  async kill(id: string, attempts: number, deadAt: number, reason: "refused" | "attempts"): Promise<void> {
    this.s.kill.run(attempts, deadAt, reason, id);
  }

  async revive(ids: string[], now: number): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.s.revive.run(now, id);
    })();
  }

  async items(state: "pending" | "dead"): Promise<QueueItem[]> {
    return this.s.items.all(state).map(toItem);
  }

  async itemsOf(subject: string): Promise<QueueItem[]> {
    return this.s.itemsOf.all(subject).map(toItem);
  }

  async remove(ids: string[]): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.s.removeItem.run(id);
    })();
  }

  async pendingCount(): Promise<number> {
    return this.s.pending.get()?.n ?? 0;
  }

  async nextDue(platforms: string[]): Promise<number | null> {
    return this.s.nextDue.get(JSON.stringify(platforms))?.due ?? null;
  }

  /** One instance per SQLite file: the store's in-process locks are all there is. */
  async takeOrRenew(): Promise<boolean> {
    return true;
  }

  async deleteIfHeld(): Promise<void> {}

  /** SQLite serves one instance: its sends are counted in this process. */
  async acquireWindows(windows: readonly RateWindow[]): Promise<number> {
    return this.windows.acquire(windows);
  }

  async purgeExpired(now: number): Promise<number> {
    return this.s.purge.run(now).changes;
  }

  async warnings(): Promise<string[]> {
    return [];
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
