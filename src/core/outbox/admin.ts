import type { QueueItem } from "../../store/backend.js";
import type { Store } from "../../store/store.js";
import type { Clock } from "../clock.js";
import { replyToPlainText, type Address, type Platform, type Reply } from "../message.js";

/**
 * The operator's and the data subject's view of the outbox: counts, retrying after an outage,
 * pruning what was given up on, and finding or erasing the messages that carry one person's data.
 */

/** Counts per platform, without any content: for `lotse outbox` and operators. */
export interface OutboxStatus {
  pending: Partial<Record<Platform, number>>;
  dead: Partial<Record<Platform, { refused: number; attempts: number }>>;
}

export async function outboxStatus(store: Store): Promise<OutboxStatus> {
  const status: OutboxStatus = { pending: {}, dead: {} };
  for (const item of await store.live().items("pending")) {
    const platform = item.platform as Platform;
    status.pending[platform] = (status.pending[platform] ?? 0) + 1;
  }
  for (const item of await store.live().items("dead")) {
    const counts = (status.dead[item.platform as Platform] ??= { refused: 0, attempts: 0 });
    counts[item.deadReason ?? "attempts"]++;
  }
  return status;
}

/**
 * After a long outage: queues the messages given up on because every attempt failed once more
 * (with fresh attempts). Messages the platform refused for good stay dead unless `refusedToo`.
 */
export async function retryDead(store: Store, clock: Clock, options: { refusedToo?: boolean } = {}): Promise<number> {
  const ids = (await store.live().items("dead")).filter((i) => i.deadReason !== "refused" || options.refusedToo).map((i) => i.id);
  await store.live().revive(ids, clock.now().getTime());
  return ids.length;
}

/**
 * Deletes messages given up on longer than `olderThanMs` ago. They hold a volunteer's address
 * and an answer to them; kept for a while so an operator can see what failed after an outage.
 */
export async function pruneDead(store: Store, clock: Clock, olderThanMs: number): Promise<number> {
  const cutoff = clock.now().getTime() - olderThanMs;
  const ids = (await store.live().items("dead")).filter((i) => (i.deadAt ?? i.createdAt) <= cutoff).map((i) => i.id);
  await store.live().remove(ids);
  return ids.length;
}

/** A queued or given-up message that carries a person's data, as `/my_data` shows it: with its text. */
export interface QueuedForSubject {
  state: QueueItem["state"];
  platform: string;
  queuedAt: string;
  address: Address;
  /** What the message says, as plain text (the reply below is its full form). */
  text: string;
  reply: Reply;
}

export async function queuedFor(store: Store, subject: string): Promise<QueuedForSubject[]> {
  return (await store.live().itemsOf(subject)).map((item) => {
    const { address, reply } = JSON.parse(item.payload) as { address: Address; reply: Reply };
    return { state: item.state, platform: item.platform, queuedAt: new Date(item.createdAt).toISOString(), address, text: replyToPlainText(reply), reply };
  });
}

/** Erasure: every queued or given-up message carrying the subject's data is removed. Returns how many. */
export async function eraseQueued(store: Store, subject: string): Promise<number> {
  const ids = (await store.live().itemsOf(subject)).map((i) => i.id);
  await store.live().remove(ids);
  return ids.length;
}
