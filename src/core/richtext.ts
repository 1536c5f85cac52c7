import { Lexer, type Token, type Tokens } from "marked";
import type { Block, Span } from "./message.js";

/**
 * Turns the Markdown subset used in knowledge entries and locale strings into blocks.
 * Only paragraphs, lists, headings, bold and links survive: everything else becomes plain text,
 * so an entry can never smuggle markup into a platform.
 */
export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const token of new Lexer().lex(markdown)) {
    switch (token.type) {
      case "heading":
        blocks.push({ type: "heading", spans: inline((token as Tokens.Heading).tokens) });
        break;
      case "paragraph":
        blocks.push({ type: "paragraph", spans: inline((token as Tokens.Paragraph).tokens) });
        break;
      case "list":
        blocks.push({
          type: "list",
          items: (token as Tokens.List).items.map((item) => inline(item.tokens.flatMap(unwrap))),
        });
        break;
      case "space":
      case "hr":
        break;
      default:
        if ("text" in token && typeof token.text === "string" && token.text.trim()) {
          blocks.push({ type: "paragraph", spans: [{ text: token.text.trim() }] });
        }
    }
  }
  return blocks;
}

/** Inline Markdown (bold, links) to spans. */
export function markdownToSpans(markdown: string): Span[] {
  return inline(new Lexer().inlineTokens(markdown));
}

function unwrap(token: Token): Token[] {
  if ((token.type === "text" || token.type === "paragraph") && "tokens" in token && token.tokens) return token.tokens;
  return [token];
}

function inline(tokens: Token[] | undefined, bold = false, href?: string): Span[] {
  const spans: Span[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "strong":
        spans.push(...inline((token as Tokens.Strong).tokens, true, href));
        break;
      case "link": {
        const link = token as Tokens.Link;
        spans.push(...inline(link.tokens, bold, safeHref(link.href)));
        break;
      }
      case "br":
        spans.push({ text: "\n" });
        break;
      default: {
        const nested = "tokens" in token ? (token.tokens as Token[] | undefined) : undefined;
        if (nested?.length) spans.push(...inline(nested, bold, href));
        else spans.push(span(decodeEntities("text" in token ? String(token.text) : token.raw), bold, href));
      }
    }
  }
  return merge(spans);
}

function span(text: string, bold: boolean, href?: string): Span {
  const s: Span = { text };
  if (bold) s.bold = true;
  if (href) s.href = href;
  return s;
}

/** Only web links leave the knowledge base as links. */
function safeHref(href: string): string | undefined {
  return /^https?:\/\//i.test(href) ? href : undefined;
}

/** marked escapes &, <, > and quotes in text tokens; spans carry raw text and adapters escape for their own markup. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? _);
}

function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.bold === s.bold && last.href === s.href) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
