import type { Lotse } from "../../app.js";
import { addressKey, type Address, type Block } from "../../core/message.js";
import type { DeskFront } from "../../escalation/relay.js";
import type { Ticket, TicketEvent, TicketEventDetail } from "../../escalation/tickets.js";

/**
 * Slack as a front of the coordinators' desk: a card per ticket in the team channel of its region,
 * kept up to date, with the volunteer's follow-ups and the unclaimed reminder in the card's thread.
 * Everything goes through the outbox inside the unit that changed the ticket: it reaches Slack after
 * an outage and never holds up whoever changed the ticket.
 */
export class SlackDeskFront implements DeskFront {
  readonly name = "slack";

  constructor(private readonly lotse: Lotse) {}

  /** Every ticket gets a card: in its region's team channel, or the default one. */
  reaches(): boolean {
    return true;
  }

  async onTicket(event: TicketEvent, ticket: Ticket, detail?: TicketEventDetail): Promise<void> {
    const { lotse } = this;
    const lang = lotse.config.DEFAULT_LANGUAGE;
    if (event === "created") return this.card(ticket, this.channelFor(ticket));
    if (event === "reminder") {
      const text = lotse.t(lang, "slack.reminder", { ticket: ticket.id, hours: lotse.config.TICKET_REMINDER_HOURS });
      await lotse.outbox.enqueue(this.thread(ticket), { lang, blocks: [{ type: "paragraph", spans: [{ text, bold: true }] }] });
      return;
    }
    if (!ticket.external) return; // the card is still queued: it shows the ticket as it is when sent
    if (event === "followUp" && detail?.text) {
      const blocks: Block[] = [{ type: "paragraph", spans: [{ text: lotse.t(lang, "slack.followUp"), bold: true }] }, { type: "paragraph", spans: [{ text: detail.text }] }];
      // The volunteer's (redacted) text: erased with their data if it is still queued.
      await lotse.outbox.enqueue(this.thread(ticket), { lang, blocks }, { subject: addressKey(ticket.origin) });
    }
    await this.card(ticket, ticket.external.channel);
  }

  private channelFor(ticket: Ticket): string {
    const { routing } = this.lotse;
    return routing.route(ticket.region).contact.team_channel ?? routing.contacts.default.team_channel ?? "#lotse";
  }

  /** The card's thread, or its channel while the card is not posted yet. */
  private thread(ticket: Ticket): Address {
    return ticket.external
      ? { platform: "slack", chatId: ticket.external.channel, threadId: ticket.external.ref, userId: "coordinators" }
      : { platform: "slack", chatId: this.channelFor(ticket), userId: "coordinators" };
  }

  private async card(ticket: Ticket, channel: string): Promise<void> {
    const lang = this.lotse.config.DEFAULT_LANGUAGE;
    await this.lotse.outbox.enqueue({ platform: "slack", chatId: channel, userId: "coordinators" }, { lang, blocks: [], meta: { kind: "ticket-card", ticketId: ticket.id } });
  }
}
