import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { telegramThrottle, telegramWindows } from "../../../src/adapters/telegram/throttle.js";
import { MemoryRateWindows } from "../../../src/store/rate-windows.js";
import { Store } from "../../../src/store/store.js";
import { isolatedPostgres, isolatedRedis, type IsolatedStore } from "../../isolated-store.js";

/**
 * Telegram's limits counted in the store: two instances sharing Redis or PostgreSQL together send
 * at most 30 messages in any second, and at most one a second to one chat. Only upper bounds are
 * asserted (the most sends within any second), which hold however slow the machine is.
 */
const REDIS_DB = 15;
const redisUrl = process.env.LOTSE_TEST_REDIS_URL;
const databaseUrl = process.env.LOTSE_TEST_DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Most timestamps (sorted, ms) within any window of `ms`. */
function peakWithin(times: number[], ms = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= ms) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/** Sends to `chatIds` through one instance's throttle, all at once; records when each call went out. */
async function sendThrough(store: Store, botId: string, chatIds: number[], at: number[]): Promise<void> {
  const transformer = telegramThrottle(store, botId, 30) as unknown as (prev: () => Promise<unknown>, method: string, payload: unknown) => Promise<unknown>;
  const prev = async () => void at.push(Date.now());
  await Promise.all(chatIds.map((chat_id) => transformer(prev, "sendMessage", { chat_id, text: "x" })));
}

const shared: [string, (() => Promise<IsolatedStore>) | undefined][] = [
  ["Redis", redisUrl ? () => isolatedRedis(redisUrl, REDIS_DB) : undefined],
  ["PostgreSQL", databaseUrl ? () => isolatedPostgres(databaseUrl) : undefined],
];

for (const [name, isolate] of shared) {
  describe.skipIf(!isolate)(`Telegram limits shared through ${name}`, () => {
    async function twoInstances(): Promise<[Store, Store]> {
      const space = await isolate!();
      const env = space.env as { REDIS_URL?: string; DATABASE_URL?: string };
      const open = () => Store.open({ dataDir: mkdtempSync(join(tmpdir(), "lotse-rate-")), redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL });
      const stores: [Store, Store] = [await open(), await open()];
      cleanups.push(async () => {
        for (const store of stores) await store.close();
        await space.drop();
      });
      return stores;
    }

    it("two instances with one token send at most 30 messages in any second together", async () => {
      const [a, b] = await twoInstances();
      const at: number[] = [];
      // 120 private chats, half through each instance, all at once.
      await Promise.all([sendThrough(a, "bot1", Array.from({ length: 60 }, (_, i) => 1000 + i), at), sendThrough(b, "bot1", Array.from({ length: 60 }, (_, i) => 2000 + i), at)]);
      expect(at).toHaveLength(120);
      expect(peakWithin(at)).toBeLessThanOrEqual(30);
    }, 60_000);

    it("one chat gets at most one message a second, whichever instance sends", async () => {
      const [a, b] = await twoInstances();
      const at: number[] = [];
      await Promise.all([sendThrough(a, "bot2", [7, 7], at), sendThrough(b, "bot2", [7, 7], at)]);
      expect(at).toHaveLength(4);
      expect(peakWithin(at)).toBe(1);
    }, 60_000);
  });
}

describe("Telegram limits in one instance (SQLite)", () => {
  it("at most 30 in any second, one a second per chat", async () => {
    const store = Store.memory();
    cleanups.push(() => store.close());
    const at: number[] = [];
    await sendThrough(store, "bot3", [...Array.from({ length: 45 }, (_, i) => 3000 + i), 5, 5], at);
    expect(at).toHaveLength(47);
    expect(peakWithin(at)).toBeLessThanOrEqual(30);
  }, 60_000);
});

describe("the windows of a Telegram send", () => {
  it("a group gets at most 20 messages a minute, a private chat one a second, the token 30 a second", () => {
    const windows = new MemoryRateWindows();
    let now = 0;
    const sendAt = (chat: number) => windows.acquire(telegramWindows("bot", 30, chat), now);
    let sentToGroup = 0;
    for (; now < 60_000; now += 1200) if (sendAt(-100) === 0) sentToGroup++;
    expect(sentToGroup).toBe(20); // one every 1.2 s would be 50 in the minute
    expect(sendAt(-100)).toBeGreaterThan(0);
    now = 200_000;
    expect(sendAt(42)).toBe(0);
    expect(sendAt(42)).toBe(1200); // the same chat: after its window
    let others = 0;
    for (let chat = 1; chat <= 40; chat++) if (sendAt(chat) === 0) others++;
    expect(others).toBe(29); // 30 for the token within the window, one of them to chat 42
  });
});
