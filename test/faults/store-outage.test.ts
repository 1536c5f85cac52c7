import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isolatedRedis } from "../isolated-store.js";
import type { Address, Reply } from "../../src/core/message.js";
import { createHttpApp } from "../../src/adapters/index.js";
import { ROOT } from "../../src/paths.js";
import { Store } from "../../src/store/store.js";
import { address, testLotse, text, textOf } from "../helpers.js";
import { TcpProxy } from "./tcp-proxy.js";

const redisUrl = process.env.LOTSE_TEST_REDIS_URL;
const target = redisUrl ? new URL(redisUrl) : undefined;
/** A Redis database of this file's own: other files' instances must not deliver its queued messages. */
const REDIS_DB = 4;

describe.skipIf(!redisUrl)("Redis lost while running", () => {
  const proxy = new TcpProxy({ host: target?.hostname ?? "127.0.0.1", port: Number(target?.port || 6379) });
  const stores: Store[] = [];
  // An empty database: messages left queued by an earlier run would hold this chat's new ones behind them.
  beforeAll(async () => void (await isolatedRedis(redisUrl!, REDIS_DB)));
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await proxy.cut();
  });

  it("answers softly while Redis is away and recovers by itself when it returns", async () => {
    const port = await proxy.start();
    const store = await Store.open({ dataDir: "unused", redisUrl: `redis://127.0.0.1:${port}/${REDIS_DB}` });
    stores.push(store);
    const { lotse } = await testLotse({ store });
    const sent: { to: Address; reply: Reply }[] = [];
    lotse.outbox.register("telegram", { send: async (to, reply) => void sent.push({ to, reply }) });
    lotse.outbox.start();
    const me: Address = { platform: "telegram", chatId: "7001", userId: "7001" };

    await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?"));
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    expect(sent[0]!.reply.meta?.kind).not.toBe("error");

    await proxy.cut();
    const before = sent.length;
    const started = Date.now();
    const replies = await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?"));
    // A soft failure, not a hang: the user is told directly, although nothing could be queued.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(replies[0]!.meta?.kind).toBe("error");
    expect(sent.length).toBe(before + 1);
    expect(textOf(sent.at(-1)!.reply)).toMatch(/nicht erreichbar/);

    await proxy.restore();
    await vi.waitFor(
      async () => {
        const [answer] = await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?"));
        expect(answer!.meta?.kind).not.toBe("error");
      },
      { timeout: 20_000, interval: 500 },
    );
    lotse.outbox.stop();
  }, 60_000);

  it("the web chat shows the notice instead of failing, and the poll endpoint answers 503", async () => {
    const port = await proxy.start();
    const store = await Store.open({ dataDir: "unused", redisUrl: `redis://127.0.0.1:${port}/${REDIS_DB}` });
    stores.push(store);
    const { lotse } = await testLotse({ store });
    const app = createHttpApp(lotse);
    await proxy.cut();
    const res = await app.request("/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "Hallo" }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { transient: boolean; reply: Reply }[] };
    expect(body.messages[0]!.transient).toBe(true);
    expect(textOf(body.messages[0]!.reply)).toMatch(/nicht erreichbar/);
    expect((await app.request("/api/messages")).status).toBe(503);
    await proxy.restore();
  }, 60_000);
});

describe("store unreachable at start", () => {
  const main = join(ROOT, "dist", "src", "main.js");
  it.skipIf(!existsSync(main))("exits with code 1 and a clear message naming the store", () => {
    const run = spawnSync(process.execPath, [main], {
      env: { ...process.env, REDIS_URL: "redis://127.0.0.1:1", PORT: "0", LOG_LEVEL: "silent", DATA_DIR: mkdtempSync(join(tmpdir(), "store-unreachable-")) },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Storage \(redis\) is not reachable/);
    expect(run.stderr).toMatch(/REDIS_URL/);
  });
});
