import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "../fakes/telegram-api.js";
import { HoldingProxy } from "../holding-proxy.js";
import { NO_EVENTS, knowledgeWithEvents } from "../knowledge-copy.js";
import { killAll, startLotse, until, type LotseProcess } from "../process-harness.js";

/**
 * SIGTERM on a real `lotse` process (node dist/src/main.js, SQLite): it stops taking requests,
 * drains the outbox within its bound (5 s in src/main.ts), exits 0, and what the platform did not
 * take stays queued for the next start, which delivers it once. Needs a current build.
 */

const WEBHOOK_SECRET = "webhook-secret-for-process-tests";
const DRAIN_BOUND_MS = 5_000;
const EXIT_MARGIN_MS = 5_000; // closing adapters and the store, on a loaded machine
const WAIT = 30_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  killAll();
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(options: { proxy?: boolean } = {}) {
  const telegram = await FakeTelegram.start({ token: "123456:AAH-process-test-token" });
  const proxy = options.proxy ? await HoldingProxy.start(telegram.apiRoot) : undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "lotse-sigterm-"));
  const knowledgeDir = knowledgeWithEvents(NO_EVENTS);
  cleanups.push(async () => {
    await proxy?.stop();
    await telegram.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(knowledgeDir, { recursive: true, force: true });
  });
  const env = {
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: knowledgeDir,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: proxy?.url ?? telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: "https://lotse.example.org/telegram/webhook",
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
  let nextUpdateId = 100;
  const ask = (lotse: LotseProcess, chat: number) =>
    telegram.deliverWebhook(`${lotse.url}/telegram/webhook`, { update_id: nextUpdateId++, ...telegram.message({ chatId: chat, userId: chat, text: "/help", languageCode: "de" }) }, WEBHOOK_SECRET);
  return { telegram, proxy, env, ask };
}

/** Messages the fake accepted (failed attempts are recorded as calls, never as messages). */
const deliveredTo = (telegram: FakeTelegram, chats: number[]) => chats.flatMap((chat) => telegram.messagesIn(chat).map((m) => `${chat}: ${String((m as { text: string }).text)}`));

/** Restarts on the same data directory with Telegram healthy; resolves when the backlog is empty. */
async function restartAndDeliver(env: Record<string, string>, telegram: FakeTelegram, chats: number[]) {
  const second = await startLotse(env);
  await until(async () => chats.every((chat) => telegram.messagesIn(chat).length > 0) && (await second.metric("lotse_outbox_backlog")) === 0, "the queued replies after the restart", WAIT);
  const exit = await second.terminate();
  expect(exit.code).toBe(0);
  return deliveredTo(telegram, chats);
}

describe("SIGTERM on a real process", () => {
  it("refuses new requests, exits 0 within the drain bound, and delivers what Telegram refused once after a restart", async () => {
    const { telegram, env, ask } = await setup();
    const first = await startLotse(env);
    telegram.goDown(); // 500 to every call: the replies stay queued
    const chats = [711, 712, 713];
    for (const chat of chats) expect(await ask(first, chat)).toBe(200);
    await until(async () => (await first.metric("lotse_outbox_backlog")) >= chats.length, "the replies queued", WAIT);
    const queued = await first.metric("lotse_outbox_backlog");
    expect(deliveredTo(telegram, chats)).toHaveLength(0);

    const stopping = first.terminate(DRAIN_BOUND_MS + EXIT_MARGIN_MS + 10_000);
    await first.waitForLog((line) => line.msg === "shutting down");
    await expect(ask(first, 714)).rejects.toThrow(); // the listener is closed: no new work
    const exit = await stopping;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(DRAIN_BOUND_MS + EXIT_MARGIN_MS);
    expect((await first.waitForLog((line) => /stay queued/.test(String(line.msg)))).left).toBe(queued);

    await telegram.comeBack();
    const delivered = await restartAndDeliver(env, telegram, chats);
    expect(delivered).toHaveLength(queued);
    expect(new Set(delivered).size).toBe(delivered.length); // no reply twice
    expect(telegram.messagesIn(714)).toHaveLength(0);
  });

  it("exits within the drain bound when Telegram stops answering during the shutdown, and delivers after a restart", async () => {
    const { telegram, proxy, env, ask } = await setup({ proxy: true });
    const first = await startLotse(env);
    telegram.goDown();
    const chats = [721, 722];
    for (const chat of chats) expect(await ask(first, chat)).toBe(200);
    await until(async () => (await first.metric("lotse_outbox_backlog")) >= chats.length, "the replies queued", WAIT);
    const queued = await first.metric("lotse_outbox_backlog");

    proxy!.hold(); // from now on Telegram accepts connections and never answers
    const stopping = first.terminate(DRAIN_BOUND_MS + EXIT_MARGIN_MS + 10_000);
    await until(() => proxy!.held > 0, "the drain's send to hang", WAIT);
    // Still draining (the send hangs), and already refusing requests.
    const refused = await fetch(`${first.url}/healthz`).then(() => false, () => true);
    expect(first.isRunning()).toBe(true);
    expect(refused).toBe(true);
    const exit = await stopping;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(DRAIN_BOUND_MS + EXIT_MARGIN_MS);

    proxy!.pass();
    await telegram.comeBack();
    const delivered = await restartAndDeliver(env, telegram, chats);
    expect(delivered).toHaveLength(queued);
    expect(new Set(delivered).size).toBe(delivered.length);
  });
});
