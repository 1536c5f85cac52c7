import { emergencyCue } from "../cues.js";
import type { Knowledge } from "../index.js";
import { batchesOf, loadExamples, type Example } from "../model/examples.js";
import { loadModels, trainModels, type ModelOutput } from "../model/model.js";

/**
 * Leave-one-batch-out cross-validation: for each batch of knowledge/examples, the classifiers are
 * trained on all other batches (and the entries) and predict the held-out batch's lines. No
 * batch is ever in both training and test. The rows keep the raw outputs, so that the combiner
 * can be calibrated and measured on them afterwards without training again.
 */

export interface HeldOutRow {
  example: Example;
  output: ModelOutput;
  hits: { topic: string; score: number }[];
  emergencyCue: boolean;
}

/** Which batches train and which is tested, per fold: the split the tests check. */
export function folds(examples: Example[]): { heldOut: string; train: Example[]; test: Example[] }[] {
  return batchesOf(examples).map((heldOut) => ({
    heldOut,
    train: examples.filter((e) => e.batch !== heldOut),
    test: examples.filter((e) => e.batch === heldOut),
  }));
}

/**
 * Runs every fold (two at a time: training runs in worker threads, one per core) and returns the
 * held-out predictions of all of them. `onProgress` hears about each finished fold.
 */
export async function crossValidate(knowledge: Knowledge, options: { parallel?: number; onProgress?: (done: string, finished: number, total: number, ms: number) => void } = {}): Promise<HeldOutRow[]> {
  const examples = loadExamples(knowledge.kb.dir);
  const all = folds(examples);
  const rows: HeldOutRow[] = [];
  const started = performance.now();
  let finished = 0;
  const parallel = Math.max(1, options.parallel ?? 2);
  for (let i = 0; i < all.length; i += parallel) {
    await Promise.all(
      all.slice(i, i + parallel).map(async (fold) => {
        const model = await loadModels(await trainModels(fold.train, knowledge.kb));
        for (const example of fold.test) {
          rows.push({
            example,
            output: model.predict(example.text),
            hits: knowledge.index.search(example.text, 10).hits.map((h) => ({ topic: h.topic, score: h.score })),
            emergencyCue: emergencyCue(knowledge.cues, example.text),
          });
        }
        options.onProgress?.(fold.heldOut, ++finished, all.length, performance.now() - started);
      }),
    );
  }
  return rows;
}
