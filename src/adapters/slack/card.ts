import type { Ticket } from "../../escalation/tickets.js";
import { SERVICES } from "../../escalation/desk.js";
import type { Translate } from "../../i18n/i18n.js";
import { escapeMrkdwn, sectionTexts } from "./render.js";

/** Action ids of the ticket card; the value of each button is the ticket id, checked on every press. */
export const ACTIONS = {
  claim: "lotse_claim",
  answer: "lotse_answer",
  refer: "lotse_refer",
  faq: "lotse_faq",
  close: "lotse_close",
} as const;

export const ANSWER_MODAL = "lotse_answer_modal";

export interface CardContext {
  t: Translate;
  lang: string;
  now: Date;
  topicTitle?: string;
  topicUrl?: string;
  regionLabel?: string;
}

/** The ticket card in the team channel (Block Kit). Rebuilt from the ticket on every change. */
export function ticketCard(ticket: Ticket, ctx: CardContext): { text: string; blocks: unknown[] } {
  const { t, lang } = ctx;
  const waitingMinutes = Math.max(0, Math.round((ctx.now.getTime() - Date.parse(ticket.createdAt)) / 60_000));
  const waiting = waitingMinutes < 120 ? t(lang, "slack.minutes", { count: waitingMinutes }) : t(lang, "slack.hours", { count: Math.round(waitingMinutes / 60) });
  const status = t(lang, `slack.status.${ticket.status}`);
  const topic = ctx.topicTitle ? (ctx.topicUrl ? `<${ctx.topicUrl}|${escapeMrkdwn(ctx.topicTitle)}>` : escapeMrkdwn(ctx.topicTitle)) : t(lang, "slack.noTopic");
  const fields = [
    `*${t(lang, "slack.topic")}:* ${topic}`,
    `*${t(lang, "slack.region")}:* ${escapeMrkdwn(ctx.regionLabel ?? t(lang, "slack.unknownRegion"))}`,
    `*${t(lang, "slack.language")}:* ${escapeMrkdwn(ticket.lang)}`,
    `*${t(lang, "slack.waiting")}:* ${waiting}`,
    `*${t(lang, "slack.statusLabel")}:* ${status}${ticket.claimedBy ? ` (<@${escapeMrkdwn(ticket.claimedBy)}>)` : ""}`,
  ];
  if (ticket.referredTo) fields.push(`*${t(lang, "slack.referredTo")}:* ${escapeMrkdwn(t(lang, `referral.${ticket.referredTo}.name`))}`);
  const closed = ticket.status === "resolved" || ticket.status === "referred";
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: `${ticket.priority === "urgent" ? "🔴 " : ""}${t(lang, "slack.ticket")} ${ticket.id}`.slice(0, 150) } },
    // verbatim: without it Slack turns a bare "@channel" or "@here" in the volunteer's text into a real mention.
    ...sectionTexts(ticket.question).map((text) => ({ type: "section", text: { type: "mrkdwn", text, verbatim: true } })),
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text, verbatim: true })) },
  ];
  if (ticket.special) blocks.splice(1, 0, { type: "context", elements: [{ type: "mrkdwn", text: `⚠️ ${t(lang, "slack.special")}` }] });
  if (!closed) {
    blocks.push({
      type: "actions",
      block_id: `ticket:${ticket.id}`,
      elements: [
        ...(ticket.status === "open" ? [{ type: "button", action_id: ACTIONS.claim, text: { type: "plain_text", text: t(lang, "slack.claim") }, style: "primary", value: ticket.id }] : []),
        { type: "button", action_id: ACTIONS.answer, text: { type: "plain_text", text: t(lang, "slack.answer") }, value: ticket.id },
        {
          type: "static_select",
          action_id: ACTIONS.refer,
          placeholder: { type: "plain_text", text: t(lang, "slack.refer") },
          options: SERVICES.map((s) => ({ text: { type: "plain_text", text: t(lang, `referral.${s}.name`).slice(0, 75) }, value: `${ticket.id}|${s}` })),
        },
        { type: "button", action_id: ACTIONS.faq, text: { type: "plain_text", text: t(lang, "slack.faq") }, value: ticket.id },
        { type: "button", action_id: ACTIONS.close, text: { type: "plain_text", text: t(lang, "slack.close") }, style: "danger", value: ticket.id },
      ],
    });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: t(lang, "slack.threadHint") }] });
  return { text: `${t(lang, "slack.ticket")} ${ticket.id}: ${status}`, blocks };
}

export function answerModal(ticketId: string, channel: string, t: Translate, lang: string): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: ANSWER_MODAL,
    private_metadata: JSON.stringify({ ticket: ticketId, channel }),
    title: { type: "plain_text", text: t(lang, "slack.modalTitle").slice(0, 24) },
    submit: { type: "plain_text", text: t(lang, "slack.send") },
    close: { type: "plain_text", text: t(lang, "slack.cancel") },
    blocks: [
      {
        type: "input",
        block_id: "answer",
        label: { type: "plain_text", text: t(lang, "slack.answerLabel", { ticket: ticketId }) },
        element: { type: "plain_text_input", action_id: "text", multiline: true, max_length: 3000 },
      },
    ],
  };
}
