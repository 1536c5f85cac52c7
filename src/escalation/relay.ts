import type { Address, Reply } from "../core/message.js";
import type { Logger } from "../logger.js";
import type { Ticket, TicketEvent, TicketEventDetail, Tickets } from "./tickets.js";
import { errorSummary } from "../core/errors.js";

/**
 * Every ticket listener, in one place. Tickets change inside a unit of work (the volunteer's
 * message, a coordinator's action); what the change sets off is queued in that same unit, so it
 * happens once per cause:
 * - created, follow-up, changed, reminder → every desk front-end (Slack cards, the web desk, mail);
 * - answered → the volunteer, on their own platform, through the outbox.
 */

/** A front-end of the coordinators' desk. */
export interface DeskFront {
  readonly name: string;
  /**
   * Shows a change. Runs inside the unit that made it: queue through the outbox, or defer live
   * pushes until the unit commits (`currentUnitAfterCommit`), or a rolled-back change would show.
   */
  onTicket(event: TicketEvent, ticket: Ticket, detail?: TicketEventDetail): Promise<void> | void;
  /** Whether a coordinator at this front can see tickets of this region (null: region unknown). */
  reaches(region: string | null): Promise<boolean> | boolean;
}

export interface RelayDeps {
  tickets: Tickets;
  logger: Logger;
  /** Queues a reply for a volunteer (the outbox). */
  enqueue: (address: Address, reply: Reply) => Promise<unknown>;
  /** The volunteer's view of a coordinator's answer, in their language (the assistant). */
  answerFromCoordinator: (ticket: Ticket, text: string, files: number) => Promise<Reply>;
}

export class Relay {
  private readonly fronts: DeskFront[] = [];

  constructor(private readonly deps: RelayDeps) {
    deps.tickets.on((event, ticket, detail) => this.relay(event, ticket, detail));
  }

  add(front: DeskFront): void {
    this.fronts.push(front);
  }

  /** The names of the front-ends switched on (for the start-up log). */
  get frontNames(): string[] {
    return this.fronts.map((f) => f.name);
  }

  /** Whether any coordinator can see a hand-over from this region: if not, the volunteer is told the contact's own route. */
  async reachable(region: string | null): Promise<boolean> {
    for (const front of this.fronts) if (await front.reaches(region)) return true;
    return false;
  }

  private async relay(event: TicketEvent, ticket: Ticket, detail?: TicketEventDetail): Promise<void> {
    if (event === "answered") {
      if (ticket.erased || (!detail?.text && !detail?.files)) return;
      await this.deps.enqueue(ticket.origin, await this.deps.answerFromCoordinator(ticket, detail.text ?? "", detail.files ?? 0));
    }
    // Each front on its own: one failing (a bad channel name) must not keep the others from showing it.
    for (const front of this.fronts) {
      try {
        await front.onTicket(event, ticket, detail);
      } catch (error) {
        this.deps.logger.error({ ticket: ticket.id, event, front: front.name, err: errorSummary(error) }, "desk front failed");
      }
    }
  }
}
