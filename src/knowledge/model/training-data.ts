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
 * The rarer situations are repeated so that each weighs about half as much as the general
 * questions: without that, fastText's softmax leans on the majority (general) for anything
 * unsure. (Half rather than a fifth or none: chosen by cross-validation, docs/UNDERSTANDING.md.)
 */
export function situationLines(examples: Example[], balance = true): string[] {
  const counts = new Map<Situation, number>();
  for (const e of examples) counts.set(e.situation, (counts.get(e.situation) ?? 0) + 1);
  const general = counts.get("general") ?? 0;
  const lines: string[] = [];
  for (const e of examples) {
    const own = counts.get(e.situation) ?? 1;
    const copies = balance && e.situation !== "general" ? Math.max(1, Math.round(general / 2 / own)) : 1;
    for (let i = 0; i < copies; i++) lines.push(line(e.situation, e.text));
  }
  return lines;
}

function line(label: string, text: string): string {
  return `__label__${label} ${normalizeForModel(text)}`;
}
