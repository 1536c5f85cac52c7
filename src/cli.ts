import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Command, Option } from "commander";
import { Lotse } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { checkKnowledge } from "./knowledge/check.js";
import { addPeers, ask, evaluate, formatReport, type EvalCase } from "./knowledge/evaluate.js";
import { openKnowledge } from "./knowledge/index.js";
import { createLogger } from "./logger.js";
import { runConsoleChat } from "./adapters/console/chat.js";
import { redact } from "./escalation/redact.js";
import { Store } from "./store/store.js";
import { Drafts } from "./escalation/drafts.js";
import { outboxStatus, retryDead } from "./core/outbox-admin.js";
import { systemClock } from "./core/clock.js";

/** The `lotse` command. Data goes to stdout; logs go to stderr, so stdout stays machine-readable. */
export function buildCli(): Command {
  const program = new Command("lotse")
    .description("Lotse: answers for volunteers who support refugees, hand-over to full-time contact persons")
    .showHelpAfterError();

  program
    .command("start", { isDefault: true })
    .description("start the server: web chat, and the platform adapters whose tokens are set")
    .action(async () => {
      const { start } = await import("./main.js");
      const { stop } = await start();
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
    });

  program
    .command("chat")
    .description("chat with Lotse in the terminal (same core, same storage as the server)")
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger({ level: process.env.LOG_LEVEL ?? "warn", format: config.LOG_FORMAT, fd: 2 });
      const lotse = await Lotse.create(config, logger);
      try {
        await runConsoleChat(lotse);
      } finally {
        await lotse.close();
      }
    });

  program
    .command("ask")
    .description("answer questions without a conversation: one question as arguments, or JSON lines on stdin with --jsonl")
    .argument("[question...]", "the question")
    .option("--jsonl", 'read {"q": "...", "lang"?: "de", "region"?: "berlin"} lines on stdin, write one JSON result per line')
    .action(async (words: string[], options: { jsonl?: boolean }) => {
      const config = loadConfig();
      const knowledge = openKnowledge(config.KNOWLEDGE_DIR, { cacheDir: join(config.DATA_DIR, "cache") });
      failOnKnowledgeErrors(knowledge.problems);
      if (!options.jsonl) {
        if (!words.length) throw new UsageError('give a question, e.g. lotse ask "Wie lange dauert ein Asylverfahren?", or use --jsonl');
        process.stdout.write(`${JSON.stringify(ask(knowledge, words.join(" ")))}\n`);
        return;
      }
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let line = 0;
      for await (const raw of rl) {
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
    .description("measure answering on a JSONL file of {q, topic, action, kind, lang}, beside a plain fuse.js baseline")
    .argument("<file>", "e.g. ../shared/eval/dev-questions.jsonl")
    .option("--json", "print the report as JSON")
    .option("--peers", "also train and measure NLP.js (node-nlp, a dev dependency) on the same entries")
    .action(async (file: string, options: { json?: boolean; peers?: boolean }) => {
      const config = loadConfig();
      const knowledge = openKnowledge(config.KNOWLEDGE_DIR);
      failOnKnowledgeErrors(knowledge.problems);
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

  program
    .command("redact")
    .description("read text on stdin, print it with personal data replaced (what would reach the coordinators)")
    .option("--jsonl", 'read {"text": "..."} lines, write {"text": "<redacted>", "findings": [...]} lines')
    .action(async (options: { jsonl?: boolean }) => {
      if (!options.jsonl) {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        process.stdout.write(redact(Buffer.concat(chunks).toString("utf8")).text);
        return;
      }
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const raw of rl) {
        if (!raw.trim()) continue;
        const { text } = JSON.parse(raw) as { text: string };
        process.stdout.write(`${JSON.stringify(redact(String(text)))}\n`);
      }
    });

  const discord = program.command("discord").description("Discord tools");
  discord
    .command("register")
    .description("register Lotse's slash commands globally (all servers; Discord may take up to an hour to show them)")
    .action(async () => {
      const config = loadConfig();
      if (!config.DISCORD_BOT_TOKEN || !config.DISCORD_APPLICATION_ID) throw new UsageError("set DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID");
      const { REST, Routes } = await import("discord.js");
      const { DISCORD_COMMANDS } = await import("./adapters/discord/adapter.js");
      const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_BOT_TOKEN);
      const result = (await rest.put(Routes.applicationCommands(config.DISCORD_APPLICATION_ID), { body: DISCORD_COMMANDS })) as { name: string }[];
      process.stdout.write(`registered ${result.length} global commands: ${result.map((c) => `/${c.name}`).join(", ")}\n`);
    });

  const kb = program.command("kb").description("knowledge-base tools");
  kb.command("check")
    .description("validate knowledge/: entries, contacts, triage cues; fails with file, field and reason")
    .option("--catalogue <file>", "also check that every topic of this catalogue (topics.yaml) has an entry")
    .addOption(new Option("--strict", "treat warnings as errors"))
    .action((options: { catalogue?: string; strict?: boolean }) => {
      const config = loadConfig();
      const result = checkKnowledge(config.KNOWLEDGE_DIR, { catalogue: options.catalogue });
      for (const p of result.problems) process.stdout.write(`${p.severity === "error" ? "ERROR" : "warning"}  ${p.file}  ${p.field}: ${p.reason}\n`);
      const errors = result.problems.filter((p) => p.severity === "error").length;
      const warnings = result.problems.length - errors;
      process.stdout.write(`${result.topics} topics, ${result.entries} entries: ${errors} error(s), ${warnings} warning(s)\n`);
      if (errors > 0 || (options.strict && warnings > 0)) process.exitCode = 1;
    });

  kb.command("drafts")
    .description("list FAQ drafts that coordinators suggested from answered tickets (for review into knowledge/)")
    .option("--json", "print them as JSON")
    .action(async (options: { json?: boolean }) => {
      const config = loadConfig();
      const store = await Store.open({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL });
      try {
        const drafts = await new Drafts(store).all();
        if (options.json) process.stdout.write(`${JSON.stringify(drafts, null, 2)}\n`);
        else if (!drafts.length) process.stdout.write("no drafts\n");
        else for (const d of drafts) process.stdout.write(`${d.ticket}  ${d.at}  topic: ${d.topic ?? "-"}\n  Q: ${d.question}\n  A: ${d.answer}\n\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command("outbox")
    .description("show messages waiting for delivery and those given up on, per platform (counts only, no content)")
    .option("--retry", "queue again the messages given up on because every attempt failed (after an outage)")
    .option("--refused-too", "with --retry: also those the platform refused (blocked bot, deleted chat)")
    .action(async (options: { retry?: boolean; refusedToo?: boolean }) => {
      const config = loadConfig();
      const logger = createLogger({ level: "warn", format: config.LOG_FORMAT, fd: 2 });
      const store = await Store.open({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL }, logger);
      try {
        if (options.retry) {
          const queued = await retryDead(store, systemClock, { refusedToo: options.refusedToo });
          process.stdout.write(`queued again: ${queued} (a running Lotse delivers them within seconds)\n`);
        }
        process.stdout.write(`${JSON.stringify(await outboxStatus(store), null, 2)}\n`);
      } finally {
        await store.close();
      }
    });

  kb.command("index")
    .description("build the search index now and keep it in DATA_DIR/cache, so the next start is fast")
    .action(() => {
      const config = loadConfig();
      const started = performance.now();
      const knowledge = openKnowledge(config.KNOWLEDGE_DIR, { cacheDir: join(config.DATA_DIR, "cache") });
      failOnKnowledgeErrors(knowledge.problems);
      process.stdout.write(`indexed ${knowledge.kb.topics.size} topics in ${Math.round(performance.now() - started)} ms (${join(config.DATA_DIR, "cache")})\n`);
    });

  return program;
}

class UsageError extends Error {}

function failOnKnowledgeErrors(problems: { severity: string; file: string; field: string; reason: string }[]): void {
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new UsageError(`the knowledge base has ${errors.length} error(s), first: ${errors[0]!.file} ${errors[0]!.field}: ${errors[0]!.reason} (run "lotse kb check")`);
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`lotse: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`lotse: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
