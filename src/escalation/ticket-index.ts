import { randomUUID } from "node:crypto";
import type { Store } from "../store/store.js";
import type { Ticket, TicketStatus } from "./ticket-model.js";

/**
 * The tickets' indices beside the records: a set of ids per state, and a change marker.
 *
 * Tickets stay for their retention period after they close, so over months most of them are
 * closed. The sweeps, the reminders, the desks and the digest only want the open ones: they read
 * the sets of those states instead of every ticket. The desk feed polls the store every few
 * seconds; it first reads the change marker and only looks at tickets when it moved.
 *
 * Order of writes, so that a crash between two of them never hides a ticket: a ticket is added to
 * its new state's set before the record is saved, and leaves the old state's set after. A crash in
 * between leaves it in both sets; readers filter by the record's real status, so that costs a read,
 * never a wrong answer.
 */

const INDEX_VERSION = "1";
const stateKey = (status: TicketStatus) => `state:${status}`;
const VERSION_KEY = "tickets:index-version";
const MARKER_KEY = "tickets:changed";

export class TicketIndex {
  private ready?: Promise<void>;

  constructor(
    private readonly store: Store,
    /** Every ticket id (the index that existed before the per-state sets). */
    private readonly allIds: () => Promise<string[]>,
    private readonly load: (ids: string[]) => Promise<Ticket[]>,
  ) {}

  /** Before saving a ticket in `to`: it joins that state's set. */
  enter(id: string, to: TicketStatus): Promise<void> {
    return this.store.sets("tickets").add(stateKey(to), id);
  }

  /** After the ticket was saved in another state (or deleted): it leaves the old state's set. */
  leave(id: string, from: TicketStatus): Promise<void> {
    return this.store.sets("tickets").remove(stateKey(from), id);
  }

  /** After any saved change: moves the marker the desk feeds poll. Any new value will do. */
  touch(): Promise<unknown> {
    return this.store.ns<string>("meta").set(MARKER_KEY, randomUUID());
  }

  /** The marker's current value (read it BEFORE reading tickets, so a change in between is seen next time). */
  async marker(): Promise<string> {
    return (await this.store.ns<string>("meta").get(MARKER_KEY)) ?? "";
  }

  /** The tickets now in any of these states (read from their sets, checked against the records). */
  async inStates(states: readonly TicketStatus[]): Promise<Ticket[]> {
    await this.ensure();
    const ids = new Set<string>();
    for (const status of states) for (const id of await this.store.sets("tickets").members(stateKey(status))) ids.add(id);
    const wanted = new Set(states);
    return (await this.load([...ids])).filter((t) => wanted.has(t.status));
  }

  /**
   * How many ids each state's set holds (metrics), without loading tickets: a ticket a crash left in
   * two sets counts in both, so each figure is an upper bound.
   */
  async counts(states: readonly TicketStatus[]): Promise<Record<string, number>> {
    await this.ensure();
    const counts: Record<string, number> = {};
    for (const status of states) counts[status] = (await this.store.sets("tickets").members(stateKey(status))).length;
    return counts;
  }

  /**
   * Tickets stored before the state sets existed get into them once per store (any instance may
   * do it; adding twice changes nothing).
   */
  private ensure(): Promise<void> {
    this.ready ??= (async () => {
      const meta = this.store.ns<string>("meta");
      if ((await meta.get(VERSION_KEY)) === INDEX_VERSION) return;
      for (const ticket of await this.load(await this.allIds())) await this.enter(ticket.id, ticket.status);
      await meta.set(VERSION_KEY, INDEX_VERSION);
    })().catch((error: unknown) => {
      this.ready = undefined; // try again on the next read
      throw error;
    });
    return this.ready;
  }
}
