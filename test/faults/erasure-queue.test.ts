// Issue 13, case 6: erasure reaches the outbox. A volunteer's follow-up, still queued for Slack
// because Slack is down, is gone from the store after /delete_me (read from the queue itself, not
// through Lotse) and is never posted once Slack is back; the card shows the erased ticket, and a
// coordinator's later reply gets an ephemeral notice instead of reaching anyone. On SQLite, Redis
// and PostgreSQL (each backend has its own queue). Before the fix the follow-up survived the
// erasure and was posted to Slack afterwards.
import { describe, expect, it } from "vitest";
import { ERASED_TEXT } from "../../src/privacy/personal-data.js";
import { isolatedPostgres, isolatedRedis, type IsolatedStore } from "../isolated-store.js";
import { until } from "../process-harness.js";
import { COORDINATOR, NORD, Rig, WAIT, cleanupsAfterEach } from "./rig.js";

const cleanup = cleanupsAfterEach();
const REDIS_DB = 11;
const FOLLOW_UP = "Rückfrage-6101";

const backends: [string, (() => Promise<IsolatedStore>) | undefined, boolean][] = [
  ["sqlite", undefined, true],
  ["redis", process.env.LOTSE_TEST_REDIS_URL ? () => isolatedRedis(process.env.LOTSE_TEST_REDIS_URL!, REDIS_DB) : undefined, Boolean(process.env.LOTSE_TEST_REDIS_URL)],
  ["postgres", process.env.LOTSE_TEST_DATABASE_URL ? () => isolatedPostgres(process.env.LOTSE_TEST_DATABASE_URL!) : undefined, Boolean(process.env.LOTSE_TEST_DATABASE_URL)],
];

for (const [name, shared, available] of backends) {
  describe.skipIf(!available)(`erasure and the outbox on ${name}`, () => {
    it("removes the follow-up queued for a Slack that is down; it is never posted once Slack is back", { timeout: 150_000 }, async () => {
      const rig = await Rig.open(cleanup, shared ? { shared } : {});
      const lotse = await rig.start();
      const chat = 6101;
      const subject = `telegram:${chat}`;
      const { ticketId, ts } = await rig.handOver(lotse, chat);
      expect(await rig.reply(lotse, rig.threadReply(ts, "Antwort-6101: Bitte den Bescheid mitbringen."), { eventId: "EvErase1" })).toBe(200);
      await until(() => rig.shown(chat, "Antwort-6101").length > 0, "the coordinator's answer", WAIT);
      await rig.idle(lotse);

      await rig.slack.refuseConnections(); // nothing reaches Slack from now on, not even a failed attempt
      const prompt = rig.messages(chat).length + 1;
      await rig.press(lotse, chat, "Rückfrage stellen");
      await rig.messagesAtLeast(chat, prompt);
      await rig.say(lotse, chat, `${FOLLOW_UP}: Reicht ein Termin nächste Woche?`);
      const queue = (await rig.store()).live();
      const carrying = <T extends { payload: string }>(items: T[]) => items.filter((i) => i.payload.includes(FOLLOW_UP));
      // (The volunteer's own confirmation quotes it too, on its way to Telegram or already there.)
      expect(carrying(await queue.itemsOf(subject)).filter((i) => i.platform === "slack")).toMatchObject([{ chat: `slack:${NORD}`, state: "pending", subject }]);

      await rig.say(lotse, chat, "/delete_me");
      await until(() => rig.messages(chat).some((m) => /Daten löschen\?/.test(m.text)), "the erasure question", WAIT);
      await rig.press(lotse, chat, "Ja, alles löschen");
      await until(() => rig.messages(chat).some((m) => /Daten bei Lotse sind gelöscht/.test(m.text)), "the erasure's confirmation", WAIT);

      // Read from the queue itself: the follow-up is gone, pending or given up, under any subject.
      expect(carrying(await queue.itemsOf(subject))).toEqual([]);
      expect(carrying(await queue.items("pending"))).toEqual([]);
      expect(carrying(await queue.items("dead"))).toEqual([]);
      expect(await rig.ticket(ticketId)).toMatchObject({ erased: true, question: ERASED_TEXT, status: "resolved" });

      await rig.slack.comeBack();
      // The card update waits in the outbox's backoff (doubling from 1 s while Slack refused): up to a minute.
      await until(async () => JSON.stringify(rig.slack.messagesIn(NORD)[0]?.blocks).includes(ERASED_TEXT), "the card to show the erasure", 90_000);
      await rig.idle(lotse);
      expect(rig.slack.calls.filter((c) => JSON.stringify(c.body).includes(FOLLOW_UP))).toEqual([]);
      expect(JSON.stringify(rig.slack.messagesIn(NORD))).not.toContain(FOLLOW_UP);

      // A reply to the erased volunteer reaches nobody; the coordinator is told so.
      const shown = rig.messages(chat).length;
      expect(await rig.reply(lotse, rig.threadReply(ts, "Antwort-6101-2: Noch etwas?"), { eventId: "EvErase2" })).toBe(200);
      await rig.idle(lotse);
      const notice = rig.slack.calls.find((c) => c.method === "chat.postEphemeral" && c.body.thread_ts === ts);
      expect(notice?.body).toMatchObject({ channel: NORD, user: COORDINATOR });
      expect(String(notice?.body.text)).toMatch(/hat ihre Daten gelöscht/);
      expect(rig.messages(chat)).toHaveLength(shown);
    });
  });
}
