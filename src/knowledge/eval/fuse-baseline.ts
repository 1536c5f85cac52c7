import Fuse from "fuse.js";
import type { KnowledgeBase } from "../types.js";

/** The plain fuse.js baseline the evaluation compares against: one index, default options. */
export class FuseBaseline {
  private readonly fuse: Fuse<{ topic: string; title: string; questions: string[]; keywords: string[] }>;
  constructor(kb: KnowledgeBase) {
    const rows = [...kb.topics.values()].map((t) => {
      const entries = [...t.entries.values()];
      return {
        topic: t.id,
        title: entries.map((e) => e.title).join(" / "),
        questions: entries.flatMap((e) => e.questions),
        keywords: entries.flatMap((e) => e.keywords),
      };
    });
    this.fuse = new Fuse(rows, { keys: ["title", "questions", "keywords"] });
  }
  search(query: string): string[] {
    return this.fuse.search(query, { limit: 3 }).map((r) => r.item.topic);
  }
}
