/**
 * Text Lotse shows again (a volunteer's question in the hand-over preview, a coordinator's answer,
 * a follow-up) loses the characters that can disguise it: bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) reorder what a reader sees ("invoice.exe" shown as "exe.eciovni"),
 * and invisible zero-width characters hide words from filters. Joiners stay between two visible
 * characters, where Persian spelling (ZWNJ) and emoji sequences (ZWJ) need them.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
const INVISIBLE = /[\u200b\u2060\ufeff\u180e]/g;
const STRAY_JOINER = /(^|\s)[\u200c\u200d]+|[\u200c\u200d]+(?=\s|$)/g;

export function plainEcho(text: string): string {
  return text.replace(BIDI_CONTROLS, "").replace(INVISIBLE, "").replace(STRAY_JOINER, "$1");
}
