import { textDirection, type Block, type Reply, type Span } from "./message.js";

/**
 * Right-to-left replies (Arabic, Farsi) carry German terms, paragraph numbers and URLs. Without
 * help the Unicode bidi algorithm reorders such a run with its neighbours ("§ 60a AufenthG" shown
 * as "AufenthG 60a §", a date's parts swapped). Telegram and Discord render plain text, so each
 * left-to-right run is wrapped in a left-to-right isolate (U+2066 … U+2069). The web chat sets
 * `dir` on the element instead and needs none of this.
 */
const LRI = "\u2066";
const PDI = "\u2069";
/** A run that starts and ends with a Latin letter, a digit or §, with Latin text and punctuation between. */
const LTR_RUN = /[\p{Script=Latin}\p{Nd}§](?:[\p{Script=Latin}\p{Nd}§ .,:;/\\\-–()%+&'"@#_=?~*]*[\p{Script=Latin}\p{Nd}§)%])?/gu;

export function isolateLtrRuns(text: string): string {
  return text.replace(LTR_RUN, (run) => `${LRI}${run}${PDI}`);
}

function spans(list: Span[]): Span[] {
  return list.map((s) => ({ ...s, text: isolateLtrRuns(s.text) }));
}

function block(b: Block): Block {
  switch (b.type) {
    case "list":
      return { ...b, items: b.items.map(spans) };
    case "more":
      return { ...b, title: isolateLtrRuns(b.title), blocks: b.blocks.map(block) };
    default:
      return { ...b, spans: spans(b.spans) };
  }
}

/** The reply with its left-to-right runs isolated when its language is written right to left; else unchanged. */
export function isolateForRtl(reply: Reply): Reply {
  if (textDirection(reply.lang) !== "rtl") return reply;
  return {
    ...reply,
    blocks: reply.blocks.map(block),
    ...(reply.links ? { links: reply.links.map((l) => ({ ...l, title: isolateLtrRuns(l.title) })) } : {}),
    ...(reply.buttons ? { buttons: reply.buttons.map((row) => row.map((b) => ({ ...b, label: isolateLtrRuns(b.label) }))) } : {}),
  };
}
