// A platform that is down for minutes (HTTP 500, an HTML error page, refused connections): the
// outbox keeps every message, retries with growing backoff, and after recovery delivers each one
// exactly once, in order per chat — also when Lotse restarts in the middle of the outage.
// Real adapters and libraries (grammY, Bolt/web-api, discord.js) talk to the local fakes; time is
// the outbox's ManualClock, moved a second at a time, so ten minutes of outage take no ten minutes.
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../src/adapters/discord/adapter.js";
import { SLACK_EVENTS_PATH, SlackAdapter } from "../../src/adapters/slack/adapter.js";
import { TelegramAdapter } from "../../src/adapters/telegram/adapter.js";
import { renderTelegram } from "../../src/adapters/telegram/render.js";
import type { Lotse } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Reply } from "../../src/core/message.js";
import { ERASED_TEXT } from "../../src/privacy/personal-data.js";
import { meetingFromCommand } from "../../src/events/admin.js";
import { listen } from "../../src/http/server.js";
import { createHttpApp } from "../../src/adapters/index.js";
import type { Outbox } from "../../src/core/outbox/outbox.js";
import { Store } from "../../src/store/store.js";
import { FakeDiscord } from "../fakes/discord-api.js";
import { FakeSlack, sendEvent, threadMessage } from "../fakes/slack-api.js";
import { FakeTelegram, parseTelegramHtml } from "../fakes/telegram-api.js";
import { testLotse } from "../helpers.js";
import { expectCallOrder, expectChannel, messageCalls } from "./discord-channel.js";
import { AttemptLog, expectDoublingBackoff, Promised, runFor, runUntil } from "./outage.js";

const TG_SECRET = "s3cret-s3cret-s3cret";
const SLACK_SECRET = "slack-signing-secret-for-tests";
const NORD = "#lotse-berlin-nord"; // Pankow's team channel in knowledge/contacts.yaml
const ANNOUNCE = "3002"; // Berlin's Discord channel in knowledge/events.yaml
const START = new Date("2026-11-17T09:00:00Z");
/** Seconds watched after recovery for a second copy: longer than the outbox's longest backoff (10 minutes). */
const QUIET_AFTER = 15 * 60;
/** Many simulated minutes per test, on a machine that may be busy. */
const SLOW = { timeout: 90_000 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A DATA_DIR for SQLite that two lives share; removed after the test. */
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "faults-platform-down-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * One life of a Lotse process: the core on `store` (memory unless given), the adapters for the
 * fakes passed, and Lotse's HTTP server (Telegram webhook, Slack events). Nothing is started.
 */
async function openLife(o: { clock: ManualClock; store?: Store; telegram?: FakeTelegram; slack?: FakeSlack; discord?: FakeDiscord; promised: Promised; log: AttemptLog }) {
  const { lotse } = await testLotse({ clock: o.clock, store: o.store ?? Store.memory(), manualDelivery: true });
  o.promised.watch(lotse);
  o.log.watch(lotse.outbox);
  const tg = o.telegram && new TelegramAdapter(lotse, { token: o.telegram.token, apiRoot: o.telegram.apiRoot, throttle: false, webhookUrl: "https://lotse.example.org/telegram/webhook", webhookSecret: TG_SECRET });
  const sl = o.slack && new SlackAdapter(lotse, { botToken: o.slack.botToken, signingSecret: SLACK_SECRET, apiUrl: o.slack.apiUrl });
  const dc = o.discord && new DiscordAdapter(lotse, { token: o.discord.token, applicationId: o.discord.applicationId, apiUrl: o.discord.apiUrl });
  const app = createHttpApp(lotse, (http) => {
    if (tg) http.post(tg.webhookPath!, tg.webhookHandler());
    if (sl) http.post(SLACK_EVENTS_PATH, sl.eventsHandler());
  });
  const { server, port } = await listen(app, 0, "127.0.0.1");
  outboxAt.set(`http://127.0.0.1:${port}`, lotse.outbox);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await tg?.stop();
    await sl?.stop();
    await dc?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await lotse.close();
  };
  cleanups.push(close);
  return { lotse, outbox: lotse.outbox, tg, sl, dc, base: `http://127.0.0.1:${port}`, close };
}

