import fc from "fast-check";
import type { Block, Reply, Span } from "../../src/core/message.js";

/**
 * Shared generators for the render property tests: arbitrary user text (mixed with the markup
 * of every platform we send to), and replies that carry it where the core puts user text.
 */

/** Fragments that mean something to at least one of our platforms (or to a terminal). */
export const DANGEROUS = [
  // HTML (Telegram, web, /kb pages)
  "<b>", "</b>", "</a>", "<a href=\"https://evil.example\">", "<i>", "<blockquote>", "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>", "&amp;", "&lt;", "&gt;", "&quot;", "&#60;", "&#x3C;", "&", "<", ">", "\"", "'", "&amp", "&lt",
  // Slack mrkdwn
  "<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C1>", "<!subteam^S1>", "<!date^1392734382^{date}|x>",
  "<https://evil.example|click>", "<mailto:a@evil.example|mail>", "@channel", ":smile:",
  // Discord
  "@everyone", "@here", "<@123>", "<@!123>", "<@&456>", "<#789>", "<t:0:F>", "</ask:1>", "<:e:1>", "<a:e:1>",
  "[text](https://evil.example)", "[text](<https://evil.example>)", "](", "||spoiler||",
  // Markdown of every flavour
  "*", "**", "_", "__", "~", "~~", "`", "```", "|", "\\", "\\*", "\\\\", "# ", "## ", "-# ", "> ", ">>> ", "- ", "+ ", "1. ", "2) ", "[", "]", "(", ")",
  // Whitespace and invisible or direction-changing characters
  "\n", "\n\n", "\r\n", "\r", "\t", " ", "  ", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u200f", "\u200e", "\u061c", "\u2066", "\u2069",
  // Emoji and other astral characters (two UTF-16 units, some with modifiers and joiners)
  "😀", "👍🏽", "🇩🇪", "👨‍👩‍👧", "𝕏", "ع", "ش", "я", "ß",
  // Terminal control sequences
  "\x1b[2J", "\x1b[31m", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07", "\x00", "\x07", "\x08", "\x7f", "\u0085", "\u009b",
  // Links and schemes
  "https://evil.example", "javascript:alert(1)", "www.evil.example",
];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DANGEROUS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
);

/** Short and medium user text: any mix of the fragments and arbitrary Unicode. */
export const shortUserText = fc.array(fragment, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(""));

/** Very long user text (a pasted letter): one or two fragments repeated past every platform limit. */
export const longUserText = fc
  .tuple(fc.array(fragment, { minLength: 1, maxLength: 3 }), fc.integer({ min: 300, max: 2500 }))
  // Cut at 12,000 code units, but never inside a surrogate pair: platforms deliver well-formed text.
  .map(([parts, times]) => parts.join("").repeat(times).slice(0, 12_000).replace(/[\ud800-\udbff]$/, ""))
  .filter((text) => text.length > 0);

/** The user text a renderer has to cope with. */
export const userText = fc.oneof({ weight: 6, arbitrary: shortUserText }, { weight: 1, arbitrary: longUserText });

/** Non-empty user text, for places where the core never puts an empty string. */
export const nonEmptyUserText = userText.filter((text) => text.trim().length > 0);

/** A trusted link, as knowledge entries and locale strings carry them. */
export const TRUSTED_HREF = "https://www.bamf.de/DE/Startseite/startseite_node.html";

/** Where the core puts user text: the quoted hand-over preview (note), a coordinator's answer (paragraphs), a meeting title (bold), a list item. */
export type Placement = "paragraph" | "bold" | "note" | "list" | "more";

export const placement = fc.constantFrom<Placement>("paragraph", "bold", "note", "list", "more");

/**
 * A reply around one piece of user text: a trusted heading and lead (with a link) before it,
 * a trusted closing line after it, like the core's hand-over offer or a coordinator's answer.
 */
export function replyWith(user: string, where: Placement, lang = "de"): Reply {
  const lead: Block = { type: "paragraph", spans: [{ text: "Antwort von " }, { text: "Asylverfahrensberatung", bold: true }, { text: " " }, { text: "BAMF", href: TRUSTED_HREF }] };
  const userSpan: Span = where === "bold" ? { text: user, bold: true } : { text: user };
  const carrier: Block =
    where === "note"
      ? { type: "note", spans: [userSpan] }
      : where === "list"
        ? { type: "list", items: [[{ text: "Dienstag 18 Uhr" }], [userSpan]] }
        : where === "more"
          ? { type: "more", title: "Mehr", blocks: [{ type: "paragraph", spans: [userSpan] }] }
          : { type: "paragraph", spans: [userSpan] };
  return {
    lang,
    blocks: [{ type: "heading", spans: [{ text: "Vorgang L-ABC234" }] }, lead, carrier, { type: "note", spans: [{ text: "Keine Rechtsberatung" }] }],
    links: [{ title: "Quelle", url: TRUSTED_HREF }],
    buttons: [[{ id: "b1", label: "Rückfrage stellen" }]],
  };
}

/** Code points that are half of a surrogate pair: a message with one is not valid UTF-8. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** Enough runs to find the rare cases, few enough to keep the suite fast on two cores. */
export const RUNS = { numRuns: 400 } as const;
