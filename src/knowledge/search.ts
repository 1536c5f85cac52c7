import MiniSearch, { type SearchResult as MiniResult } from "minisearch";
import Fuse from "fuse.js";
import { distance } from "fastest-levenshtein";
import type { KnowledgeBase, Topic } from "./types.js";
import { analyze, contentWords, decompound, stem } from "./text.js";

/**
 * The knowledge index. Two BM25+ indexes (MiniSearch) over the same analysed text:
 * one document per topic (title, questions, keywords, body; fields weighted), and one
 * document per example question or title, where a topic scores with its best question.
 * Their normalised scores are blended. Words that occur nowhere in the knowledge base
 * are typos or compounds: fuse.js finds the nearest known word, German compounds are split.
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

interface TopicDoc {
  id: string;
  title: string;
  questions: string;
  keywords: string;
  body: string;
}

interface QuestionDoc {
  id: number;
  topic: string;
  text: string;
}

/** What an index needs besides the knowledge base itself; plain data, so it can be cached as JSON. */
export interface IndexSnapshot {
  known: string[];
  surface: string[];
  documentFrequency: [string, number][];
  byTopic: unknown;
  byQuestion: unknown;
}

export class KnowledgeIndex {
  readonly topics: Map<string, Topic>;
  /** Stems of every word in the knowledge base. */
  private readonly known: Set<string>;
  private readonly surface: string[];
  private readonly byTopic: MiniSearch<TopicDoc>;
  private readonly byQuestion: MiniSearch<QuestionDoc>;
  /** fuse.js indexes of the vocabulary, one per first letter (a typo rarely hits the first letter). */
  private readonly vocabulary = new Map<string, Fuse<string>>();
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
      // Text is analysed once by `analyze`; queries arrive already analysed, space-separated.
      processTerm: (term: string) => term,
      searchOptions: {
        tokenize: (query: string) => query.split(" ").filter(Boolean),
        prefix: (term: string) => term.length >= 5 && !known.has(term),
        fuzzy: false as const,
        weights: { fuzzy: 0.4, prefix: 0.4 },
        combineWith: "OR" as const,
      },
    };
    const topicOptions = {
      ...common,
      fields: ["title", "questions", "keywords", "body"],
      tokenize: (text: string) => analyze(text, known),
      searchOptions: { ...common.searchOptions, boost: { ...BOOST, ...options.boost }, bm25: options.bm25 ?? BM25 },
    };
    const questionOptions = { ...common, fields: ["text"], storeFields: ["topic"], tokenize: (text: string) => analyze(text, known) };

    if (snapshot) {
      this.surface = snapshot.surface;
      this.documentFrequency = new Map(snapshot.documentFrequency);
      this.byTopic = MiniSearch.loadJS(snapshot.byTopic as never, topicOptions);
      this.byQuestion = MiniSearch.loadJS(snapshot.byQuestion as never, questionOptions);
    } else {
      const topicDocs: TopicDoc[] = [];
      const questionDocs: QuestionDoc[] = [];
      const surface = new Set<string>();
      for (const topic of kb.topics.values()) {
        const doc: TopicDoc = { id: topic.id, title: "", questions: "", keywords: "", body: "" };
        for (const entry of topic.entries.values()) {
          const titles = [entry.title, ...Object.values(entry.terms).map((t) => t.title)];
          const keywords = [...entry.keywords, ...Object.values(entry.terms).flatMap((t) => t.keywords)];
          doc.title += ` ${titles.join(" \n ")}`;
          doc.questions += ` ${entry.questions.join(" \n ")}`;
          doc.keywords += ` ${keywords.join(" \n ")}`;
          doc.body += ` ${entry.body} ${entry.more} ${Object.values(entry.regions).join(" ")}`;
          for (const text of [...titles, ...entry.questions]) questionDocs.push({ id: questionDocs.length, topic: topic.id, text });
        }
        for (const text of Object.values(doc)) {
          for (const w of contentWords(text)) {
            known.add(stem(w));
            if (w.length >= 4) surface.add(w);
          }
        }
        topicDocs.push(doc);
      }
      this.surface = [...surface];
      this.documentFrequency = new Map();
      for (const doc of topicDocs) {
        for (const t of new Set(analyze(`${doc.title} ${doc.questions} ${doc.keywords} ${doc.body}`, known))) {
          this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
        }
      }
      this.byTopic = new MiniSearch<TopicDoc>(topicOptions);
      this.byQuestion = new MiniSearch<QuestionDoc>(questionOptions);
      this.byTopic.addAll(topicDocs);
      this.byQuestion.addAll(questionDocs);
    }
  }

  private vocabularyFor(first: string): Fuse<string> {
    let fuse = this.vocabulary.get(first);
    if (!fuse) {
      fuse = new Fuse(
        this.surface.filter((w) => w[0] === first),
        { includeScore: true, threshold: 0.25, distance: 40, minMatchCharLength: 4 },
      );
      this.vocabulary.set(first, fuse);
    }
    return fuse;
  }

  /** The built index as plain data, for the knowledge cache. */
  snapshot(): IndexSnapshot {
    return {
      known: [...this.known],
      surface: this.surface,
      documentFrequency: [...this.documentFrequency],
      byTopic: this.byTopic.toJSON(),
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

  /** The nearest known word for a misspelt one (fuse.js), cached; null when nothing is near. */
  private correct(word: string): string | null {
    if (word.length < 5) return null;
    if (this.corrections.has(word)) return this.corrections.get(word)!;
    // fuse.js proposes near words (it also matches inside longer words); an edit distance
    // of 1 (2 for long words) on the whole word decides, so "erkenne" never becomes "anerkennen".
    const allowed = word.length >= 8 ? 2 : 1;
    const best = this.vocabularyFor(word[0]!)
      .search(word, { limit: 8 })
      .map((r) => ({ item: r.item, d: distance(word, r.item) }))
      // Typos rarely hit the first letter or change the length by more than one.
      .filter((r) => r.d <= allowed && r.item[0] === word[0] && Math.abs(r.item.length - word.length) <= 1)
      .sort((a, b) => a.d - b.d)[0];
    const result = best ? stem(best.item) : null;
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
    const text = terms.join(" ");
    const topicResults = this.byTopic.search(text);
    const questionResults = this.byQuestion.search(text);

    const topicTop = topicResults[0]?.score ?? 0;
    const bestQuestion = new Map<string, number>();
    for (const r of questionResults) {
      const topic = r.topic as string;
      if (!bestQuestion.has(topic)) bestQuestion.set(topic, r.score);
    }
    const questionTop = questionResults[0]?.score ?? 0;
    const w = this.topicWeight;
    const idf = new Map(terms.map((t) => [t, this.idf(t)]));
    const information = [...idf.values()].reduce((a, b) => a + b, 0);
    const hits: Hit[] = topicResults.slice(0, 40).map((r: MiniResult) => ({
      topic: r.id as string,
      bm25: r.score,
      strongCoverage: Object.values(r.match).filter((fields) => fields.some((f) => f !== "body")).length / terms.length,
      evidence: information ? r.queryTerms.reduce((sum, t) => sum + (idf.get(t) ?? 0), 0) / information : 0,
      score: w * (topicTop ? r.score / topicTop : 0) + (1 - w) * (questionTop ? (bestQuestion.get(r.id as string) ?? 0) / questionTop : 0),
    }));
    hits.sort((a, b) => b.score - a.score || b.bm25 - a.bm25);
    return { hits: hits.slice(0, limit), terms, specificity: information / terms.length };
  }
}

/** The plain fuse.js baseline the evaluation compares against: one index, default options. */
export class FuseBaseline {
  private readonly fuse: Fuse<{ topic: string; title: string; questions: string[]; keywords: string[] }>;
  constructor(kb: KnowledgeBase) {
    const rows = [...kb.topics.values()].map((t) => {
      const entries = [...t.entries.values()];
      return {
        topic: t.id,
        title: entries.map((e) => e.title).join(" / "),
        questions: entries.flatMap((e) => e.questions),
        keywords: entries.flatMap((e) => e.keywords),
      };
    });
    this.fuse = new Fuse(rows, { keys: ["title", "questions", "keywords"] });
  }
  search(query: string): string[] {
    return this.fuse.search(query, { limit: 3 }).map((r) => r.item.topic);
  }
}
