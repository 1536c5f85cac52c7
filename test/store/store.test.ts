import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { Outbox } from "../../src/core/outbox/outbox.js";
import { Store, type BackendOptions } from "../../src/store/store.js";
import { sharedBackends, silentLogger, storeOpener } from "../helpers.js";

// SQLite always; Redis and PostgreSQL when their test URLs are set (.ci/run starts them and sets these).
const backends: [string, BackendOptions | undefined][] = [["sqlite", { dataDir: mkdtempSync(join(tmpdir(), "lotse-store-")) }], ...sharedBackends(1)];
const openStore = storeOpener(afterAll);

for (const [name, options] of backends) {
  describe.skipIf(!options)(`store on ${name}`, () => {
    const open = () => openStore(options!);

    it("keeps records apart by namespace and survives reopening", async () => {
      const key = randomUUID();
      const store = await open();
      expect(store.backend).toBe(name);
      await store.ns("profiles").set(key, { lang: "uk" });
      expect(await store.ns("tickets").get(key)).toBeUndefined();
      const again = await open();
      expect(await again.ns("profiles").get(key)).toEqual({ lang: "uk" });
    });

    it("lets records with a time to live expire", async () => {
      const store = await open();
      const key = randomUUID();
      await store.ns("conversations").set(key, { x: 1 }, 1);
      await new Promise((r) => setTimeout(r, 30));
      expect(await store.ns("conversations").get(key)).toBeUndefined();
    });

    it("removes expired records from disk, not only from view, and keeps the others", async () => {
      const store = await open();
      const [gone, young, lasting] = [randomUUID(), randomUUID(), randomUUID()];
      const space = store.ns("conversations");
      await space.set(gone, { lastQuestion: "text that must not stay on disk" }, 1);
      await space.set(young, { x: 1 }, 3_600_000);
      await store.ns("profiles").set(lasting, { lang: "de" });
      // keyv's own adapter underneath: it returns the raw row, expired or not.
      const raw = (ns: "conversations" | "profiles", key: string) => (store.ns(ns).store as { get(k: string): Promise<unknown> }).get(`${ns}:${key}`);
      await new Promise((r) => setTimeout(r, 5));
      if (name === "redis") {
        // Redis expires records itself: nothing is left for the purge.
        expect(await raw("conversations", gone)).toBeUndefined();
        expect(await store.purgeExpired()).toBe(0);
      } else {
        expect(await raw("conversations", gone), "before the purge the expired row is still on disk").toBeDefined();
        expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
        expect(await raw("conversations", gone)).toBeUndefined();
      }
      expect(await space.get(young)).toEqual({ x: 1 });
      expect(await store.ns("profiles").get(lasting)).toEqual({ lang: "de" });
    });

    it("keeps outbox messages across a restart", async () => {
      const store = await open();
      const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
      const first = new Outbox(store, clock, silentLogger);
      const chat = randomUUID();
      first.register("telegram", { send: async () => Promise.reject(new Error("platform down")) });
      await first.enqueue({ platform: "telegram", chatId: chat, userId: chat }, { lang: "de", blocks: [] });
      const delivered: string[] = [];
      const second = new Outbox(await open(), clock, silentLogger);
      second.register("telegram", { send: async (address) => void delivered.push(address.chatId) });
      clock.advance(60_000);
      await second.flush();
      expect(delivered).toContain(chat);
    });
  });
}

describe("store errors", () => {
  it("fails fast with a clear error when the backend is unreachable", async () => {
    await expect(Store.open({ dataDir: "unused", redisUrl: "redis://127.0.0.1:1", connectTimeoutMs: 2000 })).rejects.toThrow(/Storage \(redis\) is not reachable/);
  });

  it("runs SQLite with a write-ahead log, so readers never wait for the writer", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "lotse-store-wal-"));
    const store = await Store.open({ dataDir });
    await store.close();
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(join(dataDir, "lotse.sqlite"));
    const mode = db.pragma("journal_mode", { simple: true });
    db.close();
    expect(mode).toBe("wal");
  });

  it("refuses work after close instead of quietly opening the database again", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "lotse-store-closed-"));
    const store = await Store.open({ dataDir });
    await store.ns<string>("profiles").set("a", "before");
    await store.close();
    expect(() => store.ns("conversations")).toThrow(/closed/);
    const reopened = await Store.open({ dataDir });
    expect(await reopened.ns<string>("profiles").get("a")).toBe("before");
    await reopened.close();
  });
});
