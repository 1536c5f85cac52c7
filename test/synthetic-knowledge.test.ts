import { describe, expect, it } from "vitest";
import { paraphraseQuestions, syntheticKnowledge } from "../bench/synthetic-knowledge.js";
import { KnowledgeIndex } from "../src/knowledge/search.js";
import { realKnowledge } from "./helpers.js";

// The answering benchmark times Lotse on this base: it must be the same base on every run and
// shaped like the real one, or its figures would not be comparable or meaningful.
describe("synthetic knowledge base", () => {
  const source = realKnowledge().kb;
  const kb = syntheticKnowledge(source, { entries: 400, seed: 7 });

  it("is the same for the same seed and different for another", () => {
    const strip = (k: typeof kb) => [...k.topics.values()].map((t) => ({ ...t, entries: [...t.entries.values()] }));
    expect(strip(syntheticKnowledge(source, { entries: 400, seed: 7 }))).toEqual(strip(kb));
    expect(strip(syntheticKnowledge(source, { entries: 400, seed: 8 }))).not.toEqual(strip(kb));
    expect(paraphraseQuestions(kb, 50, 3)).toEqual(paraphraseQuestions(kb, 50, 3));
  });

  it("has the requested entries, each topic in German and English, shaped like real entries", () => {
    const entries = [...kb.topics.values()].flatMap((t) => [...t.entries.values()]);
    expect(entries).toHaveLength(400);
    expect(kb.topics.size).toBe(200);
    for (const topic of kb.topics.values()) expect([...topic.entries.keys()].sort()).toEqual(["de", "en"]);
    for (const e of entries) {
      expect(e.questions.length).toBeGreaterThanOrEqual(5);
      expect(e.questions.length).toBeLessThanOrEqual(15);
      expect(e.title.length).toBeGreaterThan(2);
      expect(e.keywords.length).toBeGreaterThan(0);
      expect(e.body.length).toBeGreaterThan(100);
    }
    // Messenger-length answers, as in the real base (a few may grow past the limit with long compounds).
    const lengths = entries.map((e) => e.body.length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]!).toBeLessThan(1300);
  });

  it("gives topics their own subject words, so the search can tell siblings of one template apart", () => {
    const index = new KnowledgeIndex(kb);
    const paraphrases = paraphraseQuestions(kb, 100, 11);
    const first = paraphrases.filter((p) => index.search(p.q, 1).hits[0]?.topic === p.topic).length;
    // Each real topic is the template of 2-3 synthetic ones here: if siblings could not be told
    // apart, even a perfect search would put the right one first for only about 40 of 100.
    expect(first).toBeGreaterThan(60);
  });
});
