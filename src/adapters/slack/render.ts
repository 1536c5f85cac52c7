import type { Block, Reply, Span } from "../../core/message.js";
import { splitText } from "../split-text.js";

/**
 * Slack mrkdwn escaping: &, < and > are the only control characters, so escaping them turns
 * <!channel>, <!here>, <@U123> and <https://x|text> in user text into harmless literal text.
 * (Bare "@channel" is only turned into a mention in text objects without `verbatim: true`.)
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * User text for Block Kit sections: escaped, and split into pieces under Slack's 3,000-character
 * limit per section, so that a long question reaches the coordinators whole (a card holds up to
 * 50 blocks; the longest message Lotse accepts needs 7). Pieces end at a space where one is near,
 * and never inside an entity ("&am…" would show as text) or between the halves of an emoji.
 */
export function sectionTexts(text: string, max = 2900): string[] {
  return splitText(escapeMrkdwn(text), max, { spaceAfter: 0.8, dangling: /&[a-z]*$/ });
}

/** Only web links become Slack links; "|" and ">" would end the link syntax early. */
function slackLink(href: string, text: string): string {
  return `<${escapeMrkdwn(href).replace(/\|/g, "%7C")}|${text}>`;
}

function spans(list: Span[]): string {
  return list
    .map((s) => {
      // Message text (not a section): Slack takes 40,000 characters, far above the longest reply.
      let out = escapeMrkdwn(s.text);
      if (s.href && /^https?:\/\//i.test(s.href)) out = slackLink(s.href, out);
      return s.bold ? `*${out}*` : out;
    })
    .join("");
}

function block(b: Block): string {
  switch (b.type) {
    case "list":
      return b.items.map((item) => `• ${spans(item)}`).join("\n");
    case "more":
      return [`*${escapeMrkdwn(b.title)}*`, ...b.blocks.map(block)].join("\n\n");
    default:
      return spans(b.spans);
  }
}

/** A reply as the text of one Slack message (thread replies, reminders, meeting announcements). */
export function replyToMrkdwn(reply: Reply): string {
  const parts = reply.blocks.map(block);
  const links = (reply.links ?? []).filter((l) => /^https?:\/\//i.test(l.url)).map((l) => `• ${slackLink(l.url, escapeMrkdwn(l.title))}`);
  if (links.length) parts.push(links.join("\n"));
  return parts.join("\n\n");
}