// ---- Telegram volunteers, through the webhook (updates still arrive while sending fails) ----

/** Each life's outbox by its base URL: the tests drive delivery themselves, a flush after every update. */
const outboxAt = new Map<string, Outbox>();

let nextUpdate = 1;
async function say(base: string, telegram: FakeTelegram, chat: number, text: string): Promise<void> {
  const update = { update_id: nextUpdate++, ...telegram.message({ chatId: chat, userId: chat, text, languageCode: "de" }) };
  expect(await telegram.deliverWebhook(`${base}/telegram/webhook`, update, TG_SECRET)).toBe(200);
  await outboxAt.get(base)?.flush(); // the webhook answered once the replies were queued; they go now
}

/** A volunteer in Pankow hands a question over (Telegram is up): the ticket card is queued for the coordinators. */
async function handOver(base: string, telegram: FakeTelegram, chat: number): Promise<void> {
  await say(base, telegram, chat, "/region berlin-pankow");
  await say(base, telegram, chat, "Meine Nachbarin hat die Ablehnung vom Jobcenter bekommen. Soll sie Widerspruch einlegen?");
  const offer = telegram.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat).at(-1)!;
  const keyboard = (offer.body.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
  const data = keyboard.flat().find((b) => b.callback_data)?.callback_data;
  expect(data, "the answer offers a hand-over").toBeDefined();
  const messageId = Number((telegram.messagesIn(chat).at(-1) as { message_id: number }).message_id);
  const update = { update_id: nextUpdate++, ...telegram.callback({ chatId: chat, userId: chat, messageId, data: data! }) };
  expect(await telegram.deliverWebhook(`${base}/telegram/webhook`, update, TG_SECRET)).toBe(200);
  await outboxAt.get(base)?.flush();
}

/** The texts a chat must show: every promised reply rendered as the Telegram sender does, in order. */
function telegramTexts(lotse: Lotse, replies: { reply: Reply }[]): string[] {
  expect(replies.filter((r) => r.reply.replaces), "no edits in these conversations").toEqual([]);
  return replies.flatMap(({ reply }) => renderTelegram(reply, lotse.t(reply.lang, "web.sources")).map((m) => {
    const parsed = parseTelegramHtml(m.text);
    if (typeof parsed === "string") throw new Error(parsed);
    return parsed.text;
  }));
}
const textsAt = (telegram: FakeTelegram, chat: number) => telegram.messagesIn(chat).map((m) => m.text as string);
const sendCalls = (telegram: FakeTelegram, from = 0) => telegram.calls.slice(from).filter((c) => c.method === "sendMessage").length;

