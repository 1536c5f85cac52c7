import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack, blockAction, sendAction, sendEvent, threadMessage } from "../fakes/slack-api.js";
import { FakeTelegram, type RecordedCall } from "../fakes/telegram-api.js";
import { isolatedPostgres, isolatedRedis, type IsolatedStore } from "../isolated-store.js";
import { knowledgeWithEvents } from "../knowledge-copy.js";
import { fakePlatformEnv, killAll, startLotse, until, type LotseProcess } from "../process-harness.js";

/**
 * Two real `lotse` processes (node dist/src/main.js) on one Redis or PostgreSQL, in webhook mode:
 * work that starts on one instance and continues on the other is done once. Needs a current build
 * (npm test builds first) and LOTSE_TEST_REDIS_URL / LOTSE_TEST_DATABASE_URL (skipped without).
 */

const SLACK_SECRET = "slack-signing-secret-for-process-tests";
const WEBHOOK_SECRET = "webhook-secret-for-process-tests";
const NORD = "#lotse-berlin-nord"; // Pankow's team channel in knowledge/contacts.yaml
const REMINDER_CHAT = -1009999;
const MEETING_TITLE = "Prozesstest-Treffen Pankow";
const WAIT = 30_000; // generous: two processes and the test share two busy cores

const backends: [string, (() => Promise<IsolatedStore>) | undefined][] = [
  ["redis", process.env.LOTSE_TEST_REDIS_URL ? () => isolatedRedis(process.env.LOTSE_TEST_REDIS_URL!, 13) : undefined],
  ["postgres", process.env.LOTSE_TEST_DATABASE_URL ? () => isolatedPostgres(process.env.LOTSE_TEST_DATABASE_URL!) : undefined],
];

