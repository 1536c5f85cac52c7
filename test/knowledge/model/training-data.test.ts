import { describe, expect, it } from "vitest";
import type { Example } from "../../../src/knowledge/model/examples.js";
import { situationLines } from "../../../src/knowledge/model/training-data.js";

const topicQuestions: Example[] = Array.from({ length: 600 }, (_, i) => ({ batch: "a", lang: "de", text: `Frage ${i} zur Kita`, situation: "general", topic: "kita" }));
const hardNegatives: Example[] = Array.from({ length: 30 }, (_, i) => ({ batch: "a", lang: "de", text: `Was tue ich allgemein im Notfall ${i}`, situation: "general", topic: "notfall-krise", hardNegative: true }));
const emergencies: Example[] = Array.from({ length: 20 }, (_, i) => ({ batch: "a", lang: "de", text: `er atmet nicht ${i}`, situation: "emergency", topic: null }));

const labelled = (lines: string[], label: string) => lines.filter((l) => l.startsWith(`__label__${label} `));

describe("situation training lines", () => {
  it("keep about a third of the topic questions, the same ones every time, and every hard negative", () => {
    const lines = situationLines([...topicQuestions, ...hardNegatives, ...emergencies]);
    const general = labelled(lines, "general");
    const kept = general.filter((l) => l.includes("frage"));
    expect(kept.length).toBeGreaterThan(150);
    expect(kept.length).toBeLessThan(250);
    expect(general.filter((l) => l.includes("notfall"))).toHaveLength(30);
    // A fold that trains without some examples keeps the same choice among the others.
    const again = labelled(situationLines([...topicQuestions.slice(100), ...hardNegatives]), "general").filter((l) => l.includes("frage"));
    expect(again).toEqual(kept.filter((l) => !/ frage (\d|[1-9]\d) zur/.test(l)));
  });

  it("repeat a rarer situation until it weighs about half as much as the general lines", () => {
    const lines = situationLines([...topicQuestions, ...hardNegatives, ...emergencies]);
    const general = labelled(lines, "general").length;
    const emergency = labelled(lines, "emergency").length;
    expect(emergency / general).toBeGreaterThan(0.4);
    expect(emergency / general).toBeLessThan(0.6);
    expect(new Set(labelled(lines, "emergency")).size).toBe(20);
  });

  it("learn every line once, without weighting, when asked to", () => {
    const lines = situationLines([...topicQuestions, ...emergencies], { balance: false, topicQuestionsKept: 1 });
    expect(lines).toHaveLength(620);
  });
});
