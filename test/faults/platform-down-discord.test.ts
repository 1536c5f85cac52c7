// Discord down, the cases that Telegram and Slack have in platform-down.test.ts and Discord's there
// do not cover: two chats at once (a channel's announcements and a subscriber's reminders), each with
// its own backoff, and discord.js's own retries counted exactly; and a meeting changed twice while
// Discord is down, whose one announcement shows the latest state once Discord is back.
// Real discord.js talks to the local fake; time is the outbox's ManualClock, moved a second at a time.
import { afterEach, describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../src/adapters/discord/adapter.js";
import type { Lotse } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Reply } from "../../src/core/message.js";
import { meetingFromCommand } from "../../src/events/admin.js";
import { FakeDiscord } from "../fakes/discord-api.js";
import { testLotse } from "../helpers.js";
import { expectCallOrder, expectChannel, messageCalls, posts } from "./discord-channel.js";
import { AttemptLog, expectDoublingBackoff, Promised, runFor, runUntil } from "./outage.js";

const ANNOUNCE = "3002"; // Berlin's Discord channel in knowledge/events.yaml
const SUBSCRIBER_CHANNEL = "3001"; // where a volunteer asked for reminders of every meeting (/subscribe)
const JOUR_FIXE = ["jour-fixe-berlin-nord", "2026-11-12T18:00"] as const; // knowledge/events.yaml, 7 days after START
/** A minute before the Jour fixe Berlin-Nord is 7 days ahead, when its reminder becomes due. */
const START = new Date("2026-11-05T16:59:00Z");
/** Seconds watched after recovery for a second copy: longer than the outbox's longest backoff (10 minutes). */
const QUIET_AFTER = 15 * 60;
/** Many simulated minutes per test, on a machine that may be busy. */
const SLOW = { timeout: 90_000 };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** One Lotse process with the Discord adapter logged in to the fake; the test drives delivery (flush). */
async function discordLife(clock: ManualClock) {
  const discord = await FakeDiscord.start();
  cleanups.push(() => discord.stop());
  const [promised, log] = [new Promised(), new AttemptLog(clock)];
  const { lotse } = await testLotse({ clock, manualDelivery: true });
  promised.watch(lotse);
  log.watch(lotse.outbox);
  const adapter = new DiscordAdapter(lotse, { token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl });
  cleanups.push(async () => {
    await adapter.stop();
    await lotse.close();
  });
  await adapter.start();
  return { discord, promised, log, lotse, outbox: lotse.outbox, rest: adapter.client.rest };
}

async function addMeeting(lotse: Lotse, id: string, start: string): Promise<void> {
  const event = meetingFromCommand({ id, start, minutes: 90, type: "werkstatt", region: "berlin", title: `Werkstatt ${id}`, lang: "de" });
  if (typeof event === "string") throw new Error(event);
  await lotse.calendar.add(event);
  await lotse.reminders.run(); // less than 7 days ahead: its reminder is due at once
}

