import type { Command } from "commander";
import { loadConfig } from "./config.js";
import { systemClock } from "./core/clock.js";
import { DeskAccounts } from "./escalation/accounts.js";
import { Routing } from "./escalation/routing.js";
import { loadEvents } from "./events/calendar.js";
import { loadContacts } from "./knowledge/contacts.js";
import type { Problem } from "./knowledge/load.js";
import { createLogger } from "./logger.js";
import { setupGaps } from "./setup-check.js";
import { Store } from "./store/store.js";
import { failOnKnowledgeErrors } from "./cli-understanding.js";

/**
 * `lotse doctor`: what this deployment has switched on, whether a hand-over reaches anybody, and
 * what is still example data. Exits 1 while anything is left to configure, so a deploy script can
 * stop on it.
 */
export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("what is switched on, whether hand-overs reach a coordinator, and what is still example data")
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger({ level: "warn", format: config.LOG_FORMAT, fd: 2 });
      const problems: Problem[] = [];
      const routing = new Routing(loadContacts(config.KNOWLEDGE_DIR, problems));
      const { events } = loadEvents(config.KNOWLEDGE_DIR, problems);
      failOnKnowledgeErrors(problems);
      const store = await Store.open({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL }, logger);
      try {
        const accounts = new DeskAccounts(store, systemClock, routing);
        const desk = await accounts.list();
        const on = (set: unknown) => (set ? "on" : "off");
        const lines = [
          "Lotse doctor",
          `  store: ${store.backend}${store.backend === "sqlite" ? ` (${config.DATA_DIR})` : ""}`,
          `  web chat and web desk: on (port ${config.PORT}${config.PUBLIC_URL ? `, ${config.PUBLIC_URL}` : ", PUBLIC_URL not set"})`,
          `  telegram: ${on(config.TELEGRAM_BOT_TOKEN)}${config.TELEGRAM_BOT_TOKEN ? (config.TELEGRAM_WEBHOOK_URL ? " (webhook)" : " (long polling)") : ""}`,
          `  slack: ${on(config.SLACK_BOT_TOKEN)}`,
          `  discord: ${on(config.DISCORD_BOT_TOKEN)}`,
          `  mail notices: ${on(config.SMTP_URL)}`,
          `  hand-overs reach: ${[config.SLACK_BOT_TOKEN ? "Slack" : "", desk.length ? `${desk.length} web desk coordinator(s) (${[...new Set(desk.flatMap((a) => a.regions))].join(", ")})` : ""].filter(Boolean).join(" and ") || "NOBODY"}`,
        ];
        const gaps = await setupGaps({ config, routing, events, accounts }, { slack: Boolean(config.SLACK_BOT_TOKEN) });
        lines.push(gaps.length ? "Still to do:" : "Nothing left to configure.");
        for (const gap of gaps) lines.push(`  - [${gap.kind}] ${gap.reason}`);
        process.stdout.write(`${lines.join("\n")}\n`);
        process.exitCode = gaps.length ? 1 : 0;
      } finally {
        await store.close();
      }
    });
}
