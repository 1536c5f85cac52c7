/**
 * Measures language detectors on short messages like the ones volunteers send, all restricted to
 * Lotse's seven languages and all behind Lotse's rules (fewer than 4 letters, or a language
 * outside the seven: the fallback "de"):
 * - Lotse's detector (src/i18n/detect.ts) as it is now;
 * - eld with its bundled 60-language databases (medium: what Lotse used before; small,
 *   extrasmall) filtered with setLanguageSubset();
 * - eld over databases reduced to the seven languages (bench/eld-subset.ts), from eld's
 *   extrasmall, medium and large databases;
 * - fastText's lid.176.ftz (shipped with fasttext.wasm.js, loaded with Lotse's fastText loader);
 * - tinyld, and script rules + tinyld.
 * Accuracy and µs per message are measured in this process; memory in a child process per
 * detector (node --expose-gc): RSS and V8 heap after importing it and detecting one message,
 * minus the same process's figures before (bare node), after a GC; median of 3 processes.
 * Data: bench/data/language-samples.jsonl (written for this benchmark: messenger-style messages,
 * 60+ per language and 30 of 1–3 words) and, if present, ../shared/eval/dev-questions.jsonl
 * (de/en; a measurement only, nothing is tuned on it).
 * Run: npm run bench -- language   (about a minute)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detect as tinyDetect, detectAll } from "tinyld";
import { detectLanguage, UI_LANGUAGES, type UiLanguage } from "../src/i18n/detect.js";
import { eldFromData, type EldDetector } from "../src/i18n/eld-engine.js";
import { FastTextClassifier } from "../src/knowledge/model/fasttext.js";
import { ROOT } from "../src/paths.js";
import { eldSubset, type EldSize } from "./eld-subset.js";

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

export const SAMPLES_FILE = join(ROOT, "bench", "data", "language-samples.jsonl");
const DEV_FILE = join(ROOT, "..", "shared", "eval", "dev-questions.jsonl");
const LID_MODEL = join(ROOT, "node_modules", "fasttext.wasm.js", "dist", "models", "language-identification", "assets", "lid.176.ftz");

const srcUrl = (path: string) => new URL(`../src/${path}`, import.meta.url).href;

/** Lotse's rules around any detector: too little text or a language outside the seven → "de". */
function lotseRules(detect: (q: string) => string): (q: string) => UiLanguage {
  const ui = new Set<string>(UI_LANGUAGES);
  return (q) => {
    if ((q.match(/\p{L}/gu)?.length ?? 0) < 4) return "de";
    const lang = detect(q);
    return ui.has(lang) ? (lang as UiLanguage) : "de";
  };
}

/** The alternative Lotse used before measuring: script decides Cyrillic and Arabic, tinyld the rest. */
function scriptRules(text: string): string {
  if (/[\u0400-\u04ff]/.test(text)) return /[іїєґ]/i.test(text) ? "uk" : "ru";
  if (/[\u0600-\u06ff]/.test(text)) return /[پچژگکی]/.test(text) ? "fa" : "ar";
  return detectAll(text, { only: ["de", "en", "tr"] })[0]?.lang ?? "?";
}

/** fastText's label ranking restricted to the seven languages. */
function fastTextDetect(model: FastTextClassifier): (q: string) => string {
  const ui = new Set<string>(UI_LANGUAGES);
  return (q) => model.predict(q.replace(/\s+/g, " "), 176).find(([label]) => ui.has(label))?.[0] ?? "";
}

interface Candidate {
  name: string;
  /** In this process: the detector, ready. */
  make: () => Promise<(q: string) => string>;
  /** ESM code for the child process that awaits its imports and defines `detect`. */
  child: string;
}

function candidates(subsetFiles: Map<EldSize, string>, subsets: Map<EldSize, EldDetector>): Candidate[] {
  const eldStatic = (size: EldSize): Candidate => ({
    name: `eld ${size} (60 → 7)`,
    make: async () => {
      const { eld } = (await import(`eld/${size}`)) as { eld: EldDetector & { setLanguageSubset(l: string[]): unknown } };
      eld.setLanguageSubset([...UI_LANGUAGES]);
      return (q) => eld.detect(q).language;
    },
    child: `const { eld } = await import("eld/${size}"); eld.setLanguageSubset(${JSON.stringify(UI_LANGUAGES)}); const detect = (q) => eld.detect(q).language;`,
  });
  const eldFile = (size: EldSize): Candidate => ({
    name: `eld ${size} → 7-lang file`,
    make: async () => {
      const detector = subsets.get(size)!;
      return (q) => detector.detect(q).language;
    },
    child:
      `const { eldFromData } = await import(${JSON.stringify(srcUrl("i18n/eld-engine.js"))}); const { readFileSync } = await import("node:fs");` +
      ` const d = eldFromData(JSON.parse(readFileSync(${JSON.stringify(subsetFiles.get(size))}, "utf8"))); const detect = (q) => d.detect(q).language;`,
  });
  return [
    {
      name: "Lotse detectLanguage (now)",
      make: async () => (q) => detectLanguage(q),
      child: `const { detectLanguage } = await import(${JSON.stringify(srcUrl("i18n/detect.js"))}); const detect = (q) => detectLanguage(q);`,
    },
    eldStatic("medium"),
    eldStatic("small"),
    eldStatic("extrasmall"),
    eldFile("large"),
    eldFile("medium"),
    eldFile("extrasmall"),
    {
      name: "fastText lid.176.ftz",
      make: async () => fastTextDetect(await FastTextClassifier.fromFile(LID_MODEL)),
      child:
        `const { FastTextClassifier } = await import(${JSON.stringify(srcUrl("knowledge/model/fasttext.js"))});` +
        ` const model = await FastTextClassifier.fromFile(${JSON.stringify(LID_MODEL)}); const ui = new Set(${JSON.stringify(UI_LANGUAGES)});` +
        ` const detect = (q) => model.predict(q.replace(/\\s+/g, " "), 176).find(([l]) => ui.has(l))?.[0] ?? "";`,
    },
    {
      name: "tinyld",
      make: async () => (q) => tinyDetect(q, { only: [...UI_LANGUAGES] }) || "?",
      child: `const { detect: t } = await import("tinyld"); const detect = (q) => t(q, { only: ${JSON.stringify(UI_LANGUAGES)} }) || "?";`,
    },
    {
      name: "script rules + tinyld",
      make: async () => scriptRules,
      child: `const { detectAll } = await import("tinyld"); const detect = (q) => detectAll(q, { only: ["de", "en", "tr"] })[0]?.lang ?? "?";`,
    },
  ];
}

