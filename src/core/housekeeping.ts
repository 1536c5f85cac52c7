import type { Lotse } from "../app.js";
import { listGet, listRemove } from "../store/store.js";

export interface HousekeepingReport {
  ticketsClosed: number;
  ticketsDeleted: number;
  /** Records past their time to live, removed from disk (SQLite, PostgreSQL; Redis expires its own). */
  expiredRecords: number;
  drafts: number;
  deadLetters: number;
}

const DAY_MS = 86_400_000;

/**
 * The retention rules, applied every 10 minutes (main.ts):
 * idle answered tickets close and closed ones are deleted after TICKET_RETENTION_DAYS; records
 * with a time to live leave the disk once expired; FAQ drafts follow their ticket's retention;
 * messages the outbox gave up on are kept CONVERSATION_TTL_DAYS for the operator, then deleted.
 * Each step is idempotent, so several instances may run it at the same time.
 */
export async function housekeeping(lotse: Pick<Lotse, "config" | "store" | "tickets" | "outbox" | "clock" | "logger">): Promise<HousekeepingReport> {
  const { config, store, clock } = lotse;
  const { closed, deleted } = await lotse.tickets.sweep(config.TICKET_IDLE_DAYS, config.TICKET_RETENTION_DAYS);
  const expiredRecords = await store.purgeExpired();
  const drafts = await pruneDrafts(lotse, clock.now().getTime() - config.TICKET_RETENTION_DAYS * DAY_MS);
  const deadLetters = await lotse.outbox.pruneDead(config.CONVERSATION_TTL_DAYS * DAY_MS);
  const report = { ticketsClosed: closed, ticketsDeleted: deleted, expiredRecords, drafts, deadLetters };
  if (expiredRecords || drafts || deadLetters) lotse.logger.info(report, "housekeeping removed old records");
  return report;
}

/** FAQ drafts (question and answer of a ticket, for review into knowledge/) older than `cutoff`. */
async function pruneDrafts(lotse: Pick<Lotse, "store">, cutoff: number): Promise<number> {
  const space = lotse.store.ns<{ at?: string }>("drafts");
  let pruned = 0;
  for (const id of await listGet(lotse.store, "drafts", "all")) {
    const draft = await space.get(id);
    const at = draft?.at ? Date.parse(draft.at) : Number.NaN;
    if (draft && !(at < cutoff)) continue; // a draft without a readable date is kept rather than lost
    await space.delete(id);
    await listRemove(lotse.store, "drafts", "all", id);
    pruned++;
  }
  return pruned;
}