describe("Discord down (two chats, and changes while down)", SLOW, () => {
  it("keeps a channel's announcements and a subscriber's reminders through REST 503s and 502 pages, each chat with its own doubling backoff, then delivers each once, in order per chat", async () => {
    const clock = new ManualClock(START);
    const { discord, promised, log, lotse, outbox, rest } = await discordLife(clock);
    // A volunteer asks for reminders of every meeting in a server channel, through the gateway.
    const subscribe = discord.slashCommand({ name: "subscribe", userId: "4002", channelId: SUBSCRIBER_CHANNEL });
    await expect.poll(() => discord.interactionResponses(subscribe.id).length).toBeGreaterThan(0);
    clock.advance(60_000);
    await lotse.reminders.run(); // the Jour fixe, to the announcement channel and to the subscriber
    await outbox.flush();
    const chats = [ANNOUNCE, SUBSCRIBER_CHANNEL];
    // The subscriber's chat has more (every meeting, not only Berlin's): what each chat was owed so far arrived.
    const before = new Map(chats.map((chat) => [chat, promised.to("discord", chat).length]));
    for (const chat of chats) expect(posts(discord, chat), `chat ${chat} before the outage`).toHaveLength(before.get(chat)!);

    discord.goDown({ status: 503 });
    const callsBefore = discord.calls.length;
    await runFor(clock, outbox, 10 * 60, async (s) => {
      if (s === 1) await addMeeting(lotse, "faults-a", "2026-11-08T18:00");
      if (s === 120) await addMeeting(lotse, "faults-b", "2026-11-09T18:00");
      if (s === 300) discord.goDown({ status: 502, html: true });
      if (s === 301) await lotse.calendar.cancel(...JOUR_FIXE); // edits the posted reminder in both chats
    });
    for (const chat of chats) {
      expect(promised.to("discord", chat).length - before.get(chat)!, `owed to ${chat}`).toBe(3); // two new reminders, the edit
      expect(posts(discord, chat)).toHaveLength(before.get(chat)!);
    }
    // Only each chat's earliest message was retried, spaced by the outbox's backoff ...
    const times = log.failureTimes("discord");
    expect(times.size).toBe(2);
    for (const t of times.values()) {
      expect(t.length).toBeGreaterThanOrEqual(9);
      expectDoublingBackoff(t);
    }
    // ... and discord.js repeated each failed attempt only its configured number of times, at once:
    // nothing reached Discord between the outbox's attempts.
    const requests = chats.reduce((n, chat) => n + messageCalls(discord, chat, callsBefore).length, 0);
    expect(requests).toBe(log.failures("discord").length * (1 + rest.options.retries));

    await discord.comeBack();
    const back = discord.calls.length;
    const owed = promised.to("discord").length;
    await runUntil(clock, outbox, () => log.delivered("discord").length === owed);
    for (const chat of chats) {
      const toChat = promised.to("discord", chat);
      expectChannel(lotse, discord, chat, toChat);
      expectCallOrder(lotse, discord, chat, back, toChat.slice(before.get(chat)));
      expect(posts(discord, chat).filter((m) => /abgesagt/i.test(JSON.stringify(m.embeds))), `the cancelled meeting in ${chat}`).toHaveLength(1);
    }

    const calls = discord.calls.length;
    await runFor(clock, outbox, QUIET_AFTER);
    expect(discord.calls.length).toBe(calls); // nothing twice
  });

  it("a meeting moved and then cancelled while Discord is down: the changes only queue, and once Discord is back the one announcement is edited in place, in order, and shows the cancellation", async () => {
    const clock = new ManualClock(START);
    const { discord, promised, log, lotse, outbox } = await discordLife(clock);
    clock.advance(60_000);
    await lotse.reminders.run();
    await outbox.flush();
    expect(posts(discord, ANNOUNCE)).toHaveLength(1);

    discord.goDown({ status: 502, html: true });
    await runFor(clock, outbox, 5 * 60, async (s) => {
      if (s === 1) await lotse.calendar.move(...JOUR_FIXE, "2026-11-12T19:00");
      if (s === 60) await lotse.calendar.cancel(...JOUR_FIXE);
    });
    const owed = promised.to("discord", ANNOUNCE);
    expect(owed.map((o) => o.reply.meta?.kind)).toEqual(["reminder", "reminder-update", "reminder-update"]);
    expect(owed.slice(1).map((o) => o.reply.replaces)).toEqual([`${ANNOUNCE}:${posts(discord, ANNOUNCE)[0]!.id}`, `${ANNOUNCE}:${posts(discord, ANNOUNCE)[0]!.id}`]);
    expect(await outbox.backlog()).toBe(2); // both changes wait; neither was lost nor merged

    await discord.comeBack();
    const back = discord.calls.length;
    await runUntil(clock, outbox, async () => (await outbox.backlog()) === 0);
    expectChannel(lotse, discord, ANNOUNCE, owed);
    expectCallOrder(lotse, discord, ANNOUNCE, back, owed.slice(1)); // the move's edit, then the cancellation's
    expect(posts(discord, ANNOUNCE)).toHaveLength(1);
    expect(JSON.stringify(posts(discord, ANNOUNCE)[0]!.embeds)).toMatch(/abgesagt/i);
    expect(log.failureTimes("discord").size).toBe(1);

    const calls = discord.calls.length;
    await runFor(clock, outbox, QUIET_AFTER);
    expect(discord.calls.length).toBe(calls);
  });
});