interface Memory {
  rss: number;
  heap: number;
  loadMs: number;
}

/** RSS and heap that importing the detector and one detection add to a bare node process. */
function childMemory(code: string): Memory | string {
  const script = `
const settle = async () => { for (let i = 0; i < 3; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 50)); } };
await settle();
const before = process.memoryUsage();
const started = performance.now();
${code}
detect("hallo, weiß jemand wann das jobcenter morgen aufmacht?");
const loadMs = performance.now() - started;
await settle();
const after = process.memoryUsage();
console.log(JSON.stringify({ rss: after.rss - before.rss, heap: after.heapUsed - before.heapUsed, loadMs }));`;
  const run = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(last) as Memory;
  } catch {
    return `failed: ${(run.stderr || run.stdout).trim().split("\n").slice(-3).join(" | ").slice(0, 300)}`;
  }
}

export async function languageDetectionBench(): Promise<string> {
  if (!existsSync(SAMPLES_FILE)) return `${SAMPLES_FILE} is missing`;
  const own = load(SAMPLES_FILE);
  const dev = existsSync(DEV_FILE) ? load(DEV_FILE) : [];
  const langs = [...UI_LANGUAGES].filter((l) => own.some((s) => s.lang === l));
  const dir = mkdtempSync(join(tmpdir(), "lotse-bench-eld-"));
  try {
    const subsetFiles = new Map<EldSize, string>();
    const subsets = new Map<EldSize, EldDetector>();
    for (const size of ["large", "medium", "extrasmall"] as const) {
      const data = await eldSubset(size);
      const file = join(dir, `eld-${size}-7.json`);
      writeFileSync(file, JSON.stringify(data));
      subsetFiles.set(size, file);
      subsets.set(size, eldFromData(data));
    }
    const pct = (xs: boolean[]) => (xs.length ? `${((100 * xs.filter(Boolean).length) / xs.length).toFixed(1)}` : "–");
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)}`;
    const lines = [
      `Language detection, ${own.length} messages of ${SAMPLES_FILE}` + (dev.length ? ` and ${dev.length} (de/en) of ${DEV_FILE}` : "") + `.`,
      `Accuracy in % (own: all, per language, 1–3 words; dev); µs per message in this process (warm, 3 rounds); +RSS/+heap (MB) and load ms (import + first detection) in a child process over bare node, median of 3.`,
      `${"detector".padEnd(28)} ${"own".padStart(5)} ${langs.map((l) => l.padStart(5)).join(" ")} ${"short".padStart(5)} ${"dev".padStart(5)} ${"µs".padStart(5)} ${"+RSS".padStart(5)} ${"+heap".padStart(5)} ${"load".padStart(6)}`,
    ];
    for (const candidate of candidates(subsetFiles, subsets)) {
      const detect = lotseRules(await candidate.make());
      const ok = own.map((s) => detect(s.q) === s.lang); // also warms up (JIT, lazy loading)
      const started = performance.now();
      for (let round = 0; round < 3; round++) for (const s of own) detect(s.q);
      const micros = ((performance.now() - started) * 1000) / (3 * own.length);
      const devOk = dev.map((s) => detect(s.q) === s.lang);
      const perLang = langs.map((l) => pct(ok.filter((_, i) => own[i]!.lang === l)).padStart(5));
      const short = pct(ok.filter((_, i) => own[i]!.q.split(/\s+/).length <= 3));
      const runs = [childMemory(candidate.child), childMemory(candidate.child), childMemory(candidate.child)];
      const failed = runs.find((r): r is string => typeof r === "string");
      const mid = (pick: (m: Memory) => number) => (runs as Memory[]).map(pick).sort((a, b) => a - b)[1]!;
      const memory: Memory | string = failed ?? { rss: mid((m) => m.rss), heap: mid((m) => m.heap), loadMs: mid((m) => m.loadMs) };
      const mem = typeof memory === "string" ? memory : `${mb(memory.rss).padStart(5)} ${mb(memory.heap).padStart(5)} ${memory.loadMs.toFixed(0).padStart(6)}`;
      lines.push(`${candidate.name.padEnd(28)} ${pct(ok).padStart(5)} ${perLang.join(" ")} ${short.padStart(5)} ${pct(devOk).padStart(5)} ${micros.toFixed(1).padStart(5)} ${mem}`);
    }
    return lines.join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
