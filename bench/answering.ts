/**
 * Answer latency in-process on the real knowledge base, beside the plain fuse.js baseline,
 * and the index build time. Questions: ../shared/eval/dev-questions.jsonl if present, else the
 * example questions of the knowledge base itself.
 * Run: npm run bench -- answering
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openKnowledge } from "../src/knowledge/index.js";
import { FuseBaseline } from "../src/knowledge/search.js";
import { evaluate, type EvalCase } from "../src/knowledge/evaluate.js";
import { DEFAULT_KNOWLEDGE_DIR, ROOT } from "../src/paths.js";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function timeEach(questions: string[], fn: (q: string) => unknown): { p50: number; p99: number; total: number } {
  const times: number[] = [];
  const started = performance.now();
  for (const q of questions) {
    const t = performance.now();
    fn(q);
    times.push(performance.now() - t);
  }
  const total = performance.now() - started;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), total };
}

export function answeringBench(): string {
  let started = performance.now();
  const knowledge = openKnowledge(DEFAULT_KNOWLEDGE_DIR);
  const buildMs = performance.now() - started;
  started = performance.now();
  const baseline = new FuseBaseline(knowledge.kb);
  const baselineBuildMs = performance.now() - started;
  const dev = join(ROOT, "..", "shared", "eval", "dev-questions.jsonl");
  const questions = existsSync(dev)
    ? readFileSync(dev, "utf8").split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { q: string }).q)
    : [...knowledge.kb.topics.values()].flatMap((t) => [...t.entries.values()].flatMap((e) => e.questions));
  knowledge.triage.decide(questions[0] ?? "warm up");
  const lotse = timeEach(questions, (q) => knowledge.triage.decide(q));
  const fuse = timeEach(questions, (q) => baseline.search(q));
  const f = (n: number) => n.toFixed(2).padStart(8);
  let accuracy = "";
  if (existsSync(dev)) {
    const cases = readFileSync(dev, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as EvalCase);
    const [mine, fuse] = evaluate(knowledge, cases).systems;
    const pct = (s: typeof mine) => `${((100 * s!.topicQuestions.top1) / s!.topicQuestions.n).toFixed(1)}%`;
    accuracy = `\nTop-1 on topic questions (npx lotse eval ${dev}): Lotse ${pct(mine)}, fuse.js baseline ${pct(fuse)}`;
  }
  return [
    `Knowledge base: ${knowledge.kb.topics.size} topics (${DEFAULT_KNOWLEDGE_DIR}); ${questions.length} questions (${existsSync(dev) ? dev : "the entries' own example questions"})`,
    `${"".padEnd(28)} ${"build ms".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"q/s".padStart(8)}`,
    `${"Lotse search + triage".padEnd(28)} ${f(buildMs)} ${f(lotse.p50)} ${f(lotse.p99)} ${(questions.length / (lotse.total / 1000)).toFixed(0).padStart(8)}`,
    `${"fuse.js baseline".padEnd(28)} ${f(baselineBuildMs)} ${f(fuse.p50)} ${f(fuse.p99)} ${(questions.length / (fuse.total / 1000)).toFixed(0).padStart(8)}`,
  ].join("\n") + accuracy;
}
