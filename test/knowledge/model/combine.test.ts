import { describe, expect, it } from "vitest";
import { evidence, rankTopics, situationOf, type Calibration } from "../../../src/knowledge/model/combine.js";
import type { ModelOutput } from "../../../src/knowledge/model/model.js";

const calibration: Calibration = { bm25Weight: 0.5, thresholds: { emergency: 0.2, person: 0.3, individual: 0.3, offtopic: 0.4 }, fallbackBelow: 0.2, clarifyRatio: 0.9, clarifyBelow: 0.5 };
const output = (situations: Partial<ModelOutput["situations"]>, topics: [string, number][] = []): ModelOutput => ({
  topics,
  situations: { general: 0, emergency: 0, person: 0, individual: 0, offtopic: 0, ...situations },
});

describe("the combiner", () => {
  it("adds the weighted search score to the classifier's probability", () => {
    const ranked = rankTopics(output({}, [["kita", 0.4], ["schule", 0.35]]), [{ topic: "schule", score: 1 }, { topic: "kita", score: 0.2 }], 0.5);
    expect(ranked.map(([t]) => t)).toEqual(["schule", "kita"]);
    expect(ranked[0]![1]).toBeCloseTo(0.85);
    expect(ranked[1]![1]).toBeCloseTo(0.5);
  });

  it("takes topics only the search found, and ranks by the classifier alone with weight 0", () => {
    expect(rankTopics(output({}, [["kita", 0.6]]), [{ topic: "basiskonto", score: 1 }], 0).map(([t]) => t)).toEqual(["kita", "basiskonto"]);
  });

  it("puts an emergency first, from the classifier or a cue, and a cue can only add one", () => {
    expect(situationOf(output({ emergency: 0.25, person: 0.9 }), calibration, false)).toBe("emergency");
    expect(situationOf(output({ general: 0.99, emergency: 0.01 }), calibration, true)).toBe("emergency");
    expect(situationOf(output({ general: 0.99, emergency: 0.19 }), calibration, false)).toBe("general");
  });

  it("takes the situation that exceeds its threshold by the largest factor, else a general question", () => {
    expect(situationOf(output({ person: 0.35, individual: 0.6 }), calibration, false)).toBe("individual");
    expect(situationOf(output({ person: 0.6, individual: 0.31 }), calibration, false)).toBe("person");
    expect(situationOf(output({ offtopic: 0.39, general: 0.61 }), calibration, false)).toBe("general");
    expect(situationOf(output({ offtopic: 0.45 }), calibration, false)).toBe("offtopic");
  });

  it("weighs off-topic against a topic the topic classifier is sure of, and leaves the other situations alone", () => {
    expect(situationOf(output({ offtopic: 0.45 }, [["kita", 0.95]]), calibration, false)).toBe("general");
    expect(situationOf(output({ offtopic: 0.9 }, [["kita", 0.3]]), calibration, false)).toBe("offtopic");
    expect(evidence(output({ offtopic: 0.5 }, [["kita", 0.8]]), "offtopic")).toBeCloseTo(0.1);
    expect(evidence(output({ person: 0.5 }, [["kita", 0.99]]), "person")).toBe(0.5);
    expect(situationOf(output({ person: 0.45 }, [["kita", 0.99]]), calibration, false)).toBe("person");
  });
});
