import type { Calibration } from "../model/combine.js";
import { rankTopics } from "../model/combine.js";
import { decideRanked, wordCount, type Decision } from "../triage.js";
import type { Topic } from "../types.js";
import type { HeldOutRow } from "./cv.js";

/**
 * The figures the understanding issue sets targets for, measured on held-out rows, and the
 * choice of the combiner's numbers that serves them best. Everything here sees only held-out
 * predictions of knowledge/examples; the development set is measured separately and never used.
 */

export interface Figures {
  n: number;
  /** General topic questions: the decided topic is the right one (a fallback counts as wrong). */
  topicTop1: number;
  /** General topic questions: the right topic among the first three (topic and alternatives). */
  topicTop3: number;
  /** General topic questions that got no answer at all (fallback). */
  generalFallback: number;
  /** General topic questions read as another situation (an individual case, a request for a person, off-topic, an emergency): they get a hand-over offer or no answer instead of the answer. */
  generalMisread: number;
  /** General topic questions answered with a choice of topics (clarify). */
  clarifyRate: number;
  /** General topic questions answered outright with the wrong topic (a confident wrong answer). */
  wrongAnswers: number;
  emergencyRecall: number;
  /** Share of all non-emergency lines that were treated as an emergency. */
  falseEmergency: number;
  /** Requests for a person and individual cases that were handed over (escalate). */
  escalationRecall: number;
  personRecall: number;
  individualRecall: number;
  offtopicFallback: number;
  /** Topic top-1 per language (general topic questions). */
  byLanguage: Record<string, number>;
  /** The most frequent topic mix-ups (expected → decided) among general topic questions. */
  confusions: [string, number][];
}

/** Rankings per row and search weight, computed once: the calibration tries many thresholds per weight. */
const rankings = new WeakMap<HeldOutRow, Map<number, [string, number][]>>();

function ranked(row: HeldOutRow, weight: number, topics: ReadonlyMap<string, Topic>): [string, number][] {
  let byWeight = rankings.get(row);
  if (!byWeight) rankings.set(row, (byWeight = new Map()));
  let list = byWeight.get(weight);
  if (!list) byWeight.set(weight, (list = rankTopics(row.output, row.hits, weight).filter(([id]) => topics.has(id))));
  return list;
}

/** Words per row, counted once: the calibration decides every row a few hundred times. */
const words = new WeakMap<HeldOutRow, number>();

function wordsOf(row: HeldOutRow): number {
  let n = words.get(row);
  if (n === undefined) words.set(row, (n = wordCount(row.example.text)));
  return n;
}

export function decisions(rows: HeldOutRow[], calibration: Calibration, topics: ReadonlyMap<string, Topic>): Decision[] {
  return rows.map((r) => decideRanked(ranked(r, calibration.bm25Weight, topics), r.output, r.emergencyCue, calibration, topics, wordsOf(r), r.hits));
}

export function figures(rows: HeldOutRow[], decided: Decision[]): Figures {
  const share = (hits: number, n: number) => (n ? hits / n : 0);
  let misread = 0;
  let general = 0, top1 = 0, top3 = 0, fallback = 0, clarify = 0, wrong = 0, emergency = 0, emergencyHit = 0, nonEmergency = 0, falseEmergency = 0;
  let person = 0, personHit = 0, individual = 0, individualHit = 0, offtopic = 0, offtopicHit = 0;
  const lang = new Map<string, [number, number]>();
  const mixups = new Map<string, number>();
  rows.forEach(({ example }, i) => {
    const d = decided[i]!;
    if (example.situation === "emergency") {
      emergency++;
      if (d.action === "emergency") emergencyHit++;
    } else {
      nonEmergency++;
      if (d.action === "emergency") falseEmergency++;
    }
    if (example.situation === "person") (person++, d.action === "escalate" && personHit++);
    if (example.situation === "individual") (individual++, d.action === "escalate" && individualHit++);
    if (example.situation === "offtopic") (offtopic++, d.action === "fallback" && offtopicHit++);
    if (example.situation === "general" && example.topic) {
      general++;
      const right = d.topic === example.topic;
      if (right) top1++;
      if ([d.topic, ...d.alternatives].slice(0, 3).includes(example.topic)) top3++;
      if (d.action === "fallback") fallback++;
      if (d.situation !== "general") misread++;
      if (d.action === "clarify") clarify++;
      if (d.action === "answer" && !right) wrong++;
      const tally = lang.get(example.lang) ?? [0, 0];
      lang.set(example.lang, [tally[0] + (right ? 1 : 0), tally[1] + 1]);
      if (!right && d.topic) mixups.set(`${example.topic} → ${d.topic}`, (mixups.get(`${example.topic} → ${d.topic}`) ?? 0) + 1);
    }
  });
  return {
    n: rows.length,
    topicTop1: share(top1, general),
    topicTop3: share(top3, general),
    generalFallback: share(fallback, general),
    generalMisread: share(misread, general),
    clarifyRate: share(clarify, general),
    wrongAnswers: share(wrong, general),
    emergencyRecall: share(emergencyHit, emergency),
    falseEmergency: share(falseEmergency, nonEmergency),
    escalationRecall: share(personHit + individualHit, person + individual),
    personRecall: share(personHit, person),
    individualRecall: share(individualHit, individual),
    offtopicFallback: share(offtopicHit, offtopic),
    byLanguage: Object.fromEntries([...lang].sort().map(([l, [h, n]]) => [l, share(h, n)])),
    confusions: [...mixups].sort((a, b) => b[1] - a[1]).slice(0, 10),
  };
}

