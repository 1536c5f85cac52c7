/**
 * The baseline of the webhook benchmark: a bare grammY webhook bot in a process of its own
 * (`node dist/bench/grammy-baseline.js --serve`), the way its documentation shows it:
 * webhookCallback on Node's http server, and a text handler that answers with one sendMessage
 * (ctx.reply) through the same fake Bot API, before the update is acknowledged. No store, no
 * queue, no throttler: what grammY and this machine can do when nothing else is done.
 * A failed reply (a 429 of the fake) is dropped in the handler, so the webhook still answers 200.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Bot, webhookCallback } from "grammy";

export interface Baseline {
  pid: number;
  url: string;
  stop(): void;
}

/** Spawns the baseline bot against `apiRoot` with `token`; resolves when it listens. */
export async function startBaseline(token: string, apiRoot: string, secret: string): Promise<Baseline> {
  const child: ChildProcess = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve"], {
    env: { PATH: process.env.PATH ?? "", BASELINE_TOKEN: token, BASELINE_API_ROOT: apiRoot, BASELINE_SECRET: secret },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("baseline bot did not start within 20 s")), 20_000);
    createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      resolve(String((JSON.parse(line) as { url: string }).url));
    });
    child.once("exit", (code) => reject(new Error(`baseline bot exited (${code})`)));
  });
  return { pid: child.pid!, url, stop: () => void child.kill("SIGKILL") };
}

async function serve(): Promise<void> {
  const bot = new Bot(process.env.BASELINE_TOKEN!, {
    client: { apiRoot: process.env.BASELINE_API_ROOT! },
    // Known in advance, as a deployed bot may pass it: no getMe before the first update.
    botInfo: { id: 999, is_bot: true, first_name: "Baseline", username: "LotseTestBot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false },
  });
  bot.on("message:text", async (ctx) => {
    try {
      await ctx.reply(`Danke für die Frage: ${ctx.message.text.slice(0, 200)}`);
    } catch {
      // A 429 drops the reply (the fake counts it). In webhook mode grammY rethrows handler errors
      // to the web framework (bot.catch is for polling), which would answer 500.
    }
  });
  const handle = webhookCallback(bot, "http", { secretToken: process.env.BASELINE_SECRET, onTimeout: "return" });
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
}

if (process.argv[2] === "--serve" && process.argv[1] === fileURLToPath(import.meta.url)) await serve();
