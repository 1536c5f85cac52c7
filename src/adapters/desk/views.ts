import type { Lotse } from "../../app.js";
import { regionLabel, topicTitle } from "../../conversation/compose.js";
import type { DeskAccount } from "../../escalation/accounts.js";
import { CLOSED, type Ticket } from "../../escalation/tickets.js";

/**
 * Tickets as the web desk's API returns them: data only (the page renders every string as
 * text), redacted text as stored, and who acted as a kind plus a name the page can show.
 */

export type Actor = { kind: "volunteer" | "system" | "coordinator"; name?: string; me?: boolean };

export interface ViewContext {
  lotse: Lotse;
  lang: string;
  /** The coordinator's id at the desk ("desk:<account>"). */
  me: string;
  /** Names of the desk's accounts by coordinator id. */
  names: Map<string, string>;
}

export async function viewContext(lotse: Lotse, account: DeskAccount, lang: string): Promise<ViewContext> {
  const names = new Map((await lotse.accounts.list()).map((a) => [`desk:${a.id}`, a.name]));
  return { lotse, lang, me: `desk:${account.id}`, names };
}

function actor(ctx: ViewContext, by: string | undefined): Actor | null {
  if (!by) return null;
  if (by === "volunteer") return { kind: "volunteer" };
  if (by.startsWith("system:")) return { kind: "system" };
  // Another front's id (a Slack user) is shown as it is; a desk account by its name.
  return { kind: "coordinator", name: ctx.names.get(by) ?? by, ...(by === ctx.me ? { me: true } : {}) };
}

/** Minutes the volunteer has been waiting for a coordinator (null when the ticket is not waiting on one). */
function waitingMinutes(ctx: ViewContext, ticket: Ticket): number | null {
  if (ticket.status !== "open" && ticket.status !== "claimed") return null;
  const since = [...ticket.messages].reverse().find((m) => m.from === "volunteer")?.at ?? ticket.createdAt;
  return Math.max(0, Math.floor((ctx.lotse.clock.now().getTime() - Date.parse(since)) / 60_000));
}

export function ticketSummary(ctx: ViewContext, ticket: Ticket) {
  const { lotse, lang } = ctx;
  return {
    id: ticket.id,
    status: ticket.status,
    closed: CLOSED.has(ticket.status),
    priority: ticket.priority,
    special: ticket.special === true,
    topic: ticket.topic,
    topicTitle: ticket.topic ? topicTitle(lotse.knowledge.kb, ticket.topic, lang) : null,
    region: ticket.region,
    regionLabel: regionLabel(lotse.routing, ticket.region ?? undefined) ?? null,
    lang: ticket.lang,
    languageName: lotse.t(lang, `language.names.${ticket.lang}`, { defaultValue: ticket.lang }),
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    waitingMinutes: waitingMinutes(ctx, ticket),
    claimedBy: actor(ctx, ticket.claimedBy),
    reminded: Boolean(ticket.remindedAt),
    erased: Boolean(ticket.erased),
    messageCount: ticket.messages.length,
  };
}

export function ticketDetail(ctx: ViewContext, ticket: Ticket) {
  return {
    ...ticketSummary(ctx, ticket),
    question: ticket.question,
    referredTo: ticket.referredTo ?? null,
    messages: ticket.messages.map((m) => ({ from: m.from, text: m.text, at: m.at, files: m.files ?? 0 })),
    history: ticket.history.map((h) => ({ status: h.status, at: h.at, by: actor(ctx, h.by) })),
    canSuggestFaq: !ticket.erased && ticket.messages.some((m) => m.from === "coordinator"),
  };
}
