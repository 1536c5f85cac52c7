import type { KnowledgeBase } from "../types.js";
import type { Example, Situation } from "./examples.js";
import { normalizeForModel } from "./normalize.js";

/**
 * What the two classifiers learn from, as fastText lines ("__label__<label> <normalised text>").
 * The topic classifier learns every example that is about a topic, and the entries' own titles,
 * example questions and keywords (in every language they have); the situation classifier learns
 * every example. The development set is never among them.
 */

export function topicLines(examples: Example[], kb?: KnowledgeBase): string[] {
  const lines: string[] = [];
  for (const e of examples) if (e.topic && e.situation !== "emergency" && e.situation !== "offtopic") lines.push(line(e.topic, e.text));
  for (const topic of kb?.topics.values() ?? []) {
    for (const entry of topic.entries.values()) {
      for (const text of [entry.title, ...entry.questions, ...entry.keywords]) lines.push(line(topic.id, text));
      for (const terms of Object.values(entry.terms)) for (const text of [terms.title, ...terms.keywords]) lines.push(line(topic.id, text));
    }
  }
  return lines.filter((l) => !l.endsWith(" "));
}

/**
 * What the situation classifier learns. The topic questions say "general" tens of thousands of
 * times over; a third of them (chosen by a hash of the text, so the same ones in every fold) say
 * it as well, and cut the training time by two thirds. The hard negatives (general.txt: general
 * questions written to look like another situation) all stay. The rarer situations are then
 * repeated so that each weighs about half as much as the general lines: without that, fastText's
 * softmax leans on the majority for anything unsure. (A third, and half rather than a fifth or
 * none: chosen by cross-validation, docs/UNDERSTANDING.md.)
 */
export function situationLines(examples: Example[], options: { balance?: boolean; topicQuestionsKept?: number } = {}): string[] {
  const { balance = true, topicQuestionsKept = 3 } = options;
  const learned = examples.filter((e) => e.situation !== "general" || e.hardNegative || stableHash(e.text) % topicQuestionsKept === 0);
  const counts = new Map<Situation, number>();
  for (const e of learned) counts.set(e.situation, (counts.get(e.situation) ?? 0) + 1);
  const general = counts.get("general") ?? 0;
  const lines: string[] = [];
  for (const e of learned) {
    const own = counts.get(e.situation) ?? 1;
    const copies = balance && e.situation !== "general" ? Math.max(1, Math.round(general / 2 / own)) : 1;
    for (let i = 0; i < copies; i++) lines.push(line(e.situation, e.text));
  }
  return lines;
}

/** FNV-1a: the same number for the same text on every machine. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function line(label: string, text: string): string {
  return `__label__${label} ${normalizeForModel(text)}`;
}
