import type { Block, Reply, Span } from "../../core/message.js";

/**
 * Slack mrkdwn escaping: &, < and > are the only control characters, so escaping them turns
 * <!channel>, <!here>, <@U123> and <https://x|text> in user text into harmless literal text.
 * (Bare "@channel" is only turned into a mention in text objects without `verbatim: true`.)
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text for a Block Kit section: escaped and cut to Slack's 3,000-character limit. */
export function sectionText(text: string, max = 2900): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  // Cut neither inside an entity ("&am…" would show as text) nor between the halves of an emoji.
  return `${escaped.slice(0, max).replace(/&[a-z]*$/, "").replace(/[\ud800-\udbff]$/, "")}…`;
}

/** Only web links become Slack links; "|" and ">" would end the link syntax early. */
function slackLink(href: string, text: string): string {
  return `<${escapeMrkdwn(href).replace(/\|/g, "%7C")}|${text}>`;
}

function spans(list: Span[]): string {
  return list
    .map((s) => {
      let out = sectionText(s.text);
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
