import pg from "pg";
import { MARKS, doneMark, type Backend, type Commit, type CommitResult, type QueueItem, type RecordRow, type RecordWrite } from "./backend.js";
import { toItem } from "./sqlite-backend.js";
import type { RateWindow } from "./rate-windows.js";

/**
 * PostgreSQL: records, sets and the outbox as tables; a commit is one transaction. Writes are
 * guarded by the version the work read (an UPDATE ... WHERE version = seen, an INSERT that must
 * not find the row), so two instances changing the same record cannot both succeed: the loser
 * sees a conflict and runs its work again. Outbox messages are claimed with SKIP LOCKED.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lotse_kv (ns text NOT NULL, key text NOT NULL, value text NOT NULL, version bigint NOT NULL, expires bigint, PRIMARY KEY (ns, key));
CREATE INDEX IF NOT EXISTS lotse_kv_expires ON lotse_kv (expires) WHERE expires IS NOT NULL;
CREATE TABLE IF NOT EXISTS lotse_sets (ns text NOT NULL, key text NOT NULL, member text NOT NULL, PRIMARY KEY (ns, key, member));
CREATE TABLE IF NOT EXISTS lotse_outbox (
  seq bigserial PRIMARY KEY, id text NOT NULL UNIQUE, chat text NOT NULL, platform text NOT NULL, subject text NOT NULL,
  payload text NOT NULL, attempts int NOT NULL DEFAULT 0, due_at bigint NOT NULL, created_at bigint NOT NULL,
  state text NOT NULL DEFAULT 'pending', dead_at bigint, dead_reason text, lease_owner text, lease_until bigint);
CREATE INDEX IF NOT EXISTS lotse_outbox_chat ON lotse_outbox (chat, seq) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS lotse_outbox_subject ON lotse_outbox (subject) WHERE subject <> '';
CREATE TABLE IF NOT EXISTS lotse_locks (key text PRIMARY KEY, token text NOT NULL, expires timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS lotse_rate (key text NOT NULL, at bigint NOT NULL);
CREATE INDEX IF NOT EXISTS lotse_rate_key ON lotse_rate (key, at);
`;

/** A conflict: the guarded write found another version (rolled back, the work runs again). */
class Conflict extends Error {}
/** Errors PostgreSQL raises when two transactions collide: also a conflict, never a failure. */
const COLLISIONS = new Set(["40001", "40P01", "23505"]);

export class PostgresBackend implements Backend {
  readonly kind = "postgres" as const;
  private ready: Promise<unknown> | undefined;

  constructor(private readonly pool: pg.Pool) {
    pool.on("error", () => undefined); // an idle client's broken connection: the next query reports it
  }

  static create(url: string, connectTimeoutMs: number): PostgresBackend {
    return new PostgresBackend(new pg.Pool({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, max: 10 }));
  }

  /** Creates the tables once (IF NOT EXISTS: several instances may start at once; a collision is retried). */
  private async schema(): Promise<void> {
    this.ready ??= this.pool.query(SCHEMA).catch(async (error: unknown) => {
      if (!COLLISIONS.has((error as { code?: string }).code ?? "")) {
        this.ready = undefined;
        throw error;
      }
      await this.pool.query(SCHEMA);
    });
    await this.ready;
  }

