import { Routes, type REST } from "discord.js";
import type { Address, Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox/outbox.js";
import type { Translate } from "../../i18n/i18n.js";
import { discordDeliveryError } from "../delivery-errors.js";
import { renderDiscord } from "./render.js";

/**
 * Delivers outbox messages to Discord over REST: announcements and reminders to channels, answers
 * in direct messages. Mentions are never parsed, except the one configured announcement role.
 * discord.js's REST client waits out 429s by itself; other failures are classified in
 * delivery-errors.ts.
 */
export class DiscordSender implements Sender {
  constructor(
    private readonly rest: REST,
    private readonly t: Translate,
    /** A role pinged with meeting reminders (the only mention Lotse ever allows). */
    private readonly announceRoleId?: string,
  ) {}

  async send(address: Address, reply: Reply): Promise<string | undefined> {
    const payload = renderDiscord(reply, this.t(reply.lang, "web.sources"));
    try {
      // A private address (chat = user) is delivered as a direct message.
      const channel = address.chatId === address.userId ? await this.directChannel(address.userId) : (address.threadId ?? address.chatId);
      if (this.announceRoleId && reply.meta?.kind === "reminder") {
        // Only the configured role may be pinged; user text never pings anyone.
        Object.assign(payload, { content: `<@&${this.announceRoleId}>`, allowed_mentions: { parse: [], roles: [this.announceRoleId] } });
      }
      const [refChannel, refMessage] = reply.replaces?.split(":") ?? [];
      if (refChannel === channel && refMessage) {
        await this.rest.patch(Routes.channelMessage(channel, refMessage), { body: payload });
        return reply.replaces;
      }
      const files = reply.attachment ? [{ name: reply.attachment.name, data: Buffer.from(reply.attachment.content, "utf8"), contentType: reply.attachment.mime }] : undefined;
      const message = (await this.rest.post(Routes.channelMessages(channel), { body: payload, ...(files ? { files } : {}) })) as { id: string };
      return `${channel}:${message.id}`;
    } catch (error) {
      throw discordDeliveryError(error);
    }
  }

  /** In a direct message the chat is the user (a private context); in a server, the channel. */
  private async directChannel(userId: string): Promise<string> {
    const dm = (await this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    return dm.id;
  }
}
