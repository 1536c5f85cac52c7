import type { HealthVariant, SpecialKind } from "./shared.js";

/**
 * The shape of the special-category lexicon (special-lexicon.ts, data/*-terms.ts) and helpers that
 * write the inflected forms of Arabic, Ukrainian/Russian and Turkish terms, so that the data files
 * list each term once.
 *
 * Each group is a list of regular-expression alternatives, matched case-insensitively as whole
 * words (a group marked `compound` also matches German compounds ending in one of its words:
 * "Brustkrebs", "Traumatherapie"). A term counts only when the message says it about a person
 * (special.ts).
 */
export interface LexiconGroup {
  kind: SpecialKind;
  terms: string[];
  /** Health only: what the term names, for its placeholder ("condition": "[eine Erkrankung]"); none: "[Gesundheitsangabe]". */
  variant?: HealthVariant;
  /** With `compound`: lower-case adjectives ("mehrfachbehindert"); noun compounds start with a capital. */
  adjective?: boolean;
  /** Matched case-sensitively (the terms look for capitalised words). */
  cased?: boolean;
  /** German nouns: also in plural and genitive ("Suizidversuche", "Tumoren", "Depressionen"). */
  inflect?: boolean;
  compound?: boolean;
  /** A word that is special data only as a statement about someone ("ist blind", "is Christian"). */
  predicate?: boolean;
}

/** German adjectives that belong to a diagnosis: "schwere Depression", "seltene Muskelkrankheit", "körperliche Behinderung". */
export const DEGREE_DE = String.raw`(?:(?:schwere[nmrs]?|chronische[nmrs]?|akute[nmrs]?|leichte[nmrs]?|starke[nmrs]?|seltene[nmrs]?|angeborene[nmrs]?|erbliche[nmrs]?|genetische[nmrs]?|ansteckende[nmrs]?|unheilbare[nmrs]?|fortgeschrittene[nmrs]?|bösartige[nmrs]?|gutartige[nmrs]?|psychische[nmrs]?|seelische[nmrs]?|körperliche[nmrs]?|geistige[nmrs]?|kognitive[nmrs]?|depressive[nmrs]?|posttraumatische[nmrs]?|spastische[nmrs]?|halbseitige[nmrs]?|teilweise[nmrs]?|beidseitige[nmrs]?)\s+)*`;

/** Alternatives joined for one regular expression. */
export const any = (...alternatives: string[]): string => alternatives.join("|");

/**
 * Arabic words with their attached prefixes: "و" (and), "ف", "ب" (with), "ل" (for), "ك", and the
 * article "ال": "بالسكري" (with diabetes), "والسرطان". `words` are space-separated, without "ال".
 */
export function arabic(words: string): string {
  return String.raw`(?:[وفبلك]|وب|ول|فب|لل)?(?:ال)?(?:${words.trim().split(/\s+/).join("|")})`;
}

// Case endings of Ukrainian and Russian nouns and short adjectives ("діабет", "діабетом", "депресію", "вагітна").
const CYRILLIC_ENDINGS = String.raw`(?:а|я|у|ю|і|и|ы|е|є|ь|ью|ом|ем|єм|ой|ей|ою|ею|єю|ам|ям|ах|ях|ами|ями|ів|ов|ий|ій|ая|ое|ого|ому|им|ым|ої|ую)?`;

/** Ukrainian/Russian stems with their case endings. `stems` are space-separated. */
export function cyrillic(stems: string): string {
  return String.raw`(?:${stems.trim().split(/\s+/).join("|")})${CYRILLIC_ENDINGS}`;
}

/** Turkish stems with up to one suffix chain ("kanseri", "diyabetten", "engelliler"). */
export function turkish(stems: string): string {
  return String.raw`(?:${stems.trim().split(/\s+/).join("|")})(?:[a-zçğıöşü]{0,5})`;
}
