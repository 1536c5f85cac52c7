import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The training corpus: knowledge/examples/<batch>/<lang>/<topic>.txt (general questions about a
 * topic) and knowledge/examples/<batch>/situations/<lang>/<kind>.txt, one example per line, kept
 * apart from the entries. A batch is one writer's independent work: cross-validation holds out
 * one batch at a time (see BATCHES.md).
 */

export const SITUATIONS = ["general", "emergency", "person", "individual", "offtopic"] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface Example {
  batch: string;
  lang: string;
  text: string;
  situation: Situation;
  /** The topic it is about; null for emergencies, off-topic lines and requests for a person without a case. */
  topic: string | null;
  /** A general question from a situations file (general.txt): written to look like another situation. */
  hardNegative?: boolean;
}

const PREFIX = /^\[([a-z0-9-]+)\]\s+/;

export function loadExamples(knowledgeDir: string): Example[] {
  const root = join(knowledgeDir, "examples");
  if (!existsSync(root)) return [];
  const examples: Example[] = [];
  for (const batch of readdirSync(root).sort()) {
    const folder = join(root, batch);
    if (!statSync(folder).isDirectory()) continue;
    for (const lang of readdirSync(folder).sort()) {
      if (lang === "situations") continue;
      for (const file of txtFiles(join(folder, lang))) {
        const topic = file.slice(0, -4);
        for (const text of lines(join(folder, lang, file))) examples.push({ batch, lang, text, situation: "general", topic });
      }
    }
    const situations = join(folder, "situations");
    if (!existsSync(situations)) continue;
    for (const lang of readdirSync(situations).sort()) {
      for (const file of txtFiles(join(situations, lang))) {
        const situation = file.slice(0, -4) as Situation;
        if (!(SITUATIONS as readonly string[]).includes(situation)) continue;
        for (const line of lines(join(situations, lang, file))) {
          const prefix = PREFIX.exec(line);
          const example: Example = { batch, lang, situation, text: prefix ? line.slice(prefix[0].length) : line, topic: prefix?.[1] ?? null };
          if (situation === "general") example.hardNegative = true;
          examples.push(example);
        }
      }
    }
  }
  return examples;
}

function txtFiles(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".txt")).sort() : [];
}

function lines(file: string): string[] {
  return readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
}

/** The batches present, in order. */
export function batchesOf(examples: Example[]): string[] {
  return [...new Set(examples.map((e) => e.batch))].sort();
}
