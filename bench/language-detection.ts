/**
 * Measures language detectors on short messages like the ones volunteers send:
 * Lotse's detector (eld restricted to Lotse's languages, with a fallback for very short text),
 * plain tinyld and a script-rules + tinyld variant, all restricted to the same seven languages.
 * Data: bench/data/language-samples.jsonl (written for this benchmark) and, if present,
 * the de/en questions of ../shared/eval/dev-questions.jsonl.
 * Run: npm run bench -- language
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { detect as tinyDetect, detectAll } from "tinyld";
import { detectLanguage, UI_LANGUAGES } from "../src/i18n/detect.js";
import { ROOT } from "../src/paths.js";

interface Sample {
  lang: string;
  q: string;
}

function load(file: string): Sample[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Sample);
}

/** The alternative Lotse used before measuring: script decides Cyrillic and Arabic, tinyld the rest. */
function scriptRules(text: string): string {
  if (/[\u0400-\u04ff]/.test(text)) return /[іїєґ]/i.test(text) ? "uk" : "ru";
  if (/[\u0600-\u06ff]/.test(text)) return /[پچژگکی]/.test(text) ? "fa" : "ar";
  return detectAll(text, { only: ["de", "en", "tr"] })[0]?.lang ?? "?";
}

export function languageDetectionBench(): string {
  const own = join(ROOT, "bench", "data", "language-samples.jsonl");
  const dev = join(ROOT, "..", "shared", "eval", "dev-questions.jsonl");
  const samples = [...load(own), ...(existsSync(dev) ? load(dev) : [])];
  const detectors: [string, (q: string) => string][] = [
    ["Lotse (eld, 7 languages)", (q) => detectLanguage(q)],
    ["tinyld (7 languages)", (q) => tinyDetect(q, { only: [...UI_LANGUAGES] }) || "?"],
    ["script rules + tinyld", scriptRules],
  ];
  const lines = [`Language detection on ${samples.length} short messages (${own}${existsSync(dev) ? ` + ${dev}` : ""})`];
  const langs = [...new Set(samples.map((s) => s.lang))];
  lines.push(`${"detector".padEnd(28)} ${"all".padStart(6)} ${langs.map((l) => l.padStart(6)).join(" ")}  µs/msg`);
  for (const [name, fn] of detectors) {
    const started = performance.now();
    const results = samples.map((s) => fn(s.q) === s.lang);
    const micros = ((performance.now() - started) * 1000) / samples.length;
    const pct = (xs: boolean[]) => `${((100 * xs.filter(Boolean).length) / Math.max(1, xs.length)).toFixed(0)}%`;
    const perLang = langs.map((l) => pct(results.filter((_, i) => samples[i]!.lang === l)).padStart(6));
    lines.push(`${name.padEnd(28)} ${pct(results).padStart(6)} ${perLang.join(" ")}  ${micros.toFixed(0)}`);
  }
  return lines.join("\n");
}
