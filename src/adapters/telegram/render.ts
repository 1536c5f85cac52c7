import type { Block, Button, Reply, Span } from "../../core/message.js";
import { isolateForRtl } from "../../core/bidi.js";
import { foldMore } from "../../core/fold.js";

/**
 * Reply -> Telegram HTML (parse_mode "HTML"). Every piece of text is escaped; only the tags
 * produced here reach Telegram. Messages over 4,096 characters are split between blocks
 * (paragraphs), the keyboard goes with the last part.
 */

export const TELEGRAM_MAX_TEXT = 4096;
export const CALLBACK_DATA_MAX_BYTES = 64;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

function safeUrl(href: string | undefined): string | undefined {
  return href && /^(https?:|mailto:)/i.test(href) ? href : undefined;
}

function spans(list: Span[]): string {
  return list
    .map((s) => {
      let html = escapeHtml(s.text);
      const href = safeUrl(s.href);
      if (href) html = `<a href="${escapeAttribute(href)}">${html}</a>`;
      if (s.bold) html = `<b>${html}</b>`;
      return html;
    })
    .join("");
}

function block(b: Block): string {
  switch (b.type) {
    case "heading":
      return `<b>${spans(b.spans)}</b>`;
    case "paragraph":
      return spans(b.spans);
    case "note":
      return `<i>${spans(b.spans)}</i>`;
    case "list":
      return b.items.map((item) => `• ${spans(item)}`).join("\n");
    case "more":
      // Unfolded with its "Mehr" button (the message was edited to show it): shown in full.
      if (b.toggle?.open) return `<b>${escapeHtml(b.title)}</b>\n${b.blocks.map(block).join("\n\n")}`;
      // Without a button: folded by Telegram clients; the details stay one tap away.
      return `<blockquote expandable><b>${escapeHtml(b.title)}</b>\n${b.blocks.map(block).join("\n\n")}</blockquote>`;
  }
}

export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };

export interface RenderedMessage {
  text: string;
  keyboard?: InlineButton[][];
}

export function keyboardOf(buttons: Button[][] | undefined): InlineButton[][] | undefined {
  const rows = (buttons ?? [])
    .map((row) =>
      row
        .map((b): InlineButton | undefined => {
          const url = safeUrl(b.url);
          if (url) return { text: b.label, url };
          // Button ids are short by design; one that is not would be rejected by Telegram.
          if (Buffer.byteLength(b.id, "utf8") > CALLBACK_DATA_MAX_BYTES) return undefined;
          return { text: b.label, callback_data: b.id };
        })
        .filter((b): b is InlineButton => b !== undefined),
    )
    .filter((row) => row.length > 0);
  return rows.length ? rows : undefined;
}

/** Renders a reply as one or more Telegram messages. */
export function renderTelegram(original: Reply, sourcesTitle = "Quellen"): RenderedMessage[] {
  // Folded "Mehr" details: the main text and a button that edits the message to show them.
  const reply = isolateForRtl(foldMore(original));
  const parts = reply.blocks.map(block);
  if (reply.links?.length) {
    const links = reply.links.filter((l) => safeUrl(l.url)).map((l) => `• <a href="${escapeAttribute(l.url)}">${escapeHtml(l.title)}</a>`);
    if (links.length) parts.push(`<b>${escapeHtml(sourcesTitle)}</b>\n${links.join("\n")}`);
  }
  const texts = splitParts(parts.flatMap((p) => (p.length > TELEGRAM_MAX_TEXT ? hardSplit(p) : [p])));
  const messages: RenderedMessage[] = texts.map((text) => ({ text }));
  const keyboard = keyboardOf(reply.buttons);
  if (keyboard && messages.length) messages[messages.length - 1]!.keyboard = keyboard;
  return messages;
}

/** Packs parts into messages of at most 4,096 characters, breaking only between parts. */
function splitParts(parts: string[]): string[] {
  const messages: string[] = [];
  let current = "";
  for (const part of parts) {
    const next = current ? `${current}\n\n${part}` : part;
    if (next.length <= TELEGRAM_MAX_TEXT) current = next;
    else {
      if (current) messages.push(current);
      current = part;
    }
  }
  if (current) messages.push(current);
  return messages.length ? messages : ["…"];
}

/**
 * A single part longer than a message: split at line breaks, else at spaces, never inside a tag
 * or an entity; open tags are closed at the cut and reopened in the next message.
 */
function hardSplit(html: string): string[] {
  const out: string[] = [];
  let rest = html;
  const limit = TELEGRAM_MAX_TEXT - 200; // room for closing and reopening tags
  while (rest.length > TELEGRAM_MAX_TEXT) {
    let cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(" ", limit);
    if (cut < limit / 2) cut = limit;
    // Do not cut inside a tag, an entity or a surrogate pair: the head keeps rest[0 .. cut-1], so
    // look at what ends there (a ">" or ";" at `cut` itself still belongs to the next message).
    const lt = rest.lastIndexOf("<", cut - 1);
    if (lt > rest.lastIndexOf(">", cut - 1)) cut = lt;
    const amp = rest.lastIndexOf("&", cut - 1);
    if (amp > rest.lastIndexOf(";", cut - 1) && cut - amp < 10) cut = amp;
    if (/[\ud800-\udbff]/.test(rest.charAt(cut - 1))) cut--;
    const head = rest.slice(0, cut);
    const open = openTags(head);
    out.push(head + open.map((t) => `</${t.name}>`).reverse().join(""));
    rest = open.map((t) => t.raw).join("") + rest.slice(cut).replace(/^[\n ]/, "");
  }
  out.push(rest);
  return out;
}

function openTags(html: string): { name: string; raw: string }[] {
  const stack: { name: string; raw: string }[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (match[1]) stack.pop();
    else stack.push({ name: match[2]!, raw: match[0] });
  }
  return stack;
}
