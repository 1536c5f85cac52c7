import { plainEcho } from "../../core/sanitize.js";

/**
 * A coordinator's Slack message, for the volunteer: Slack's own encoding becomes the neutral
 * Markdown subset the core renders on every platform. Entities are decoded, links keep their
 * label and address, mentions of people and user groups become the coordinator's role (a Slack
 * id means nothing to a volunteer and must not leak), channels their name, and @here/@channel
 * vanish. Bold stays bold; italics, strike-through and code lose only their markers.
 */
export function slackToMarkdown(text: string, names: { person: string; channel: string }): string {
  const decoded = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = "", label] = splitLabel(inner);
    if (target.startsWith("@")) return names.person;
    if (target.startsWith("!subteam^")) return names.person;
    if (target.startsWith("#")) return label ? `#${entities(label)}` : names.channel;
    if (target.startsWith("!date^")) return entities(label ?? "");
    if (target.startsWith("!")) return REMOVED;
    const url = entities(target);
    if (!/^(https?:|mailto:)/i.test(url)) return entities(label ?? target);
    const shown = entities(label ?? url.replace(/^mailto:/i, ""));
    return shown === url ? url : `[${escapeBrackets(shown)}](${url.replace(/\)/g, "%29")})`;
  });
  const formatted = entities(decoded)
    .replace(/```([\s\S]*?)```/g, "$1")
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,!?:;]|$)/g, "$1**$2**")
    .replace(/(^|[\s(])_([^_\n]+)_(?=[\s).,!?:;]|$)/g, "$1$2")
    .replace(/(^|[\s(])~([^~\n]+)~(?=[\s).,!?:;]|$)/g, "$1$2");
  return plainEcho(formatted).replace(/ ?\u0000/g, "").replace(/[ \t]{2,}/g, " ").trim();
}

/** Where @here or @channel stood: removed with the space before it ("… Beratung <!channel>." → "… Beratung."). */
const REMOVED = "\u0000";

/** "target|label" (the label may itself contain "|"). */
function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf("|");
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}

function entities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function escapeBrackets(text: string): string {
  return text.replace(/[[\]]/g, (c) => `\\${c}`);
}
