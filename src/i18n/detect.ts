import { eld } from "eld/medium";

/** The languages Lotse's interface speaks. */
export const UI_LANGUAGES = ["de", "en", "uk", "ar", "ru", "tr", "fa"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export function isUiLanguage(lang: string | undefined | null): lang is UiLanguage {
  return !!lang && (UI_LANGUAGES as readonly string[]).includes(lang);
}

eld.setLanguageSubset([...UI_LANGUAGES]);

/**
 * Detects the language of a (short) message among Lotse's languages with eld, limited to
 * them. Chosen by measurement (npm run bench -- language): on short messenger-style
 * questions eld was more accurate than tinyld and than script rules, and faster.
 * Messages too short to tell (a few letters, only emoji) get `fallback`.
 */
/**
 * The language of a message when it can be told with confidence (eld calls it reliable, the
 * message has some length, and the runner-up language scores clearly lower); else undefined.
 */
export function detectLanguageConfidently(text: string): UiLanguage | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 12) return undefined;
  const result = eld.detect(text);
  if (!result.isReliable() || !isUiLanguage(result.language)) return undefined;
  const [first = 0, second = 0] = Object.values(result.getScores()).sort((a, b) => b - a);
  return first - second >= 0.15 ? result.language : undefined;
}

export function detectLanguage(text: string, fallback: UiLanguage = "de"): UiLanguage {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 4) return fallback;
  const detected = eld.detect(text).language;
  return isUiLanguage(detected) ? detected : fallback;
}