/** Each target's shortfall counts; the choice maximises the figures while keeping false emergencies at or below 1 %. */
const MAX_FALSE_EMERGENCY = 0.01;
// The classifiers' probabilities are sharp: with the off-topic evidence weighed against the topic
// classifier (combine.ts), useful thresholds reach below 1 %.
const GRID = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7];
const WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
const FALLBACK = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4];
const CLARIFY_RATIO = [0.5, 0.6, 0.7, 0.8, 0.9];
const CLARIFY_BELOW = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
/** Asking back costs the volunteer a tap: at most this share of general questions get a choice instead of an answer. */
const MAX_CLARIFY = 0.1;

/**
 * The combiner's numbers for these held-out rows. The emergency threshold comes first: the lowest
 * on the grid whose false emergencies stay within 1 % (recall is what matters there). Then the
 * search weight, the other situations' thresholds and the fallback line, by coordinate ascent on
 * a score that adds topic top-1, escalation recall and off-topic recall, minus answers withheld
 * from general questions. Last, when to offer a choice: the fewest confident wrong answers while at
 * most a tenth of general questions get a choice instead of an answer.
 */
export function selectCalibration(rows: HeldOutRow[], topics: ReadonlyMap<string, Topic>, start: Calibration): Calibration {
  let best: Calibration = structuredClone(start);
  const score = (c: Calibration) => {
    const f = figures(rows, decisions(rows, c, topics));
    if (f.falseEmergency > MAX_FALSE_EMERGENCY) return -Infinity;
    // A figure counts up to its target (issue: escalation ≥ 95 %, off-topic ≥ 95 %, topic top-1 ≥ 92 %):
    // recall beyond a met target is not bought with answers withheld elsewhere. The uncapped sum
    // only breaks ties.
    const capped = 2 * Math.min(f.topicTop1, 0.92) + Math.min(f.personRecall, 0.95) + Math.min(f.individualRecall, 0.95) + 2 * Math.min(f.offtopicFallback, 0.95) + f.emergencyRecall - f.generalFallback - f.generalMisread;
    return capped + 1e-3 * (2 * f.topicTop1 + f.personRecall + f.individualRecall + 2 * f.offtopicFallback);
  };
  for (const t of [...GRID].sort((a, b) => a - b)) {
    const trial = { ...best, thresholds: { ...best.thresholds, emergency: t } };
    if (figures(rows, decisions(rows, trial, topics)).falseEmergency <= MAX_FALSE_EMERGENCY) {
      best = trial;
      break;
    }
  }
  let bestScore = score(best);
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    const tryOut = (candidate: Calibration) => {
      const s = score(candidate);
      if (s > bestScore + 1e-9) [best, bestScore, improved] = [candidate, s, true];
    };
    for (const w of WEIGHTS) tryOut({ ...best, bm25Weight: w });
    for (const situation of ["person", "individual", "offtopic"] as const) {
      for (const t of GRID) tryOut({ ...best, thresholds: { ...best.thresholds, [situation]: t } });
    }
    for (const f of FALLBACK) tryOut({ ...best, fallbackBelow: f });
    if (!improved) break;
  }
  let fewestWrong = Infinity;
  const chosen = best;
  for (const ratio of CLARIFY_RATIO) {
    for (const below of CLARIFY_BELOW) {
      const candidate = { ...chosen, clarifyRatio: ratio, clarifyBelow: below };
      const f = figures(rows, decisions(rows, candidate, topics));
      if (f.clarifyRate <= MAX_CLARIFY && f.wrongAnswers < fewestWrong) [best, fewestWrong] = [candidate, f.wrongAnswers];
    }
  }
  return best;
}
