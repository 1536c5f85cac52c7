import type { KnowledgeBase, Topic } from "./types.js";
import { contentWords, decompound, stem } from "./text.js";

/** The fields of a topic document, in the order the topic index keeps them. */
export const TOPIC_FIELDS = ["title", "questions", "keywords", "body"] as const;

/**
 * The documents of both indexes with their text already analysed, the vocabulary and the
 * document frequencies. Each distinct text (a keyword or title repeats across languages and
 * topics) is folded and analysed once.
 */
export function buildDocuments(kb: KnowledgeBase, known: Set<string>) {
  const fieldTexts = (topic: Topic) => {
    const fields = { title: [] as string[], questions: [] as string[], keywords: [] as string[], body: [] as string[] };
    for (const entry of topic.entries.values()) {
      fields.title.push(entry.title, ...Object.values(entry.terms).map((t) => t.title));
      fields.questions.push(...entry.questions);
      fields.keywords.push(...entry.keywords, ...Object.values(entry.terms).flatMap((t) => t.keywords));
      fields.body.push(entry.body, entry.more, ...Object.values(entry.regions));
    }
    return fields;
  };

  // First the vocabulary: compound splitting below needs every stem of the knowledge base.
  const wordsOf = new Map<string, string[]>();
  const surface = new Set<string>();
  const read = (text: string) => {
    if (wordsOf.has(text)) return;
    const words = contentWords(text);
    wordsOf.set(text, words);
    for (const w of words) {
      known.add(stem(w));
      if (w.length >= 4) surface.add(w);
    }
  };
  for (const topic of kb.topics.values()) {
    // The topic id's words count as known words too ("asylverfahren-ablauf").
    read(topic.id);
    for (const texts of Object.values(fieldTexts(topic))) texts.forEach(read);
  }

  const termsOf = new Map<string, string[]>();
  const analysed = (text: string): string[] => {
    let terms = termsOf.get(text);
    if (!terms) {
      terms = [];
      for (const w of wordsOf.get(text) ?? contentWords(text)) terms.push(stem(w), ...decompound(w, known));
      termsOf.set(text, terms);
    }
    return terms;
  };
  const topicIds: string[] = [];
  /** Per topic, the terms of each field in TOPIC_FIELDS order. */
  const topicDocs: string[][][] = [];
  const questionDocs: string[][] = [];
  const questionTopics: number[] = [];
  const documentFrequency = new Map<string, number>();
  for (const topic of kb.topics.values()) {
    const fields = fieldTexts(topic);
    const terms = TOPIC_FIELDS.map((f) => fields[f].flatMap(analysed));
    for (const t of new Set(terms.flat())) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
    for (const entry of topic.entries.values()) {
      for (const text of [entry.title, ...Object.values(entry.terms).map((t) => t.title), ...entry.questions]) {
        questionDocs.push(analysed(text));
        questionTopics.push(topicIds.length);
      }
    }
    topicIds.push(topic.id);
    topicDocs.push(terms);
  }
  return { topicIds, topicDocs, questionDocs, questionTopics, surface: [...surface], documentFrequency };
}
