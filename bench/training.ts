import { cpus, loadavg } from "node:os";
import { loadKnowledge } from "../src/knowledge/load.js";
import { loadExamples, batchesOf } from "../src/knowledge/model/examples.js";
import { loadModels, trainModels } from "../src/knowledge/model/model.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.js";

/**
 * Training at index time (`npx lotse kb index`, `npm install`, a start with changed content): how
 * long both classifiers take on this machine from every example line and entry, how big they are,
 * and how much resident memory the loaded pair adds. The limits: < 60 s on 2 cores, < 60 MB.
 * The load average is printed because a busy machine stretches the time (the trainer is one
 * thread per classifier, so two cores are used at most).
 */
export async function trainingBench(): Promise<string> {
  const load = loadavg()[0]!.toFixed(1);
  const kb = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
  const examples = loadExamples(DEFAULT_KNOWLEDGE_DIR);
  const started = performance.now();
  const trained = await trainModels(examples, kb);
  const trainS = (performance.now() - started) / 1000;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const model = await loadModels(trained);
  model.predict("Darf mein Mentee mit Duldung arbeiten?");
  global.gc?.();
  const rssAdded = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  return [
    `examples: ${examples.length} lines in ${batchesOf(examples).length} batches, plus the entries of ${kb.topics.size} topics`,
    `training both classifiers (in parallel worker threads, one thread each): ${trainS.toFixed(1)} s on ${cpus().length} cores (load average before: ${load})`,
    `model sizes: topic ${mb(trained.topic.byteLength)} MB, situation ${mb(trained.situation.byteLength)} MB`,
    `resident memory added by loading both: ${rssAdded.toFixed(1)} MB`,
  ].join("\n");
}
