import type { Clock } from "../core/clock.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { businessMillisBetween, type Routing } from "./routing.js";
import type { Drafts } from "./drafts.js";
import { CLOSED, TICKET_STATES, TicketError, type Ticket, type TicketStatus, type Tickets } from "./tickets.js";

/**
 * The coordinators' desk: everything a hauptamtliche Ansprechperson does with a hand-over, for every
 * front-end alike (Slack cards, the web desk at /desk). Each action first asks whether this
 * coordinator may see the ticket; a ticket they may not see is "not found" to them, never "forbidden",
 * so ticket numbers of other regions cannot be probed.
 */

/** Someone acting at a desk. `id` is how they appear in a ticket's history (a Slack user id, "desk:<account>"). */
export interface Coordinator {
  id: string;
  /** Whether this coordinator may see and act on the ticket (their regions, their Slack channel). */
  sees(ticket: Ticket): boolean | Promise<boolean>;
}

export type DeskRefusal = "notFound" | "closed" | "erased" | "invalid";

/** An action the desk refuses, with the reason a front-end shows (a locale key under `desk.refused.`). */
export class DeskError extends Error {
  override name = "DeskError";
  constructor(readonly reason: DeskRefusal, readonly ticket: string) {
    super(`ticket ${ticket}: ${reason}`);
  }
}

/** Where a ticket can be referred to: each has a `referral.<service>.route` text for the volunteer. */
export const SERVICES = ["asylverfahrensberatung", "migrationsberatung", "jugendmigrationsdienst", "anwalt"] as const;
export type Service = (typeof SERVICES)[number];

const TICKET_ID = /^L-[A-Z0-9]{6}$/;
const DAY_MS = 86_400_000;

export interface DeskStats {
  days: number;
  total: number;
  byState: Record<string, number>;
  byTopic: Record<string, number>;
  byRegion: Record<string, number>;
}

export interface DeskDeps {
  tickets: Tickets;
  drafts: Drafts;
  routing: Routing;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, "TICKET_REMINDER_HOURS">;
  /** Queues the referral notice for the volunteer (the outbox, through the assistant's words). */
  notifyReferral: (ticket: Ticket, service: Service) => Promise<void>;
}

export class Desk {
  constructor(private readonly deps: DeskDeps) {}

  /** The ticket, if this coordinator may see it; otherwise `notFound`, as for a ticket that does not exist. */
  async ticket(who: Coordinator, id: string): Promise<Ticket> {
    const ticket = TICKET_ID.test(id) ? await this.deps.tickets.get(id) : undefined;
    if (!ticket || !(await who.sees(ticket))) throw new DeskError("notFound", id);
    return ticket;
  }

  /** The tickets this coordinator may see: open ones first (oldest unclaimed at the top), then closed ones if asked. */
  async list(who: Coordinator, options: { closed?: boolean } = {}): Promise<Ticket[]> {
    const visible: Ticket[] = [];
    // Closed tickets are most of them over time: without `closed`, only the active states' index is read.
    for (const ticket of await (options.closed ? this.deps.tickets.all() : this.deps.tickets.active())) {
      if ((options.closed || !CLOSED.has(ticket.status)) && (await who.sees(ticket))) visible.push(ticket);
    }
    const rank = (t: Ticket) => (t.status === "open" ? 0 : CLOSED.has(t.status) ? 2 : 1);
    return visible.sort((a, b) => rank(a) - rank(b) || (a.priority === b.priority ? 0 : a.priority === "urgent" ? -1 : 1) || a.createdAt.localeCompare(b.createdAt));
  }

  claim(who: Coordinator, id: string): Promise<Ticket> {
    return this.act(who, id, (ticket) => this.deps.tickets.transition(ticket.id, "claimed", who.id, { claimedBy: who.id }));
  }

  /**
   * A coordinator's answer, relayed to the volunteer (relay.ts). `ref` is the front-end's id of the
   * message (a Slack ts, a web form's id): the same answer sent twice is stored and relayed once.
   */
  answer(who: Coordinator, id: string, text: string, options: { ref?: string; files?: number } = {}): Promise<Ticket> {
    return this.act(who, id, async (ticket) => {
      if (ticket.erased) throw new DeskError("erased", id);
      if (!text.trim() && !options.files) throw new DeskError("invalid", id);
      return this.deps.tickets.answer(ticket.id, text, who.id, options.ref, options.files ?? 0);
    });
  }

