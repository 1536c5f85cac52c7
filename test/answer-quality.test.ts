import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, type EvalCase, type SystemReport } from "../src/knowledge/eval/evaluate.js";
import { ROOT } from "../src/paths.js";
import { understoodKnowledge } from "./helpers.js";

// Regression guard on questions written for the knowledge base (test/fixtures/paraphrases-*.jsonl),
// not the development or hidden evaluation sets. Targets as in the knowledge-base issue.
function load(name: string): EvalCase[] {
  return readFileSync(join(ROOT, "test", "fixtures", name), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalCase);
}

describe("answer quality on the knowledge base's own paraphrases", () => {
  const cases = [...load("paraphrases-a.jsonl"), ...load("paraphrases-b.jsonl")];
  let lotse: SystemReport | undefined;
  beforeAll(async () => {
    [lotse] = evaluate(await understoodKnowledge(), cases, { baseline: false }).systems;
  }, 120_000);

  it("finds the right topic first for at least 90% of questions, with at most 3% fallbacks", () => {
    const t = lotse!.topicQuestions;
    expect(t.top1 / t.n).toBeGreaterThanOrEqual(0.9);
    expect(t.fallback / t.n).toBeLessThanOrEqual(0.03);
  });

  // The comparison with the plain fuse.js baseline (about 0.5 s per question) is printed by
  // `npx lotse eval FILE` and `npm run bench -- answering`, not run here.

  it("finds topics from questions in Ukrainian, Arabic, Russian, Turkish and Persian", () => {
    for (const lang of ["uk", "ar", "ru", "tr", "fa"]) {
      const tally = lotse!.byLang[lang];
      expect(tally, lang).toBeDefined();
      expect(tally!.top3 / tally!.n, lang).toBeGreaterThanOrEqual(0.8);
    }
  });
});
