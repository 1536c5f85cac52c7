import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeBase } from "../types.js";
import { SITUATIONS, type Example, type Situation } from "./examples.js";
import { FastTextClassifier, trainFastText, type TrainOptions } from "./fasttext.js";
import { normalizeForModel } from "./normalize.js";
import { situationLines, topicLines } from "./training-data.js";

/**
 * Lotse's two trained classifiers: which topic a question is about, and which situation it is
 * (a general question, an emergency, a request for a person, an individual case, off-topic).
 * Trained from knowledge/examples (and the entries' own titles, questions and keywords) when the
 * index is built, deterministically, and cached by a hash of everything they learn from.
 */

// Chosen by leave-one-batch-out cross-validation on knowledge/examples (never on the development
// set): see docs/UNDERSTANDING.md for what was compared. dim × bucket stays at or above 2 million:
// smaller models crash the WebAssembly build's trainer.
export const TOPIC_OPTIONS: TrainOptions = { epoch: 25, lr: 0.5, dim: 50, bucket: 50_000, wordNgrams: 2, minn: 3, maxn: 5, seed: 1 };
export const SITUATION_OPTIONS: TrainOptions = { epoch: 25, lr: 0.5, dim: 40, bucket: 50_000, wordNgrams: 2, minn: 3, maxn: 5, seed: 1 };

/** Bump when training data, normalisation or options change in a way the hash cannot see. */
const MODEL_VERSION = 2;

export interface ModelOutput {
  /** Topics with their probabilities, best first (the ten most probable). */
  topics: [string, number][];
  situations: Record<Situation, number>;
}

export class UnderstandingModel {
  constructor(
    private readonly topic: FastTextClassifier,
    private readonly situation: FastTextClassifier,
  ) {}

  predict(question: string): ModelOutput {
    const text = normalizeForModel(question);
    const situations = Object.fromEntries(SITUATIONS.map((s) => [s, 0])) as Record<Situation, number>;
    if (!text) return { topics: [], situations: { ...situations, general: 1 } };
    for (const [label, p] of this.situation.predict(text, SITUATIONS.length)) if (label in situations) situations[label as Situation] = p;
    return { topics: this.topic.predict(text, 10), situations };
  }
}

/** The bytes of both trained models. */
export interface TrainedModels {
  topic: Uint8Array;
  situation: Uint8Array;
}

/** Trains both classifiers (in parallel worker threads). The same examples give the same bytes. */
export async function trainModels(examples: Example[], kb: KnowledgeBase | undefined, options = { topic: TOPIC_OPTIONS, situation: SITUATION_OPTIONS }): Promise<TrainedModels> {
  const [topic, situation] = await Promise.all([
    trainFastText(seededShuffle(topicLines(examples, kb)), options.topic),
    trainFastText(seededShuffle(situationLines(examples)), options.situation),
  ]);
  return { topic, situation };
}

export async function loadModels(models: TrainedModels): Promise<UnderstandingModel> {
  const [topic, situation] = await Promise.all([FastTextClassifier.fromBytes(models.topic), FastTextClassifier.fromBytes(models.situation)]);
  return new UnderstandingModel(topic, situation);
}

/**
 * The cached models for these examples and entries, trained first when there are none (about
 * half a minute on two cores). `cacheDir` undefined: trained in memory every time.
 */
export async function openModels(examples: Example[], kb: KnowledgeBase, cacheDir: string | undefined, onTrain?: () => void): Promise<UnderstandingModel> {
  const hash = modelHash(examples, kb);
  const files = cacheDir ? { topic: join(cacheDir, `topic-${hash}.ftz`), situation: join(cacheDir, `situation-${hash}.ftz`) } : undefined;
  if (files && existsSync(files.topic) && existsSync(files.situation)) {
    const [topic, situation] = await Promise.all([FastTextClassifier.fromFile(files.topic), FastTextClassifier.fromFile(files.situation)]);
    markUsed(Object.values(files));
    return new UnderstandingModel(topic, situation);
  }
  onTrain?.();
  const trained = await trainModels(examples, kb);
  if (files) {
    try {
      mkdirSync(cacheDir!, { recursive: true });
      for (const kind of ["topic", "situation"] as const) {
        writeFileSync(`${files[kind]}.tmp`, trained[kind]);
        renameSync(`${files[kind]}.tmp`, files[kind]);
      }
      pruneUnused(cacheDir!);
    } catch {
      // A read-only data folder: the models are trained at every start instead.
    }
  }
  return loadModels(trained);
}

/** A hash of everything the models learn from. */
export function modelHash(examples: Example[], kb: KnowledgeBase): string {
  const hash = createHash("sha256").update(JSON.stringify([MODEL_VERSION, TOPIC_OPTIONS, SITUATION_OPTIONS]));
  // hardNegative too: a line moved from a topic file to general.txt is learnt differently (training-data.ts).
  for (const e of examples) hash.update(`${e.batch}\0${e.lang}\0${e.situation}\0${e.topic ?? ""}\0${e.hardNegative ? "h" : ""}\0${e.text}\n`);
  for (const line of topicLines([], kb)) hash.update(`${line}\n`);
  return hash.digest("hex").slice(0, 16);
}

/** fastText reads its lines in order: mixed, but the same way every time. */
export function seededShuffle<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Models unused this long are deleted when new ones are trained (each pair is about 50 MB). */
const UNUSED_MS = 7 * 86_400_000;

function markUsed(paths: string[]): void {
  const now = new Date();
  for (const path of paths) {
    try {
      utimesSync(path, now, now);
    } catch {
      // read-only cache: nothing to mark
    }
  }
}

function pruneUnused(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/^(topic|situation)-[0-9a-f]{16}\.ftz$/.test(name)) continue;
    const path = join(dir, name);
    if (Date.now() - statSync(path).mtimeMs > UNUSED_MS) rmSync(path, { force: true });
  }
}
