import type { Situation } from "./examples.js";
import type { ModelOutput } from "./model.js";

/**
 * The combiner: the classifiers' probabilities and the BM25 search, turned into one ranked list
 * of topics and one situation. Its few numbers (a weight and thresholds) are chosen on held-out
 * batches of knowledge/examples by `npx lotse eval --cv --calibrate` and kept in calibration.json
 * with the figures that chose them; the development set never sees them.
 */

export interface Calibration {
  /** Weight of the search's relative score (0..1) added to the topic classifier's probability. */
  bm25Weight: number;
  /** A situation is taken when its probability reaches its threshold (emergency first, then the highest over its threshold). */
  thresholds: Record<Exclude<Situation, "general">, number>;
  /** A general question whose best combined topic score is below this gets no answer (fallback). */
  fallbackBelow: number;
  /** Offer a choice when the runner-up reaches this share of the best topic's score ... */
  clarifyRatio: number;
  /** ... and the best topic's combined score is below this. */
  clarifyBelow: number;
}

export interface SearchHitLike {
  topic: string;
  /** The search's relative score (0..1, the best hit 1). */
  score: number;
}

/** Topics ranked by the classifier's probability plus the weighted search score, best first. */
export function rankTopics(model: ModelOutput, hits: SearchHitLike[], bm25Weight: number): [string, number][] {
  const scores = new Map<string, number>();
  for (const [topic, p] of model.topics) scores.set(topic, p);
  for (const hit of hits) scores.set(hit.topic, (scores.get(hit.topic) ?? 0) + bm25Weight * hit.score);
  return [...scores].sort((a, b) => b[1] - a[1]);
}

/**
 * The situation the classifier's probabilities call for: emergency when its threshold is reached
 * (or a cue said so), else the other situation that exceeds its threshold by the largest factor,
 * else a general question.
 */
export function situationOf(model: ModelOutput, calibration: Calibration, emergencyCue: boolean): Situation {
  const { thresholds } = calibration;
  if (emergencyCue || model.situations.emergency >= thresholds.emergency) return "emergency";
  let best: Situation = "general";
  let bestFactor = 1;
  // Plain assignments, no arrays: the calibration calls this millions of times.
  for (const situation of HANDED_OVER) {
    const factor = evidence(model, situation) / thresholds[situation];
    if (factor >= bestFactor) {
      best = situation;
      bestFactor = factor;
    }
  }
  return best;
}

const HANDED_OVER = ["person", "individual", "offtopic"] as const;

/**
 * How strongly the model points at a situation. Off-topic is weighed against the topic classifier:
 * a question the topic classifier places with near certainty ("Wie finde ich einen Kita-Platz für
 * mein Kind?", topic 0.99) is about that topic even when the situation classifier sees a little
 * off-topic in it (the volunteer's "own" child); a question no topic claims keeps its off-topic
 * probability whole. Chosen by cross-validation over the batches (docs/UNDERSTANDING.md).
 */
export function evidence(model: ModelOutput, situation: "person" | "individual" | "offtopic"): number {
  const p = model.situations[situation];
  return situation === "offtopic" ? p * (1 - (model.topics[0]?.[1] ?? 0)) : p;
}
