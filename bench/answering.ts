/**
 * Answer latency in-process (search + triage, what every incoming question costs) on the real
 * knowledge base and on a synthetic base of 10,000 entries, beside the plain fuse.js baseline on
 * the same data, and the time to build the index.
 *
 * Method: the index is built from parsed entries by the same code for both bases (KnowledgeIndex
 * and Triage, as openKnowledge does). One untimed pass over other questions (seeded paraphrases)
 * warms the JIT without filling the per-word caches (typo corrections, compound splits) for the
 * timed questions; then every question is timed in each of several passes. The first timed pass
 * meets the questions' words for the first time; its p99 is printed on its own line. Garbage
 * collection is not excluded.
 * Run: npm run bench -- answering
 */
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, relative } from "node:path";
import { loadKnowledge } from "../src/knowledge/load.js";
import { loadCues } from "../src/knowledge/cues.js";
import { KnowledgeIndex } from "../src/knowledge/search.js";
import { FuseBaseline } from "../src/knowledge/eval/fuse-baseline.js";
import { Triage } from "../src/knowledge/triage.js";
import { loadExamples } from "../src/knowledge/model/examples.js";
import { openModels, type UnderstandingModel } from "../src/knowledge/model/model.js";
import { loadCalibration } from "../src/knowledge/understanding.js";
import type { EvalCase } from "../src/knowledge/eval/evaluate.js";
import type { KnowledgeBase } from "../src/knowledge/types.js";
import { DEFAULT_CACHE_DIR, DEFAULT_KNOWLEDGE_DIR, ROOT } from "../src/paths.js";
import { paraphraseQuestions, syntheticKnowledge } from "./synthetic-knowledge.js";

const TIMED_PASSES = 10;
const SYNTHETIC = { entries: 10_000, seed: 7, paraphrases: 500, paraphraseSeed: 11 };
const WARM_UP = { questions: 300, seed: 5 };
/** fuse.js takes about 12 s per question on 10,000 entries: a fixed, evenly spaced subset. */
const FUSE_SYNTHETIC_QUESTIONS = 12;
const TARGETS = { real: 5, synthetic: 50 };

interface Timing {
  p50: number;
  p99: number;
  /** Questions per second: samples divided by the time they took. */
  qps: number;
  samples: number;
  /** p99 of the first timed pass alone, when the questions' words were new to the caches. */
  firstPassP99: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function timePasses<T>(questions: string[], answer: (q: string) => T, passes: number): { timing: Timing; answers: T[] } {
  const all: number[] = [];
  let first: number[] = [];
  let answers: T[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const times: number[] = [];
    answers = questions.map((q) => {
      const started = performance.now();
      const result = answer(q);
      times.push(performance.now() - started);
      return result;
    });
    if (pass === 0) first = [...times].sort((a, b) => a - b);
    all.push(...times);
  }
  const total = all.reduce((a, b) => a + b, 0);
  all.sort((a, b) => a - b);
  return {
    timing: {
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      qps: all.length / (total / 1000),
      samples: all.length,
      firstPassP99: percentile(first, 99),
    },
    answers,
  };
}

function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

/** Index and triage over a parsed knowledge base: what openKnowledge and openUnderstanding build. */
function buildLotse(kb: KnowledgeBase, model: UnderstandingModel) {
  const index = new KnowledgeIndex(kb);
  return new Triage(index, loadCues(DEFAULT_KNOWLEDGE_DIR), model, loadCalibration(DEFAULT_KNOWLEDGE_DIR));
}

function readCases(file: string): EvalCase[] {
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as EvalCase);
}

