import type { Lotse } from "./app.js";
import { pruneDead } from "./core/outbox/admin.js";

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
export async function housekeeping(lotse: Pick<Lotse, "config" | "store" | "tickets" | "drafts" | "outbox" | "clock" | "logger">): Promise<HousekeepingReport> {
  const { config, store, clock } = lotse;
  const { closed, deleted } = await lotse.tickets.sweep(config.TICKET_IDLE_DAYS, config.TICKET_RETENTION_DAYS);
  const expiredRecords = await store.purgeExpired();
  const drafts = await lotse.drafts.prune(clock.now().getTime() - config.TICKET_RETENTION_DAYS * DAY_MS);
  const deadLetters = await pruneDead(store, clock, config.CONVERSATION_TTL_DAYS * DAY_MS);
  const report = { ticketsClosed: closed, ticketsDeleted: deleted, expiredRecords, drafts, deadLetters };
  if (expiredRecords || drafts || deadLetters) lotse.logger.info(report, "housekeeping removed old records");
  return report;
}

