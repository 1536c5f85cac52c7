import type { webApi } from "@slack/bolt";
import type { Lotse } from "../../app.js";
import type { Address, Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox/outbox.js";
import { slackDeliveryError } from "../delivery-errors.js";
import { regionLabel, topicTitle } from "../../conversation/compose.js";
import type { Ticket } from "../../escalation/tickets.js";
import { ticketCard } from "./card.js";
import { replyToMrkdwn } from "./render.js";

/**
 * Cards and thread messages go out through the outbox, so they survive a Slack outage and a
 * restart. A card is rendered from the ticket as it is when sent, so the latest state wins.
 * `client` must not retry by itself: the outbox retries durably.
 */
export function slackSender(lotse: Lotse, client: webApi.WebClient, publicUrl?: string): Sender {
  const lang = lotse.config.DEFAULT_LANGUAGE;
  const card = (ticket: Ticket) =>
    ticketCard(ticket, {
      t: lotse.t,
      lang,
      now: lotse.clock.now(),
      topicTitle: ticket.topic ? topicTitle(lotse.knowledge.kb, ticket.topic, lang) : undefined,
      topicUrl: ticket.topic && publicUrl ? `${publicUrl.replace(/\/$/, "")}/kb/${ticket.topic}` : undefined,
      regionLabel: regionLabel(lotse.routing, ticket.region ?? undefined),
    });
  // chat.postMessage: about one message a second per channel, for all instances together (store/rate-windows.ts).
  const perChannel = (channel: string) => lotse.store.sendWithin([{ key: `slack:${channel}`, limit: 1, windowMs: 1100 }]);
  return {
    send: async (address: Address, reply: Reply) => {
      try {
        if (reply.meta?.kind === "ticket-card" && reply.meta.ticketId) {
          const ticket = await lotse.tickets.get(reply.meta.ticketId);
          if (!ticket) return; // deleted meanwhile: nothing to show
          if (ticket.external) {
            await client.chat.update({ channel: ticket.external.channel, ts: ticket.external.ref, ...card(ticket) } as never);
            return;
          }
          await perChannel(address.chatId);
          const posted = await client.chat.postMessage({ channel: address.chatId, ...card(ticket) } as never);
          await lotse.tickets.setExternal(ticket.id, String(posted.channel), String(posted.ts));
          return;
        }
        const text = replyToMrkdwn(reply);
        if (reply.visibility === "recipient") {
          // A notice for one coordinator (refused, closed, undeliverable): gone when they reload, which is fine.
          await client.chat.postEphemeral({ channel: address.chatId, user: address.userId, text, ...(address.threadId ? { thread_ts: address.threadId } : {}) } as never);
          return;
        }
        await perChannel(address.chatId);
        const posted = await client.chat.postMessage({ channel: address.chatId, thread_ts: address.threadId, text, unfurl_links: false } as never);
        return `${String(posted.channel)}:${String(posted.ts)}`;
      } catch (error) {
        throw slackDeliveryError(error);
      }
    },
  };
}
