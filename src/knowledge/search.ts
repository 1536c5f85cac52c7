import { distance } from "fastest-levenshtein";
import type { KnowledgeBase, Topic } from "./types.js";
import { Bm25Index, type Bm25Query, type Bm25Snapshot } from "./bm25.js";
import { contentWords, decompound, stem } from "./text.js";
import { buildDocuments, TOPIC_FIELDS } from "./documents.js";

/**
 * The knowledge index. Two BM25+ indexes (bm25.ts) over the same analysed text:
 * one document per topic (title, questions, keywords, body; fields weighted), and one
 * document per example question or title, where a topic scores with its best question.
 * Their normalised scores are blended. Words that occur nowhere in the knowledge base
 * are typos or compounds: the nearest known word by edit distance replaces a typo,
 * German compounds are split.
 */

export interface Hit {
  topic: string;
  /** Blended score in 0..1, relative to the best hit of this query. */
  score: number;
  /** Raw BM25 score of the topic document: an absolute measure of match strength. */
  bm25: number;
  /** Share of the query's terms found in the topic's curated fields (title, questions, keywords), not only its body. */
  strongCoverage: number;
  /**
   * Share of the query's information (IDF-weighted; words unknown to the knowledge base weigh most)
   * that this topic matched. Low for questions about something else that share only common words.
   */
  evidence: number;
}

export interface SearchResult {
  hits: Hit[];
  /** Analysed query terms. */
  terms: string[];
  /** Mean IDF of the query terms: high when the words are specific (few topics use them). */
  specificity: number;
}

export interface SearchOptions {
  /** Weight of the per-topic index against the per-question index (0..1). */
  topicWeight?: number;
  boost?: Partial<typeof BOOST>;
  bm25?: { k: number; b: number; d: number };
}

// Chosen on the development set among a small grid; differences between nearby settings were within noise.
const BOOST = { title: 2, keywords: 2, questions: 1, body: 1 };
const BM25 = { k: 2, b: 0.7, d: 0.5 };
// The question index has always scored with MiniSearch's default parameters (the tuned ones were
// set for the topic index only); short question documents make k matter little.
const QUESTION_BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const BODY = TOPIC_FIELDS.indexOf("body");
/** Weight of a match by prefix (a query word that begins a longer index term). */
const PREFIX_WEIGHT = 0.4;
/** How many of the best topics (by BM25) are blended with the question index. */
const TOPIC_CANDIDATES = 40;

/** What an index needs besides the knowledge base itself; plain data, so it can be cached as JSON. */
export interface IndexSnapshot {
  known: string[];
  surface: string[];
  documentFrequency: [string, number][];
  topicIds: string[];
  byTopic: Bm25Snapshot;
  /** Per question document: the index of its topic in `topicIds`. */
  questionTopics: number[];
  byQuestion: Bm25Snapshot;
}

export class KnowledgeIndex {
  readonly topics: Map<string, Topic>;
  /** Stems of every word in the knowledge base. */
  private readonly known: Set<string>;
  private readonly surface: string[];
  /** Surface words by first letter and length: the candidates for a typo (which rarely hits the first letter). */
  private readonly typoCandidates = new Map<string, string[]>();
  private readonly topicIds: string[];
  private readonly byTopic: Bm25Index;
  private readonly questionTopics: Int32Array;
  private readonly byQuestion: Bm25Index;
  private readonly topicQuery: Omit<Bm25Query, "terms">;
  private readonly questionQuery: Omit<Bm25Query, "terms">;
  private readonly topicWeight: number;
  private readonly corrections = new Map<string, string | null>();
  /** Number of topics each term occurs in, for IDF weights. */
  private readonly documentFrequency: Map<string, number>;

  /** Builds the index; `snapshot` (from `snapshot()` of an index over the same knowledge) skips the work. */
  constructor(kb: KnowledgeBase, options: SearchOptions = {}, snapshot?: IndexSnapshot) {
    this.topics = kb.topics;
    this.topicWeight = options.topicWeight ?? 0.7;
    const known = (this.known = new Set(snapshot?.known));
    const common = {
      // An unknown longer word may be the start of a known one ("integrat" for "integrationskurs").
      prefix: (term: string) => term.length >= 5 && !known.has(term),
      prefixWeight: PREFIX_WEIGHT,
    };
    const boost = { ...BOOST, ...options.boost };
    this.topicQuery = { ...common, boost: TOPIC_FIELDS.map((f) => boost[f]), bm25: options.bm25 ?? BM25 };
    this.questionQuery = { ...common, boost: [1], bm25: QUESTION_BM25 };

    if (snapshot) {
      this.surface = snapshot.surface;
      this.documentFrequency = new Map(snapshot.documentFrequency);
      this.topicIds = snapshot.topicIds;
      this.byTopic = Bm25Index.load(snapshot.byTopic);
      this.questionTopics = Int32Array.from(snapshot.questionTopics);
      this.byQuestion = Bm25Index.load(snapshot.byQuestion);
    } else {
      const built = buildDocuments(kb, known);
      this.surface = built.surface;
      this.documentFrequency = built.documentFrequency;
      this.topicIds = built.topicIds;
      this.byTopic = Bm25Index.build(TOPIC_FIELDS.length, built.topicDocs);
      this.questionTopics = Int32Array.from(built.questionTopics);
      this.byQuestion = Bm25Index.build(1, built.questionDocs.map((terms) => [terms]));
    }
    for (const word of this.surface) {
      const key = word[0]! + word.length;
      const bucket = this.typoCandidates.get(key);
      if (bucket) bucket.push(word);
      else this.typoCandidates.set(key, [word]);
    }
  }

