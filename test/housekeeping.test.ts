import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import { housekeeping } from "../src/housekeeping.js";
import { PermanentDeliveryError } from "../src/core/outbox/outbox.js";
import { Store } from "../src/store/store.js";
import { Drafts } from "../src/escalation/drafts.js";
import { testLotse } from "./helpers.js";

const DAY = 86_400_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Lotse on SQLite (where expired records stay on disk unless purged), with a hand-moved clock. */
async function lotseOnSqlite() {
  const dir = mkdtempSync(join(tmpdir(), "lotse-housekeeping-"));
  const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const { lotse } = await testLotse({ clock, store: await Store.open({ dataDir: dir }) });
  cleanups.push(async () => {
    await lotse.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { lotse, clock };
}

async function addDraft(lotse: Awaited<ReturnType<typeof lotseOnSqlite>>["lotse"], id: string, at?: Date): Promise<void> {
  await new Drafts(lotse.store).save({ ticket: id, topic: null, question: "Frage", answer: "Antwort", by: "U1", at: at ? at.toISOString() : "" });
}

describe("housekeeping", () => {
  it("deletes FAQ drafts older than the ticket retention and keeps newer ones and undated ones", async () => {
    const { lotse, clock } = await lotseOnSqlite();
    const now = clock.now().getTime();
    await addDraft(lotse, "L-OLD001", new Date(now - 91 * DAY));
    await addDraft(lotse, "L-NEW001", new Date(now - 10 * DAY));
    await addDraft(lotse, "L-UNDATE");
    const report = await housekeeping(lotse);
    expect(report.drafts).toBe(1);
    expect((await new Drafts(lotse.store).all()).map((d) => d.ticket).sort()).toEqual(["L-NEW001", "L-UNDATE"]);
    expect(await lotse.store.ns("drafts").get("L-OLD001")).toBeUndefined();
  });

  it("keeps messages the outbox gave up on for CONVERSATION_TTL_DAYS, then deletes them; pending ones stay", async () => {
    const { lotse, clock } = await lotseOnSqlite();
    lotse.outbox.register("telegram", { send: async (address) => { if (address.chatId === "blocked") throw new PermanentDeliveryError("bot was blocked"); return Promise.reject(new Error("down")); } });
    await lotse.outbox.enqueue({ platform: "telegram", chatId: "blocked", userId: "blocked" }, { lang: "de", blocks: [] });
    await lotse.outbox.enqueue({ platform: "telegram", chatId: "waiting", userId: "waiting" }, { lang: "de", blocks: [] });
    await lotse.outbox.flush();
    clock.advance(29 * DAY);
    expect((await housekeeping(lotse)).deadLetters).toBe(0);
    clock.advance(2 * DAY);
    expect((await housekeeping(lotse)).deadLetters).toBe(1);
    expect(await lotse.store.live().items("dead")).toEqual([]);
    expect(await lotse.outbox.backlog()).toBe(1);
  });

  it("removes expired conversations from disk", async () => {
    const { lotse } = await lotseOnSqlite();
    await lotse.store.ns("conversations").set("web:gone", { lastQuestion: "Asylantrag meiner Nachbarin" }, 1);
    await new Promise((r) => setTimeout(r, 5)); // keyv's expiry is on the wall clock
    expect((await housekeeping(lotse)).expiredRecords).toBe(1);
    expect((await housekeeping(lotse)).expiredRecords).toBe(0);
  });
});
