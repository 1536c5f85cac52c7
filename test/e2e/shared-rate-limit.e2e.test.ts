import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { driveUpdates, webhookEnv } from "../../bench/webhook-common.js";
import { countDelivery } from "../../bench/webhook-delivery.js";
import { FakeTelegram } from "../fakes/telegram-api.js";
import { isolatedRedis, type IsolatedStore } from "../isolated-store.js";
import { knowledgeWithEvents, NO_EVENTS } from "../knowledge-copy.js";
import { killAll, startLotse, type LotseProcess } from "../process-harness.js";

/**
 * Telegram's 30 messages a second hold per bot token, not per process: two real Lotse processes
 * sharing Redis (and one token) share the throttle (adapters/telegram/throttle.ts). The fake
 * Bot API enforces the limit with 429s, as Telegram does. Needs a current build (npm test builds
 * first) and LOTSE_TEST_REDIS_URL (skipped without).
 */
const REDIS_DB = 12;
const USERS = 400;
const redisUrl = process.env.LOTSE_TEST_REDIS_URL;
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  killAll();
});

describe.skipIf(!redisUrl)("two instances on Redis, one Telegram token", () => {
  it(`answer ${USERS} new users exactly once, never more than 30 messages in any second, no 429`, async () => {
    const telegram = await FakeTelegram.start({ token: "123456:RATE-LIMIT-TEST" });
    cleanups.push(() => telegram.stop());
    telegram.limitPerSecond(30);
    const store: IsolatedStore = await isolatedRedis(redisUrl!, REDIS_DB);
    cleanups.push(() => store.drop());
    const knowledgeDir = knowledgeWithEvents(NO_EVENTS); // no meeting reminders among the counted messages
    cleanups.push(() => rmSync(knowledgeDir, { recursive: true, force: true }));
    const processes: LotseProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), "lotse-rate-"));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const lotse = await startLotse(webhookEnv(telegram, { ...store.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir }), { readyTimeoutMs: 180_000 });
      cleanups.push(() => lotse.kill());
      processes.push(lotse);
    }
    const firstChat = 5_000_000;
    const result = await driveUpdates(telegram, processes, { count: USERS, concurrency: 16, firstChat });
    const chats = new Map(Array.from({ length: USERS }, (_, i) => [firstChat + i, 0] as [number, number]));
    const delivery = countDelivery(telegram.calls, chats);
    console.log(`2 instances, 1 token: ${delivery.delivered} delivered, sustained ${delivery.sustained.toFixed(1)}/s, peak ${delivery.peak} in a second, 429s ${delivery.rateLimited}, lost ${delivery.lost}, duplicates ${delivery.duplicates}`);
    expect(result.non200).toBe(0);
    expect(delivery.lost).toBe(0);
    // Exactly once: no message twice (one of the questions is answered in two messages: `extra`, expected).
    expect(delivery.duplicates).toBe(0);
    expect(delivery.rateLimited).toBe(0);
    expect(delivery.peakAttempts).toBeLessThanOrEqual(30);
  }, 15 * 60_000);
});