describe("Telegram down", SLOW, () => {
  it("keeps volunteers' answers through 12 minutes of 500s and 502 pages, retries with doubling backoff, then delivers each once, in order", async () => {
    const clock = new ManualClock(START);
    const telegram = await FakeTelegram.start();
    cleanups.push(() => telegram.stop());
    const [promised, log] = [new Promised(), new AttemptLog(clock)];
    const life = await openLife({ clock, telegram, promised, log });
    await life.tg!.start();
    const [A, B] = [901, 902];
    await say(life.base, telegram, A, "/region berlin-pankow");
    await say(life.base, telegram, B, "/region berlin-pankow");
    const owedBefore = promised.all.length;
    expect(textsAt(telegram, A).length).toBeGreaterThan(0);

    telegram.goDown(); // {ok:false,error_code:500}
    const callsBefore = telegram.calls.length;
    await runFor(clock, life.outbox, 12 * 60, async (s) => {
      if (s === 1) await say(life.base, telegram, A, "Wie finde ich einen Kita-Platz für mein Kind?");
      if (s === 60) await say(life.base, telegram, B, "Wo kann man kostenlos Deutsch lernen?");
      if (s === 180) await say(life.base, telegram, A, "/help");
      if (s === 360) telegram.goDown({ status: 502, html: true });
      if (s === 361) await say(life.base, telegram, A, "Was kostet ein Deutschkurs?");
      if (s === 420) await say(life.base, telegram, B, "/help");
    });
    const owed = promised.all.length - owedBefore;
    expect(owed).toBeGreaterThanOrEqual(5);
    expect(await life.outbox.backlog()).toBe(owed); // all kept, none lost
    // Only each chat's earliest message was retried, spaced by the outbox's backoff ...
    const times = log.failureTimes("telegram");
    expect(times.size).toBe(2);
    for (const t of times.values()) {
      expect(t.length).toBeGreaterThanOrEqual(9);
      expectDoublingBackoff(t);
    }
    // ... and each attempt reached Telegram once: grammY neither retried behind the outbox's back nor hid a failure.
    expect(sendCalls(telegram, callsBefore)).toBe(log.failures("telegram").length);

    await telegram.comeBack();
    const took = await runUntil(clock, life.outbox, async () => (await life.outbox.backlog()) === 0);
    expect(took).toBeLessThanOrEqual(600); // within one (capped) backoff interval
    for (const chat of [A, B]) expect(textsAt(telegram, chat)).toEqual(telegramTexts(life.lotse, promised.to("telegram", String(chat))));

    const sent = sendCalls(telegram);
    await runFor(clock, life.outbox, QUIET_AFTER);
    expect(sendCalls(telegram)).toBe(sent); // nothing twice
  });

  it("restarts while Telegram refuses connections: the new process keeps the queue and backoff, delivers once, in order, and new answers wait behind", async () => {
    const dir = dataDir();
    const clock = new ManualClock(START);
    const telegram = await FakeTelegram.start();
    cleanups.push(() => telegram.stop());
    const [promised, log] = [new Promised(), new AttemptLog(clock)];
    const first = await openLife({ clock, store: await Store.open({ dataDir: dir }), telegram, promised, log });
    await first.tg!.start();
    const [A, B] = [911, 912];
    await say(first.base, telegram, A, "/region berlin-pankow");
    const owedBefore = promised.all.length;

    await telegram.refuseConnections();
    await runFor(clock, first.outbox, 180, async (s) => {
      if (s === 1) await say(first.base, telegram, A, "Wie finde ich einen Kita-Platz für mein Kind?");
      if (s === 30) await say(first.base, telegram, B, "/help");
      if (s === 90) await say(first.base, telegram, A, "/help");
    });
    const owed = promised.all.length - owedBefore;
    expect(await first.outbox.backlog()).toBe(owed);
    await first.close();

    // Second life on the same DATA_DIR, Telegram still refusing.
    const second = await openLife({ clock, store: await Store.open({ dataDir: dir }), telegram, promised, log });
    expect(await second.outbox.backlog()).toBe(owed);
    await runFor(clock, second.outbox, 300);
    await telegram.comeBack();
    await second.tg!.start(); // the webhook needs the bot's identity (getMe) before it takes updates
    await say(second.base, telegram, A, "Was kostet ein Deutschkurs?"); // older answers still wait for their next try
    await runUntil(clock, second.outbox, async () => (await second.outbox.backlog()) === 0);

    for (const chat of [A, B]) expect(textsAt(telegram, chat)).toEqual(telegramTexts(second.lotse, promised.to("telegram", String(chat))));
    const times = log.failureTimes("telegram");
    expect(times.size).toBe(2);
    for (const t of times.values()) expectDoublingBackoff(t); // the backoff went on across the restart
    const sent = sendCalls(telegram);
    await runFor(clock, second.outbox, QUIET_AFTER);
    expect(sendCalls(telegram)).toBe(sent);
  });
});

// ---- Slack: ticket cards for the coordinators ----

const cardTicket = (m: { blocks?: unknown[] }) => /L-[A-Z0-9]{6}/.exec(JSON.stringify(m.blocks))?.[0];
const postCalls = (slack: FakeSlack, from = 0) => slack.calls.slice(from).filter((c) => c.method === "chat.postMessage").length;

/** One life with Telegram (volunteers) and Slack (Pankow's coordinators), both up and started. */
async function slackAndTelegramUp() {
  const clock = new ManualClock(START);
  const telegram = await FakeTelegram.start();
  const slack = await FakeSlack.start({ channels: { [NORD]: ["U_COORD1"] } });
  cleanups.push(() => telegram.stop(), () => slack.stop());
  const [promised, log] = [new Promised(), new AttemptLog(clock)];
  const life = await openLife({ clock, telegram, slack, promised, log });
  await life.tg!.start();
  await life.sl!.start();
  return { clock, telegram, slack, log, life };
}

