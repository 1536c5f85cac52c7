import type { Action } from "../core/message.js";
import { emergencyCue as floor, foldForCues, type Cues } from "./cues.js";
import { rankTopics, situationOf, type Calibration } from "./model/combine.js";
import type { Situation } from "./model/examples.js";
import type { ModelOutput, UnderstandingModel } from "./model/model.js";
import type { KnowledgeIndex } from "./search.js";
import type { Topic } from "./types.js";

/**
 * Decides what Lotse does with a question, from the trained classifiers and the search together
 * (model/combine.ts): danger to life first, then a request for a person, an individual case or
 * something off-topic, then the best topic (answer, a choice between close topics, or no answer).
 * The emergency cue patterns of knowledge/triage.yaml are a floor: a cue can add an emergency,
 * never take one away. Every threshold comes from held-out batches (knowledge/calibration.json).
 */

export interface Decision {
  action: Action;
  /** Best topic guess (also for escalations, so the coordinator sees it); null when none. */
  topic: string | null;
  /** The best topic's combined score (classifier probability plus weighted search score). */
  score: number;
  /** Next-best topics, for clarify buttons and related suggestions. */
  alternatives: string[];
  /** The situation the question was read as. */
  situation: Situation;
  /** Whether the best topic is a clear match (for an individual case, `topic` is a guess either way). */
  confident: boolean;
  /** Why: which rule decided; for tests and debug logs. */
  reason: "emergency-cue" | "emergency" | "person" | "individual" | "offtopic" | "urgent-topic" | "no-match" | "close-candidates" | "match" | "empty";
}

export class Triage {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly cues: Cues,
    private readonly model: UnderstandingModel,
    private readonly calibration: Calibration,
  ) {}

  decide(question: string): Decision {
    const folded = foldForCues(question);
    const emergencyCue = floor(this.cues, question);
    if (!emergencyCue && (!folded || !/[\p{L}\p{N}]/u.test(folded))) {
      return { action: "fallback", topic: null, score: 0, alternatives: [], situation: "offtopic", confident: false, reason: "empty" };
    }
    const output = this.model.predict(question);
    return decideFrom(output, this.index.search(question, 10).hits, emergencyCue, this.calibration, this.index.topics, wordCount(question));
  }
}

/** Words in a message: one or two are a search term, not a case or a story. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** One or two words: too short for the classifiers' situation; several topics the search finds about as well are offered. */
const SHORT = 2;
const SHORT_CLARIFY = 0.85;
/** A search score this high means the word occurs in the knowledge base's curated fields, not only by chance. */
const KNOWN_WORD_BM25 = 25;

/**
 * The decision from the classifiers' output and the search hits under a calibration: the whole
 * rule, as a function, so that cross-validation can replay it on held-out predictions.
 */
export function decideFrom(output: ModelOutput, hits: { topic: string; score: number; bm25?: number }[], emergencyCue: boolean, c: Calibration, topics: ReadonlyMap<string, Topic>, words = Infinity): Decision {
  return decideRanked(rankTopics(output, hits, c.bm25Weight).filter(([id]) => topics.has(id)), output, emergencyCue, c, topics, words, hits);
}

/** decideFrom with the topics already ranked under `c.bm25Weight` (the evaluation ranks once per weight). */
export function decideRanked(
  ranked: [string, number][],
  output: ModelOutput,
  emergencyCue: boolean,
  c: Calibration,
  topics: ReadonlyMap<string, Topic>,
  words = Infinity,
  hits: { topic: string; score: number; bm25?: number }[] = [],
): Decision {
  const [best, second] = ranked;
  const score = best?.[1] ?? 0;
  const confident = best !== undefined && score >= c.fallbackBelow;
  const topic = confident ? best[0] : null;
  const alternatives = idsOf(ranked, 1, 4);
  const short = words <= SHORT;
  let situation = situationOf(output, c, emergencyCue);
  // One or two words are a search term, not an individual case.
  if (short && situation === "individual") situation = "general";
  // Built field by field rather than spread from a shared base: the calibration decides every
  // held-out row a few hundred times, and the spreads were most of its time.
  const decision = (action: Action, topic: string | null, reason: Decision["reason"], alts = alternatives): Decision => ({ action, topic, score, alternatives: alts, situation, confident, reason });
  switch (situation) {
    case "emergency":
      return decision("emergency", topics.has(EMERGENCY_TOPIC) ? EMERGENCY_TOPIC : topic, emergencyCue ? "emergency-cue" : "emergency");
    case "person":
      return decision("escalate", topic, "person");
    case "individual":
      // The case belongs to a topic even when the question is not a clear match: the coordinator sees the guess.
      return decision("escalate", best?.[0] ?? null, "individual");
    case "offtopic": {
      // A bare word the search does know ("Versicherung") gets the near topics offered, not a flat no.
      const known = short && (hits[0]?.bm25 ?? 0) >= KNOWN_WORD_BM25;
      return decision("fallback", null, known ? "no-match" : "offtopic", known ? idsOf(ranked, 0, 2) : []);
    }
  }
  if (!best || !confident) {
    // Too weak to answer; near topics are offered as suggestions when the search found any.
    return decision("fallback", null, "no-match", idsOf(ranked, 0, 2));
  }
  if (topics.get(best[0])?.handling === "urgent") return decision("escalate", best[0], "urgent-topic");
  // A bare word that several topics use alike ("Geld", "Frist"): the classifier is sure of one, but the volunteer should choose.
  const searchTie = short && hits.length >= 2 && hits[1]!.score >= SHORT_CLARIFY * hits[0]!.score;
  if (second && (searchTie || (second[1] >= c.clarifyRatio * score && score < c.clarifyBelow && !related(topics, best[0], second[0])))) {
    return decision("clarify", best[0], "close-candidates");
  }
  return decision("answer", best[0], "match");
}

/** The ids of ranked[from] up to ranked[to - 1], without the intermediate arrays of slice and map. */
function idsOf(ranked: [string, number][], from: number, to: number): string[] {
  const ids: string[] = [];
  for (let i = from; i < to && i < ranked.length; i++) ids.push(ranked[i]![0]);
  return ids;
}

function related(topics: ReadonlyMap<string, Topic>, a: string, b: string): boolean {
  return topics.get(a)?.related.includes(b) === true || topics.get(b)?.related.includes(a) === true;
}

const EMERGENCY_TOPIC = "notfall-krise";
