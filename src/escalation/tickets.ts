import { randomInt } from "node:crypto";
import type { Clock } from "../core/clock.js";
import type { Address } from "../core/message.js";
import type { Logger } from "../logger.js";
import { listAdd, type Store } from "../store/store.js";

/**
 * A hand-over to the hauptamtliche Ansprechperson. This issue records tickets; delivering
 * them to the coordinators' Slack is the escalation adapter's job, which subscribes here.
 */

export type TicketStatus = "open" | "claimed" | "answered" | "waiting_on_volunteer" | "resolved" | "referred";

export interface Ticket {
  id: string;
  status: TicketStatus;
  priority: "normal" | "urgent";
  question: string;
  topic: string | null;
  region: string | null;
  lang: string;
  origin: Address;
  createdAt: string;
  history: { status: TicketStatus; at: string; by: string }[];
}

export type TicketListener = (ticket: Ticket) => Promise<void> | void;

// No 0/O, 1/I/L: ticket numbers are read out on the phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export class Tickets {
  private readonly listeners: TicketListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onCreated(listener: TicketListener): void {
    this.listeners.push(listener);
  }

  async create(input: Pick<Ticket, "question" | "topic" | "region" | "lang" | "origin" | "priority">): Promise<Ticket> {
    const now = this.clock.now().toISOString();
    const id = `L-${Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")}`;
    const ticket: Ticket = { ...input, id, status: "open", createdAt: now, history: [{ status: "open", at: now, by: "volunteer" }] };
    await this.store.ns<Ticket>("tickets").set(id, ticket);
    await listAdd(this.store, "tickets", "open", id);
    // No question text at info level: the ticket number is the pseudonym.
    this.logger.info({ ticket: id, topic: ticket.topic, region: ticket.region, priority: ticket.priority }, "ticket created");
    for (const listener of this.listeners) {
      try {
        await listener(ticket);
      } catch (error) {
        this.logger.error({ ticket: id, err: (error as Error).message }, "ticket listener failed");
      }
    }
    return ticket;
  }

  get(id: string): Promise<Ticket | undefined> {
    return this.store.ns<Ticket>("tickets").get(id);
  }
}