  /** The built index as plain data, for the knowledge cache. */
  snapshot(): IndexSnapshot {
    return {
      known: [...this.known],
      surface: this.surface,
      documentFrequency: [...this.documentFrequency],
      topicIds: this.topicIds,
      byTopic: this.byTopic.toJSON(),
      questionTopics: [...this.questionTopics],
      byQuestion: this.byQuestion.toJSON(),
    };
  }

  /** Analyses a query: stems, compound parts, and typo corrections for unknown words. */
  queryTerms(query: string): string[] {
    const terms = new Set<string>();
    for (const word of contentWords(query)) {
      const s = stem(word);
      if (this.known.has(s)) {
        terms.add(s);
        continue;
      }
      const parts = decompound(word, this.known);
      if (parts.length) {
        for (const p of parts) terms.add(p);
        continue;
      }
      const corrected = this.correct(word);
      terms.add(corrected ?? s);
    }
    return [...terms];
  }

  /**
   * The nearest known word for a misspelt one, cached; null when nothing is near.
   * Typos rarely hit the first letter or change the length by more than one, so only words
   * with the same first letter and a length within one are compared. An edit distance of 1
   * (2 for long words) on the whole word decides, so "erkenne" never becomes "anerkennen".
   * Of equally near words the one more topics use wins, then the shorter, then the one the knowledge base has first.
   */
  private correct(word: string): string | null {
    if (word.length < 5) return null;
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    const allowed = word.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = allowed + 1;
    let bestTopics = -1;
    for (let length = word.length - 1; length <= word.length + 1; length++) {
      for (const candidate of this.typoCandidates.get(word[0]! + length) ?? []) {
        const d = distance(word, candidate);
        if (d > allowed || d > bestDistance) continue;
        const topics = this.documentFrequency.get(stem(candidate)) ?? 0;
        if (d < bestDistance || topics > bestTopics) {
          best = candidate;
          bestDistance = d;
          bestTopics = topics;
        }
      }
    }
    const result = best === undefined ? null : stem(best);
    if (this.corrections.size > 10_000) this.corrections.clear();
    this.corrections.set(word, result);
    return result;
  }

  /** BM25-style inverse document frequency over topics; a term no topic contains weighs most. */
  private idf(term: string): number {
    const n = this.topics.size;
    const df = this.documentFrequency.get(term) ?? 0;
    // An unknown short word is more likely chat noise or a typo than the subject of the question.
    if (df === 0 && term.length <= 4) return 1;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: string, limit = 5): SearchResult {
    const terms = this.queryTerms(query);
    if (terms.length === 0) return { hits: [], terms, specificity: 0 };
    const topicQuery = this.byTopic.prepare({ ...this.topicQuery, terms });
    const topicResults = this.byTopic.search(topicQuery, TOPIC_CANDIDATES);
    // A topic's question score is that of its best question; the questions' best overall normalises.
    const questions = this.byQuestion.bestOfGroups(
      this.byQuestion.prepare({ ...this.questionQuery, terms }),
      this.questionTopics,
      topicResults.map((r) => r.doc),
    );

    const topicTop = topicResults[0]?.score ?? 0;
    const questionTop = questions.top;
    const w = this.topicWeight;
    const ranked = topicResults.map((r, i) => ({
      doc: r.doc,
      bm25: r.score,
      score: w * (topicTop ? r.score / topicTop : 0) + (1 - w) * (questionTop ? questions.best[i]! / questionTop : 0),
    }));
    ranked.sort((a, b) => b.score - a.score || b.bm25 - a.bm25);

    const idf = new Map(terms.map((t) => [t, this.idf(t)]));
    const information = [...idf.values()].reduce((a, b) => a + b, 0);
    // Only the hits returned need to know which terms they matched.
    const hits: Hit[] = ranked.slice(0, limit).map((r) => {
      const { queryTerms, matches } = this.byTopic.explain(topicQuery, r.doc);
      return {
        topic: this.topicIds[r.doc]!,
        bm25: r.bm25,
        strongCoverage: matches.filter((m) => m.fields.some((f) => f !== BODY)).length / terms.length,
        evidence: information ? queryTerms.reduce((sum, t) => sum + (idf.get(t) ?? 0), 0) / information : 0,
        score: r.score,
      };
    });
    return { hits, terms, specificity: information / terms.length };
  }
}
