import type { Command } from "commander";
import { z } from "zod";
import { loadConfig, type Config } from "./config.js";
import { systemClock } from "./core/clock.js";
import { DeskAccounts } from "./escalation/accounts.js";
import { Routing } from "./escalation/routing.js";
import { loadContacts } from "./knowledge/contacts.js";
import { createLogger } from "./logger.js";
import { Store } from "./store/store.js";
import { failOnKnowledgeErrors, UsageError } from "./cli-understanding.js";
import type { Problem } from "./knowledge/load.js";

/**
 * `lotse desk invite | list | revoke`: the operator's side of the web desk's accounts. There are
 * no passwords: an invite prints (and with SMTP_URL also mails) a one-time sign-in link.
 */

const email = z.string().trim().email();

async function openAccounts() {
  const config = loadConfig();
  const logger = createLogger({ level: "warn", format: config.LOG_FORMAT, fd: 2 });
  const problems: Problem[] = [];
  const routing = new Routing(loadContacts(config.KNOWLEDGE_DIR, problems));
  failOnKnowledgeErrors(problems);
  const store = await Store.open({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL }, logger);
  return { config, logger, store, accounts: new DeskAccounts(store, systemClock, routing) };
}

/** Where the desk is reached from outside: PUBLIC_URL, else this machine's port. */
export function signInLink(config: Pick<Config, "PUBLIC_URL" | "PORT">, token: string): string {
  const base = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
  return `${base}/desk/sign-in?token=${encodeURIComponent(token)}`;
}

const regionList = (value: string) => value.split(",").map((r) => r.trim()).filter(Boolean);

export function registerDeskCommands(program: Command): void {
  const desk = program.command("desk").description("the coordinators' web desk at /desk: invite, list and revoke accounts");

  desk
    .command("invite")
    .description("create a coordinator account (or a new link for one) and print its one-time sign-in link")
    .option("--name <name>", "the coordinator's name, as colleagues see it")
    .option("--regions <ids>", 'region or Land ids from knowledge/contacts.yaml, comma-separated, or "all"', regionList)
    .option("--email <address>", "where to mail the link (with SMTP_URL) and the desk's notices")
    .option("--account <id>", "a new sign-in link for this existing account (a lost link, a new device)")
    .action(async (options: { name?: string; regions?: string[]; email?: string; account?: string }) => {
      if (!options.account && (!options.name?.trim() || !options.regions?.length)) throw new UsageError('give --name "…" and --regions <ids> (or --account <id> for a new link)');
      if (options.email !== undefined && !email.safeParse(options.email).success) throw new UsageError(`--email: not an e-mail address: ${options.email}`);
      const { config, logger, store, accounts } = await openAccounts();
      try {
        const validMs = config.DESK_INVITE_HOURS * 3600_000;
        let account;
        let token: string;
        if (options.account) {
          account = await accounts.get(options.account);
          if (!account) throw new UsageError(`no desk account with id ${options.account} (see lotse desk list)`);
          token = await accounts.invite(account.id, validMs);
        } else {
          const unknown = accounts.unknownRegions(options.regions!);
          if (unknown.length) throw new UsageError(`unknown region id(s): ${unknown.join(", ")} (ids are in knowledge/contacts.yaml; "all" covers every region)`);
          ({ account, token } = await accounts.create({ name: options.name!.trim(), regions: options.regions!, ...(options.email ? { email: options.email.trim() } : {}) }, validMs));
        }
        const link = signInLink(config, token);
        process.stdout.write(`account ${account.id} (${account.name}; regions: ${account.regions.join(", ")})\n`);
        process.stdout.write(`sign-in link, valid once for ${config.DESK_INVITE_HOURS} hours:\n${link}\n`);
        const to = options.email?.trim() ?? account.email;
        if (config.SMTP_URL && to) {
          const { mailInvite } = await import("./adapters/mail/invite.js");
          await mailInvite(config, logger, { email: to, name: account.name }, link, config.DESK_INVITE_HOURS);
          process.stdout.write(`mailed to ${to}\n`);
        }
      } finally {
        await store.close();
      }
    });

  desk
    .command("list")
    .description("the desk's accounts: id, name, regions, e-mail")
    .option("--json", "print them as JSON")
    .action(async (options: { json?: boolean }) => {
      const { store, accounts } = await openAccounts();
      try {
        const all = await accounts.list();
        if (options.json) process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        else if (!all.length) process.stdout.write('no desk accounts (invite one: lotse desk invite --name "…" --regions …)\n');
        else for (const a of all) process.stdout.write(`${a.id}  ${a.name}  regions: ${a.regions.join(", ")}${a.email ? `  ${a.email}` : ""}  since ${a.createdAt.slice(0, 10)}\n`);
      } finally {
        await store.close();
      }
    });

  desk
    .command("revoke")
    .description("delete an account and end its sessions (its id stays in ticket histories)")
    .argument("<id>", "the account's id (see lotse desk list)")
    .action(async (id: string) => {
      const { store, accounts } = await openAccounts();
      try {
        if (!(await accounts.revoke(id))) throw new UsageError(`no desk account with id ${id}`);
        process.stdout.write(`revoked ${id}\n`);
      } finally {
        await store.close();
      }
    });
}
