/**
 * A compact BM25+ index over documents that are already analysed (one term list per field).
 *
 * It scores exactly as MiniSearch 7 does with the options Lotse used (query terms combined with
 * OR, field boosts, prefix expansion of chosen query terms, the sum multiplied by the number of
 * query terms a document matched; the same IDF, the same running average of field lengths, the
 * same order of additions and of equal scores; only the words a prefix expands to are taken in
 * sorted order, so a sum over several of them can differ in the last bit), but keeps postings in typed arrays and adds up
 * scores in arrays reused from query to query. MiniSearch built an object per matching document
 * and sorted them all; with common words a query over 10,000 entries touched tens of thousands of
 * documents, and allocation and garbage collection made up most of its time. Here a query is one
 * pass over the postings of its terms, then a selection of the best few.
 *
 * Not re-entrant: one query at a time per index (queries are synchronous).
 */

import type { Bm25Query, Bm25Hit, Bm25Explanation, PreparedQuery, Bm25Snapshot, Derived } from "./bm25-types.js";

export type { Bm25Params, Bm25Query, Bm25Hit, Bm25Explanation, PreparedQuery, Bm25Snapshot, Derived } from "./bm25-types.js";

export class Bm25Index {
  private readonly fieldCount: number;
  readonly documentCount: number;
  /** Index terms, sorted, so the terms a prefix begins are one range. */
  private readonly terms: string[];
  private readonly termIds: Map<string, number>;
  /** Postings of term t in field f: docs/freqs[offsets[t * fieldCount + f] .. offsets[t * fieldCount + f + 1]), docs ascending. */
  private readonly offsets: Uint32Array;
  private readonly docs: Uint32Array;
  private readonly freqs: Uint32Array;
  private readonly fieldLength: Uint32Array;
  private readonly averageFieldLength: number[];

  // Scratch space of one query, reset after use.
  private readonly total: Float64Array;
  private readonly termTotal: Float64Array;
  private readonly lastTerm: Int32Array;
  private readonly matched: Int32Array;
  private readonly touched: Int32Array;
  private readonly termTouched: Int32Array;
  /** Best score per group (there are at most as many groups as documents), for bestOfGroups. */
  private groupBest: Float64Array | undefined;

  private constructor(snapshot: Bm25Snapshot) {
    this.fieldCount = snapshot.fieldCount;
    this.documentCount = snapshot.documentCount;
    this.terms = snapshot.terms;
    this.termIds = new Map(snapshot.terms.map((t, i) => [t, i]));
    this.offsets = Uint32Array.from(snapshot.offsets);
    this.docs = Uint32Array.from(snapshot.docs);
    this.freqs = Uint32Array.from(snapshot.freqs);
    this.fieldLength = Uint32Array.from(snapshot.fieldLength);
    this.averageFieldLength = snapshot.averageFieldLength;
    const n = this.documentCount;
    this.total = new Float64Array(n);
    this.termTotal = new Float64Array(n);
    this.lastTerm = new Int32Array(n).fill(-1);
    this.matched = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.termTouched = new Int32Array(n);
  }

  /** `documents[doc][field]` holds the analysed terms of that field. */
  static build(fieldCount: number, documents: readonly (readonly (readonly string[])[])[]): Bm25Index {
    const postings = new Map<string, number[][]>();
    const fieldLength: number[] = [];
    const averageFieldLength = new Array<number>(fieldCount).fill(0);
    documents.forEach((fields, doc) => {
      for (let f = 0; f < fieldCount; f++) {
        const terms = fields[f] ?? [];
        const counts = new Map<string, number>();
        for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
        // Length counts distinct terms, and the average is a running one, both as MiniSearch keeps them.
        fieldLength.push(counts.size);
        averageFieldLength[f] = (averageFieldLength[f]! * doc + counts.size) / (doc + 1);
        counts.delete("");
        for (const [t, count] of counts) {
          let perField = postings.get(t);
          if (!perField) postings.set(t, (perField = Array.from({ length: fieldCount }, () => [])));
          perField[f]!.push(doc, count);
        }
      }
    });
    const terms = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const offsets = [0];
    const docs: number[] = [];
    const freqs: number[] = [];
    for (const t of terms) {
      for (const list of postings.get(t)!) {
        for (let i = 0; i < list.length; i += 2) {
          docs.push(list[i]!);
          freqs.push(list[i + 1]!);
        }
        offsets.push(docs.length);
      }
    }
    return new Bm25Index({ fieldCount, documentCount: documents.length, terms, offsets, docs, freqs, fieldLength, averageFieldLength });
  }

  static load(snapshot: Bm25Snapshot): Bm25Index {
    return new Bm25Index(snapshot);
  }

  toJSON(): Bm25Snapshot {
    return {
      fieldCount: this.fieldCount,
      documentCount: this.documentCount,
      terms: this.terms,
      offsets: [...this.offsets],
      docs: [...this.docs],
      freqs: [...this.freqs],
      fieldLength: [...this.fieldLength],
      averageFieldLength: this.averageFieldLength,
    };
  }

  /** Looks up a query's terms (and the terms they begin, where prefix search applies) once. */
  prepare(query: Bm25Query): PreparedQuery {
    const sources = [...new Set(query.terms.filter(Boolean))];
    return { query, sources, derived: sources.map((source) => this.derive(source, query)) };
  }

