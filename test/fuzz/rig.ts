/**
 * Issue 8: Lotse's HTTP surface under malformed input. Each fuzz file runs one Lotse in-process
 * (the real start() from src/main.ts) against the local fakes, with Telegram in webhook mode and
 * Slack in HTTP mode, and every secret set. This module holds that set-up and what watches it:
 * crashes, answers that carry a secret, and the work a request could cause.
 */
import { mkdtempSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import { start, type Running } from "../../src/main.js";
import { SqliteBackend } from "../../src/store/sqlite-backend.js";
import { FakeDiscord } from "../fakes/discord-api.js";
import { FakeSlack } from "../fakes/slack-api.js";
import { FakeTelegram } from "../fakes/telegram-api.js";

export const TELEGRAM_TOKEN = "777001:AAH-fuzzTelegramToken_Zq81Xw";
export const WEBHOOK_SECRET = "fuzzWebhookSecret_7Hq2Lm9Rt4vB";
export const SLACK_BOT_TOKEN = "xoxb-fuzz-slack-bot-Tk42Jd8";
export const SLACK_SIGNING_SECRET = "fuzz-slack-signing-Ss93Kq1";
const DISCORD_TOKEN = "fuzz-discord-bot-token-Dz57Pw3Xy";
/** Each secret as written, URL-encoded, and (the bot token) without its public bot id. */
export const SECRETS = [TELEGRAM_TOKEN, TELEGRAM_TOKEN.split(":")[1]!, WEBHOOK_SECRET, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN].flatMap((s) => [s, encodeURIComponent(s)]);
export const WEBHOOK_PATH = "/telegram/webhook";
export const SLACK_PATH = "/slack/events";
export const FORM = "application/x-www-form-urlencoded";
export const TEAM_CHANNEL = "C_TEAM";
export const WEB_BODY_LIMIT = 512 * 1024; // src/adapters/web/routes.ts

// Set by useFuzzRig's beforeAll; read through these live bindings.
export let running: Running;
export let telegram: FakeTelegram;
export let slack: FakeSlack;
let discord: FakeDiscord;
export let port: number;
// With a timeout set, the agent honours the server's "Keep-Alive: timeout=5" and drops idle
// sockets before the server closes them (else a request may race a closing socket).
export const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 60_000 });

// ---- Crash and leak detectors ----

export const crashes: unknown[] = [];
const onCrash = (reason: unknown) => crashes.push(reason);
/** Responses that carried a secret: method, path and where in the body. */
export const leakedInResponses: string[] = [];
export const secretIn = (text: string) => SECRETS.find((s) => text.includes(s));

/** Every write to the store (the backend is the one door to storage: records, marks, queue). */
const storeWriteSpies = (["commit", "complete", "reschedule", "kill", "revive", "remove", "clearNamespace"] as const).map((method) => vi.spyOn(SqliteBackend.prototype, method));
export const storeWrites = () => storeWriteSpies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
const messagesIn = async () => (await running.lotse.metrics.messagesIn.get()).values.reduce((sum, v) => sum + v.value, 0);
/** What a request could have caused: calls to the platform fakes, store writes, messages counted in. */
export const workDone = async () => ({ telegramCalls: telegram.calls.length, slackCalls: slack.calls.length, storeWrites: storeWrites(), messagesIn: await messagesIn() });
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs requests that must be turned away and checks that they caused no work at all. */
export async function expectNoWorkDuring(run: () => Promise<void>): Promise<void> {
  const before = await workDone();
  await run();
  await sleep(50);
  expect(await workDone()).toEqual(before);
}

/** Waits until the fakes and the store have been quiet for a while (start-up work, queued replies). */
export async function settle(quietMs = 300, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  const activity = () => `${telegram.calls.length}/${slack.calls.length}/${storeWrites()}`;
  let last = activity();
  for (;;) {
    await sleep(quietMs);
    const now = activity();
    if (now === last || Date.now() > deadline) return;
    last = now;
  }
}

/**
 * Registers the file's hooks: the fakes and Lotse start before its first test and stop after its
 * last; after every test, no crash and no secret in an answer.
 */
export function useFuzzRig(): void {
  beforeAll(async () => {
    process.on("unhandledRejection", onCrash);
    process.on("uncaughtException", onCrash);
    [telegram, slack, discord] = await Promise.all([
      FakeTelegram.start({ token: TELEGRAM_TOKEN }),
      FakeSlack.start({ botToken: SLACK_BOT_TOKEN, channels: { [TEAM_CHANNEL]: ["U_COORD"] } }),
      FakeDiscord.start({ token: DISCORD_TOKEN }),
    ]);
    running = await start({
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-fuzz-")),
      LOG_LEVEL: "trace",
      LOG_FORMAT: "json",
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: `https://lotse.example.org${WEBHOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_BOT_TOKEN: DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      // The gateway lease is renewed in the store every third of this: not within a file's run,
      // so a store write during a rejection check can only come from the request.
      DISCORD_GATEWAY_LEASE_SECONDS: "600",
    });
    port = Number(new URL(running.url).port);
    await telegram.waitFor((c) => c.method === "setWebhook");
    await settle();
  });

  afterAll(async () => {
    await running?.stop();
    await Promise.all([telegram?.stop(), slack?.stop(), discord?.stop()]);
    agent.destroy();
    process.off("unhandledRejection", onCrash);
    process.off("uncaughtException", onCrash);
  });

  afterEach(() => {
    expect(crashes).toEqual([]);
    expect(leakedInResponses).toEqual([]);
  });
}
