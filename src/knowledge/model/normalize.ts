import { arabicPrefixStrip, basicFold, germanFold } from "../text.js";

/**
 * The text a classifier reads: folded like the search (lower case, umlauts and ß, Latin accents,
 * Arabic-script variants and diacritics), words only, the Arabic article and its prefixes
 * removed, umlauts typed as "ae" the same as "ä". Stop words stay: "soll er" or "darf ich" carry
 * exactly the difference between an individual case and a general question.
 */
export function normalizeForModel(text: string): string {
  const words = basicFold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => (/[\u0600-\u06ff]/.test(w) ? arabicPrefixStrip(w) : germanFold(w))).join(" ");
}