/** One meeting whose reminder (3 hours before) is already due: every process runs the reminder job right at start. */
function knowledgeWithDueReminder(): string {
  const start = DateTime.fromMillis(Date.now() + 2 * 3600_000, { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd'T'HH:mm");
  return knowledgeWithEvents(
    [
      "events:",
      "  - id: prozesstest-treffen",
      `    title: {de: "${MEETING_TITLE}"}`,
      "    type: jour-fixe",
      "    regions: [berlin-pankow]",
      `    start: ${start}`,
      "    duration: 60",
      "    reminders: [PT3H]",
      "targets:",
      "  berlin-pankow:",
      `    - {platform: telegram, chat: "${REMINDER_CHAT}"}`,
      "",
    ].join("\n"),
  );
}

const delivered = (fake: FakeTelegram, chat: number) => fake.messagesIn(chat) as { text: string; message_id: number; reply_markup?: unknown }[];
const keyboard = (message: { reply_markup?: unknown }) =>
  ((message.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

for (const [name, openStore] of backends) {
  describe.skipIf(!openStore)(`two Lotse processes on ${name}`, () => {
    let telegram: FakeTelegram;
    let slack: FakeSlack;
    let store: IsolatedStore | undefined;
    let a: LotseProcess;
    let b: LotseProcess;
    const dirs: string[] = [];
    let nextUpdateId = 5000;

    beforeAll(async () => {
      telegram = await FakeTelegram.start({ token: "123456:AAH-process-test-token" });
      slack = await FakeSlack.start({ channels: { [NORD]: ["U_COORD1"] } });
      store = await openStore!();
      const knowledgeDir = knowledgeWithDueReminder();
      dirs.push(knowledgeDir);
      const env = (instance: string) => {
        const dataDir = mkdtempSync(join(tmpdir(), `lotse-${instance}-`));
        dirs.push(dataDir);
        return {
          ...store!.env,
          DATA_DIR: dataDir,
          KNOWLEDGE_DIR: knowledgeDir,
          ...fakePlatformEnv({ telegram, slack, webhookSecret: WEBHOOK_SECRET, slackSecret: SLACK_SECRET }),
        };
      };
      // Started together, so both run the reminder job at (about) the same moment.
      [a, b] = await Promise.all([startLotse(env("a")), startLotse(env("b"))]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([a, b].filter(Boolean).map((p) => p.terminate().catch(() => p.kill())));
      killAll();
      await telegram?.stop();
      await slack?.stop();
      await store?.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    const backlogIsEmpty = async () => (await a.metric("lotse_outbox_backlog")) === 0 && (await b.metric("lotse_outbox_backlog")) === 0;

    it("posts a due meeting reminder once although both processes ran the reminder job at start", async () => {
      const queuedReminders = async () => (await a.metric("lotse_reminders_sent_total")) + (await b.metric("lotse_reminders_sent_total"));
      await until(() => delivered(telegram, REMINDER_CHAT).length >= 1, "the reminder at the fake Bot API", WAIT);
      await until(async () => (await queuedReminders()) >= 1, "the reminder run to finish", WAIT);
      await until(backlogIsEmpty, "an empty outbox on both instances", WAIT);
      const queued = await queuedReminders();
      const reminders = delivered(telegram, REMINDER_CHAT);
      expect(reminders).toHaveLength(1);
      expect(reminders[0]!.text).toContain(MEETING_TITLE);
      expect(queued).toBe(1); // one instance queued it; the other found the marker
    });

    it("hands over on instance A, takes the coordinator's Slack reply on instance B, and delivers it once", async () => {
      const chat = 901;
      const toA = async (update: Record<string, unknown>) => {
        expect(await telegram.deliverWebhook(`${a.url}/telegram/webhook`, { update_id: nextUpdateId++, ...update }, WEBHOOK_SECRET)).toBe(200);
      };
      const messagesAtLeast = async (count: number) => {
        await until(() => delivered(telegram, chat).length >= count, `${count} messages in chat ${chat}`, WAIT);
        return delivered(telegram, chat);
      };
      const press = async (index: number, label: string | RegExp) => {
        const message = delivered(telegram, chat)[index]!;
        const button = keyboard(message).find((k) => (typeof label === "string" ? k.text === label : label.test(k.text)));
        expect(button, `button ${String(label)} on message ${index}: ${JSON.stringify(delivered(telegram, chat).map((m) => [m.text.slice(0, 80), keyboard(m).map((k) => k.text)]))}`).toBeDefined();
        await toA(telegram.callback({ chatId: chat, userId: chat, messageId: message.message_id, data: button!.callback_data! }));
      };

      // Onboarding on A: language, Land, region (as in the Telegram end-to-end test).
      await toA(telegram.message({ chatId: chat, userId: chat, text: "/start", languageCode: "de" }));
      await messagesAtLeast(2);
      await press(1, "Deutsch");
      await messagesAtLeast(4);
      await press(3, "Berlin");
      await messagesAtLeast(5);
      await press(4, "Pankow");
      expect((await messagesAtLeast(6))[5]!.text).toMatch(/Pankow \(Berlin\)/);

      // A question only a person can answer; the volunteer accepts the hand-over.
      await toA(telegram.message({ chatId: chat, userId: chat, text: "Herr Yilmaz hat die Ablehnung vom Jobcenter bekommen. Soll er Widerspruch einlegen?" }));
      // The general information on the topic comes first, then the offer.
      await messagesAtLeast(8);
      const offer = delivered(telegram, chat)[7]!;
      await toA(telegram.callback({ chatId: chat, userId: chat, messageId: offer.message_id, data: keyboard(offer)[0]!.callback_data! }));
      expect((await messagesAtLeast(9))[8]!.text).toMatch(/Vorgangsnummer: L-[A-Z0-9]{6}/);

      // The ticket card reaches the region's Slack channel (posted by A).
      const card = await slack.waitFor((c) => c.method === "chat.postMessage" && c.body.channel === NORD && Array.isArray(c.body.blocks), WAIT);
      const ticketId = /L-[A-Z0-9]{6}/.exec(JSON.stringify(card.body.blocks))![0];
      const ts = slack.messagesIn(NORD)[0]!.ts;
      // The card's ts is stored once A's outbox finished that delivery: B needs it to find the ticket.
      await until(backlogIsEmpty, "the card delivered and recorded", WAIT);

      // The coordinator claims and replies in the thread: both requests reach B only.
      const bEvents = `${b.url}/slack/events`;
      expect(await sendAction(bEvents, SLACK_SECRET, blockAction({ userId: "U_COORD1", channelId: NORD, messageTs: ts, actionId: "lotse_claim", value: ticketId }))).toBe(200);
      await slack.waitFor((c) => c.method === "chat.update" && JSON.stringify(c.body.blocks).includes("übernommen"), WAIT);
      const reply = threadMessage({ userId: "U_COORD1", channelId: NORD, threadTs: ts, text: "Bitte mit dem Bescheid zur Asylverfahrensberatung gehen." });
      expect(await sendEvent(bEvents, SLACK_SECRET, reply, { eventId: "EvProcess1" })).toBe(200);
      const answered = (m: { text: string }) => /Antwort von/.test(m.text) && m.text.includes("Asylverfahrensberatung");
      await until(() => delivered(telegram, chat).some(answered), "the coordinator's answer on Telegram", WAIT);

      // Slack retries the same event, this time to A: it is recognised across instances.
      expect(await sendEvent(`${a.url}/slack/events`, SLACK_SECRET, reply, { eventId: "EvProcess1", retryNum: 1 })).toBe(200);
      await until(backlogIsEmpty, "an empty outbox on both instances", WAIT);
      expect(delivered(telegram, chat).filter(answered)).toHaveLength(1);
      // Every sendMessage for this chat was delivered (none failed, so none can be retried later).
      const sendsToChat = telegram.calls.filter((c: RecordedCall) => c.method === "sendMessage" && Number(c.body.chat_id) === chat);
      expect(sendsToChat).toHaveLength(delivered(telegram, chat).length);
    });
  });
}
