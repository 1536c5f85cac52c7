/**
 * `npm run bench`: every benchmark prints its figures with the data and command they came from.
 * `npm run bench -- NAME` runs one (names: language, answering, redaction, broadcast, webhook, memory, training).
 */
import { languageDetectionBench } from "./language-detection.js";
import { answeringBench } from "./answering.js";
import { redactionBench } from "./redaction.js";
import { broadcastBench } from "./broadcast.js";
import { webhookBench } from "./webhook-throughput.js";
import { memoryBench } from "./memory.js";
import { trainingBench } from "./training.js";

const benches: Record<string, () => string | Promise<string>> = {
  language: languageDetectionBench,
  answering: answeringBench,
  redaction: redactionBench,
  broadcast: broadcastBench,
  webhook: webhookBench,
  memory: memoryBench,
  training: trainingBench,
};

const wanted = process.argv.slice(2);
for (const [name, bench] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n### ${name}  (npm run bench -- ${name})\n`);
  console.log(await bench());
}
