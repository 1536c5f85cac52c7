import { detectLanguage } from "../../i18n/detect.js";
import { FuseBaseline } from "./fuse-baseline.js";
import type { EvalCase, Prediction } from "./cases.js";

export type { EvalCase, Prediction } from "./cases.js";
import type { Knowledge } from "../index.js";
import type { UnderstoodKnowledge } from "../understanding.js";

interface Tally {
  n: number;
  top1: number;
  top3: number;
  action: number;
}

export interface SystemReport {
  name: string;
  overall: Tally;
  byKind: Record<string, Tally>;
  byLang: Record<string, Tally>;
  /** Topic questions (kind "topic") only: the figure the knowledge-base issue sets targets for. */
  topicQuestions: Tally & { fallback: number };
}

export interface EvalReport {
  cases: number;
  systems: SystemReport[];
  msPerQuestion: number;
}

/** Lotse's answer to one question, in the shape `lotse ask --jsonl` prints. */
export function ask(knowledge: UnderstoodKnowledge, question: string, lang?: string) {
  const decision = knowledge.triage.decide(question);
  return {
    topic: decision.topic,
    action: decision.action,
    score: Math.round(decision.score * 1000) / 1000,
    lang: lang ?? detectLanguage(question),
    alternatives: decision.alternatives,
  };
}

/** `baseline: false` skips the fuse.js baseline (slow: it scans every question with default options). */
export function evaluate(knowledge: UnderstoodKnowledge, cases: EvalCase[], options: { baseline?: boolean } = {}): EvalReport {
  const started = performance.now();
  const lotse = cases.map((c): Prediction => {
    const d = knowledge.triage.decide(c.q);
    return { topic: d.topic, action: d.action, alternatives: d.alternatives };
  });
  const msPerQuestion = (performance.now() - started) / Math.max(1, cases.length);
  const systems = [score("Lotse", cases, lotse)];
  if (options.baseline !== false) {
    const baseline = new FuseBaseline(knowledge.kb);
    const fuse = cases.map((c): Prediction => {
      const ids = baseline.search(c.q);
      return { topic: ids[0] ?? null, action: ids.length ? "answer" : "fallback", alternatives: ids.slice(1) };
    });
    systems.push(score("fuse.js baseline", cases, fuse));
  }
  return { cases: cases.length, msPerQuestion, systems };
}

/** Adds the NLP.js peer to a report (`lotse eval --peers`). */
export async function addPeers(knowledge: Knowledge, cases: EvalCase[], report: EvalReport): Promise<EvalReport> {
  const { nlpJsPeer } = await import("./peers.js");
  const peer = await nlpJsPeer(knowledge.kb);
  const predictions: Prediction[] = [];
  for (const c of cases) predictions.push(await peer(c.q, c.lang));
  return { ...report, systems: [...report.systems, score("NLP.js (node-nlp) peer", cases, predictions)] };
}

function score(name: string, cases: EvalCase[], predictions: Prediction[]): SystemReport {
  const empty = (): Tally => ({ n: 0, top1: 0, top3: 0, action: 0 });
  const report: SystemReport = { name, overall: empty(), byKind: {}, byLang: {}, topicQuestions: { ...empty(), fallback: 0 } };
  cases.forEach((c, i) => {
    const p = predictions[i]!;
    const top1 = c.topic !== null && p.topic === c.topic;
    const top3 = c.topic !== null && [p.topic, ...p.alternatives].slice(0, 3).includes(c.topic);
    const tallies = [report.overall, (report.byKind[c.kind] ??= empty()), (report.byLang[c.lang ?? "?"] ??= empty())];
    if (c.kind === "topic") tallies.push(report.topicQuestions);
    for (const t of tallies) {
      t.n++;
      if (top1) t.top1++;
      if (top3) t.top3++;
      if (p.action === c.action) t.action++;
    }
    if (c.kind === "topic" && p.action === "fallback") report.topicQuestions.fallback++;
  });
  return report;
}

const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : "-");

/** The table `lotse eval` prints. Topic accuracy counts only cases that name a topic. */
export function formatReport(report: EvalReport, source: string): string {
  const lines: string[] = [];
  lines.push(`Evaluation of ${report.cases} questions from ${source}`);
  lines.push(`(Lotse: ${report.msPerQuestion.toFixed(2)} ms per question in-process)`);
  for (const system of report.systems) {
    const t = system.topicQuestions;
    lines.push("");
    lines.push(`== ${system.name} ==`);
    lines.push(`topic questions (${t.n}): top-1 ${pct(t.top1, t.n)}  top-3 ${pct(t.top3, t.n)}  action ${pct(t.action, t.n)}  fallback ${pct(t.fallback, t.n)}`);
    lines.push(`all questions (${system.overall.n}): action ${pct(system.overall.action, system.overall.n)}`);
    lines.push(`  by kind:`);
    for (const [kind, k] of Object.entries(system.byKind)) {
      lines.push(`    ${kind.padEnd(11)} n=${String(k.n).padStart(3)}  top-1 ${pct(k.top1, k.n).padStart(6)}  top-3 ${pct(k.top3, k.n).padStart(6)}  action ${pct(k.action, k.n).padStart(6)}`);
    }
    lines.push(`  by language:`);
    for (const [lang, k] of Object.entries(system.byLang)) {
      lines.push(`    ${lang.padEnd(11)} n=${String(k.n).padStart(3)}  top-1 ${pct(k.top1, k.n).padStart(6)}  top-3 ${pct(k.top3, k.n).padStart(6)}  action ${pct(k.action, k.n).padStart(6)}`);
    }
  }
  const [lotse, ...others] = report.systems;
  if (lotse) lines.push("");
  for (const other of others) {
    const a = lotse!.topicQuestions;
    const b = other.topicQuestions;
    const diff = a.n ? (100 * (a.top1 - b.top1)) / a.n : 0;
    lines.push(`Lotse vs ${other.name}, top-1 on topic questions: ${diff >= 0 ? "+" : ""}${diff.toFixed(1)} points`);
  }
  return lines.join("\n");
}
