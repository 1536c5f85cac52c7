/**
 * Redaction speed on long and adversarial input (guards against runaway regular expressions),
 * and recall per kind and over-redaction on the tuned corpus (test/fixtures/redaction-corpus.jsonl)
 * and, when it exists, on the held-out corpus test/fixtures/redaction-untuned.jsonl (same format,
 * written by someone else; the detectors are never tuned on it).
 * Run: npm run bench -- redaction
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { type Finding, type FindingKind, findPersonalData } from "../src/privacy/redact.js";
import { ROOT } from "../src/paths.js";

export interface CorpusLine {
  text: string;
  pii: { kind: FindingKind; value: string }[];
}

export const TUNED_CORPUS = join(ROOT, "test", "fixtures", "redaction-corpus.jsonl");
export const UNTUNED_CORPUS = join(ROOT, "test", "fixtures", "redaction-untuned.jsonl");
/** A second held-out part, written later by another writer from their own brief (never tuned on, never read by the rules' authors). */
export const UNTUNED_CORPUS_2 = join(ROOT, "test", "fixtures", "redaction-untuned-2.jsonl");
/** The corpora's "today" (the age rule of dates of birth depends on it). */
export const CORPUS_TODAY = new Date("2026-11-21T12:00:00Z");

export function readCorpus(path: string): CorpusLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusLine);
}

/** Recall targets per group of kinds, and the over-redaction limit. */
export const TARGETS = {
  structured: { kinds: ["phone", "email", "iban", "address", "birthdate"] as FindingKind[], recall: 0.98 },
  names: { kinds: ["name"] as FindingKind[], recall: 0.95 },
  fileNumbers: { kinds: ["fileNumber"] as FindingKind[], recall: 0.95 },
  health: { kinds: ["health"] as FindingKind[], recall: 0.9 },
  otherSpecial: { kinds: ["religion", "ethnicity", "sexuality", "politics", "union"] as FindingKind[], recall: 0.9 },
  overRedaction: 0.03,
};

export interface Measurement {
  messages: number;
  planted: number;
  recall: number;
  perKind: Map<string, { planted: number; recalled: number }>;
  ordinary: number;
  overRedaction: number;
  missed: string[];
  overWords: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

function occurrences(text: string, value: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) spans.push([i, i + value.length]);
  return spans;
}

/** Whether every letter and digit in [start, end) lies inside some finding (spaces and commas between two findings may stay). */
function covered(text: string, findings: Finding[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (/[\p{L}\p{N}]/u.test(text[i]!) && !findings.some((f) => f.start <= i && i < f.end)) return false;
  }
  return true;
}

/**
 * A planted item counts as found when every occurrence of its value is covered by findings (of
 * any kind: the text is redacted either way). A word of a message that is no planted value counts
 * as over-redacted when a finding touches it.
 */
export function measureCorpus(lines: CorpusLine[], today = CORPUS_TODAY): Measurement {
  const perKind = new Map<string, { planted: number; recalled: number }>();
  let planted = 0;
  let recalled = 0;
  let ordinary = 0;
  let overRedacted = 0;
  const missed: string[] = [];
  const overWords: string[] = [];
  for (const { text, pii } of lines) {
    const findings = findPersonalData(text, { today });
    const plantedSpans: [number, number][] = [];
    for (const item of pii) {
      const spans = occurrences(text, item.value);
      plantedSpans.push(...spans);
      planted++;
      const entry = perKind.get(item.kind) ?? { planted: 0, recalled: 0 };
      entry.planted++;
      perKind.set(item.kind, entry);
      if (spans.length > 0 && spans.every(([s, e]) => covered(text, findings, s, e))) {
        recalled++;
        entry.recalled++;
      } else missed.push(`${item.kind} ${JSON.stringify(item.value)} in ${JSON.stringify(text)}`);
    }
    for (const word of text.matchAll(WORD)) {
      const start = word.index;
      const end = start + word[0].length;
      if (plantedSpans.some(([s, e]) => s < end && start < e)) continue;
      ordinary++;
      if (findings.some((f) => f.start < end && start < f.end)) {
        overRedacted++;
        overWords.push(`${JSON.stringify(word[0])} in ${JSON.stringify(text)}`);
      }
    }
  }
  return { messages: lines.length, planted, recall: planted ? recalled / planted : 1, perKind, ordinary, overRedaction: ordinary ? overRedacted / ordinary : 0, missed, overWords };
}

