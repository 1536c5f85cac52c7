import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/core/clock.js";
import type { Address, Reply } from "../src/core/message.js";
import { isEmptySection, type UserDataExport } from "../src/privacy/personal-data.js";
import { createHttpApp } from "../src/adapters/index.js";
import { Store } from "../src/store/store.js";
import { testLotse } from "./helpers.js";
import { isolatedPostgres, isolatedRedis } from "./isolated-store.js";
import { sectionsOf, volunteerEverywhere } from "./volunteer-everywhere.js";

/**
 * `/delete_me` erases everything `/my_data` shows: a web volunteer leaves data in every namespace
 * of the record of processing marked "volunteer", erases it through the web chat, and the export
 * afterwards is empty in every section. On SQLite, and on Redis and PostgreSQL when their test
 * servers are configured (LOTSE_TEST_REDIS_URL, LOTSE_TEST_DATABASE_URL).
 */

const REDIS_DB = 6;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type Opened = { store: Store; drop: () => Promise<void> };
const redisUrl = process.env.LOTSE_TEST_REDIS_URL;
const postgresUrl = process.env.LOTSE_TEST_DATABASE_URL;
const backends: [string, (() => Promise<Opened>) | undefined][] = [
  ["SQLite", async () => ({ store: await Store.open({ dataDir: mkdtempSync(join(tmpdir(), "lotse-erasure-")) }), drop: async () => {} })],
  ["Redis", redisUrl ? async () => {
    const isolated = await isolatedRedis(redisUrl, REDIS_DB);
    return { store: await Store.open({ dataDir: "unused", redisUrl: (isolated.env as { REDIS_URL: string }).REDIS_URL }), drop: isolated.drop };
  } : undefined],
  ["PostgreSQL", postgresUrl ? async () => {
    const isolated = await isolatedPostgres(postgresUrl);
    return { store: await Store.open({ dataDir: "unused", databaseUrl: (isolated.env as { DATABASE_URL: string }).DATABASE_URL }), drop: isolated.drop };
  } : undefined],
];

/** A web volunteer whose id is a valid session cookie of the web chat. */
const webVolunteer = (name: string): Address => {
  const id = `erasure-${name}-${"a".repeat(16)}`;
  return { platform: "web", chatId: id, userId: id };
};

interface PageMessage {
  seq: number;
  transient?: boolean;
  reply: Reply;
}

/** What the web page does: posts a message (text or button) with its session cookie; the messages it gets back. */
async function post(app: Hono, who: Address, body: { text: string } | { button: string }): Promise<PageMessage[]> {
  const res = await app.request("http://localhost/api/messages", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `lotse_sid=${who.userId}` },
    body: JSON.stringify({ ...body, after: 1_000_000 }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: PageMessage[] }).messages;
}

async function exportOnPage(app: Hono, who: Address): Promise<UserDataExport> {
  const messages = await post(app, who, { text: "/my_data" });
  const file = messages.find((m) => m.reply.attachment)!;
  // Handed to the page directly: a copy of everything must not stay in the stored inbox.
  expect(file.transient).toBe(true);
  return JSON.parse(file.reply.attachment!.content) as UserDataExport;
}

for (const [name, open] of backends) {
  describe.skipIf(!open)(`erasure on ${name}`, () => {
    it("leaves /my_data empty in every namespace after /delete_me, and another volunteer's data as it was", { timeout: 120_000 }, async () => {
      const { store, drop } = await open!();
      const clock = new ManualClock(new Date("2026-11-05T17:00:00Z")); // a week before the jour fixe Berlin-Nord
      const { lotse } = await testLotse({ clock, store });
      cleanups.push(async () => {
        await lotse.close(0);
        await drop();
      });
      const app = createHttpApp(lotse);
      expect(lotse.assistant.personalData.uncovered(), "every namespace holding volunteers' data has a holder").toEqual([]);
      const [who, other] = [webVolunteer("gone"), webVolunteer("stays")];
      await volunteerEverywhere(lotse, clock, who);
      await volunteerEverywhere(lotse, clock, other);

      const before = await exportOnPage(app, who);
      const filled = Object.entries(sectionsOf(before));
      expect(filled.map(([section]) => section).sort()).toEqual(
        ["conversation", "faqDrafts", "profile", "queuedMessages", "rateLimit", "reminders", "resumeCodes", "subscriptions", "tickets", "webChat", "wrongResumeCodes"],
      );
      for (const [section, value] of filled) expect(isEmptySection(value), `${section} is filled before the erasure`).toBe(false);
      expect(before.notes).toEqual([lotse.t("de", "privacy.exportNotes.resumeCodes")]);
      // With contents, not counts.
      const sections = before as unknown as { webChat: { messages: { text: string }[] }; queuedMessages: { state: string; text: string }[]; resumeCodes: unknown; reminders: unknown };
      expect(sections.webChat.messages.some((m) => /L-[A-Z0-9]{6}/.test(m.text))).toBe(true);
      expect(sections.queuedMessages.map((m) => [m.state, m.text])).toEqual([
        ["pending", "Rückfrage zu Qwertzuiop: reicht nächste Woche?"],
        ["dead", "Rückfrage zu Qwertzuiop: reicht nächste Woche?"],
      ]);
      expect(sections.resumeCodes).toEqual([{ ticket: before.tickets[0]!.id, codeSha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
      expect(sections.reminders).toEqual([expect.objectContaining({ meeting: expect.stringMatching(/Jour fixe/), messageRef: "4711" })]);
      expect(before.conversation?.lastQuestion).toMatch(/Kita-Platz/);
      expect(before.tickets[0]!.question).toMatch(/Widerspruch/);
      expect(JSON.stringify(before)).not.toContain(other.userId);

      const [ask] = await post(app, who, { text: "/delete_me" });
      const erase = ask!.reply.buttons!.flat().find((b) => b.style === "danger")!;
      const [done] = await post(app, who, { button: erase.id });
      expect(done!.transient).toBe(true);

      const after = await exportOnPage(app, who);
      const { rateLimit, ...rest } = sectionsOf(after);
      for (const [section, value] of Object.entries(rest)) expect(isEmptySection(value), `${section} after the erasure: ${JSON.stringify(value)}`).toBe(true);
      // The one thing held is the count of the message asking for this export (gone within a minute).
      expect(rateLimit).toMatchObject({ messages: 1 });
      expect(after.notes).toEqual([]);
      expect(JSON.stringify(after)).not.toContain("Qwertzuiop");

      const others = await exportOnPage(app, other);
      for (const [section, value] of Object.entries(sectionsOf(others))) expect(isEmptySection(value), `${section} of the other volunteer`).toBe(false);
    });
  });
}
