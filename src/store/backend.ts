/**
 * What a storage backend (SQLite, PostgreSQL, Redis) must provide. The store builds everything
 * else on these few operations; each backend implements them with its own native structures
 * (tables and upserts, sorted sets and Lua scripts), so that a commit is one atomic step.
 */

/** A record as stored: keyv's serialised value, a version that changes on every write, an expiry (ms). */
import type { RateWindow } from "./rate-windows.js";

export interface RecordRow {
  value: string;
  version: number;
  expires: number | null;
}

/** A record write; `value: null` deletes it. */
export interface RecordWrite {
  ns: string;
  key: string;
  value: string | null;
  expires: number | null;
}

/** A member added to or removed from a set (an index such as "tickets of this user"). */
export interface SetChange {
  ns: string;
  key: string;
  member: string;
  add: boolean;
}

/** An outbound message in the queue. `chat` orders delivery: one chat's messages leave in `seq` order. */
export interface QueueItem {
  id: string;
  chat: string;
  platform: string;
  /**
   * Whose personal data the message carries (`platform:userId`): its recipient, or the volunteer
   * whose text it relays to coordinators. Export and erasure find items by it; "" for none.
   */
  subject: string;
  /** The address and reply, as JSON. */
  payload: string;
  attempts: number;
  dueAt: number;
  createdAt: number;
  seq: number;
  state: "pending" | "dead";
  deadAt?: number;
  deadReason?: "refused" | "attempts";
}

export type NewQueueItem = Omit<QueueItem, "seq" | "state" | "attempts">;

/**
 * Everything one cause (a platform update, an event, an interaction) changes, applied at once.
 * `mark`: the cause's idempotency key; the commit fails as "duplicate" when it is already there.
 * `reads`: the versions this work saw (0 = absent); any change since makes the commit a "conflict".
 * `enqueue`: new queue items; one whose id is queued or was delivered (its done-mark) is skipped.
 */
export interface Commit {
  mark?: { key: string; expires: number };
  reads: Map<string, number>;
  writes: Map<string, RecordWrite>;
  sets: SetChange[];
  enqueue: NewQueueItem[];
}

export type CommitResult = "ok" | "conflict" | "duplicate";

/** The key of a record in `Commit.reads` and `Commit.writes`. */
export const recordId = (ns: string, key: string) => `${ns}\u0000${key}`;

/** Idempotency marks live as records in this namespace (with an expiry). */
export const MARKS = "marks";
/** The done-mark of a delivered queue item with a dedupe key: a later enqueue of the same id is skipped. */
export const doneMark = (id: string) => `outbox:${id}`;

export interface Backend {
  readonly kind: "sqlite" | "redis" | "postgres";
  /** The stored row, also when expired (the caller decides); undefined when absent. */
  read(ns: string, key: string): Promise<RecordRow | undefined>;
  commit(commit: Commit): Promise<CommitResult>;
  members(ns: string, key: string): Promise<string[]>;
  /** Deletes every record of a namespace (tests, `clear`). */
  clearNamespace(ns: string): Promise<void>;

  /**
   * Takes up to `limit` due messages for `platforms`: per chat only the earliest pending one, and
   * only when no live claim holds it. Claimed items are leased to `owner` until `now + leaseMs`.
   */
  claim(platforms: string[], now: number, limit: number, owner: string, leaseMs: number): Promise<QueueItem[]>;
  /**
   * At the start of the one instance a backend serves (SQLite): claims of an earlier life are
   * void (that process is gone), so its messages need not wait for their leases to lapse.
   * Shared backends (Redis, PostgreSQL) do nothing: another instance may be sending right now.
   */
  releaseClaimsOfEarlierLives(): Promise<number>;
  /** Extends the lease while a send is still running. */
  renew(id: string, owner: string, until: number): Promise<void>;
  /** Delivered: the item leaves the queue; with `doneUntil` its done-mark stays until then (in the same step). */
  complete(id: string, doneUntil: number | null): Promise<void>;
  /** Failed, to be tried again at `dueAt` (its chat waits behind it). */
  reschedule(id: string, attempts: number, dueAt: number): Promise<void>;
  /** Given up: moved to the dead state (its chat's next message may go). */
  kill(id: string, attempts: number, deadAt: number, reason: "refused" | "attempts"): Promise<void>;
  /** Dead items back to pending, with fresh attempts. */
  revive(ids: string[], now: number): Promise<void>;
  /** Items in one state, oldest first (operator tools; a scan). */
  items(state: "pending" | "dead"): Promise<QueueItem[]>;
  /** Items (pending or dead) that carry this subject's data. */
  itemsOf(subject: string): Promise<QueueItem[]>;
  /** Removes items for good (erasure, pruning). */
  remove(ids: string[]): Promise<void>;
  pendingCount(): Promise<number>;
  /** When the earliest pending message for `platforms` is due (or its lease lapses); null when none is pending. */
  nextDue(platforms: string[]): Promise<number | null>;

  /** Takes `key` for `token` when free or expired, or renews it when `token` holds it. */
  takeOrRenew(key: string, token: string, ttlMs: number): Promise<boolean>;
  deleteIfHeld(key: string, token: string): Promise<void>;

  /**
   * Counts a send in every window if all allow it now (returns 0), else counts nothing and returns
   * the milliseconds to wait (rate-windows.ts). Shared by the instances of a shared store.
   */
  acquireWindows(windows: readonly RateWindow[]): Promise<number>;

  /** Removes expired records from disk; returns how many. */
  purgeExpired(now: number): Promise<number>;
  /** Facts for the start-up log (e.g. Redis persistence); empty when all is well. */
  warnings(): Promise<string[]>;
  close(): Promise<void>;
}
