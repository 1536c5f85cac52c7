import MiniSearch from "minisearch";
import Fuse from "fuse.js";
import type { KnowledgeBase, Topic } from "./types.js";
import { contentWords, queryForms, stemFor, words, isStopword } from "./text.js";

/**
 * The knowledge index. Ranking is BM25+ (MiniSearch) over stemmed, umlaut-folded words,
 * with prefix matching for German compounds and edit-distance fuzziness for typos, blended
 * with fuse.js phrase similarity against the example questions and titles, which rescues
 * short, misspelt queries that share no exact stem with the entry.
 */

export interface Hit {
  topic: string;
  /** Blended score in 0..1 (1 = the best possible match for this query). */
  score: number;
  /** Raw BM25 score. */
  bm25: number;
  /** Fuse similarity in 0..1 (1 = identical). */
  fuzzy: number;
  /** Share of the query's content words that this topic matched. */
  coverage: number;
}

export interface SearchResult {
  hits: Hit[];
  /** Content words of the query after stop-word removal. */
  queryWords: string[];
}

const FIELD_LANGS = ["de", "en", "x"] as const;
const FIELDS = ["title", "questions", "keywords", "body"] as const;
const BOOST: Record<(typeof FIELDS)[number], number> = { title: 2.5, questions: 1.6, keywords: 2.2, body: 0.6 };

interface Doc {
  id: string;
  [field: string]: string;
}

export interface SearchOptions {
  /** Weight of fuse.js similarity in the blend (0 = BM25 only). */
  fuzzyWeight?: number;
}

export class KnowledgeIndex {
  private readonly mini: MiniSearch<Doc>;
  private readonly fuse: Fuse<{ topic: string; text: string }>;
  readonly topics: Map<string, Topic>;
  private readonly fuzzyWeight: number;

  constructor(kb: KnowledgeBase, options: SearchOptions = {}) {
    this.topics = kb.topics;
    this.fuzzyWeight = options.fuzzyWeight ?? 0.35;
    const fields = FIELDS.flatMap((f) => FIELD_LANGS.map((l) => `${f}_${l}`));
    this.mini = new MiniSearch<Doc>({
      fields,
      storeFields: [],
      tokenize: (text) => words(text),
      processTerm: (term, fieldName) => {
        if (term.length < 2 || isStopword(term)) return null;
        const lang = fieldName?.split("_")[1];
        if (lang === "de" || lang === "en") return stemFor(term, lang);
        // Other languages and queries: every form the word may take.
        return queryForms(term);
      },
      searchOptions: {
        boost: Object.fromEntries(fields.map((f) => [f, BOOST[f.split("_")[0] as keyof typeof BOOST]])),
        prefix: (term) => term.length >= 5,
        fuzzy: (term) => (term.length >= 6 ? 0.2 : false),
        maxFuzzy: 2,
        weights: { fuzzy: 0.4, prefix: 0.5 },
        combineWith: "OR",
      },
    });
    const docs: Doc[] = [];
    const fuseRows: { topic: string; text: string }[] = [];
    for (const topic of kb.topics.values()) {
      const doc: Doc = { id: topic.id };
      for (const field of fields) doc[field] = "";
      for (const entry of topic.entries.values()) {
        const l = entry.lang === "de" || entry.lang === "en" ? entry.lang : "x";
        doc[`title_${l}`] += ` ${entry.title}`;
        doc[`questions_${l}`] += ` ${entry.questions.join(" \n ")}`;
        doc[`keywords_${l}`] += ` ${entry.keywords.join(" , ")}`;
        doc[`body_${l}`] += ` ${entry.body} ${entry.more} ${Object.values(entry.regions).join(" ")}`;
        for (const term of Object.values(entry.terms)) {
          doc.title_x += ` ${term.title}`;
          doc.keywords_x += ` ${term.keywords.join(" , ")}`;
          fuseRows.push({ topic: topic.id, text: term.title });
        }
        fuseRows.push({ topic: topic.id, text: entry.title });
        for (const q of entry.questions) fuseRows.push({ topic: topic.id, text: q });
        for (const k of entry.keywords) if (k.length >= 4) fuseRows.push({ topic: topic.id, text: k });
      }
      docs.push(doc);
    }
    this.mini.addAll(docs);
    this.fuse = new Fuse(fuseRows, { keys: ["text"], includeScore: true, ignoreLocation: true, threshold: 0.45, minMatchCharLength: 3 });
  }

  search(query: string, limit = 5): SearchResult {
    const queryWords = contentWords(query);
    if (queryWords.length === 0) return { hits: [], queryWords };
    const text = queryWords.join(" ");
    const bm25 = this.mini.search(text);
    const top = bm25[0]?.score ?? 0;

    // Fuse on the whole query is only meaningful for short queries (its bitap works on 32-char chunks).
    const fuzzy = new Map<string, number>();
    if (this.fuzzyWeight > 0 && text.length <= 64) {
      for (const r of this.fuse.search(text, { limit: 40 })) {
        const sim = 1 - (r.score ?? 1);
        if (sim > (fuzzy.get(r.item.topic) ?? 0)) fuzzy.set(r.item.topic, sim);
      }
    }

    const candidates = new Map<string, Hit>();
    for (const r of bm25.slice(0, 30)) {
      candidates.set(r.id as string, {
        topic: r.id as string,
        bm25: r.score,
        fuzzy: 0,
        coverage: coverageOf(queryWords, r.queryTerms),
        score: top > 0 ? r.score / top : 0,
      });
    }
    for (const [topic, sim] of fuzzy) {
      const hit = candidates.get(topic) ?? { topic, bm25: 0, fuzzy: 0, coverage: 0, score: 0 };
      hit.fuzzy = sim;
      candidates.set(topic, hit);
    }
    const w = this.fuzzyWeight;
    const hits = [...candidates.values()]
      .map((h) => ({ ...h, score: (1 - w) * h.score + w * h.fuzzy }))
      .sort((a, b) => b.score - a.score || b.bm25 - a.bm25)
      .slice(0, limit);
    return { hits, queryWords };
  }
}

/** Share of query words for which some form matched a document term (exactly, by prefix or fuzzily). */
function coverageOf(queryWords: string[], queryTerms: string[]): number {
  if (queryWords.length === 0) return 0;
  const matchedQueryTerms = new Set(queryTerms);
  let covered = 0;
  for (const word of queryWords) if (queryForms(word).some((f) => matchedQueryTerms.has(f))) covered++;
  return covered / queryWords.length;
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
