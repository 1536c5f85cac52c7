import type { Action } from "../core/message.js";
import { foldForCues, matchesAny, type Cues } from "./cues.js";
import type { Hit, KnowledgeIndex } from "./search.js";

/**
 * Decides what Lotse does with a question. Order matters: danger to life first, then
 * a request for a person, then what the knowledge base knows, then whether the question
 * is an individual case that belongs to a professional ("Begleitung ja, Beratung nein").
 */

export interface Decision {
  action: Action;
  /** Best topic guess (also for escalations, so the coordinator sees it); null when none. */
  topic: string | null;
  score: number;
  /** Next-best topics, for clarify buttons and related suggestions. */
  alternatives: string[];
  /** Why: which rule decided; for tests and debug logs. */
  reason: "emergency-cue" | "emergency-topic" | "human-cue" | "individual-cue" | "offtopic-cue" | "urgent-topic" | "no-match" | "close-candidates" | "match" | "empty";
}

export interface TriageThresholds {
  /** Minimum raw BM25 score of the top hit to count as a match at all. */
  minBm25: number;
  /** Minimum share of the query's information (IDF-weighted) the top hit must explain. */
  minEvidence: number;
  /** An off-topic cue is overridden only by a match at least this strong (BM25 and evidence). */
  offtopicOverride: { bm25: number; evidence: number };
  /** If the runner-up reaches this fraction of the top score, offer a choice instead. */
  clarifyRatio: number;
  /** ... but only when the top hit itself is not clearly strong. */
  clarifyBelowBm25: number;
  /** A short query fully matched in a topic's curated fields is an answer even below minBm25. */
  exactShort: { bm25: number; evidence: number; specificity: number };
  /** A weak match (too little BM25 for an answer) whose words are all domain words: offer a choice. */
  weakMatch: { bm25: number; evidence: number };
}

// Set on the development set (../shared/eval): the lowest values that keep off-topic
// questions out while losing fewer than 1% of topic questions to the fallback.
export const DEFAULT_THRESHOLDS: TriageThresholds = {
  minBm25: 45,
  minEvidence: 0.2,
  offtopicOverride: { bm25: 120, evidence: 0.6 },
  clarifyRatio: 0.9,
  clarifyBelowBm25: 150,
  // specificity 2: the words occur in at most about one topic in eight.
  exactShort: { bm25: 25, evidence: 0.9, specificity: 2 },
  weakMatch: { bm25: 15, evidence: 0.5 },
};

const EMERGENCY_TOPIC = "notfall-krise";

export class Triage {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly cues: Cues,
    private readonly thresholds: TriageThresholds = DEFAULT_THRESHOLDS,
  ) {}

  decide(question: string): Decision {
    const folded = foldForCues(question);
    const { hits, specificity } = this.index.search(question, 6);
    const top = hits[0];
    const alternatives = hits.slice(1, 4).map((h) => h.topic);
    const confident = top !== undefined && this.isMatch(top, specificity);
    const topic = confident ? top.topic : null;
    const score = top?.score ?? 0;

    if (matchesAny(this.cues.emergency, folded)) {
      return { action: "emergency", topic: this.index.topics.has(EMERGENCY_TOPIC) ? EMERGENCY_TOPIC : topic, score, alternatives, reason: "emergency-cue" };
    }
    if (!folded || !/[\p{L}\p{N}]/u.test(folded)) {
      return { action: "fallback", topic: null, score: 0, alternatives: [], reason: "empty" };
    }
    if (matchesAny(this.cues.human, folded)) {
      return { action: "escalate", topic, score, alternatives, reason: "human-cue" };
    }
    if (confident && this.handling(top.topic) === "emergency") {
      return { action: "emergency", topic: top.topic, score, alternatives, reason: "emergency-topic" };
    }
    if (matchesAny(this.cues.individual, folded)) {
      return { action: "escalate", topic: topic ?? top?.topic ?? null, score, alternatives, reason: "individual-cue" };
    }
    if (matchesAny(this.cues.offtopic, folded) && !(top && top.bm25 >= this.thresholds.offtopicOverride.bm25 && top.evidence >= this.thresholds.offtopicOverride.evidence)) {
      return { action: "fallback", topic: null, score, alternatives: [], reason: "offtopic-cue" };
    }
    if (!confident && top && hits.length >= 2 && top.bm25 >= this.thresholds.weakMatch.bm25 && top.evidence >= this.thresholds.weakMatch.evidence) {
      // One or two words such as "Versicherung": several topics fit, let the volunteer choose.
      return { action: "clarify", topic: top.topic, score, alternatives, reason: "close-candidates" };
    }
    if (!confident) {
      // Too weak to answer, but with a real hit the volunteer may recognise the topic: offered as suggestions.
      const suggestions = top && top.bm25 >= this.thresholds.weakMatch.bm25 ? hits.slice(0, 3).map((h) => h.topic) : [];
      return { action: "fallback", topic: null, score, alternatives: suggestions, reason: "no-match" };
    }
    if (this.handling(top.topic) === "urgent") {
      return { action: "escalate", topic: top.topic, score, alternatives, reason: "urgent-topic" };
    }
    const second = hits[1];
    if (second && second.score >= this.thresholds.clarifyRatio * top.score && top.bm25 < this.thresholds.clarifyBelowBm25 && !this.related(top.topic, second.topic)) {
      return { action: "clarify", topic: top.topic, score, alternatives, reason: "close-candidates" };
    }
    return { action: "answer", topic: top.topic, score, alternatives, reason: "match" };
  }

  private isMatch(hit: Hit, specificity: number): boolean {
    const t = this.thresholds;
    if (hit.bm25 >= t.minBm25 && hit.evidence >= t.minEvidence) return true;
    // A short query whose every word is in the topic's title, questions or keywords ("jugendmigrationsdienst").
    return hit.strongCoverage === 1 && hit.evidence >= t.exactShort.evidence && hit.bm25 >= t.exactShort.bm25 && specificity >= t.exactShort.specificity;
  }

  private handling(topic: string) {
    return this.index.topics.get(topic)?.handling;
  }

  private related(a: string, b: string): boolean {
    return this.index.topics.get(a)?.related.includes(b) === true || this.index.topics.get(b)?.related.includes(a) === true;
  }
}
