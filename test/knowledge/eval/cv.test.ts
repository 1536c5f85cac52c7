import { describe, expect, it } from "vitest";
import { folds } from "../../../src/knowledge/eval/cv.js";
import { batchesOf, loadExamples } from "../../../src/knowledge/model/examples.js";
import { loadConfig } from "../../../src/config.js";

describe("cross-validation split", () => {
  const examples = loadExamples(loadConfig({}).KNOWLEDGE_DIR);

  it("holds out each batch once and never trains on the batch it tests", () => {
    const split = folds(examples);
    expect(split.map((f) => f.heldOut)).toEqual(batchesOf(examples));
    expect(split.length).toBeGreaterThanOrEqual(5);
    for (const fold of split) {
      expect(new Set(fold.test.map((e) => e.batch))).toEqual(new Set([fold.heldOut]));
      expect(fold.train.some((e) => e.batch === fold.heldOut)).toBe(false);
      expect(fold.train.length + fold.test.length).toBe(examples.length);
    }
  });

  it("has every topic, language and situation in every batch", () => {
    for (const batch of batchesOf(examples)) {
      const own = examples.filter((e) => e.batch === batch);
      expect(new Set(own.map((e) => e.lang)), batch).toEqual(new Set(["de", "en", "uk", "ar", "ru", "tr", "fa"]));
      expect(new Set(own.map((e) => e.situation)), batch).toEqual(new Set(["general", "emergency", "person", "individual", "offtopic"]));
      expect(new Set(own.filter((e) => e.situation === "general").map((e) => e.topic)).size, batch).toBe(77);
    }
  });
});
