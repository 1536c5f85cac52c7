import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { loadConfig } from "./config.js";
import { replyToPlainText } from "./core/message.js";
import { crossValidate, type HeldOutRow } from "./knowledge/eval/cv.js";
import { cvReport, formatCvReport } from "./knowledge/eval/cv-report.js";
import { addPeers, ask, evaluate, formatReport, type EvalCase } from "./knowledge/eval/evaluate.js";
import { openKnowledge } from "./knowledge/index.js";
import { loadCalibration, openUnderstanding } from "./knowledge/understanding.js";

/** `lotse ask` and `lotse eval`: what Lotse makes of questions, one at a time or measured in bulk. */

export class UsageError extends Error {}

export function failOnKnowledgeErrors(problems: { severity: string; file: string; field: string; reason: string }[]): void {
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new UsageError(`the knowledge base has ${errors.length} error(s), first: ${errors[0]!.file} ${errors[0]!.field}: ${errors[0]!.reason} (run "lotse kb check")`);
}

async function understood() {
  const config = loadConfig();
  const cacheDir = config.CACHE_DIR;
  const knowledge = openKnowledge(config.KNOWLEDGE_DIR, { cacheDir });
  failOnKnowledgeErrors(knowledge.problems);
  return { config, knowledge: await openUnderstanding(knowledge, { cacheDir, onTrain: () => process.stderr.write("training the question classifiers (about half a minute) ...\n") }) };
}

export function registerUnderstandingCommands(program: Command): void {
  program
    .command("ask")
    .description("what Lotse makes of a question: the answer as a volunteer sees it, or JSON (--json, --jsonl)")
    .argument("[question...]", "the question")
    .option("--json", 'print {"topic","action","score","lang","alternatives"} instead of the answer')
    .option("--jsonl", 'read {"q": "...", "lang"?: "de"} lines on stdin, write one JSON result per line')
    .action(async (words: string[], options: { json?: boolean; jsonl?: boolean }) => {
      if (!options.jsonl && !words.length) throw new UsageError('give a question, e.g. lotse ask "Wie lange dauert ein Asylverfahren?", or use --jsonl');
      if (!options.jsonl && !options.json) return printAnswer(words.join(" "));
      const { knowledge } = await understood();
      if (!options.jsonl) return void process.stdout.write(`${JSON.stringify(ask(knowledge, words.join(" ")))}\n`);
      let line = 0;
      for await (const raw of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        line++;
        if (!raw.trim()) continue;
        let q: { q?: unknown; lang?: unknown };
        try {
          q = JSON.parse(raw);
        } catch {
          throw new UsageError(`stdin line ${line}: not valid JSON`);
        }
        if (typeof q.q !== "string") throw new UsageError(`stdin line ${line}: expected a string field "q"`);
        process.stdout.write(`${JSON.stringify(ask(knowledge, q.q, typeof q.lang === "string" ? q.lang : undefined))}\n`);
      }
    });

  program
    .command("eval")
    .description("measure understanding: on a JSONL file of {q, topic, action, kind, lang} (beside a fuse.js baseline), or by cross-validation over knowledge/examples (--cv)")
    .argument("[file]", "e.g. ../shared/eval/dev-questions.jsonl")
    .option("--cv", "leave-one-batch-out cross-validation over knowledge/examples (trains once per batch: about half an hour on 2 cores with 17 batches)")
    .option("--calibrate", "with --cv: write the combiner's numbers chosen on the held-out batches to knowledge/calibration.json")
    .option("--rows <file>", "with --cv: keep the held-out predictions in this file, and reuse them if it exists (to re-run the calibration without training)")
    .option("--json", "print the report as JSON")
    .option("--peers", "also train and measure NLP.js (node-nlp, a dev dependency) on the same entries")
    .action(async (file: string | undefined, options: { cv?: boolean; calibrate?: boolean; rows?: string; json?: boolean; peers?: boolean }) => {
      if (options.cv) return crossValidation(options);
      if (!file) throw new UsageError("give a JSONL file to measure on, or --cv");
      const { knowledge } = await understood();
      const cases = readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l, i) => {
          try {
            return JSON.parse(l) as EvalCase;
          } catch {
            throw new UsageError(`${file}:${i + 1}: not valid JSON`);
          }
        });
      let report = evaluate(knowledge, cases);
      if (options.peers) report = await addPeers(knowledge, cases, report);
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, file)}\n`);
    });
}

async function crossValidation(options: { calibrate?: boolean; rows?: string; json?: boolean }): Promise<void> {
  const config = loadConfig();
  const knowledge = openKnowledge(config.KNOWLEDGE_DIR);
  failOnKnowledgeErrors(knowledge.problems);
  let rows: HeldOutRow[];
  if (options.rows && existsSync(options.rows)) {
    rows = JSON.parse(readFileSync(options.rows, "utf8")) as HeldOutRow[];
    process.stderr.write(`  held-out predictions from ${options.rows} (delete it to train again)\n`);
  } else {
    rows = await crossValidate(knowledge, {
      onProgress: (batch, done, total, ms) => process.stderr.write(`  fold ${done}/${total} done (held out: ${batch}) after ${Math.round(ms / 1000)} s\n`),
    });
    if (options.rows) writeFileSync(options.rows, JSON.stringify(rows));
  }
  process.stderr.write("  choosing the combiner's numbers on held-out batches ...\n");
  const report = cvReport(rows, knowledge.kb.topics, loadCalibration(config.KNOWLEDGE_DIR));
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCvReport(report)}\n`);
  if (options.calibrate) {
    const file = join(config.KNOWLEDGE_DIR, "calibration.json");
    const chosenBy = { command: "npx lotse eval --cv --calibrate", rows: rows.length, crossValidated: report.mean };
    writeFileSync(file, `${JSON.stringify({ note: "Chosen on held-out batches of knowledge/examples only (never the development set).", calibration: report.calibration, chosenBy }, null, 2)}\n`);
    process.stderr.write(`  wrote ${file}\n`);
  }
}

/** `lotse ask "…"`: the reply a volunteer would get in the web chat, as text. */
async function printAnswer(question: string): Promise<void> {
  const { Lotse } = await import("./app.js");
  const { Store } = await import("./store/store.js");
  const { createLogger } = await import("./logger.js");
  const config = loadConfig();
  const lotse = await Lotse.create(config, createLogger({ level: "warn", format: config.LOG_FORMAT, fd: 2 }), { store: Store.memory() });
  try {
    const replies = await lotse.receive({ kind: "text", address: { platform: "console", chatId: "ask", userId: "ask" }, text: question }, { keep: () => true });
    for (const reply of replies) process.stdout.write(`${replyToPlainText(reply)}\n\n`);
  } finally {
    await lotse.close(0);
  }
}
