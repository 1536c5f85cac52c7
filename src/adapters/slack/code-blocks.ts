import { escapeMrkdwn } from "./render.js";

/** Slack accepts at most five messages through one response_url. */
export const RESPONSES_PER_URL = 5;
/** Slack advises at most 4,000 characters of text per message (some room is left for an intro line)... */
const READABLE = 3_500;
/** ...and cuts a message's text after 40,000. */
const MAX = 39_000;
/** Lines longer than this are cut into pieces of this many characters (whole code points); escaped, a piece is at most five times as long ("&" -> "&amp;"). */
const PIECE = 100;

/**
 * A text (the `/lotse my_data` JSON) as mrkdwn code blocks, one per message, so that nothing is
 * cut off. Parts stay readable (≤ 3,500 characters) when `messages` of them suffice, else they
 * grow up to Slack's limit; only beyond that are there more than `messages` parts. Cuts fall
 * between lines (or between pieces of a very long line), never inside an entity such as "&amp;":
 * every block is complete, and the unescaped contents, concatenated, are the text again (less
 * the newline at each cut, which JSON does not need).
 */
export function codeBlocks(text: string, messages = RESPONSES_PER_URL): string[] {
  const units = text
    .split(/(?<=\n)/) // lines, each with its newline
    .flatMap((line) => (line.length <= PIECE ? [line] : (line.match(new RegExp(`.{1,${PIECE}}`, "gsu")) ?? [])))
    .map(escapeMrkdwn);
  const total = units.reduce((sum, unit) => sum + unit.length, 0);
  // Every part but the last ends up longer than size - 5 * PIECE, so with this size `messages` parts hold it all.
  const size = Math.min(MAX, Math.max(READABLE, Math.ceil(total / messages) + 5 * PIECE));
  const parts: string[] = [];
  let current = "";
  for (const unit of units) {
    if (current && current.length + unit.length > size) {
      parts.push(current);
      current = "";
    }
    current += unit;
  }
  parts.push(current);
  return parts.map((part) => `\`\`\`${part.replace(/\n$/, "")}\`\`\``);
}
