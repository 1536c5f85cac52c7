import type { Action } from "../../core/message.js";

/** One line of an evaluation file, e.g. ../shared/eval/dev-questions.jsonl. */
export interface EvalCase {
  q: string;
  topic: string | null;
  action: Action;
  kind: string;
  lang?: string;
  region?: string | null;
}

export interface Prediction {
  topic: string | null;
  action: Action;
  alternatives: string[];
}
