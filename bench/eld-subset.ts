/**
 * Writes the n-gram database of Lotse's language detector, src/i18n/eld-ui-languages.json: eld's
 * database (package `eld`, Apache-2.0) reduced to Lotse's seven languages. Only n-grams that score
 * for one of them stay, and the languages are renumbered 0…6 (eld sizes its score array by the
 * number of languages, so ids must be contiguous). eld's own saveSubset() does the same reduction
 * but runs only in a browser and keeps the old ids.
 * Run: npm run build --silent && node dist/bench/eld-subset.js [large|medium|small|extrasmall]
 * (default large; bench/language-detection.ts measures the sizes against each other)
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { EldData } from "../src/i18n/eld-engine.js";
import { UI_LANGUAGES } from "../src/i18n/detect.js";
import { ROOT } from "../src/paths.js";

export const ELD_SIZES = ["extrasmall", "small", "medium", "large"] as const;
export type EldSize = (typeof ELD_SIZES)[number];

export const SUBSET_FILE = join(ROOT, "src", "i18n", "eld-ui-languages.json");

/** eld's `size` database restricted to `languages` (in that order: ids 0…n-1). */
export async function eldSubset(size: EldSize, languages: readonly string[] = UI_LANGUAGES): Promise<EldData & Record<string, unknown>> {
  const url = new URL(`../ngrams/${size}.js`, import.meta.resolve("eld")).href;
  const { ngramsData } = (await import(url)) as { ngramsData: EldData };
  const newId = new Map<string, string>();
  for (const [id, code] of Object.entries(ngramsData.languages)) {
    const at = languages.indexOf(code);
    if (at >= 0) newId.set(id, String(at));
  }
  const missing = languages.filter((code) => !Object.values(ngramsData.languages).includes(code));
  if (missing.length) throw new Error(`eld ${size} lacks ${missing.join(", ")}`);
  const ngrams: Record<string, Record<string, number>> = {};
  for (const [ngram, scores] of Object.entries(ngramsData.ngrams)) {
    let kept: Record<string, number> | undefined;
    for (const [id, score] of Object.entries(scores)) {
      const to = newId.get(id);
      if (to !== undefined) (kept ??= {})[to] = score;
    }
    if (kept) ngrams[ngram] = kept;
  }
  return {
    about: `eld ${size} database (https://github.com/nitotm/efficient-language-detector-js, Apache-2.0, Copyright 2023 Nito T.M.) reduced to ${languages.length} languages by bench/eld-subset.ts`,
    type: `${ngramsData.type}-${languages.length}`,
    languages: Object.fromEntries(languages.map((code, i) => [String(i), code])),
    ngrams,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const size = (process.argv[2] ?? "large") as EldSize;
  if (!ELD_SIZES.includes(size)) throw new Error(`size must be one of ${ELD_SIZES.join(", ")}`);
  const data = await eldSubset(size);
  writeFileSync(SUBSET_FILE, JSON.stringify(data));
  console.log(`${SUBSET_FILE}: eld ${size}, ${Object.keys(data.ngrams).length} n-grams`);
}