  private async q<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.schema();
    return this.pool.query<R>(sql, values);
  }

  async read(ns: string, key: string): Promise<RecordRow | undefined> {
    const { rows } = await this.q<{ value: string; version: string; expires: string | null }>("SELECT value, version, expires FROM lotse_kv WHERE ns = $1 AND key = $2", [ns, key]);
    const row = rows[0];
    return row ? { value: row.value, version: Number(row.version), expires: row.expires === null ? null : Number(row.expires) } : undefined;
  }

  async commit(commit: Commit): Promise<CommitResult> {
    await this.schema();
    const now = Date.now();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      if (commit.mark) {
        const { rowCount } = await client.query(
          "INSERT INTO lotse_kv (ns, key, value, version, expires) VALUES ($1, $2, '1', 1, $3) ON CONFLICT (ns, key) DO UPDATE SET value = '1', version = lotse_kv.version + 1, expires = EXCLUDED.expires WHERE lotse_kv.expires IS NOT NULL AND lotse_kv.expires <= $4",
          [MARKS, commit.mark.key, commit.mark.expires, now],
        );
        if (!rowCount) {
          await client.query("ROLLBACK");
          return "duplicate";
        }
      }
      // Records read but not written: they must still be as seen when this commits (FOR SHARE holds them).
      const readOnly = [...commit.reads].filter(([id, seen]) => seen > 0 && !commit.writes.has(id));
      if (readOnly.length) {
        const keys = readOnly.map(([id]) => id.split("\u0000"));
        const { rows } = await client.query<{ ns: string; key: string; version: string }>(
          "SELECT ns, key, version FROM lotse_kv WHERE (ns, key) IN (SELECT * FROM unnest($1::text[], $2::text[])) FOR SHARE",
          [keys.map((k) => k[0]), keys.map((k) => k[1])],
        );
        const found = new Map(rows.map((r) => [`${r.ns}\u0000${r.key}`, Number(r.version)]));
        if (readOnly.some(([id, seen]) => found.get(id) !== seen)) throw new Conflict();
      }
      // Sorted, so two transactions take their row locks in the same order (no deadlock).
      for (const [id, write] of [...commit.writes].sort(([a], [b]) => (a < b ? -1 : 1))) await this.guardedWrite(client, write, commit.reads.get(id));
      for (const change of commit.sets) {
        if (change.add) await client.query("INSERT INTO lotse_sets (ns, key, member) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [change.ns, change.key, change.member]);
        else await client.query("DELETE FROM lotse_sets WHERE ns = $1 AND key = $2 AND member = $3", [change.ns, change.key, change.member]);
      }
      for (const item of commit.enqueue) {
        await client.query(
          `INSERT INTO lotse_outbox (id, chat, platform, subject, payload, due_at, created_at) SELECT $1, $2, $3, $4, $5, $6, $7
           WHERE NOT EXISTS (SELECT 1 FROM lotse_kv WHERE ns = $8 AND key = $9 AND (expires IS NULL OR expires > $10)) ON CONFLICT (id) DO NOTHING`,
          [item.id, item.chat, item.platform, item.subject, item.payload, item.dueAt, item.createdAt, MARKS, doneMark(item.id), now],
        );
      }
      await client.query("COMMIT");
      return "ok";
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if (error instanceof Conflict || COLLISIONS.has((error as { code?: string }).code ?? "")) return "conflict";
      throw error;
    } finally {
      client.release();
    }
  }

  /** A write that succeeds only if the record is still at the version the work read (`seen`; undefined: not read). */
  private async guardedWrite(client: pg.PoolClient, write: RecordWrite, seen: number | undefined): Promise<void> {
    const { ns, key, value, expires } = write;
    let changed: number | null;
    if (value === null) {
      if (!seen) return void (await client.query("DELETE FROM lotse_kv WHERE ns = $1 AND key = $2", [ns, key]));
      changed = (await client.query("DELETE FROM lotse_kv WHERE ns = $1 AND key = $2 AND version = $3", [ns, key, seen])).rowCount;
    } else if (seen === undefined) {
      changed = (await client.query("INSERT INTO lotse_kv (ns, key, value, version, expires) VALUES ($1, $2, $3, 1, $4) ON CONFLICT (ns, key) DO UPDATE SET value = EXCLUDED.value, version = lotse_kv.version + 1, expires = EXCLUDED.expires", [ns, key, value, expires])).rowCount;
    } else if (seen === 0) {
      changed = (await client.query("INSERT INTO lotse_kv (ns, key, value, version, expires) VALUES ($1, $2, $3, 1, $4) ON CONFLICT (ns, key) DO NOTHING", [ns, key, value, expires])).rowCount;
    } else {
      changed = (await client.query("UPDATE lotse_kv SET value = $3, version = version + 1, expires = $4 WHERE ns = $1 AND key = $2 AND version = $5", [ns, key, value, expires, seen])).rowCount;
    }
    if (!changed) throw new Conflict();
  }

  async members(ns: string, key: string): Promise<string[]> {
    return (await this.q<{ member: string }>("SELECT member FROM lotse_sets WHERE ns = $1 AND key = $2 ORDER BY member", [ns, key])).rows.map((r) => r.member);
  }

  async clearNamespace(ns: string): Promise<void> {
    await this.q("DELETE FROM lotse_kv WHERE ns = $1", [ns]);
    await this.q("DELETE FROM lotse_sets WHERE ns = $1", [ns]);
  }

  async claim(platforms: string[], now: number, limit: number, owner: string, leaseMs: number): Promise<QueueItem[]> {
    const { rows } = await this.q(
      `WITH heads AS (SELECT DISTINCT ON (chat) seq FROM lotse_outbox WHERE state = 'pending' ORDER BY chat, seq),
       picked AS (SELECT o.seq FROM lotse_outbox o WHERE o.seq IN (SELECT seq FROM heads) AND o.platform = ANY($1) AND o.due_at <= $2
                  AND (o.lease_until IS NULL OR o.lease_until < $2) ORDER BY o.seq LIMIT $3 FOR UPDATE SKIP LOCKED)
       UPDATE lotse_outbox o SET lease_owner = $4, lease_until = $5 FROM picked WHERE o.seq = picked.seq RETURNING o.*`,
      [platforms, now, limit, owner, now + leaseMs],
    );
    return rows.map((r) => toItem(r as never)).sort((a, b) => a.seq - b.seq);
  }

  async releaseClaimsOfEarlierLives(): Promise<number> {
    return 0;
  }

  async renew(id: string, owner: string, until: number): Promise<void> {
    await this.q("UPDATE lotse_outbox SET lease_until = $1 WHERE id = $2 AND lease_owner = $3", [until, id, owner]);
  }

  async complete(id: string, doneUntil: number | null): Promise<void> {
    if (doneUntil === null) return void (await this.q("DELETE FROM lotse_outbox WHERE id = $1", [id]));
    await this.q(
      `WITH gone AS (DELETE FROM lotse_outbox WHERE id = $1)
       INSERT INTO lotse_kv (ns, key, value, version, expires) VALUES ($2, $3, '1', 1, $4)
       ON CONFLICT (ns, key) DO UPDATE SET value = '1', version = lotse_kv.version + 1, expires = EXCLUDED.expires`,
      [id, MARKS, doneMark(id), doneUntil],
    );
  }

  async reschedule(id: string, attempts: number, dueAt: number): Promise<void> {
    await this.q("UPDATE lotse_outbox SET attempts = $1, due_at = $2, lease_owner = NULL, lease_until = NULL WHERE id = $3", [attempts, dueAt, id]);
  }

  async kill(id: string, attempts: number, deadAt: number, reason: "refused" | "attempts"): Promise<void> {
    await this.q("UPDATE lotse_outbox SET state = 'dead', attempts = $1, dead_at = $2, dead_reason = $3, lease_owner = NULL, lease_until = NULL WHERE id = $4", [attempts, deadAt, reason, id]);
  }

  async revive(ids: string[], now: number): Promise<void> {
    await this.q("UPDATE lotse_outbox SET state = 'pending', attempts = 0, due_at = $1, dead_at = NULL, dead_reason = NULL WHERE id = ANY($2) AND state = 'dead'", [now, ids]);
  }

  async items(state: "pending" | "dead"): Promise<QueueItem[]> {
    return (await this.q("SELECT * FROM lotse_outbox WHERE state = $1 ORDER BY seq", [state])).rows.map((r) => toItem(r as never));
  }

  async itemsOf(subject: string): Promise<QueueItem[]> {
    return (await this.q("SELECT * FROM lotse_outbox WHERE subject = $1 ORDER BY seq", [subject])).rows.map((r) => toItem(r as never));
  }

  async remove(ids: string[]): Promise<void> {
    await this.q("DELETE FROM lotse_outbox WHERE id = ANY($1)", [ids]);
  }

  async pendingCount(): Promise<number> {
    return Number((await this.q<{ n: string }>("SELECT count(*) AS n FROM lotse_outbox WHERE state = 'pending'")).rows[0]?.n ?? 0);
  }

  async nextDue(platforms: string[]): Promise<number | null> {
    const due = (await this.q<{ due: string | null }>("SELECT min(greatest(due_at, coalesce(lease_until, 0))) AS due FROM lotse_outbox WHERE state = 'pending' AND platform = ANY($1)", [platforms])).rows[0]?.due;
    return due === null || due === undefined ? null : Number(due);
  }

  async takeOrRenew(key: string, token: string, ttlMs: number): Promise<boolean> {
    const { rowCount } = await this.q(
      "INSERT INTO lotse_locks (key, token, expires) VALUES ($1, $2, now() + $3 * interval '1 millisecond') ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, expires = EXCLUDED.expires WHERE lotse_locks.expires < now() OR lotse_locks.token = EXCLUDED.token",
      [key, token, ttlMs],
    );
    return Boolean(rowCount);
  }

  async deleteIfHeld(key: string, token: string): Promise<void> {
    await this.q("DELETE FROM lotse_locks WHERE key = $1 AND token = $2", [key, token]);
  }

  /**
   * One transaction under an advisory lock (sends are few: tens a second), in the database's own
   * clock so instances agree: drop old sends, count, and count this one if every window allows it.
   */
  async acquireWindows(windows: readonly RateWindow[]): Promise<number> {
    await this.schema();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(7406117)");
      const now = Number((await client.query<{ now: string }>("SELECT floor(extract(epoch from clock_timestamp()) * 1000)::bigint AS now")).rows[0]!.now);
      let wait = 0;
      for (const w of windows) {
        await client.query("DELETE FROM lotse_rate WHERE key = $1 AND at <= $2", [w.key, now - w.windowMs]);
        const { rows } = await client.query<{ n: string; oldest: string | null }>("SELECT count(*) AS n, min(at) AS oldest FROM lotse_rate WHERE key = $1", [w.key]);
        if (Number(rows[0]!.n) >= w.limit) wait = Math.max(wait, Number(rows[0]!.oldest) + w.windowMs - now);
      }
      if (wait <= 0) for (const w of windows) await client.query("INSERT INTO lotse_rate (key, at) VALUES ($1, $2)", [w.key, now]);
      await client.query("COMMIT");
      return Math.max(0, wait);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async purgeExpired(now: number): Promise<number> {
    return (await this.q("DELETE FROM lotse_kv WHERE expires IS NOT NULL AND expires < $1", [now])).rowCount ?? 0;
  }

  async warnings(): Promise<string[]> {
    return [];
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
