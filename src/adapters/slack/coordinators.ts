import type { webApi } from "@slack/bolt";
import type { Coordinator } from "../../escalation/desk.js";
import type { Ticket } from "../../escalation/tickets.js";

const MEMBERS_TTL_MS = 5 * 60_000;

/**
 * Who may act on a ticket from Slack: the members of the channel its card is in, and the users
 * configured in SLACK_COORDINATORS. Channel members are asked of Slack and kept for five minutes,
 * so a burst of presses costs one call.
 */
export class SlackCoordinators {
  private readonly members = new Map<string, { at: number; ids: Set<string> }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly configured: readonly string[] = [],
  ) {}

  isConfigured(user: string): boolean {
    return this.configured.includes(user);
  }

  async mayAct(user: string, channel: string): Promise<boolean> {
    if (this.isConfigured(user)) return true;
    const cached = this.members.get(channel);
    if (cached && Date.now() - cached.at < MEMBERS_TTL_MS) return cached.ids.has(user);
    const result = await this.client.conversations.members({ channel });
    const ids = new Set((result.members as string[] | undefined) ?? []);
    this.members.set(channel, { at: Date.now(), ids });
    return ids.has(user);
  }

  /** A coordinator acting from a card or thread in `channel`: only that channel's tickets, so a forged ticket id from elsewhere finds nothing. */
  at(user: string, channel: string | undefined): Coordinator {
    return { id: user, sees: async (ticket: Ticket) => !!channel && ticket.external?.channel === channel && this.mayAct(user, channel) };
  }

  /** A coordinator using `/lotse`: the tickets of every channel they belong to. */
  anywhere(user: string): Coordinator {
    return { id: user, sees: async (ticket: Ticket) => !!ticket.external && this.mayAct(user, ticket.external.channel) };
  }
}
