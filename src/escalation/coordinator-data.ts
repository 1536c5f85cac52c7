import type { Clock } from "../core/clock.js";
import type { Drafts } from "./drafts.js";
import type { Tickets } from "./tickets.js";

/**
 * What Lotse holds about a coordinator (Slack user, web desk account): their id on the tickets
 * they claimed, answered or closed, and on FAQ drafts. Export lists those; erasure replaces the id
 * with a pseudonym. Their answers stay: they are part of the volunteer's case and of the
 * organisation's record.
 */

/** How a coordinator's id appears in tickets after they erased their data. */
export const ERASED_ACTOR = "coordinator:erased";

export interface CoordinatorDataExport {
  exportedAt: string;
  user: { platform: string; userId: string };
  tickets: { id: string; claimed: boolean; actions: { status: string; at: string }[] }[];
  faqDrafts: { ticket: string; at: string }[];
}

interface CoordinatorDataDeps {
  tickets: Tickets;
  drafts: Drafts;
  clock: Clock;
}

export async function exportCoordinatorData(deps: CoordinatorDataDeps, platform: string, userId: string): Promise<CoordinatorDataExport> {
  const acted = (await deps.tickets.all()).filter((t) => t.claimedBy === userId || t.history.some((h) => h.by === userId));
  const drafts = (await deps.drafts.all()).filter((d) => d.by === userId);
  return {
    exportedAt: deps.clock.now().toISOString(),
    user: { platform, userId },
    tickets: acted.map((t) => ({ id: t.id, claimed: t.claimedBy === userId, actions: t.history.filter((h) => h.by === userId).map(({ status, at }) => ({ status, at })) })),
    faqDrafts: drafts.map((d) => ({ ticket: d.ticket, at: d.at })),
  };
}

/** Replaces the coordinator's id everywhere; returns how many tickets carried it. */
export async function eraseCoordinatorData(deps: Omit<CoordinatorDataDeps, "clock">, userId: string): Promise<number> {
  let changed = 0;
  for (const ticket of await deps.tickets.all()) {
    if (ticket.claimedBy === userId || ticket.history.some((h) => h.by === userId)) {
      await deps.tickets.replaceActor(ticket.id, userId, ERASED_ACTOR);
      changed++;
    }
  }
  for (const draft of await deps.drafts.all()) if (draft.by === userId) await deps.drafts.update(draft.ticket, { by: ERASED_ACTOR });
  return changed;
}
