import { stemmer as deStem } from "@orama/stemmers/german";
import { stemmer as enStem } from "@orama/stemmers/english";
import { stemmer as ruStem } from "@orama/stemmers/russian";
import { stemmer as ukStem } from "@orama/stemmers/ukrainian";
import { stemmer as arStem } from "@orama/stemmers/arabic";
import { deu, eng, rus, ukr, tur, ara, fas } from "stopword";

/**
 * Text normalisation shared by the index and the query, so both sides fold alike:
 * lower case, Unicode compatibility forms, umlauts and ß folded (ä, ae -> a), diacritics stripped.
 */

const STOPWORDS = new Set([...deu, ...eng, ...rus, ...ukr, ...tur, ...ara, ...fas].map((w) => basicFold(w)));

const STEMMERS: Record<string, (w: string) => string> = {
  de: deStem,
  en: enStem,
  ru: ruStem,
  uk: ukStem,
  ar: arStem,
};

/** Lower case, NFKC, ß -> ss, Latin diacritics stripped (ä -> a, é -> e); other scripts untouched. */
export function basicFold(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/([a-z])[\u0300-\u036f]+/g, "$1")
    .normalize("NFC");
}

/**
 * German spelling without umlaut keys: "fluechtling" and "flüchtling" both become "fluchtling".
 * Applied after a consonant only, so "neue" or "Israel"-like vowel pairs stay mostly intact.
 */
export function germanFold(token: string): string {
  return token.replace(/([^aeiou])(a|o|u)e/g, "$1$2");
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Splits text into folded words (no stemming, stop words kept). */
export function words(text: string): string[] {
  return basicFold(text).match(WORD) ?? [];
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Script of a word, used to pick which stemmers can apply. */
export function scriptOf(word: string): "latin" | "cyrillic" | "arabic" | "other" {
  if (/[\u0400-\u04ff]/.test(word)) return "cyrillic";
  if (/[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/.test(word)) return "arabic";
  if (/[a-z]/.test(word)) return "latin";
  return "other";
}

/** Index form of a word written in a known language. */
export function stemFor(word: string, lang: string): string {
  const base = lang === "de" ? germanFold(word) : word;
  const stem = STEMMERS[lang];
  if (!stem || base.length < 4) return base;
  const stemmed = stem(base);
  return lang === "de" ? germanFold(stemmed) : stemmed;
}

/**
 * Every index form a query word may take when its language is unknown: the German and
 * English stems for Latin script, Russian/Ukrainian for Cyrillic, Arabic for Arabic script.
 */
export function queryForms(word: string): string[] {
  const script = scriptOf(word);
  const langs = script === "latin" ? ["de", "en"] : script === "cyrillic" ? ["ru", "uk"] : script === "arabic" ? ["ar", "fa"] : [];
  // The raw word too: Turkish and Persian have no stemmer here and are indexed as written.
  const forms = new Set<string>([word, ...langs.map((l) => stemFor(word, l))]);
  return [...forms];
}

/** Content words of a text: folded, without stop words and one-letter noise. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !isStopword(w));
}
