import { describe, expect, it } from "vitest";
import { trainFastText, FastTextClassifier } from "../../../src/knowledge/model/fasttext.js";
import { seededShuffle, trainModels } from "../../../src/knowledge/model/model.js";
import type { Example } from "../../../src/knowledge/model/examples.js";

const small = { epoch: 10, lr: 0.5, dim: 40, bucket: 50_000, wordNgrams: 2, minn: 3, maxn: 5, seed: 1 };
const lines = [
  "__label__kita kita platz finden",
  "__label__kita kindergarten anmeldung",
  "__label__schule schule anmelden kind",
  "__label__schule welche schule fur mein kind",
];

describe("training", () => {
  it("is deterministic: the same lines give the same model, byte for byte", async () => {
    const [a, b] = await Promise.all([trainFastText(lines, small), trainFastText(lines, small)]);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    const [topic] = (await FastTextClassifier.fromBytes(a)).predict("kita platz", 1);
    expect(topic![0]).toBe("kita");
  }, 60_000);

  it("trains both classifiers the same way twice from the same examples", async () => {
    const examples: Example[] = [
      { batch: "x", lang: "de", text: "Wie finde ich einen Kita-Platz?", situation: "general", topic: "kita" },
      { batch: "x", lang: "de", text: "Er atmet nicht mehr", situation: "emergency", topic: null },
      { batch: "x", lang: "de", text: "Ich will mit meiner Koordinatorin sprechen", situation: "person", topic: null },
      { batch: "x", lang: "de", text: "Wie wird das Wetter morgen?", situation: "offtopic", topic: null },
      { batch: "x", lang: "de", text: "Soll sie gegen den Bescheid klagen?", situation: "individual", topic: "kita" },
    ];
    const [first, second] = [await trainModels(examples, undefined), await trainModels(examples, undefined)];
    expect(Buffer.from(first.topic).equals(Buffer.from(second.topic))).toBe(true);
    expect(Buffer.from(first.situation).equals(Buffer.from(second.situation))).toBe(true);
  }, 120_000);

  it("mixes the training lines the same way every time", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(seededShuffle(items)).toEqual(seededShuffle(items));
    expect(seededShuffle(items)).not.toEqual(items);
    expect([...seededShuffle(items)].sort((a, b) => a - b)).toEqual(items);
  });
});