describe("Slack down", SLOW, () => {
  it("queues ticket cards through 503 pages and Slack's own service_unavailable, then posts each once, in order", async () => {
    const { clock, telegram, slack, log, life } = await slackAndTelegramUp();
    const tickets: string[] = [];
    life.lotse.tickets.onCreated((t) => void tickets.push(t.id));
    await handOver(life.base, telegram, 921);
    expect(slack.messagesIn(NORD)).toHaveLength(1);

    slack.goDown({ status: 503, html: true });
    const callsBefore = slack.calls.length;
    await runFor(clock, life.outbox, 10 * 60, async (s) => {
      if (s === 1) await handOver(life.base, telegram, 922);
      if (s === 120) await handOver(life.base, telegram, 923);
      if (s === 300) slack.goDown({ error: "service_unavailable" }); // HTTP 200, {ok:false}: must not count as permanent
      if (s === 301) await handOver(life.base, telegram, 924);
    });
    expect(tickets).toHaveLength(4);
    expect(slack.messagesIn(NORD)).toHaveLength(1);
    expect(await life.outbox.backlog()).toBe(3);
    const times = [...log.failureTimes("slack").values()];
    expect(times).toHaveLength(1); // the channel's earliest card; the others wait behind it
    expect(times[0]!.length).toBeGreaterThanOrEqual(9);
    expectDoublingBackoff(times[0]!);
    // One request per attempt: web-api does not retry inside (it would hold the outbox for half an hour).
    expect(postCalls(slack, callsBefore)).toBe(log.failures("slack").length);

    await slack.comeBack();
    await runUntil(clock, life.outbox, async () => (await life.outbox.backlog()) === 0);
    const cards = slack.messagesIn(NORD);
    expect(cards.map(cardTicket)).toEqual(tickets);
    for (const [i, id] of tickets.entries()) expect((await life.lotse.tickets.get(id))?.external?.ref).toBe(cards[i]!.ts);

    // A card posted after the outage works: the coordinator's answer in its thread reaches the volunteer, once.
    const reply = threadMessage({ userId: "U_COORD1", channelId: NORD, threadTs: cards[2]!.ts, text: "Bitte mit dem Bescheid zur Beratung gehen." });
    expect(await sendEvent(`${life.base}${SLACK_EVENTS_PATH}`, SLACK_SECRET, reply, { eventId: "EvFaults1" })).toBe(200);
    await life.outbox.flush();
    expect(textsAt(telegram, 923).filter((t) => t.includes("Bitte mit dem Bescheid"))).toHaveLength(1);

    const posted = postCalls(slack);
    await runFor(clock, life.outbox, QUIET_AFTER);
    expect(postCalls(slack)).toBe(posted);
  });

  it("a ticket change while Slack is down holds nobody up, and the card shows the latest state once Slack is back", async () => {
    const { clock, telegram, slack, life } = await slackAndTelegramUp();
    await handOver(life.base, telegram, 931);
    const [card] = slack.messagesIn(NORD);
    const ticketId = cardTicket(card!)!;

    slack.goDown({ status: 503, html: true });
    // The volunteer erases their data: the ticket changes and its card must follow. Bolt's own client
    // would retry the card update for half an hour inside this very webhook request.
    await say(life.base, telegram, 931, "/delete_me");
    const confirm = telegram.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === 931).at(-1)!;
    const yes = (confirm.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat().find((b) => /löschen/i.test(b.text))!;
    const messageId = Number((telegram.messagesIn(931).at(-1) as { message_id: number }).message_id);
    expect(await telegram.deliverWebhook(`${life.base}/telegram/webhook`, { update_id: nextUpdate++, ...telegram.callback({ chatId: 931, userId: 931, messageId, data: yes.callback_data }) }, TG_SECRET)).toBe(200);
    await life.outbox.flush();
    expect(textsAt(telegram, 931).at(-1)).toMatch(/gelöscht/); // answered at once, Slack or not
    expect(JSON.stringify(slack.messagesIn(NORD)[0]!.blocks), "the card could not change yet").not.toContain(ERASED_TEXT);

    await runFor(clock, life.outbox, 120);
    await slack.comeBack();
    await runUntil(clock, life.outbox, async () => (await life.outbox.backlog()) === 0);
    expect(slack.messagesIn(NORD)).toHaveLength(1); // updated in place, not posted again
    const shown = JSON.stringify(slack.messagesIn(NORD)[0]!.blocks);
    expect(shown).toContain(ticketId);
    expect(shown).toContain(ERASED_TEXT);
    expect(shown).not.toMatch(/Widerspruch/); // the volunteer's question is gone from Slack's card
  });

  it("restarts while Slack refuses connections: cards queued in both lives are posted once, in order", async () => {
    const dir = dataDir();
    const clock = new ManualClock(START);
    const telegram = await FakeTelegram.start();
    const slack = await FakeSlack.start({ channels: { [NORD]: ["U_COORD1"] } });
    cleanups.push(() => telegram.stop(), () => slack.stop());
    const [promised, log] = [new Promised(), new AttemptLog(clock)];
    const tickets: string[] = [];
    const first = await openLife({ clock, store: await Store.open({ dataDir: dir }), telegram, slack, promised, log });
    first.lotse.tickets.onCreated((t) => void tickets.push(t.id));
    await first.tg!.start();
    await first.sl!.start();

    await slack.refuseConnections();
    await runFor(clock, first.outbox, 180, async (s) => {
      if (s === 1) await handOver(first.base, telegram, 931);
      if (s === 90) await handOver(first.base, telegram, 932);
    });
    expect(await first.outbox.backlog()).toBe(2);
    await first.close();

    const second = await openLife({ clock, store: await Store.open({ dataDir: dir }), telegram, slack, promised, log });
    second.lotse.tickets.onCreated((t) => void tickets.push(t.id));
    await second.tg!.start(); // Slack's start (auth.test) waits until Slack answers again
    // Late in the outage, so this card's own backoff (a try 63 s after it was queued) comes before the earliest
    // card's next try (512 s after the start): only the per-chat order keeps it from overtaking.
    await runFor(clock, second.outbox, 300, async (s) => {
      if (s === 260) await handOver(second.base, telegram, 933);
    });
    expect(await second.outbox.backlog()).toBe(3);
    await slack.comeBack();
    await second.sl!.start();
    await runUntil(clock, second.outbox, async () => (await second.outbox.backlog()) === 0);

    expect(tickets).toHaveLength(3);
    expect(slack.messagesIn(NORD).map(cardTicket)).toEqual(tickets);
    const times = [...log.failureTimes("slack").values()];
    expect(times).toHaveLength(1);
    expectDoublingBackoff(times[0]!); // the backoff went on across the restart
    const posted = postCalls(slack);
    await runFor(clock, second.outbox, QUIET_AFTER);
    expect(postCalls(slack)).toBe(posted);
  });
});

