/**
 * eld's detector (package `eld`, Apache-2.0, https://github.com/nitotm/efficient-language-detector-js)
 * over an n-gram database of our choosing. The package's own entries each bundle one of its
 * 60-language databases (importing `eld/medium` alone cost Lotse +187 MB RSS), and its dynamic
 * `load()` only reads files inside the package, so the engine is taken from the module the
 * entries build on; the database is a subset Lotse keeps in src/i18n/ (bench/eld-subset.ts).
 */

/** eld's n-gram database format: language ids (0…n-1) to ISO 639-1 codes, n-gram to {id: score}. */
export interface EldData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

export interface EldResult {
  /** ISO 639-1 code, or "" when nothing scored. */
  language: string;
  getScores(): Record<string, number>;
  isReliable(): boolean;
}

export interface EldDetector {
  detect(text: string): EldResult;
}

interface EldEngineModule {
  createEld(): { instance: EldDetector; loadData(data: EldData): string };
}

// The package's exports list only the database-bundling entries; a file URL reaches the engine
// module beside them (src/languageDetector.js, present in eld 2.x).
const engine = (await import(new URL("../languageDetector.js", import.meta.resolve("eld")).href)) as EldEngineModule;

/** A detector over `data`: every language in it is a candidate (no subset filter needed). */
export function eldFromData(data: EldData): EldDetector {
  const { instance, loadData } = engine.createEld();
  if (!loadData(data)) throw new Error("eld: invalid n-gram database");
  return instance;
}
