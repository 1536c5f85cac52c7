import { createInterface } from "node:readline";
import { Command, Option } from "commander";
import { Lotse } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { loadEnvFile } from "./env-file.js";
import { registerDoctorCommand } from "./cli-doctor.js";
import { checkKnowledge } from "./knowledge/eval/check.js";
import { openKnowledge } from "./knowledge/index.js";
import { openUnderstanding } from "./knowledge/understanding.js";
import { createLogger } from "./logger.js";
import { runConsoleChat } from "./adapters/console/adapter.js";
import { redact } from "./privacy/redact.js";
import { Store } from "./store/store.js";
import { Drafts } from "./escalation/drafts.js";
import { outboxStatus, retryDead } from "./core/outbox/admin.js";
import { systemClock } from "./core/clock.js";
import { failOnKnowledgeErrors, registerUnderstandingCommands, UsageError } from "./cli-understanding.js";
import { registerDeskCommands } from "./cli-desk.js";

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

  registerUnderstandingCommands(program);
  registerDoctorCommand(program);
  registerDeskCommands(program);

  program
    .command("redact")
    .description("read text on stdin, print it with personal data replaced (what would reach the coordinators)")
    .option("--jsonl", 'read {"text": "..."} lines, write {"text": "<redacted>", "findings": [...]} lines')
    .option("--keep-special", "keep special categories (health, religion, …) instead of generalising them, as a volunteer may choose per hand-over")
    .option("--lang <lang>", "language of the placeholders (de or en)", "de")
    .action(async (options: { jsonl?: boolean; keepSpecial?: boolean; lang: string }) => {
      // The hand-over's default: special categories are generalised ("hat [eine Erkrankung]").
      const redactOptions = { special: options.keepSpecial ? ("keep" as const) : ("generalise" as const), lang: options.lang };
      if (!options.jsonl) {
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        process.stdout.write(redact(Buffer.concat(chunks).toString("utf8"), redactOptions).text);
        return;
      }
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const raw of rl) {
        if (!raw.trim()) continue;
        const { text } = JSON.parse(raw) as { text: string };
        process.stdout.write(`${JSON.stringify(redact(String(text), redactOptions))}\n`);
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
    .description("build the search index and train the question classifiers now (kept in CACHE_DIR), so the next start is fast")
    .action(async () => {
      const config = loadConfig();
      const started = performance.now();
      const cacheDir = config.CACHE_DIR;
      const knowledge = openKnowledge(config.KNOWLEDGE_DIR, { cacheDir });
      failOnKnowledgeErrors(knowledge.problems);
      const indexed = performance.now();
      let trained = false;
      await openUnderstanding(knowledge, { cacheDir, onTrain: () => void (trained = true, process.stdout.write("training the question classifiers ...\n")) });
      const ms = (t: number) => Math.round(t);
      process.stdout.write(`indexed ${knowledge.kb.topics.size} topics in ${ms(indexed - started)} ms; classifiers ${trained ? "trained" : "loaded"} in ${ms(performance.now() - indexed)} ms (${cacheDir})\n`);
    });

  return program;
}


export async function runCli(argv: string[]): Promise<void> {
  try {
    loadEnvFile();
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