// ---- Discord: meeting announcements (reminders) and their edits ----

async function addMeeting(lotse: Lotse, id: string, start: string): Promise<void> {
  const event = meetingFromCommand({ id, start, minutes: 90, type: "werkstatt", region: "berlin", title: `Werkstatt ${id}`, lang: "de" });
  if (typeof event === "string") throw new Error(event);
  await lotse.calendar.add(event);
  await lotse.reminders.run(); // the meeting is less than 7 days ahead: its reminder is due at once
}


const channelCalls = (discord: FakeDiscord, from = 0) => messageCalls(discord, ANNOUNCE, from).length;

describe("Discord down", SLOW, () => {
  it("queues announcements and an edit through REST 500s and 502 pages, then delivers each once, in order", async () => {
    const clock = new ManualClock(new Date("2026-11-05T16:59:00Z"));
    const discord = await FakeDiscord.start();
    cleanups.push(() => discord.stop());
    const [promised, log] = [new Promised(), new AttemptLog(clock)];
    const life = await openLife({ clock, discord, promised, log });
    await life.dc!.start();
    clock.advance(60_000); // 7 days before the Jour fixe Berlin-Nord
    await life.lotse.reminders.run();
    await life.outbox.flush();
    expect(discord.messagesIn(ANNOUNCE)).toHaveLength(1);

    discord.goDown();
    const callsBefore = discord.calls.length;
    await runFor(clock, life.outbox, 10 * 60, async (s) => {
      if (s === 1) await life.lotse.calendar.cancel("jour-fixe-berlin-nord", "2026-11-12T18:00"); // edits the posted announcement
      if (s === 120) await addMeeting(life.lotse, "faults-a", "2026-11-08T18:00");
      if (s === 300) discord.goDown({ status: 502, html: true });
      if (s === 301) await addMeeting(life.lotse, "faults-b", "2026-11-09T18:00");
    });
    const owed = promised.to("discord", ANNOUNCE);
    expect(owed).toHaveLength(4); // the announcement from before, its edit, two new ones
    expect(discord.messagesIn(ANNOUNCE)).toHaveLength(1);
    const times = [...log.failureTimes("discord").values()];
    expect(times).toHaveLength(1);
    expect(times[0]!.length).toBeGreaterThanOrEqual(9);
    expectDoublingBackoff(times[0]!);
    // @discordjs/rest retries a 5xx a few times at once, then reports it: the outbox saw every failure.
    expect(channelCalls(discord, callsBefore)).toBeGreaterThanOrEqual(log.failures("discord").length);

    await discord.comeBack();
    const back = discord.calls.length;
    await runUntil(clock, life.outbox, () => log.delivered("discord").length === owed.length);
    expectChannel(life.lotse, discord, ANNOUNCE, owed);
    expectCallOrder(life.lotse, discord, ANNOUNCE, back, owed.slice(1)); // the edit goes before the later announcements
    expect(JSON.stringify(discord.messagesIn(ANNOUNCE)[0]!.embeds)).toMatch(/Abgesagt|abgesagt/);
    expect(discord.sessionsStarted).toBe(1); // the gateway stayed up: only REST was down

    const calls = channelCalls(discord);
    await runFor(clock, life.outbox, QUIET_AFTER);
    expect(channelCalls(discord)).toBe(calls);
  });

  it("restarts while Discord refuses connections (REST and gateway): announcements from both lives arrive once, in order", async () => {
    const dir = dataDir();
    const clock = new ManualClock(new Date("2026-11-05T16:59:00Z"));
    const discord = await FakeDiscord.start();
    cleanups.push(() => discord.stop());
    const [promised, log] = [new Promised(), new AttemptLog(clock)];
    const first = await openLife({ clock, store: await Store.open({ dataDir: dir }), discord, promised, log });
    await first.dc!.start();
    clock.advance(60_000);

    await discord.refuseConnections();
    await runFor(clock, first.outbox, 180, async (s) => {
      if (s === 1) await first.lotse.reminders.run();
      if (s === 60) await addMeeting(first.lotse, "faults-a", "2026-11-08T18:00");
    });
    await first.close();

    // The new process sends through REST without logging in; it logs in once Discord is back.
    const second = await openLife({ clock, store: await Store.open({ dataDir: dir }), discord, promised, log });
    await runFor(clock, second.outbox, 300, async (s) => {
      if (s === 30) expect(await second.lotse.reminders.run()).toBe(0); // already queued in the first life: not again
      if (s === 260) await addMeeting(second.lotse, "faults-b", "2026-11-09T18:00"); // its own backoff would overtake the others
    });
    const owed = promised.to("discord", ANNOUNCE);
    expect(owed).toHaveLength(3);
    expect(discord.messagesIn(ANNOUNCE)).toHaveLength(0);
    await discord.comeBack();
    await second.dc!.start();
    const back = discord.calls.length;
    await runUntil(clock, second.outbox, () => log.delivered("discord").length === owed.length);

    expectChannel(second.lotse, discord, ANNOUNCE, owed);
    expectCallOrder(second.lotse, discord, ANNOUNCE, back, owed);
    const times = [...log.failureTimes("discord").values()];
    expect(times).toHaveLength(1);
    expectDoublingBackoff(times[0]!);
    const calls = channelCalls(discord);
    await runFor(clock, second.outbox, QUIET_AFTER);
    expect(channelCalls(discord)).toBe(calls);
  });
});
