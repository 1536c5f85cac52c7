import { randomInt } from "node:crypto";
import type { Clock } from "../core/clock.js";
import { addressKey, type Address } from "../core/message.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import { TicketIndex } from "./ticket-index.js";

/**
 * A hand-over to the hauptamtliche Ansprechperson. Tickets hold only redacted text; the
 * ticket number is the volunteer's pseudonym towards the coordinators. Platform adapters
 * (Slack) subscribe to changes; the core never calls them directly.
 */

export { CLOSED, TICKET_STATES, type Ticket, type TicketEvent, type TicketEventDetail, type TicketListener, type TicketMessage, type TicketStatus } from "./ticket-model.js";
import { CLOSED, TICKET_STATES, TRANSITIONS, type Ticket, type TicketEvent, type TicketEventDetail, type TicketListener, type TicketStatus } from "./ticket-model.js";
import { errorSummary } from "../core/errors.js";

// No 0/O, 1/I/L: ticket numbers are read out on the phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const INDEX = "all";
/** The index of one volunteer's tickets (export and erasure find them without a scan). */
const byUser = (origin: Pick<Address, "platform" | "userId">) => `user:${addressKey(origin)}`;

export class TicketError extends Error {
  override name = "TicketError";
}

export class Tickets {
  private readonly listeners: TicketListener[] = [];
  private readonly index: TicketIndex;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.index = new TicketIndex(store, () => store.sets("tickets").members(INDEX), (ids) => this.load(ids));
  }

  /** Listeners see every change; a failing listener is logged, never breaks the volunteer's flow. */
  on(listener: TicketListener): void {
    this.listeners.push(listener);
  }

  /** Shorthand for new tickets only. */
  onCreated(listener: (ticket: Ticket) => Promise<void> | void): void {
    this.on((event, ticket) => (event === "created" ? listener(ticket) : undefined));
  }

  async create(input: Pick<Ticket, "question" | "topic" | "region" | "lang" | "origin" | "priority" | "special">): Promise<Ticket> {
    const now = this.clock.now().toISOString();
    const id = `L-${Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;
    const ticket: Ticket = {
      ...input,
      id,
      status: "open",
      createdAt: now,
      updatedAt: now,
      messages: [{ from: "volunteer", text: input.question, at: now }],
      history: [{ status: "open", at: now, by: "volunteer" }],
    };
    // Indices first: a crash before the record leaves an id that loads as nothing, never a ticket nobody finds.
    await this.store.sets("tickets").add(INDEX, id);
    await this.store.sets("tickets").add(byUser(input.origin), id);
    await this.index.enter(id, "open");
    await this.save(ticket);
    await this.index.touch();
    // No question text at info level: the ticket number is the pseudonym.
    this.logger.info({ ticket: id, topic: ticket.topic, region: ticket.region, priority: ticket.priority }, "ticket created");
    await this.emit("created", ticket);
    return ticket;
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.store.ns<Ticket>("tickets").get(id);
  }

  /** Every ticket, closed ones too (export, erasure, statistics): a scan; prefer `inStates`. */
  async all(): Promise<Ticket[]> {
    return this.load(await this.store.sets("tickets").members(INDEX));
  }

  /** The tickets now in these states, read from the per-state index (no scan of closed tickets). */
  inStates(states: readonly TicketStatus[]): Promise<Ticket[]> {
    return this.index.inStates(states);
  }

  /** The tickets that are not closed. */
  active(): Promise<Ticket[]> {
    return this.index.inStates(TICKET_STATES.filter((s) => !CLOSED.has(s)));
  }

  /** Tickets per state, from the index sizes (metrics). */
  countByState(): Promise<Record<string, number>> {
    return this.index.counts(TICKET_STATES);
  }

  /** A value that changes whenever any ticket changes (desk feeds poll it before looking at tickets). */
  changeMarker(): Promise<string> {
    return this.index.marker();
  }

  /** The tickets a volunteer opened (not yet erased). */
  async of(origin: Pick<Address, "platform" | "userId">): Promise<Ticket[]> {
    return (await this.load(await this.store.sets("tickets").members(byUser(origin)))).filter((t) => !t.erased);
  }

  private async load(ids: string[]): Promise<Ticket[]> {
    const tickets = await Promise.all(ids.map((id) => this.get(id)));
    return tickets.filter((t): t is Ticket => t !== undefined);
  }

  /** Finds the ticket shown at an external place (a Slack card or its thread). */
  async byExternal(channel: string, ref: string): Promise<Ticket | undefined> {
    const id = await this.store.ns<string>("tickets").get(`external:${channel}:${ref}`);
    return id ? this.get(id) : undefined;
  }

  async setExternal(id: string, channel: string, ref: string): Promise<void> {
    await this.update(id, (t) => {
      t.external = { channel, ref };
    });
    await this.store.ns<string>("tickets").set(`external:${channel}:${ref}`, id);
  }

  /** Changes the status if the state machine allows it; records who and when. */
  async transition(id: string, to: TicketStatus, by: string, changes: Partial<Pick<Ticket, "claimedBy" | "referredTo">> = {}): Promise<Ticket> {
    const ticket = await this.update(id, (t) => {
      if (t.status === to) return;
      if (!TRANSITIONS[t.status].includes(to)) throw new TicketError(`ticket ${id}: cannot go from ${t.status} to ${to}`);
      Object.assign(t, changes);
      t.status = to;
      t.history.push({ status: to, at: this.clock.now().toISOString(), by });
    });
    this.logger.info({ ticket: id, status: to, by }, "ticket changed");
    await this.emit("changed", ticket);
    return ticket;
  }

  /**
   * A coordinator's answer: stored (for FAQ drafts), the ticket becomes `answered`. `ref` is the
   * platform's id of the message: an answer already stored under it is not stored or relayed again.
   */
  async answer(id: string, text: string, by: string, ref?: string, files = 0): Promise<Ticket> {
    let again = false;
    const ticket = await this.update(id, (t) => {
      if (ref && t.messages.some((m) => m.ref === ref)) return void (again = true);
      if (CLOSED.has(t.status)) throw new TicketError(`ticket ${id} is closed`);
      t.messages.push({ from: "coordinator", text, at: this.clock.now().toISOString(), ...(ref ? { ref } : {}), ...(files ? { files } : {}) });
      if (t.status !== "answered") {
        t.status = "answered";
        t.history.push({ status: "answered", at: this.clock.now().toISOString(), by });
      }
    });
    if (again) return ticket;
    this.logger.info({ ticket: id, status: "answered", by }, "ticket answered");
    await this.emit("answered", ticket, { text, by, files });
    return ticket;
  }

  /** The volunteer writes again (redacted text): back to the coordinators, ticket reopened. */
  async followUp(id: string, text: string): Promise<Ticket> {
    const ticket = await this.update(id, (t) => {
      if (CLOSED.has(t.status)) throw new TicketError(`ticket ${id} is closed`);
      t.messages.push({ from: "volunteer", text, at: this.clock.now().toISOString() });
      if (t.status === "answered") {
        t.status = "claimed";
        t.history.push({ status: "claimed", at: this.clock.now().toISOString(), by: "volunteer" });
      }
    });
    this.logger.info({ ticket: id, status: ticket.status }, "ticket follow-up");
    await this.emit("followUp", ticket, { text });
    return ticket;
  }

  /**
   * Housekeeping: answered tickets idle for `idleDays` are resolved; closed tickets older than
   * `retentionDays` are deleted with everything they held.
   */
  async sweep(idleDays: number, retentionDays: number): Promise<{ closed: number; deleted: number }> {
    const now = this.clock.now().getTime();
    let closed = 0;
    let deleted = 0;
    for (const ticket of await this.inStates(["answered", ...CLOSED])) {
      const idle = now - Date.parse(ticket.updatedAt);
      if (ticket.status === "answered" && idle > idleDays * 86_400_000) {
        await this.transition(ticket.id, "resolved", "system:idle");
        closed++;
      } else if (CLOSED.has(ticket.status) && idle > retentionDays * 86_400_000) {
        await this.remove(ticket);
        deleted++;
      }
    }
    if (closed || deleted) this.logger.info({ closed, deleted }, "tickets swept");
    return { closed, deleted };
  }

  /**
   * The volunteer erased their data: their text becomes `placeholder`, their address a
   * pseudonym; coordinators' answers and the metadata stay. Listeners re-render the ticket.
   */
  async erase(id: string, placeholder: string): Promise<Ticket> {
    const before = await this.get(id);
    if (before) await this.store.sets("tickets").remove(byUser(before.origin), id);
    const ticket = await this.update(id, (t) => {
      t.question = placeholder;
      t.messages = t.messages.map((m) => (m.from === "volunteer" ? { ...m, text: placeholder } : m));
      t.origin = { platform: t.origin.platform, chatId: "erased", userId: "erased" };
      t.erased = true;
    }, false);
    this.logger.info({ ticket: id }, "ticket text erased");
    await this.emit("changed", ticket);
    return ticket;
  }

  /**
   * The volunteer continues elsewhere (a web resume code entered in another browser): answers go to
   * `origin` from now on, and the ticket moves to that volunteer's index (export, erasure).
   */
  async rebindOrigin(id: string, origin: Address): Promise<Ticket> {
    let before: Address | undefined;
    const ticket = await this.update(id, (t) => {
      if (t.erased) throw new TicketError(`ticket ${id} is erased`);
      before = t.origin;
      t.origin = origin;
    }, false);
    if (before) await this.store.sets("tickets").remove(byUser(before), id);
    await this.store.sets("tickets").add(byUser(origin), id);
    // No address at info level: the ticket number is the pseudonym.
    this.logger.info({ ticket: id }, "ticket moved to another session");
    return ticket;
  }

  /** A coordinator erased their data: their id on this ticket becomes `replacement`. */
  async replaceActor(id: string, actor: string, replacement: string): Promise<void> {
    await this.update(id, (t) => {
      if (t.claimedBy === actor) t.claimedBy = replacement;
      t.history = t.history.map((h) => (h.by === actor ? { ...h, by: replacement } : h));
    }, false);
  }

  /** Marks the reminder as given (once per ticket) and tells the listeners (the desks). */
  async remind(id: string): Promise<void> {
    let already = false;
    const ticket = await this.update(id, (t) => {
      if (t.remindedAt) return void (already = true);
      t.remindedAt = this.clock.now().toISOString();
    }, false);
    if (!already) await this.emit("reminder", ticket);
  }

  private async remove(ticket: Ticket): Promise<void> {
    const space = this.store.ns<unknown>("tickets");
    if (ticket.external) await space.delete(`external:${ticket.external.channel}:${ticket.external.ref}`);
    await space.delete(ticket.id);
    await this.store.sets("tickets").remove(INDEX, ticket.id);
    await this.store.sets("tickets").remove(byUser(ticket.origin), ticket.id);
    await this.index.leave(ticket.id, ticket.status);
    await this.index.touch();
  }

  private async update(id: string, change: (t: Ticket) => void, touch = true): Promise<Ticket> {
    return this.store.withLock(`ticket:${id}`, async () => {
      const ticket = await this.get(id);
      if (!ticket) throw new TicketError(`ticket ${id} not found`);
      const before = ticket.status;
      change(ticket);
      if (touch) ticket.updatedAt = this.clock.now().toISOString();
      // The new state's set before the record, the old one's after (see ticket-index.ts).
      if (ticket.status !== before) await this.index.enter(id, ticket.status);
      await this.save(ticket);
      if (ticket.status !== before) await this.index.leave(id, before);
      await this.index.touch();
      return ticket;
    });
  }

  private save(ticket: Ticket): Promise<boolean> {
    return this.store.ns<Ticket>("tickets").set(ticket.id, ticket);
  }

  private async emit(event: TicketEvent, ticket: Ticket, detail?: TicketEventDetail): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event, ticket, detail);
      } catch (error) {
        this.logger.error({ ticket: ticket.id, event, err: errorSummary(error) }, "ticket listener failed");
      }
    }
  }
}
