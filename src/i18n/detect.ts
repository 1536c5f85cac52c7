import { detectAll } from "tinyld";

/** The languages Lotse's interface speaks. */
export const UI_LANGUAGES = ["de", "en", "uk", "ar", "ru", "tr", "fa"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export function isUiLanguage(lang: string | undefined | null): lang is UiLanguage {
  return !!lang && (UI_LANGUAGES as readonly string[]).includes(lang);
}

/**
 * Detects the language of a (short) message among Lotse's languages.
 * Script decides first (Cyrillic: Ukrainian letters і ї є ґ vs Russian ы э ъ ё; Arabic script:
 * Persian letters پ چ ژ گ ی vs Arabic), because statistical detectors are weakest on the short,
 * mixed messages volunteers send. Latin script goes to tinyld, limited to de/en/tr, and falls
 * back to `fallback` when it is unsure. Measured in bench/language-detection.ts.
 */
export function detectLanguage(text: string, fallback: UiLanguage = "de"): UiLanguage {
  const cyrillic = text.match(/[\u0400-\u04ff]/g)?.length ?? 0;
  const arabic = text.match(/[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/g)?.length ?? 0;
  const latin = text.match(/[a-zA-ZäöüÄÖÜßçğışÇĞİŞ]/g)?.length ?? 0;
  if (cyrillic > latin && cyrillic >= arabic) {
    if (/[іїєґІЇЄҐ]/.test(text)) return "uk";
    if (/[ыэъёЫЭЪЁ]/.test(text)) return "ru";
    return "ru";
  }
  if (arabic > latin) {
    return /[پچژگکی]/.test(text) ? "fa" : "ar";
  }
  if (latin === 0) return fallback;
  if (/[ğışİŞ]/.test(text)) return "tr";
  if (/[äöüßÄÖÜ]/.test(text)) return "de";
  const ranked = detectAll(text, { only: ["de", "en", "tr"] });
  const best = ranked[0];
  if (!best || best.accuracy < 0.3) return fallback;
  return best.lang as UiLanguage;
}