/** Recall of a group of kinds (1 when the corpus plants none of them). */
export function groupRecall(m: Measurement, kinds: FindingKind[]): { planted: number; recall: number } {
  let planted = 0;
  let recalled = 0;
  for (const kind of kinds) {
    planted += m.perKind.get(kind)?.planted ?? 0;
    recalled += m.perKind.get(kind)?.recalled ?? 0;
  }
  return { planted, recall: planted ? recalled / planted : 1 };
}

/** The targets a measurement misses, as readable lines (empty: all met). */
export function targetFailures(m: Measurement): string[] {
  const failures: string[] = [];
  for (const [group, target] of Object.entries(TARGETS)) {
    if (typeof target === "number") continue;
    const { planted, recall } = groupRecall(m, target.kinds);
    if (planted && recall < target.recall) failures.push(`${group}: recall ${pct(recall)} < ${pct(target.recall)}`);
  }
  if (m.overRedaction > TARGETS.overRedaction) failures.push(`over-redaction ${pct(m.overRedaction)} > ${pct(TARGETS.overRedaction)}`);
  return failures;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The figures of a measurement, one line per kind and group. */
export function report(name: string, m: Measurement): string {
  const lines = [`${name}: ${m.messages} messages, ${m.planted} planted items, overall recall ${pct(m.recall)}`];
  for (const [kind, { planted, recalled }] of [...m.perKind].sort()) {
    lines.push(`  ${kind.padEnd(12)} ${String(recalled).padStart(4)}/${String(planted).padEnd(4)} ${pct(recalled / planted).padStart(8)}`);
  }
  for (const [group, target] of Object.entries(TARGETS)) {
    if (typeof target === "number") continue;
    const { planted, recall } = groupRecall(m, target.kinds);
    lines.push(`  group ${group.padEnd(13)} ${pct(recall).padStart(8)} of ${planted} (target ≥ ${pct(target.recall)})`);
  }
  lines.push(`  over-redaction ${pct(m.overRedaction)} of ${m.ordinary} ordinary words (target ≤ ${pct(TARGETS.overRedaction)})`);
  const failures = targetFailures(m);
  lines.push(failures.length ? `  targets missed: ${failures.join("; ")}` : "  all targets met");
  return lines.join("\n");
}

export function redactionBench(): string {
  const inputs: [string, string][] = [
    ["8,000 digits", "0" + "1".repeat(8000) + "x"],
    ["file-number lookalike", "Az. " + "1a-".repeat(3000) + "!"],
    ["name lookalike", "Frau " + "Aaaa-".repeat(3000) + "1"],
    ["street lookalike", "Karl-".repeat(3000) + "x 5"],
    ["e-mail lookalike", "a".repeat(5000) + "@" + "b.".repeat(2000)],
    ["health lookalike", "Er hat ".repeat(2000) + "Zucker"],
    ["124,000 chars of real data", "Herr Ahmadi, Lindenstraße 14, 0176 12345678, Az. 8123456-423. ".repeat(2000)],
    ["60,000 chars, special data", "Frau Yilmaz hat Epilepsie, ihr Sohn ist Autist. ".repeat(1200)],
  ];
  const lines = ["Redaction time per input (findPersonalData):"];
  for (const [name, input] of inputs) {
    const started = performance.now();
    findPersonalData(input);
    lines.push(`  ${name.padEnd(28)} ${String(input.length).padStart(7)} chars  ${(performance.now() - started).toFixed(1).padStart(8)} ms`);
  }
  const tuned = readCorpus(TUNED_CORPUS);
  const started = performance.now();
  const m = measureCorpus(tuned);
  lines.push(`  corpus: ${tuned.length} messages measured in ${(performance.now() - started).toFixed(1)} ms`);
  lines.push("", report("tuned corpus (test/fixtures/redaction-corpus.jsonl)", m));
  for (const file of [UNTUNED_CORPUS, UNTUNED_CORPUS_2]) {
    const name = relative(ROOT, file);
    lines.push("", existsSync(file) ? report(`untuned corpus (${name})`, measureCorpus(readCorpus(file))) : `untuned corpus: ${name} not present`);
  }
  return lines.join("\n");
}