  /** Refers the case to a counselling service; referred is closed, so a second press is refused and the volunteer hears it once. */
  refer(who: Coordinator, id: string, service: string): Promise<Ticket> {
    return this.act(who, id, async (ticket) => {
      if (!(SERVICES as readonly string[]).includes(service)) throw new DeskError("invalid", id);
      const referred = await this.deps.tickets.transition(ticket.id, "referred", who.id, { referredTo: service });
      if (!ticket.erased) await this.deps.notifyReferral(referred, service as Service);
      return referred;
    });
  }

  close(who: Coordinator, id: string): Promise<Ticket> {
    return this.act(who, id, (ticket) => this.deps.tickets.transition(ticket.id, "resolved", who.id));
  }

  /** A closed ticket back to `open` (closed too early, or the volunteer wrote elsewhere). Not once the volunteer erased their data. */
  reopen(who: Coordinator, id: string): Promise<Ticket> {
    return this.act(who, id, async (ticket) => {
      if (ticket.erased) throw new DeskError("erased", id);
      if (!CLOSED.has(ticket.status)) return ticket;
      return this.deps.tickets.transition(ticket.id, "open", who.id, { claimedBy: undefined });
    }, { closedToo: true });
  }

  /** Suggests the question and the latest answer as a FAQ entry (reviewed into knowledge/ with `lotse kb drafts`). */
  suggestFaq(who: Coordinator, id: string): Promise<Ticket> {
    return this.act(who, id, async (ticket) => {
      const answer = [...ticket.messages].reverse().find((m) => m.from === "coordinator")?.text;
      if (!answer || ticket.erased) throw new DeskError("invalid", id);
      await this.deps.drafts.save({ ticket: ticket.id, topic: ticket.topic, question: ticket.question, answer, by: who.id, at: this.deps.clock.now().toISOString() });
      this.deps.logger.info({ ticket: ticket.id, by: who.id }, "faq draft saved");
      return ticket;
    }, { closedToo: true });
  }

  /**
   * Tickets nobody claimed within TICKET_REMINDER_HOURS office hours of their contact: each is
   * reminded once (the relay tells the desks). Returns how many were reminded now.
   */
  async remindUnclaimed(): Promise<number> {
    const { tickets, routing, clock, config } = this.deps;
    const limit = config.TICKET_REMINDER_HOURS * 3600_000;
    let reminded = 0;
    for (const ticket of await tickets.inStates(["open"])) {
      if (ticket.status !== "open" || ticket.remindedAt) continue;
      const contact = routing.route(ticket.region).contact;
      if (businessMillisBetween(contact, new Date(ticket.createdAt), clock.now()) < limit) continue;
      await tickets.remind(ticket.id);
      reminded++;
    }
    return reminded;
  }

  /** Counts by state, topic and region over `days` (numbers only, no text), of the tickets this coordinator may see. */
  async stats(who: Coordinator, days = 30): Promise<DeskStats> {
    const since = this.deps.clock.now().getTime() - days * DAY_MS;
    const stats: DeskStats = { days, total: 0, byState: Object.fromEntries(TICKET_STATES.map((s) => [s, 0])), byTopic: {}, byRegion: {} };
    for (const ticket of await this.list(who, { closed: true })) {
      if (Date.parse(ticket.createdAt) < since) continue;
      stats.total++;
      stats.byState[ticket.status] = (stats.byState[ticket.status] ?? 0) + 1;
      const topic = ticket.topic ?? "-";
      const region = ticket.region ?? "-";
      stats.byTopic[topic] = (stats.byTopic[topic] ?? 0) + 1;
      stats.byRegion[region] = (stats.byRegion[region] ?? 0) + 1;
    }
    return stats;
  }

  /** Counts per state of the open tickets this coordinator may see (the list's header). */
  static counts(tickets: Ticket[]): Record<TicketStatus, number> {
    const counts = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<TicketStatus, number>;
    for (const ticket of tickets) counts[ticket.status]++;
    return counts;
  }

  private async act(who: Coordinator, id: string, action: (ticket: Ticket) => Promise<Ticket>, options: { closedToo?: boolean } = {}): Promise<Ticket> {
    const ticket = await this.ticket(who, id);
    // An erased ticket is closed too; the coordinator is told why (the volunteer erased their data).
    if (!options.closedToo && CLOSED.has(ticket.status)) throw new DeskError(ticket.erased ? "erased" : "closed", id);
    try {
      return await action(ticket);
    } catch (error) {
      // The ticket closed between reading and acting (the volunteer closed it, another coordinator did).
      if (error instanceof TicketError) throw new DeskError("closed", id);
      throw error;
    }
  }
}
