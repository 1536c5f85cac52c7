import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../paths.js";
import { eldFromData, type EldData, type EldDetector } from "./eld-engine.js";

/** The languages Lotse's interface speaks. */
export const UI_LANGUAGES = ["de", "en", "uk", "ar", "ru", "tr", "fa"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export function isUiLanguage(lang: string | undefined | null): lang is UiLanguage {
  return !!lang && (UI_LANGUAGES as readonly string[]).includes(lang);
}

/**
 * eld's large database reduced to Lotse's seven languages (726 KB, 41,634 n-grams), written by
 * bench/eld-subset.ts. Not compiled: read from the package's src/ whether Lotse runs from src/ or dist/.
 */
export const ELD_DATA_FILE = join(ROOT, "src", "i18n", "eld-ui-languages.json");

/**
 * Language detection among Lotse's seven languages with eld (efficient language detector) over its
 * large n-gram database reduced to those seven. Chosen by measurement (npm run bench -- language:
 * 490 messenger-style messages of bench/data/language-samples.jsonl, 282 de/en questions of
 * ../shared/eval/dev-questions.jsonl; memory in a child process over bare node, median of 3):
 *   this (eld large reduced to 7):            98.0% (dev 99.3%), +15 MB RSS, +7 MB heap, ~0.1 s load;
 *   eld medium, 60 languages filtered to 7:   97.8% (dev 99.3%), +192 MB RSS, +59 MB heap (used before);
 *   eld small / extrasmall filtered to 7:     97.8%, +149 / +85 MB RSS;
 *   eld medium / extrasmall reduced to 7:     97.8%, +9 / +8 MB RSS (worse on 1–3 word messages);
 *   fastText lid.176.ftz: 96.9%, +17 MB RSS;  tinyld: 96.3%, +35 MB RSS.
 * Idle RSS of Lotse with the web chat only went from 324 to 188 MB with it (BENCH_MEMORY_WEB_ONLY=1
 * npm run bench -- memory, "before" as BENCH_NODE_OPTIONS=--import=eld/medium).
 * Mistakes left: Latin transliterations of Ukrainian, Russian, Arabic and Persian, and a few short
 * Russian/Ukrainian messages.
 */
let detector: EldDetector | undefined;

/** Loaded on the first detection (about 0.1 s), so that a start that never detects never pays for it. */
function eld(): EldDetector {
  if (detector) return detector;
  const data = JSON.parse(readFileSync(ELD_DATA_FILE, "utf8")) as EldData;
  const languages = Object.values(data.languages);
  if (new Set(languages).size !== UI_LANGUAGES.length || !languages.every(isUiLanguage)) {
    throw new Error(`${ELD_DATA_FILE} must hold exactly ${UI_LANGUAGES.join(", ")} (regenerate it with bench/eld-subset.ts)`);
  }
  return (detector = eldFromData(data));
}

/**
 * The language of a message when it can be told with confidence (eld calls it reliable, the
 * message has some length, and the runner-up language scores clearly lower); else undefined.
 */
export function detectLanguageConfidently(text: string): UiLanguage | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 12) return undefined;
  const result = eld().detect(text);
  if (!result.isReliable() || !isUiLanguage(result.language)) return undefined;
  const [first = 0, second = 0] = Object.values(result.getScores()).sort((a, b) => b - a);
  return first - second >= 0.15 ? result.language : undefined;
}

/** The language of a message; messages too short to tell (a few letters, only emoji) get `fallback`. */
export function detectLanguage(text: string, fallback: UiLanguage = "de"): UiLanguage {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 4) return fallback;
  const detected = eld().detect(text).language;
  return isUiLanguage(detected) ? detected : fallback;
}
