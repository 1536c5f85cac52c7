import { createRequire } from "node:module";
import { join } from "node:path";
import { ROOT } from "../../paths.js";
import { detectLanguage, UI_LANGUAGES } from "../../i18n/detect.js";
import type { Action } from "../../core/message.js";
import type { KnowledgeBase } from "../types.js";
import type { Prediction } from "./cases.js";

/**
 * A stronger peer for `lotse eval --peers`: NLP.js (node-nlp, a dev dependency), an intent
 * classifier trained on the same entries: every entry's questions as utterances of its topic,
 * and the titles in uk/ar/ru/tr/fa as utterances in those languages.
 */

interface NlpResult {
  intent: string;
  score: number;
  classifications?: { intent: string; score: number }[];
}

interface NlpManagerLike {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<NlpResult>;
}

/** Below this NLP.js score its answer counts as "no match" (fallback). */
const MIN_SCORE = 0.5;

export async function nlpJsPeer(kb: KnowledgeBase): Promise<(question: string, lang?: string) => Promise<Prediction>> {
  let NlpManager: new (options: object) => NlpManagerLike;
  try {
    ({ NlpManager } = createRequire(join(ROOT, "package.json"))("node-nlp") as { NlpManager: typeof NlpManager });
  } catch {
    throw new Error('--peers needs the dev dependency node-nlp: run "npm install" in the Lotse folder');
  }
  const manager = new NlpManager({ languages: [...UI_LANGUAGES], forceNER: false, autoSave: false, nlu: { log: false } });
  for (const topic of kb.topics.values()) {
    for (const entry of topic.entries.values()) {
      for (const q of [entry.title, ...entry.questions]) manager.addDocument(entry.lang, q, topic.id);
      for (const [lang, terms] of Object.entries(entry.terms)) manager.addDocument(lang, terms.title, topic.id);
    }
  }
  await manager.train();
  const actionFor = (topic: string): Action => {
    const handling = kb.topics.get(topic)?.handling;
    return handling === "emergency" ? "emergency" : handling === "urgent" ? "escalate" : "answer";
  };
  return async (question, lang) => {
    const result = await manager.process(lang ?? detectLanguage(question), question);
    const ranked = (result.classifications ?? []).filter((c) => c.intent !== "None").sort((a, b) => b.score - a.score);
    const topic = result.intent !== "None" && result.score >= MIN_SCORE ? result.intent : null;
    return {
      topic: topic ?? ranked[0]?.intent ?? null,
      action: topic ? actionFor(topic) : "fallback",
      alternatives: ranked.slice(1, 3).map((c) => c.intent),
    };
  };
}
