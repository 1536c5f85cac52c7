import type { Block, Button, Reply, Span } from "../../core/message.js";
import { isolateForRtl } from "../../core/bidi.js";
import { foldMore } from "../../core/fold.js";
import { splitText } from "../split-text.js";

/**
 * Reply -> Discord message: an embed (title, description, source fields) and button rows.
 * All text is markdown-escaped, and every message is sent with allowed_mentions {parse: []},
 * so "@everyone", role and user mentions in user text ping nobody; masked links only come
 * from the knowledge base.
 */

const MAX_DESCRIPTION = 4000;
const MAX_BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;

/**
 * Characters Discord's markdown reacts to anywhere in a line: formatting, code, spoilers, quotes,
 * headings, masked links ("["), and "<" / "@" for mentions, channels, timestamps and custom emoji.
 */
const INLINE_MARKUP = /[\\*_~`|<>@[\]#]/g;
/** List markers count only at the start of a line ("- a", "+ a", "1. a", "1) a"); [ \t]*, not \s*, keeps long blank runs linear. */
const LINE_START_MARKUP = /^([ \t]*)(?:([-+])|(\d+)([.)]))/gm;

/**
 * User text as literal Discord text. A backslash before punctuation is Discord's own escape, so
 * what readers see (and copy) is exactly the input: no zero-width characters are inserted.
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(INLINE_MARKUP, "\\$&")
    .replace(LINE_START_MARKUP, (_, space: string, bullet?: string, digits?: string, dot?: string) => (bullet ? `${space}\\${bullet}` : `${space}${digits}\\${dot}`));
}

/** Wraps text in "**" or "*", keeping edge whitespace outside: Discord ignores "* text *" and shows "****". */
function wrap(marker: string, text: string): string {
  const core = text.trim();
  if (!core) return text;
  const start = text.length - text.trimStart().length;
  return `${text.slice(0, start)}${marker}${core}${marker}${text.slice(start + core.length)}`;
}

function spans(list: Span[]): string {
  return list
    .map((s) => {
      let out = escapeDiscord(s.text);
      if (s.href && /^https?:\/\//.test(s.href)) out = `[${out.replace(/\\[[\]]/g, "")}](${s.href.replace(/[()\s]/g, encodeURIComponent)})`;
      return s.bold ? wrap("**", out) : out;
    })
    .join("");
}

function block(b: Block): string {
  switch (b.type) {
    case "heading":
      return wrap("**", spans(b.spans));
    case "paragraph":
      return spans(b.spans);
    case "note":
      return wrap("*", spans(b.spans));
    case "list":
      return b.items.map((i) => `• ${spans(i)}`).join("\n");
    case "more":
      return `${wrap("**", escapeDiscord(b.title))}\n${b.blocks.map(block).join("\n\n")}`;
  }
}

export interface DiscordPayload {
  embeds: { title?: string; description: string; color?: number; fields?: { name: string; value: string }[] }[];
  components: { type: 1; components: ({ type: 2; style: number; label: string; custom_id: string } | { type: 2; style: 5; label: string; url: string })[] }[];
  allowed_mentions: { parse: [] };
}

export function renderDiscord(original: Reply, sourcesTitle = "Quellen"): DiscordPayload {
  // Folded "Mehr" details: the main text and a button that edits the message to show them.
  const reply = isolateForRtl(foldMore(original));
  const [first, ...rest] = reply.blocks;
  const title = first?.type === "heading" ? first.spans.map((s) => s.text).join("").slice(0, 256) : undefined;
  const body = (title ? rest : reply.blocks).map(block).join("\n\n");
  const description = body.length > MAX_DESCRIPTION ? `${cut(body, MAX_DESCRIPTION - 1)}…` : body || "…";
  const fields = reply.links?.length
    ? [{ name: sourcesTitle, value: reply.links.filter((l) => /^https?:\/\//.test(l.url)).map((l) => `• [${escapeDiscord(l.title).replace(/\\[[\]]/g, "")}](${l.url})`).join("\n").slice(0, 1024) }]
    : undefined;
  const emergency = reply.meta?.kind === "emergency";
  const allFields = [...(fields ?? [])];
  if (reply.meta?.at) {
    // Discord shows <t:…> in each reader's own time zone, and relative ("in 7 days").
    const unix = Math.floor(Date.parse(reply.meta.at) / 1000);
    allFields.unshift({ name: "🕒", value: `<t:${unix}:F> (<t:${unix}:R>)` });
  }
  return {
    embeds: [{ ...(title ? { title } : {}), description, ...(allFields.length ? { fields: allFields } : {}), color: emergency ? 0xb91c1c : 0x1d4ed8 }],
    components: rows(reply.buttons ?? []),
    allowed_mentions: { parse: [] },
  };
}

/** Room left for the direction marks and escapes the rendering adds around a block. */
const SPLIT_AT = MAX_DESCRIPTION - 400;

/**
 * The reply as Discord messages: one, or, when its text is longer than one embed holds, several
 * in order, split between blocks (an oversized paragraph or list between lines or words). Each part
 * is rendered on its own, so formatting never spans two messages; the sources, the time and the
 * buttons go on the last part. Nothing of the text is cut.
 */
export function renderDiscordParts(reply: Reply, sourcesTitle = "Quellen"): DiscordPayload[] {
  return splitForDiscord(reply).map((part) => renderDiscord(part, sourcesTitle));
}

function splitForDiscord(reply: Reply): Reply[] {
  const length = (blocks: Block[]) => blocks.map(block).join("\n\n").length;
  if (length(reply.blocks) <= SPLIT_AT) return [reply];
  const groups: Block[][] = [[]];
  for (const piece of reply.blocks.flatMap((b) => splitBlock(b, length))) {
    const current = groups[groups.length - 1]!;
    if (current.length && length([...current, piece]) > SPLIT_AT) groups.push([piece]);
    else current.push(piece);
  }
  return groups.map((blocks, i) => {
    const last = i === groups.length - 1;
    const { at, ...meta } = reply.meta ?? {};
    return {
      lang: reply.lang,
      blocks,
      ...(i === 0 && reply.replaces ? { replaces: reply.replaces } : {}),
      ...(last ? { buttons: reply.buttons, links: reply.links, attachment: reply.attachment } : {}),
      meta: last && at ? { ...meta, at } : meta,
    };
  });
}

/** A block too long for one message, as several: list items apart, a paragraph's text between words. */
function splitBlock(b: Block, length: (blocks: Block[]) => number): Block[] {
  if (length([b]) <= SPLIT_AT) return [b];
  if (b.type === "list") return b.items.map((item) => ({ type: "list", items: [item] }) as Block).flatMap((one) => (length([one]) <= SPLIT_AT ? [one] : splitBlock({ type: "paragraph", spans: (one as { items: Span[][] }).items[0]! }, length)));
  if (b.type !== "paragraph" && b.type !== "note") return [b];
  // Formatting inside an oversized paragraph is given up for plain text; every character stays.
  const text = b.spans.map((s) => s.text).join("");
  const chunk = Math.floor(SPLIT_AT / 2); // escaping may double every character
  return splitText(text, chunk).map((piece): Block => ({ type: b.type, spans: [{ text: piece }] }));
}

/** The first `max` characters, without a dangling escape backslash or half an emoji at the end. */
function cut(text: string, max: number): string {
  const head = text.slice(0, max).replace(/[\ud800-\udbff]$/, "");
  let end = head.length;
  while (end > 0 && head[end - 1] === "\\") end--;
  // An odd run of backslashes ends in the first half of an escape.
  return (head.length - end) % 2 ? head.slice(0, -1) : head;
}

function rows(buttons: Button[][]): DiscordPayload["components"] {
  const out: DiscordPayload["components"] = [];
  for (const row of fitRows(buttons)) {
    for (let i = 0; i < row.length && out.length < MAX_ROWS; i += MAX_BUTTONS_PER_ROW) {
      out.push({
        type: 1,
        components: row.slice(i, i + MAX_BUTTONS_PER_ROW).map((b) =>
          b.url ? { type: 2 as const, style: 5 as const, label: b.label.slice(0, 80), url: b.url } : { type: 2 as const, style: b.style === "primary" ? 1 : b.style === "danger" ? 4 : 2, label: b.label.slice(0, 80), custom_id: b.id.slice(0, 100) },
        ),
      });
    }
  }
  return out;
}

/**
 * More rows than Discord's five (a page of /topics has a topic a row): neighbouring rows are
 * joined while they fit in five buttons, the last row (the way on: next page, back) kept on its
 * own, so that every button stays reachable instead of the rows past the fifth being cut.
 */
export function fitRows(buttons: Button[][]): Button[][] {
  const countRows = (list: Button[][]) => list.reduce((n, row) => n + Math.max(1, Math.ceil(row.length / MAX_BUTTONS_PER_ROW)), 0);
  if (countRows(buttons) <= MAX_ROWS) return buttons;
  const last = buttons[buttons.length - 1]!;
  const packed: Button[][] = [];
  for (const row of buttons.slice(0, -1)) {
    const tail = packed[packed.length - 1];
    if (tail && tail.length + row.length <= MAX_BUTTONS_PER_ROW) tail.push(...row);
    else packed.push([...row]);
  }
  return [...packed, last];
}
