import { errorSummary } from "../../core/errors.js";
import { plainEcho } from "../../core/sanitize.js";
import { eraseCoordinatorData } from "../../escalation/coordinator-data.js";
import { currentUnitAfterCommit } from "../../store/unit.js";
import type { Ticket } from "../../escalation/tickets.js";
import { ACTIONS, ANSWER_MODAL, answerModal } from "./card.js";
import { slackToMarkdown } from "./decode.js";
import { ERASE_ACTION } from "./erase-confirmation.js";
import type { SlackContext } from "./context.js";

/** Thread replies relayed to the volunteer: plain ones, those also sent to the channel, those with a file. */
const RELAYED_SUBTYPES = new Set(["thread_broadcast", "file_share"]);

interface SlackMessageEvent {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  thread_ts?: string;
  ts: string;
  parent_user_id?: string;
  files?: unknown[];
}

/**
 * Slack events and interactions, translated into desk actions. Who may act on which ticket is the
 * desk's question (coordinators.ts says who a Slack user is there); what it refuses becomes an
 * ephemeral notice. Each handler runs once per Slack cause (SlackContext.once).
 */
export function registerSlackHandlers(ctx: SlackContext): void {
  const { app, lotse, t, coordinators } = ctx;

  app.event("message", async ({ event }) => {
    const message = event as SlackMessageEvent;
    // Replies in a thread, also those sent to the channel too or with a file; never the bot's own.
    if ((message.subtype && !RELAYED_SUBTYPES.has(message.subtype)) || message.bot_id || !message.user || message.user === ctx.botUserId() || !message.thread_ts || message.thread_ts === message.ts) return;
    const files = message.files?.length ?? 0;
    const raw = (message.text ?? "").trim();
    if ((!raw && !files) || /^note:/i.test(raw)) return; // internal notes stay in Slack
    const { user, channel } = message as SlackMessageEvent & { user: string };
    // Channel and ts identify the message itself: every retry of the event carries them.
    await ctx.once(`msg:${channel}:${message.ts}`, async () => {
      const ticket = await lotse.tickets.byExternal(channel, message.thread_ts!);
      if (!ticket) {
        // A thread under a card of ours whose ticket is gone (deleted after its retention time).
        if (message.parent_user_id && message.parent_user_id === ctx.botUserId()) await ctx.notice(channel, user, t("slack.ticketGone"), message.thread_ts);
        return;
      }
      const text = slackToMarkdown(raw, mentionNames(ctx, ticket));
      await ctx.atDesk({ channel, user, thread: message.thread_ts }, () => lotse.desk.answer(coordinators.at(user, channel), ticket.id, text, { ref: `slack:${channel}:${message.ts}`, files }));
    });
  });

  const action = (id: string, handle: (ticketId: string, where: { channel: string | undefined; user: string }, extra: string, triggerId: string) => Promise<unknown>) =>
    app.action(id, async ({ ack, body, action: pressed }) => {
      await ack();
      const b = body as unknown as { user: { id: string }; channel?: { id: string }; trigger_id?: string };
      const raw = "value" in pressed && typeof pressed.value === "string" ? pressed.value : "selected_option" in pressed ? String((pressed as { selected_option?: { value?: string } }).selected_option?.value ?? "") : "";
      const [ticketId = "", extra = ""] = raw.split("|");
      const where = { channel: b.channel?.id, user: b.user.id };
      // Slack does not retry a button press, but a replayed request (within the signature's 5 minutes) must not act twice.
      await ctx.once(`action:${b.trigger_id ?? (pressed as { action_ts?: string }).action_ts ?? ""}:${id}`, async () => {
        await ctx.atDesk(where, () => handle(ticketId, where, extra, String(b.trigger_id)));
      });
    });
  const at = (where: { channel: string | undefined; user: string }) => coordinators.at(where.user, where.channel);

  action(ACTIONS.claim, (id, where) => lotse.desk.claim(at(where), id));
  action(ACTIONS.answer, async (id, where, _extra, triggerId) => {
    const ticket = await lotse.desk.ticket(at(where), id);
    // A modal opens only within 3 s of the press (its trigger): called at once, after the unit's commit.
    const view = answerModal(ticket.id, ticket.external!.channel, lotse.t, ctx.lang);
    currentUnitAfterCommit(() => void app.client.views.open({ trigger_id: triggerId, view: view as never }).catch((error: unknown) => lotse.logger.warn({ err: errorSummary(error) }, "slack answer modal failed")));
  });
  action(ACTIONS.refer, (id, where, service) => lotse.desk.refer(at(where), id, service));
  action(ACTIONS.faq, async (id, where) => {
    await lotse.desk.suggestFaq(at(where), id);
    await ctx.notice(where.channel, where.user, t("slack.faqSaved", { ticket: id }));
  });
  action(ACTIONS.close, (id, where) => lotse.desk.close(at(where), id));

  app.view(ANSWER_MODAL, async ({ ack, view, body }) => {
    const text = String((view.state.values.answer?.text as { value?: string } | undefined)?.value ?? "").trim();
    if (!text) {
      await ack({ response_action: "errors", errors: { answer: t("slack.emptyAnswer") } } as never);
      return;
    }
    await ack();
    let meta: { ticket?: string; channel?: string } = {};
    try {
      meta = JSON.parse(view.private_metadata) as typeof meta;
    } catch {
      return;
    }
    const where = { channel: meta.channel, user: body.user.id };
    // The modal's plain text input carries no Slack markup, but may carry invisible controls.
    const answer = plainEcho(text);
    // A submitted view is submitted once: its id is the cause (a replayed submission finds it done).
    await ctx.once(`view:${view.id}`, async () => {
      await ctx.atDesk(where, async () => {
        const ticket = await lotse.desk.answer(at(where), meta.ticket ?? "", answer, { ref: `slack-view:${view.id}` });
        // The thread keeps the record of what the volunteer received.
        await lotse.outbox.enqueue(
          { platform: "slack", chatId: ticket.external!.channel, threadId: ticket.external!.ref, userId: "coordinators" },
          { lang: ctx.lang, blocks: [{ type: "paragraph", spans: [{ text: t("slack.answerSent"), bold: true }] }, { type: "paragraph", spans: [{ text: answer }] }] },
        );
      });
    });
  });

  app.action(ERASE_ACTION, async ({ ack, body, respond }) => {
    await ack();
    // The user comes from Slack's signed payload, never from the button's value.
    const b = body as { user: { id: string }; channel?: { id?: string }; container?: { channel_id?: string }; trigger_id?: string };
    const user = b.user.id;
    let tickets = 0;
    await ctx.once(`erase:${b.trigger_id ?? user}`, async () => {
      tickets = await eraseCoordinatorData(lotse, user);
    });
    lotse.logger.info({ tickets }, "coordinator data erased");
    // The data is gone either way; only the notice may fail. Some surfaces send no response_url
    // (Bolt then gives no respond), and an expired one makes respond throw: then an ephemeral
    // message in the channel, if there is one. Never a 500 for an erasure that happened.
    const text = t("slack.deleted", { tickets });
    const responded = respond ? await respond({ response_type: "ephemeral", replace_original: true, text }).then(() => true, () => false) : false;
    const channel = b.channel?.id ?? b.container?.channel_id;
    if (responded || !channel) return;
    // The outbox's client fails at once: Slack is still waiting for this request's answer (processBeforeResponse).
    await ctx.outboxClient.chat.postEphemeral({ channel, user, text }).catch((error: unknown) => {
      lotse.logger.warn({ err: errorSummary(error) }, "slack erasure notice failed");
    });
  });
}

/** How mentions in a coordinator's message are shown to the volunteer: the contact's role, the team channel. */
function mentionNames(ctx: SlackContext, ticket: Ticket): { person: string; channel: string } {
  const contact = ctx.lotse.routing.route(ticket.region).contact;
  return { person: contact.role, channel: ctx.lotse.t(ticket.lang, "slack.teamChannel") };
}
