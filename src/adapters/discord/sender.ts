import { Routes, type REST } from "discord.js";
import type { Address, Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox/outbox.js";
import type { Translate } from "../../i18n/i18n.js";
import { discordDeliveryError } from "../delivery-errors.js";
import { renderDiscordParts } from "./render.js";
import { partsInMemory, partsKey, type PartsDelivered } from "../parts-delivered.js";

/**
 * Delivers outbox messages to Discord over REST: announcements and reminders to channels, answers
 * in direct messages. Mentions are never parsed, except the one configured announcement role.
 * discord.js's REST client waits out 429s by itself; other failures are classified in
 * delivery-errors.ts.
 */
export class DiscordSender implements Sender {
  private readonly announceRoleId: string | undefined;
  private readonly progress: PartsDelivered;
  private readonly token: string | undefined;

  constructor(
    private readonly rest: REST,
    private readonly t: Translate,
    options: {
      /** A role pinged with meeting reminders (the only mention Lotse ever allows). */
      announceRoleId?: string;
      /** Parts of a split message already delivered, so a retry does not send them twice. */
      progress?: PartsDelivered;
      /** The bot token, set again before each send: discord.js forgets it after any 401. */
      token?: string;
    } = {},
  ) {
    this.announceRoleId = options.announceRoleId;
    this.progress = options.progress ?? partsInMemory();
    this.token = options.token;
  }

  async send(address: Address, reply: Reply): Promise<string | undefined> {
    const parts = renderDiscordParts(reply, this.t(reply.lang, "web.sources"));
    // After a 401 (a token revoked for a moment, a proxy's hiccup) discord.js drops the token, and
    // every later send would fail until a restart; with it set again, a retry can succeed.
    if (this.token) this.rest.setToken(this.token);
    try {
      // A private address (chat = user) is delivered as a direct message.
      const channel = address.chatId === address.userId ? await this.directChannel(address.userId) : (address.threadId ?? address.chatId);
      if (this.announceRoleId && reply.meta?.kind === "reminder") {
        // Only the configured role may be pinged; user text never pings anyone.
        Object.assign(parts[0]!, { content: `<@&${this.announceRoleId}>`, allowed_mentions: { parse: [], roles: [this.announceRoleId] } });
      }
      const [refChannel, refMessage] = reply.replaces?.split(":") ?? [];
      if (refChannel === channel && refMessage && parts.length === 1) {
        await this.rest.patch(Routes.channelMessage(channel, refMessage), { body: parts[0] });
        return reply.replaces;
      }
      // A long reply goes out in parts; a retry continues after the last part that went out.
      const key = partsKey(address, reply);
      const done = parts.length > 1 ? ((await this.progress.get(key)) ?? 0) : 0;
      let last: string | undefined;
      for (let i = done; i < parts.length; i++) {
        const final = i === parts.length - 1;
        const files = final && reply.attachment ? [{ name: reply.attachment.name, data: Buffer.from(reply.attachment.content, "utf8"), contentType: reply.attachment.mime }] : undefined;
        const message = (await this.rest.post(Routes.channelMessages(channel), { body: parts[i], ...(files ? { files } : {}) })) as { id: string };
        last = `${channel}:${message.id}`;
        if (parts.length > 1) await this.progress.set(key, i + 1);
      }
      if (parts.length > 1) await this.progress.delete(key);
      return last;
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
