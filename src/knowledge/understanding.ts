import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Knowledge } from "./index.js";
import type { Calibration } from "./model/combine.js";
import { loadExamples } from "./model/examples.js";
import { openModels } from "./model/model.js";
import { Triage } from "./triage.js";

export type UnderstoodKnowledge = Knowledge & { triage: Triage };

/**
 * Loads (or first trains) the classifiers for this knowledge base and attaches the triage that
 * uses them. `cacheDir` keeps the trained models between starts (CACHE_DIR).
 */
export async function openUnderstanding(knowledge: Knowledge, options: { cacheDir?: string; onTrain?: () => void } = {}): Promise<UnderstoodKnowledge> {
  if (knowledge.triage) return knowledge as UnderstoodKnowledge;
  const examples = loadExamples(knowledge.kb.dir);
  const model = await openModels(examples, knowledge.kb, options.cacheDir, options.onTrain);
  knowledge.triage = new Triage(knowledge.index, knowledge.cues, model, loadCalibration(knowledge.kb.dir));
  return knowledge as UnderstoodKnowledge;
}

/** Used when knowledge/calibration.json is missing (a fresh knowledge folder); `lotse eval --cv --calibrate` writes it. */
export const DEFAULT_CALIBRATION: Calibration = {
  bm25Weight: 0.3,
  thresholds: { emergency: 0.2, person: 0.2, individual: 0.2, offtopic: 0.2 },
  fallbackBelow: 0.2,
  clarifyRatio: 0.9,
  clarifyBelow: 0.5,
};

export function loadCalibration(knowledgeDir: string): Calibration {
  const file = join(knowledgeDir, "calibration.json");
  if (!existsSync(file)) return DEFAULT_CALIBRATION;
  const data = JSON.parse(readFileSync(file, "utf8")) as { calibration?: Calibration };
  return { ...DEFAULT_CALIBRATION, ...data.calibration, thresholds: { ...DEFAULT_CALIBRATION.thresholds, ...data.calibration?.thresholds } };
}