const entryCount = (kb: KnowledgeBase) => [...kb.topics.values()].reduce((n, t) => n + t.entries.size, 0);
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2)).padStart(9);
const rate = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(2)).padStart(8);
const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(1)}%`;

export async function answeringBench(): Promise<string> {
  const load = loadavg()[0]!.toFixed(1);
  const devFile = join(ROOT, "..", "shared", "eval", "dev-questions.jsonl");
  const dev = existsSync(devFile) ? readCases(devFile) : [];

  // Real base.
  const [realKb, loadMs] = timed(() => loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
  // The classifiers trained on knowledge/examples (from CACHE_DIR, as a start would load them).
  const model = await openModels(loadExamples(DEFAULT_KNOWLEDGE_DIR), realKb, DEFAULT_CACHE_DIR);
  const [realTriage, realBuildMs] = timed(() => buildLotse(realKb, model));
  const realQuestions = dev.length ? dev.map((c) => c.q) : [...realKb.topics.values()].flatMap((t) => [...t.entries.values()].flatMap((e) => e.questions));
  for (const { q } of paraphraseQuestions(realKb, WARM_UP.questions, WARM_UP.seed)) realTriage.decide(q);
  const realLotse = timePasses(realQuestions, (q) => realTriage.decide(q), TIMED_PASSES);

  // Synthetic base: the same code builds its index.
  const [synthetic, generateMs] = timed(() => syntheticKnowledge(realKb, SYNTHETIC));
  // The real classifiers (trained for the real topics) stand in: they cost the same per question; the
  // synthetic base's own topics come from the search, which is what grows with the base.
  const [synthTriage, synthBuildMs] = timed(() => buildLotse(synthetic, model));
  const paraphrases = paraphraseQuestions(synthetic, SYNTHETIC.paraphrases, SYNTHETIC.paraphraseSeed);
  const synthQuestions = [...paraphrases.map((p) => p.q), ...dev.map((c) => c.q)];
  for (const { q } of paraphraseQuestions(synthetic, WARM_UP.questions, WARM_UP.seed)) synthTriage.decide(q);
  const synthLotse = timePasses(synthQuestions, (q) => synthTriage.decide(q), TIMED_PASSES);

  // fuse.js baseline: slow, so one pass; on 10,000 entries only a subset.
  const [realFuseIndex, realFuseBuildMs] = timed(() => new FuseBaseline(realKb));
  const realFuse = timePasses(realQuestions, (q) => realFuseIndex.search(q), 1);
  const [synthFuseIndex, synthFuseBuildMs] = timed(() => new FuseBaseline(synthetic));
  const step = synthQuestions.length / FUSE_SYNTHETIC_QUESTIONS;
  const fuseSubset = Array.from({ length: FUSE_SYNTHETIC_QUESTIONS }, (_, i) => synthQuestions[Math.floor(i * step)]!);
  const synthFuse = timePasses(fuseSubset, (q) => synthFuseIndex.search(q), 1);

  // Answer quality beside the speed, so a faster search that answers worse would show.
  const topicCases = dev.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === "topic");
  const lotseTop1 = topicCases.filter(({ c, i }) => realLotse.answers[i]!.topic === c.topic).length;
  const fuseTop1 = topicCases.filter(({ c, i }) => realFuse.answers[i]![0] === c.topic).length;
  // The topic Lotse puts first: its decision's topic, or the best guess it offers when it has none.
  const first = (i: number) => synthLotse.answers[i]!.topic ?? synthLotse.answers[i]!.alternatives[0];
  const template = (id: string | undefined) => id?.replace(/-\d+$/, "");
  const paraphraseTop1 = paraphrases.filter((p, i) => first(i) === p.topic).length;
  const paraphraseFound = paraphrases.filter((_, i) => synthLotse.answers[i]!.action !== "fallback").length;
  const paraphraseTemplate = paraphrases.filter((p, i) => template(first(i)) === template(p.topic)).length;

  const realLabel = `real base (${realKb.topics.size} topics)`;
  const synthLabel = `synthetic (${entryCount(synthetic).toLocaleString("en")} entries)`;
  const width = Math.max(realLabel.length, synthLabel.length) + 2;
  const row = (base: string, system: string, buildMs: number, t: Timing, questions: string) =>
    `${base.padEnd(width)}${system.padEnd(9)}${ms(buildMs)}${ms(t.p50)}${ms(t.p99)}${rate(t.qps)}   ${questions}`;
  const verdict = (p99: number, target: number) => `${p99 < target ? "met" : "MISSED"} (p99 ${p99.toFixed(2)} ms, target < ${target} ms)`;
  const devSource = dev.length ? `${relative(ROOT, devFile)} (${dev.length})` : "the entries' own example questions";

  return [
    `${"".padEnd(width)}${"system".padEnd(9)}${"build ms".padStart(9)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"q/s".padStart(8)}   timed questions`,
    row(realLabel, "Lotse", realBuildMs, realLotse.timing, `${realQuestions.length} x ${TIMED_PASSES} passes`),
    row("", "fuse.js", realFuseBuildMs, realFuse.timing, `${realQuestions.length} x 1 pass`),
    row(synthLabel, "Lotse", synthBuildMs, synthLotse.timing, `${synthQuestions.length} x ${TIMED_PASSES} passes`),
    row("", "fuse.js", synthFuseBuildMs, synthFuse.timing, `subset of ${fuseSubset.length} (every ${step.toFixed(0)}th) x 1 pass: about 12 s per question`),
    "",
    `Target p99 < ${TARGETS.real} ms on the real base: ${verdict(realLotse.timing.p99, TARGETS.real)}`,
    `Target p99 < ${TARGETS.synthetic} ms at 10,000 entries: ${verdict(synthLotse.timing.p99, TARGETS.synthetic)}`,
    `First timed pass alone (words new to the typo and compound caches): p99 ${realLotse.timing.firstPassP99.toFixed(2)} ms real, ${synthLotse.timing.firstPassP99.toFixed(2)} ms synthetic`,
    ...(dev.length
      ? [`Top-1 on the ${topicCases.length} topic questions (same runs; full report: npx lotse eval ${relative(process.cwd(), devFile)}): Lotse ${pct(lotseTop1, topicCases.length)}, fuse.js ${pct(fuseTop1, topicCases.length)}`]
      : []),
    `Synthetic paraphrases: answered or offered ${pct(paraphraseFound, paraphrases.length)}; paraphrased topic first ${pct(paraphraseTop1, paraphrases.length)}; a topic from the same real template first ${pct(paraphraseTemplate, paraphrases.length)} (siblings of one template share most questions)`,
    "",
    "Command: npm run bench -- answering",
    `Data: real base ${relative(ROOT, DEFAULT_KNOWLEDGE_DIR)}/ (${realKb.topics.size} topics, ${entryCount(realKb)} entries; parsing ${loadMs.toFixed(0)} ms, not in build ms); questions ${devSource}.`,
    `      synthetic base from bench/synthetic-knowledge.ts, seed ${SYNTHETIC.seed}: ${synthetic.topics.size.toLocaleString("en")} topics x de/en built from the real base (generated in ${generateMs.toFixed(0)} ms);`,
    `      questions: ${paraphrases.length} paraphrases of its example questions (seed ${SYNTHETIC.paraphraseSeed}) + the ${dev.length} dev questions.`,
    `Method: answer = classifiers (fastText, topic and situation) + search + combiner, as in Lotse; build ms = KnowledgeIndex + Triage from parsed entries (the classifiers load from CACHE_DIR); one untimed warm-up pass over ${WARM_UP.questions} other paraphrases (seed ${WARM_UP.seed}), then ${TIMED_PASSES} timed passes; GC included.`,
    `        Times are wall-clock: on a shared machine the OS pausing the process for others shows in the tail.`,
    `Machine: ${cpus().length} CPUs, load average ${load} at start (the benchmark shares them with whatever else runs).`,
  ].join("\n");
}
