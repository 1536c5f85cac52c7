import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { loadKnowledge } from "../src/knowledge/load.js";
import { loadExamples, batchesOf } from "../src/knowledge/model/examples.js";
import { trainModels } from "../src/knowledge/model/model.js";
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
  const rssAdded = loadedRssMb(trained);
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  return [
    `examples: ${examples.length} lines in ${batchesOf(examples).length} batches, plus the entries of ${kb.topics.size} topics`,
    `training both classifiers (in parallel worker threads, one thread each): ${trainS.toFixed(1)} s on ${cpus().length} cores (load average before: ${load})`,
    `model sizes: topic ${mb(trained.topic.byteLength)} MB, situation ${mb(trained.situation.byteLength)} MB`,
    `resident memory added by loading both: ${rssAdded.toFixed(1)} MB`,
  ].join("\n");
}

/**
 * Resident memory a fresh process gains by loading both models (as a start does): measured in a
 * child, because this process has just trained and its heap says nothing about a start.
 */
function loadedRssMb(trained: { topic: Uint8Array; situation: Uint8Array }): number {
  const dir = mkdtempSync(join(tmpdir(), "lotse-models-"));
  try {
    writeFileSync(join(dir, "topic.ftz"), trained.topic);
    writeFileSync(join(dir, "situation.ftz"), trained.situation);
    const fasttext = new URL("../src/knowledge/model/fasttext.js", import.meta.url).href;
    const script = `
      const { FastTextClassifier } = await import(${JSON.stringify(fasttext)});
      const before = process.memoryUsage().rss;
      const [t, s] = await Promise.all([FastTextClassifier.fromFile(${JSON.stringify(join(dir, "topic.ftz"))}), FastTextClassifier.fromFile(${JSON.stringify(join(dir, "situation.ftz"))})]);
      t.predict("darf er arbeiten", 10); s.predict("darf er arbeiten", 5);
      console.log((process.memoryUsage().rss - before) / 2 ** 20);`;
    return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }).trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
