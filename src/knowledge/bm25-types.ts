/** The shapes of the BM25+ index (bm25.ts): parameters, queries, hits, explanations and the saved snapshot. */

export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

export interface Bm25Query {
  /** Analysed query terms; duplicates are ignored. */
  terms: string[];
  /** Boost per field, in field order. */
  boost: readonly number[];
  bm25: Bm25Params;
  /** Whether a query term also matches the longer index terms it begins ("integrationskurs" for "integrat"). */
  prefix: (term: string) => boolean;
  /** Weight of a prefix match of the same length as the term; falls with the extra length. */
  prefixWeight: number;
}

export interface Bm25Hit {
  doc: number;
  score: number;
}

/** How a document matched a query. */
export interface Bm25Explanation {
  /** Query terms this document matched (directly or by prefix), in query order. */
  queryTerms: string[];
  /** Index terms matched (the query terms themselves or their prefix expansions) and the fields they occur in. */
  matches: { term: string; fields: number[] }[];
}

/** A query with its terms looked up in one index: what `search` and `explain` share. */
export interface PreparedQuery {
  query: Bm25Query;
  sources: string[];
  derived: Derived[][];
}

/** Plain data for the knowledge cache. */
export interface Bm25Snapshot {
  fieldCount: number;
  documentCount: number;
  terms: string[];
  offsets: number[];
  docs: number[];
  freqs: number[];
  fieldLength: number[];
  averageFieldLength: number[];
}

/** An index term a query term reaches, and the weight of that match. */
export interface Derived {
  term: number;
  weight: number;
}
