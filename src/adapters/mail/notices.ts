import type { Lotse } from "../../app.js";
import type { Config } from "../../config.js";
import type { Address, Block, Reply, Span } from "../../core/message.js";
import type { DeskAccount } from "../../escalation/accounts.js";
import type { DeskFront } from "../../escalation/relay.js";
import type { Routing } from "../../escalation/routing.js";
import type { Ticket, TicketEvent } from "../../escalation/tickets.js";
import type { Translate } from "../../i18n/i18n.js";

/**
 * What coordinators get by mail: a notice per new (and per overdue) ticket of their regions, and
 * the daily digest (digest.ts). A notice names the ticket number, region, waiting time and the
 * desk link, never the question: mail travels through servers nobody here controls, and the
 * question is read at the desk after signing in.
 */

/** Mail texts exist in these languages (locales/<lang>/mail.json); others get English. */
const MAIL_LANGUAGES = new Set(["de", "en"]);

/** The outbox address of an account's notices: its id, resolved to an e-mail address only when sending. */
export function mailAddress(accountId: string): Address {
  return { platform: "mail", chatId: accountId, userId: accountId };
}

/** The account's language if it has one (accounts may gain it later), else DEFAULT_LANGUAGE. */
export function mailLanguage(account: DeskAccount, config: Pick<Config, "DEFAULT_LANGUAGE">): string {
  const lang = (account as DeskAccount & { lang?: string }).lang ?? config.DEFAULT_LANGUAGE;
  return MAIL_LANGUAGES.has(lang) ? lang : "en";
}

/** The desk's address, or a ticket's place at it. */
export function deskLink(config: Pick<Config, "PUBLIC_URL" | "PORT">, ticketId?: string): string {
  const base = config.PUBLIC_URL ? config.PUBLIC_URL.replace(/\/+$/, "") : `http://localhost:${config.PORT}`;
  return `${base}/desk${ticketId ? `#ticket=${ticketId}` : ""}`;
}

export function regionName(routing: Routing, t: Translate, lang: string, region: string | null): string {
  if (!region) return t(lang, "mail.noRegion");
  const route = routing.route(region);
  return route.region?.name ?? route.land?.name ?? region;
}

/** "waiting for 3 hours": minutes below an hour, hours below two days, then days. */
export function waitedText(t: Translate, lang: string, ms: number): string {
  const minutes = Math.floor(Math.max(ms, 0) / 60_000);
  if (minutes < 1) return t(lang, "mail.waited.now");
  if (minutes < 60) return t(lang, "mail.waited.minutes", { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t(lang, "mail.waited.hours", { count: hours });
  return t(lang, "mail.waited.days", { count: Math.floor(hours / 24) });
}

interface NoticeContext {
  t: Translate;
  routing: Routing;
  config: Pick<Config, "PUBLIC_URL" | "PORT">;
  now: Date;
}

/** One ticket, as a line of facts: what a notice or the digest may show of it. */
export function ticketFacts(ctx: NoticeContext, lang: string, ticket: Ticket) {
  return {
    ticket: ticket.id,
    region: regionName(ctx.routing, ctx.t, lang, ticket.region),
    waited: waitedText(ctx.t, lang, ctx.now.getTime() - Date.parse(ticket.createdAt)),
    link: deskLink(ctx.config, ticket.id),
  };
}

const linkSpans = (label: string, url: string): Span[] => [{ text: `${label}: ` }, { text: url, href: url }];

/** The notice of a new ticket ("created") or of one nobody took in time ("reminder"). */
export function ticketNotice(ctx: NoticeContext, lang: string, event: "created" | "reminder", ticket: Ticket): Reply {
  const { link, ...facts } = ticketFacts(ctx, lang, ticket);
  return {
    lang,
    blocks: [
      { type: "heading", spans: [{ text: ctx.t(lang, `mail.${event}.subject`, facts) }] },
      { type: "paragraph", spans: [{ text: ctx.t(lang, `mail.${event}.body`, facts) }] },
      { type: "paragraph", spans: linkSpans(ctx.t(lang, "mail.open"), link) },
      { type: "note", spans: [{ text: ctx.t(lang, "mail.footer") }] },
    ],
    meta: { kind: `mail-${event}`, ticketId: ticket.id },
  };
}

/** The daily digest of the tickets nobody has taken yet. */
export function digestNotice(ctx: NoticeContext, lang: string, tickets: Ticket[]): Reply {
  const items: Span[][] = tickets.map((ticket) => {
    const { link, ...facts } = ticketFacts(ctx, lang, ticket);
    return [{ text: `${ctx.t(lang, "mail.digest.item", facts)}: ` }, { text: link, href: link }];
  });
  const blocks: Block[] = [
    { type: "heading", spans: [{ text: ctx.t(lang, "mail.digest.subject", { count: tickets.length }) }] },
    { type: "paragraph", spans: [{ text: ctx.t(lang, "mail.digest.intro") }] },
    { type: "list", items },
    { type: "paragraph", spans: linkSpans(ctx.t(lang, "mail.desk"), deskLink(ctx.config)) },
    { type: "note", spans: [{ text: ctx.t(lang, "mail.footer") }] },
  ];
  return { lang, blocks, meta: { kind: "mail-digest" } };
}

/**
 * The mail front of the desk. It runs inside the unit that changed the ticket, so its notices are
 * queued with the change (both or neither) and, by their dedupe keys, once per ticket, event and
 * account, also when the work runs again.
 */
export class MailFront implements DeskFront {
  readonly name = "mail";

  constructor(private readonly lotse: Lotse) {}

  async onTicket(event: TicketEvent, ticket: Ticket): Promise<void> {
    if (event !== "created" && event !== "reminder") return;
    const { t, routing, config, clock, outbox, accounts } = this.lotse;
    const ctx = { t, routing, config, now: clock.now() };
    for (const account of await accounts.mailRecipients(ticket)) {
      const reply = ticketNotice(ctx, mailLanguage(account, config), event, ticket);
      await outbox.enqueue(mailAddress(account.id), reply, { dedupeKey: `mail:${event}:${ticket.id}:${account.id}` });
    }
  }

  /** A mail alone does not let anyone see the ticket: the web desk does. */
  reaches(): boolean {
    return false;
  }
}
