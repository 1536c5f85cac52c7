import type { webApi } from "@slack/bolt";
import type { Lotse } from "../../app.js";
import type { Address, Reply } from "../../core/message.js";
import { PermanentDeliveryError, RetryLaterError, type Sender } from "../../core/outbox/outbox.js";
import { regionLabel, topicTitle } from "../../conversation/compose.js";
import type { Ticket } from "../../escalation/tickets.js";
import { ticketCard } from "./card.js";
import { replyToMrkdwn } from "./mrkdwn.js";

/** auth.test errors that mean the token itself is wrong, not that Slack is away. */
export const REJECTED_TOKEN = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"]);
/** Errors Slack answers with HTTP 200 when the trouble is on its side: retrying can fix them. */
const TRANSIENT_SLACK_ERRORS = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

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
        if (reply.meta?.kind === "ephemeral") {
          // A notice for one coordinator (refused, closed, undeliverable): gone when they reload, which is fine.
          await client.chat.postEphemeral({ channel: address.chatId, user: address.userId, text, ...(address.threadId ? { thread_ts: address.threadId } : {}) } as never);
          return;
        }
        await perChannel(address.chatId);
        const posted = await client.chat.postMessage({ channel: address.chatId, thread_ts: address.threadId, text, unfurl_links: false } as never);
        return `${String(posted.channel)}:${String(posted.ts)}`;
      } catch (error) {
        throw translateSlackError(error);
      }
    },
  };
}

function translateSlackError(error: unknown): Error {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  const message = `Slack: ${e.data?.error ?? e.message ?? String(error)}`.slice(0, 200);
  if (e.code === "slack_webapi_rate_limited_error") return new RetryLaterError(message, (e.retryAfter ?? 5) * 1000);
  // A rejected token is the instance's problem, not the message's: keep it for when the token is fixed.
  if (e.code === "slack_webapi_platform_error" && !TRANSIENT_SLACK_ERRORS.has(e.data?.error ?? "") && !REJECTED_TOKEN.has(e.data?.error ?? "")) return new PermanentDeliveryError(message);
  return new Error(message);
}