  /** The best `limit` documents, best first; equal scores keep the order in which the query first reached them. */
  search(prepared: PreparedQuery, limit: number): Bm25Hit[] {
    const count = this.score(prepared);
    const topDocs: number[] = [];
    const topScores: number[] = [];
    for (let i = 0; i < count; i++) {
      const doc = this.touched[i]!;
      const score = this.total[doc]!;
      if (topDocs.length === limit && !(score > topScores[limit - 1]!)) continue;
      let at = topDocs.length;
      while (at > 0 && topScores[at - 1]! < score) at--;
      topDocs.splice(at, 0, doc);
      topScores.splice(at, 0, score);
      if (topDocs.length > limit) {
        topDocs.pop();
        topScores.pop();
      }
    }
    this.reset(count);
    return topDocs.map((doc, i) => ({ doc, score: topScores[i]! }));
  }

  /**
   * The best score of any document, and for each of `groups` the best score of its documents
   * (0 where none matched). `groupOf` maps a document to its group, numbered from 0.
   */
  bestOfGroups(prepared: PreparedQuery, groupOf: Int32Array, groups: readonly number[]): { best: number[]; top: number } {
    const count = this.score(prepared);
    let groupBest = this.groupBest;
    if (!groupBest || groupBest.length < groupOf.length) groupBest = this.groupBest = new Float64Array(groupOf.length);
    let top = 0;
    for (let i = 0; i < count; i++) {
      const doc = this.touched[i]!;
      const score = this.total[doc]!;
      const group = groupOf[doc]!;
      if (score > groupBest[group]!) groupBest[group] = score;
      if (score > top) top = score;
    }
    const best = groups.map((g) => groupBest[g] ?? 0);
    for (let i = 0; i < count; i++) groupBest[groupOf[this.touched[i]!]!] = 0;
    this.reset(count);
    return { best, top };
  }

  /**
   * Adds up the scores of every document a query term reaches. Leaves the touched documents in
   * `touched` (in the order the query first reached them) and their final scores in `total`.
   */
  private score({ query, sources, derived }: PreparedQuery): number {
    const { k, b, d } = query.bm25;
    const n = this.documentCount;
    const F = this.fieldCount;
    let count = 0;
    sources.forEach((_, s) => {
      let termCount = 0;
      for (const { term, weight } of derived[s]!) {
        for (let f = 0; f < F; f++) {
          const from = this.offsets[term * F + f]!;
          const to = this.offsets[term * F + f + 1]!;
          if (from === to) continue;
          const matching = to - from;
          // Written as MiniSearch writes it, so the floating-point results are the same.
          const invDocFreq = Math.log(1 + (n - matching + 0.5) / (matching + 0.5));
          const average = this.averageFieldLength[f]!;
          const factor = weight * (query.boost[f] ?? 1);
          for (let p = from; p < to; p++) {
            const doc = this.docs[p]!;
            const termFreq = this.freqs[p]!;
            const fieldLength = this.fieldLength[doc * F + f]!;
            const raw = invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / average)));
            if (this.lastTerm[doc] !== s) {
              this.lastTerm[doc] = s;
              this.termTotal[doc] = factor * raw;
              this.termTouched[termCount++] = doc;
            } else {
              this.termTotal[doc] = this.termTotal[doc]! + factor * raw;
            }
          }
        }
      }
      for (let i = 0; i < termCount; i++) {
        const doc = this.termTouched[i]!;
        if (this.matched[doc] === 0) {
          this.touched[count++] = doc;
          this.total[doc] = this.termTotal[doc]!;
        } else {
          this.total[doc] = this.total[doc]! + this.termTotal[doc]!;
        }
        this.matched[doc] = this.matched[doc]! + 1;
      }
    });
    // A document scores more the more of the query's terms it matches.
    for (let i = 0; i < count; i++) {
      const doc = this.touched[i]!;
      this.total[doc] = this.total[doc]! * this.matched[doc]!;
    }
    return count;
  }

  private reset(count: number): void {
    for (let i = 0; i < count; i++) {
      const doc = this.touched[i]!;
      this.lastTerm[doc] = -1;
      this.matched[doc] = 0;
    }
  }

  /** The index terms a query term reaches: itself, then (if asked) the longer terms it begins. */
  private derive(source: string, query: Bm25Query): Derived[] {
    const result: Derived[] = [];
    const exact = this.termIds.get(source);
    if (exact !== undefined) result.push({ term: exact, weight: 1 });
    if (query.prefix(source)) {
      let lo = 0;
      let hi = this.terms.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.terms[mid]! < source) lo = mid + 1;
        else hi = mid;
      }
      for (let t = lo; t < this.terms.length && this.terms[t]!.startsWith(source); t++) {
        const term = this.terms[t]!;
        const distance = term.length - source.length;
        if (!distance) continue;
        result.push({ term: t, weight: (query.prefixWeight * term.length) / (term.length + 0.3 * distance) });
      }
    }
    return result;
  }

  /** Which query terms a document matched, and in which fields; for the few documents a caller keeps. */
  explain({ sources, derived }: PreparedQuery, doc: number): Bm25Explanation {
    const queryTerms: string[] = [];
    const matches: Bm25Explanation["matches"] = [];
    const seen = new Set<number>();
    sources.forEach((source, s) => {
      let hit = false;
      for (const { term } of derived[s]!) {
        const fields: number[] = [];
        for (let f = 0; f < this.fieldCount; f++) if (this.contains(term, f, doc)) fields.push(f);
        if (!fields.length) continue;
        hit = true;
        if (!seen.has(term)) {
          seen.add(term);
          matches.push({ term: this.terms[term]!, fields });
        }
      }
      if (hit) queryTerms.push(source);
    });
    return { queryTerms, matches };
  }

  private contains(term: number, field: number, doc: number): boolean {
    let lo = this.offsets[term * this.fieldCount + field]!;
    let hi = this.offsets[term * this.fieldCount + field + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = this.docs[mid]!;
      if (at === doc) return true;
      if (at < doc) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }
}
