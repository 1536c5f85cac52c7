import { describe, expect, it } from "vitest";
import fc from "fast-check";
import MiniSearch from "minisearch";
import { Bm25Index, type Bm25Query } from "../../src/knowledge/bm25.js";

/**
 * Bm25Index replaced MiniSearch in the knowledge index and must score as MiniSearch did with the
 * same options: MiniSearch is the reference here, on random documents with many shared terms
 * and prefixes (so equal scores and prefix expansions are common).
 */

const word = fc.stringMatching(/^[a-e]{1,5}$/);
const corpus = fc.record({
  fieldCount: fc.integer({ min: 1, max: 4 }),
  docs: fc.array(fc.array(fc.array(word, { maxLength: 8 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 30 }),
  query: fc.uniqueArray(fc.oneof(word, fc.stringMatching(/^[a-f]{1,6}$/)), { minLength: 1, maxLength: 5 }),
  boost: fc.array(fc.constantFrom(1, 2, 3), { minLength: 4, maxLength: 4 }),
  bm25: fc.constantFrom({ k: 1.2, b: 0.7, d: 0.5 }, { k: 2, b: 0.7, d: 0.5 }),
  prefixWeight: fc.constantFrom(0.375, 0.4),
});

type Corpus = typeof corpus extends fc.Arbitrary<infer T> ? T : never;

function both(c: Corpus, prefix: (term: string) => boolean) {
  const fields = Array.from({ length: c.fieldCount }, (_, f) => `f${f}`);
  const docs = c.docs.map((d) => d.slice(0, c.fieldCount));
  const mini = new MiniSearch<Record<string, string | number>>({
    fields,
    processTerm: (t) => t,
    tokenize: (text) => (text ? text.split(" ") : []),
    searchOptions: {
      tokenize: (q) => q.split(" ").filter(Boolean),
      prefix,
      fuzzy: false,
      weights: { fuzzy: 0.4, prefix: c.prefixWeight },
      boost: Object.fromEntries(fields.map((f, i) => [f, c.boost[i]!])),
      bm25: c.bm25,
      combineWith: "OR",
    },
  });
  mini.addAll(docs.map((d, id) => ({ id, ...Object.fromEntries(fields.map((f, i) => [f, d[i]!.join(" ")])) })));
  const index = Bm25Index.build(c.fieldCount, docs);
  const query: Bm25Query = { terms: c.query, boost: c.boost.slice(0, c.fieldCount), bm25: c.bm25, prefix, prefixWeight: c.prefixWeight };
  const prepared = index.prepare(query);
  const expected = mini.search(c.query.join(" "));
  const actual = index.search(prepared, docs.length);
  return { fields, index, prepared, expected, actual };
}

describe("Bm25Index", () => {
  it("scores, orders and explains exactly as MiniSearch without prefix search", () => {
    fc.assert(
      fc.property(corpus, (c) => {
        const { fields, index, prepared, expected, actual } = both(c, () => false);
        expect(actual.map((h) => [h.doc, h.score])).toEqual(expected.map((r) => [r.id, r.score]));
        for (const r of expected) {
          const explained = index.explain(prepared, r.id as number);
          expect(explained.queryTerms).toEqual(r.queryTerms);
          expect(Object.fromEntries(explained.matches.map((m) => [m.term, m.fields.map((f) => fields[f])]))).toEqual(r.match);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with MiniSearch with prefix search, up to the order of adding prefix matches", () => {
    fc.assert(
      fc.property(corpus, (c) => {
        const { index, prepared, expected, actual } = both(c, (t) => t.length >= 2);
        // MiniSearch walks prefix matches in radix-tree order, Bm25Index in sorted order: sums may differ in the last bit.
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
        expect(actual.map((h) => h.doc).sort()).toEqual(expected.map((r) => r.id as number).sort());
        const score = new Map(expected.map((r) => [r.id as number, r]));
        actual.forEach((h, i) => {
          const r = score.get(h.doc)!;
          expect(close(h.score, r.score)).toBe(true);
          // Same rank, or tied with the document MiniSearch ranks there.
          expect(close(h.score, expected[i]!.score)).toBe(true);
          expect(index.explain(prepared, h.doc).queryTerms).toEqual(r.queryTerms);
          expect(index.explain(prepared, h.doc).matches.map((m) => m.term).sort()).toEqual(Object.keys(r.match).sort());
        });
      }),
      { numRuns: 300 },
    );
  });

  it("finds each group's best document and the best overall", () => {
    fc.assert(
      fc.property(corpus, fc.integer({ min: 1, max: 5 }), (c, groupCount) => {
        const { index, prepared, expected } = both(c, () => false);
        const groupOf = Int32Array.from(c.docs, (_, doc) => doc % groupCount);
        const groups = Array.from({ length: groupCount }, (_, g) => g);
        const { best, top } = index.bestOfGroups(prepared, groupOf, groups);
        expect(top).toBe(expected[0]?.score ?? 0);
        expect(best).toEqual(groups.map((g) => Math.max(0, ...expected.filter((r) => (r.id as number) % groupCount === g).map((r) => r.score))));
        // Scratch space is reset: the same query again gives the same answer.
        expect(index.bestOfGroups(prepared, groupOf, groups)).toEqual({ best, top });
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same results after a round trip through its snapshot", () => {
    const index = Bm25Index.build(2, [
      [["duldung", "arbeit"], ["duldung"]],
      [["arbeitserlaubnis"], ["arbeit", "arbeit"]],
      [[], ["kita"]],
    ]);
    const query: Bm25Query = { terms: ["arbeit", "duldung"], boost: [2, 1], bm25: { k: 2, b: 0.7, d: 0.5 }, prefix: () => true, prefixWeight: 0.4 };
    const loaded = Bm25Index.load(JSON.parse(JSON.stringify(index.toJSON())));
    const results = index.search(index.prepare(query), 3);
    expect(results.map((h) => h.doc)).toEqual([0, 1]);
    expect(loaded.search(loaded.prepare(query), 3)).toEqual(results);
  });
});
