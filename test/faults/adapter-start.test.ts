/**
 * A platform that is unreachable when Lotse starts (failing, refusing or silent) must not hold
 * Lotse up: start() returns, the web chat answers, and the adapter starts by itself once the
 * platform is back. grammY's `init` retries for ever and Bolt's client for half an hour, so
 * without a bounded attempt `npm start` would hang until the platform returned.
 */
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { start, type Running } from "../../src/main.js";
import { FakeTelegram } from "../fakes/telegram-api.js";
import { FakeSlack } from "../fakes/slack-api.js";
import { FakeDiscord } from "../fakes/discord-api.js";
import { HoldingProxy } from "../holding-proxy.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Lotse as `npm start` runs it, with one-second attempts so the test does not wait 30 s. */
async function startLotse(env: Record<string, string>): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), "lotse-adapter-start-"));
  const running = await start({ PORT: "0", LOG_LEVEL: "silent", DATA_DIR: dataDir, ADAPTER_START_TIMEOUT_SECONDS: "1", ADAPTER_RETRY_SECONDS: "1", ...env });
  cleanups.push(async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return running;
}

async function webChatAnswers(running: Running): Promise<void> {
  expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
}

describe("a platform unreachable at start", () => {
  it("Telegram answering 500: start() returns, the web chat works, and polling starts once Telegram is back", async () => {
    const telegram = await FakeTelegram.start({ token: "123456:AAH-test_token-for-lotse" });
    cleanups.push(() => telegram.stop());
    telegram.goDown({ status: 500 });
    const running = await startLotse({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    await webChatAnswers(running);
    expect(telegram.calls.some((c) => c.method === "getMe"), "Lotse did try Telegram").toBe(true);

    await telegram.comeBack();
    telegram.push(telegram.message({ chatId: 801, userId: 801, text: "/help", languageCode: "en" }));
    const reply = await telegram.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === 801, 15_000);
    expect(String(reply.body.text)).toMatch(/How Lotse helps/);
  });

  it("Telegram accepting connections but never answering: start() returns after the attempt's bound and retries", async () => {
    const telegram = await FakeTelegram.start({ token: "123456:AAH-test_token-for-lotse" });
    const proxy = await HoldingProxy.start(telegram.apiRoot);
    cleanups.push(() => telegram.stop(), () => proxy.stop());
    proxy.hold();
    const running = await startLotse({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: proxy.url });
    await webChatAnswers(running);
    expect(proxy.held).toBeGreaterThan(0);

    proxy.pass();
    telegram.push(telegram.message({ chatId: 802, userId: 802, text: "/help", languageCode: "en" }));
    const reply = await telegram.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === 802, 15_000);
    expect(String(reply.body.text)).toMatch(/How Lotse helps/);
  });

  it("a token the platform rejects is not retried like an outage (Telegram 401, Slack invalid_auth)", async () => {
    const telegram = await FakeTelegram.start({ token: "123456:AAH-test_token-for-lotse" });
    const slack = await FakeSlack.start();
    cleanups.push(() => telegram.stop(), () => slack.stop());
    const running = await startLotse({
      TELEGRAM_BOT_TOKEN: "123456:AAH-a-revoked-token", TELEGRAM_API_ROOT: telegram.apiRoot,
      SLACK_BOT_TOKEN: "xoxb-a-revoked-token", SLACK_SIGNING_SECRET: "test-signing-secret", SLACK_API_URL: slack.apiUrl,
    });
    await webChatAnswers(running);
    // An outage would be tried again every second here (ADAPTER_RETRY_SECONDS=1): wait three of them.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(telegram.unauthorized.filter((m) => m === "getMe"), "one start attempt, refused").toHaveLength(1);
    expect(slack.calls.filter((c) => c.method === "auth.test")).toHaveLength(1);
  });

  it("a rejected Discord token: one clear error, and the instance stops competing for the gateway", async () => {
    const discord = await FakeDiscord.start();
    cleanups.push(() => discord.stop());
    const running = await startLotse({ DISCORD_BOT_TOKEN: "a-revoked-discord-bot-token-000000", DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, DISCORD_GATEWAY_LEASE_SECONDS: "1" });
    await webChatAnswers(running);
    await expect.poll(() => discord.calls.filter((c) => c.path === "/gateway/bot").length, { timeout: 5000 }).toBe(1);
    // The lease is tried every third of a second: an outage would have been retried many times by now.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(discord.calls.filter((c) => c.path === "/gateway/bot")).toHaveLength(1);
  });

  it("Slack refusing connections, then failing: start() returns, and the adapter starts when Slack is back", async () => {
    const slack = await FakeSlack.start();
    cleanups.push(() => slack.stop());
    await slack.refuseConnections();
    const running = await startLotse({ SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: "test-signing-secret", SLACK_API_URL: slack.apiUrl });
    await webChatAnswers(running);

    await slack.comeBack();
    slack.goDown({ status: 500 }); // reachable but failing: Bolt's own client would retry this for half an hour
    await slack.waitFor((c) => c.method === "auth.test", 15_000);
    await slack.comeBack();
    const before = slack.calls.length;
    await slack.waitFor((c) => c.method === "auth.test" && slack.calls.indexOf(c) >= before, 15_000);
  });
});
