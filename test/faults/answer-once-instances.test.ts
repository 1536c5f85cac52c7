// Issue 13, case 1 (two instances on one Redis or PostgreSQL): Slack's retry of a coordinator's
// reply reaches instance B while instance A still handles the original, and a relay whose send
// hangs longer than the outbox's lease (60 s) is neither sent by the other instance meanwhile nor
// lost when every instance is killed: the answer reaches the volunteer once. Before the fix, B
// handled the retry as new once A's 15 s lock lease lapsed, and the answer arrived twice.
import { describe, expect, it } from "vitest";
import { isolatedPostgres, isolatedRedis, type IsolatedStore } from "../isolated-store.js";
import { until } from "../process-harness.js";
import { Rig, WAIT, cleanupsAfterEach } from "./rig.js";

const cleanup = cleanupsAfterEach();
const REDIS_DB = 9;
/** The outbox's send lease (SEND_LEASE_MS in src/core/outbox/outbox.ts) and a margin over it: the holder must have renewed it. */
const SEND_LEASE_MS = 60_000;
const HELD_MS = SEND_LEASE_MS + 10_000;

const backends: [string, (() => Promise<IsolatedStore>) | undefined][] = [
  ["redis", process.env.LOTSE_TEST_REDIS_URL ? () => isolatedRedis(process.env.LOTSE_TEST_REDIS_URL!, REDIS_DB) : undefined],
  ["postgres", process.env.LOTSE_TEST_DATABASE_URL ? () => isolatedPostgres(process.env.LOTSE_TEST_DATABASE_URL!) : undefined],
];

for (const [name, shared] of backends) {
  describe.skipIf(!shared)(`two instances on ${name}`, () => {
    it("A waits for Slack's API on the original event while B gets retries 1, 2, 3: one relay, stored once", { timeout: 120_000 }, async () => {
      const rig = await Rig.open(cleanup, { shared: shared! });
      const [a, b] = await Promise.all([rig.start(), rig.start()]);
      const chat = 1201;
      const { ticketId, ts } = await rig.handOver(a, chat);

      const event = rig.threadReply(ts, "Antwort-1201: Der Widerspruch muss schriftlich eingelegt werden.");
      rig.slack.hang("conversations.members"); // A's member check hangs: A cannot answer Slack within 3 s
      const original = rig.reply(a, event, { eventId: "EvTwo1" });
      await until(() => rig.slack.hanging === 1, "A to wait for Slack", WAIT);
      const retries = await Promise.all([1, 2, 3].map((retryNum) => rig.reply(b, event, { eventId: "EvTwo1", retryNum })));
      expect(retries).toEqual([200, 200, 200]);
      await until(() => rig.shown(chat, "Antwort-1201").length > 0, "B's relay", WAIT);
      rig.slack.release(); // A goes on with the original, long after B answered it
      expect(await original).toBe(200);
      // And one more retry to A, now that it knows the channel's members.
      expect(await rig.reply(a, event, { eventId: "EvTwo1", retryNum: 4 })).toBe(200);
      await rig.idle(a, b);

      expect(rig.shown(chat, "Antwort-1201")).toHaveLength(1);
      expect(rig.sends(chat, "Antwort-1201")).toHaveLength(1);
      expect(await rig.stored(ticketId, "Antwort-1201")).toBe(1);
    });

    // Long (about two minutes): the lease is a minute and is not configurable.
    it.skipIf(name !== "redis")("a relay's send hangs past the send lease: no second attempt while its holder lives; after kill -9 of both instances a third delivers it once", { timeout: 240_000 }, async () => {
      const rig = await Rig.open(cleanup, { shared: shared! });
      const [a, b] = await Promise.all([rig.start(), rig.start()]);
      const chat = 1202;
      const { ticketId, ts } = await rig.handOver(a, chat);

      const event = rig.threadReply(ts, "Antwort-1202: Bitte den Termin beim Jobcenter verschieben lassen.");
      rig.telegram.hang("sendMessage");
      expect(await rig.reply(a, event, { eventId: "EvTwo2" })).toBe(200);
      await until(() => rig.telegram.hanging === 1, "the relay's send to hang", WAIT);
      const heldSince = Date.now();
      expect(await rig.reply(b, event, { eventId: "EvTwo2", retryNum: 1 })).toBe(200);
      // Whichever instance holds the send renews its lease; the other one must not send the relay again.
      await new Promise((resolve) => setTimeout(resolve, HELD_MS));
      expect(Date.now() - heldSince).toBeGreaterThan(SEND_LEASE_MS);
      expect(rig.sends(chat, "Antwort-1202")).toHaveLength(1);
      expect(rig.telegram.hanging).toBe(1);

      await Promise.all([rig.crash(a), rig.crash(b)]);
      await until(() => rig.telegram.abandoned === 1, "the held send to be abandoned", WAIT);
      const c = await rig.start();
      expect(await rig.reply(c, event, { eventId: "EvTwo2", retryNum: 2 })).toBe(200);
      // The dead holder's lease lapses (at most a minute after its last renewal); then c sends.
      await until(() => rig.shown(chat, "Antwort-1202").length > 0, "the relay after the lease lapsed", SEND_LEASE_MS + WAIT);
      await rig.idle(c);

      expect(rig.shown(chat, "Antwort-1202")).toHaveLength(1);
      expect(rig.sends(chat, "Antwort-1202")).toHaveLength(2); // the abandoned attempt and the delivery
      expect(await rig.stored(ticketId, "Antwort-1202")).toBe(1);
    });
  });
}
