import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import type { Address, Reply } from "../../src/core/message.js";
import { setSubscription } from "../../src/events/reminders.js";
import { address, command, testLotse, textOf } from "../helpers.js";
import { Store } from "../../src/store/store.js";

/** Reminders of the Jour fixe Berlin-Nord among what was delivered (other example meetings run too). */
/** Runs the reminders and delivers what they queued (the outbox sends apart from the queueing). */
async function deliverReminders(lotse: { reminders: { run(): Promise<number> }; outbox: { flush(): Promise<void> } }): Promise<void> {
  await lotse.reminders.run();
  await lotse.outbox.flush();
}

const jourFixe = <T extends { reply: Reply }>(sent: T[]): T[] => sent.filter((s) => /Berlin-Nord/.test(textOf(s.reply)));

/** Collects what the outbox delivers per platform. */
function capture(lotse: Awaited<ReturnType<typeof testLotse>>["lotse"]) {
  const sent: { to: Address; reply: Reply }[] = [];
  for (const platform of ["discord", "telegram", "slack"] as const) lotse.outbox.register(platform, { send: async (to, reply) => void sent.push({ to, reply }) });
  return sent;
}

describe("meeting reminders", () => {
  it("queues nothing for a platform this instance does not run, and catches up once it does", async () => {
    const store = Store.memory();
    const clock = new ManualClock(new Date("2026-11-05T17:00:00Z")); // 7 days before the Jour fixe Berlin-Nord
    const { lotse } = await testLotse({ clock, store }); // no adapters at all: the default web-chat instance
    await deliverReminders(lotse);
    expect(await lotse.outbox.backlog()).toBe(0);

    const withDiscord = await testLotse({ clock, store });
    const sent: { to: Address; reply: Reply }[] = [];
    withDiscord.lotse.outbox.register("discord", { send: async (to, reply) => void sent.push({ to, reply }) });
    await deliverReminders(withDiscord.lotse);
    expect(jourFixe(sent).map((s) => `${s.to.platform}:${s.to.chatId}`)).toEqual(["discord:3002"]);
  });

  it("posts 7 days and 1 day before, once per target, also when run again or by a restarted instance", async () => {
    const store = Store.memory();
    // Jour fixe Berlin-Nord: Thursday 12 November 2026, 18:00 Berlin time (17:00 UTC).
    const clock = new ManualClock(new Date("2026-11-05T16:59:00Z"));
    const { lotse } = await testLotse({ clock, store });
    const sent = capture(lotse);
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(0);
    clock.advance(60_000); // exactly 7 days before
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(2); // Berlin: a Discord channel and a Slack channel
    await deliverReminders(lotse);
    const restarted = await testLotse({ clock, store });
    for (const platform of ["discord", "telegram", "slack"] as const) restarted.lotse.outbox.register(platform, { send: async (to, reply) => void sent.push({ to, reply }) });
    await deliverReminders(restarted.lotse);
    expect(jourFixe(sent)).toHaveLength(2);
    clock.set(new Date("2026-11-11T17:00:00Z"));
    await deliverReminders(lotse);
    expect(jourFixe(sent).map((s) => `${s.to.platform}:${s.to.chatId}`).sort()).toEqual(["discord:3002", "discord:3002", "slack:#lotse-berlin", "slack:#lotse-berlin"]);
    expect(textOf(jourFixe(sent)[0]!.reply)).toMatch(/18:00/);
  });

  it("links the region's calendar feed in announcements when PUBLIC_URL is set", async () => {
    const clock = new ManualClock(new Date("2026-11-05T17:00:00Z"));
    const { lotse } = await testLotse({ clock, env: { PUBLIC_URL: "https://lotse.example.org" } });
    const sent = capture(lotse);
    await deliverReminders(lotse);
    expect(jourFixe(sent)[0]!.reply.links).toEqual([{ title: "Kalender abonnieren (iCal)", url: "https://lotse.example.org/events/berlin-pankow.ics" }]);
  });

  it("catches up one missed reminder while the meeting is ahead, and none for a past meeting", async () => {
    const clock = new ManualClock(new Date("2026-11-10T12:00:00Z")); // down since before the 7-day reminder
    const { lotse } = await testLotse({ clock });
    const sent = capture(lotse);
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(2); // one per target: the missed 7-day reminder, caught up
    clock.set(new Date("2026-11-11T17:00:00Z"));
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(4); // the 1-day reminder still comes
    clock.set(new Date("2026-11-12T18:30:00Z")); // meeting running: nothing more
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(4);
  });

  it("keeps 18:00 Berlin time in reminders across the change to summer time", async () => {
    // Jour fixe on Thursday 9 April 2026 (summer time): the 1-day reminder is due at 16:00 UTC on 8 April.
    const clock = new ManualClock(new Date("2026-04-08T15:59:00Z"));
    const { lotse } = await testLotse({ clock });
    const sent = capture(lotse);
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(2); // the missed 7-day reminder, caught up
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(2); // 15:59 UTC: the 1-day reminder is not due yet
    clock.advance(60_000);
    await deliverReminders(lotse);
    expect(jourFixe(sent)).toHaveLength(4); // 16:00 UTC = 18:00 summer time, one day ahead
    expect(textOf(jourFixe(sent)[3]!.reply)).toMatch(/18:00/);
  });

  it("sends personal reminders to subscribers of a region and type", async () => {
    const clock = new ManualClock(new Date("2026-11-05T17:00:00Z"));
    const { lotse } = await testLotse({ clock });
    const sent = capture(lotse);
    const me = address("sub1", "telegram");
    await lotse.receive(command(me, "region", "berlin-pankow"));
    await lotse.receive(command(me, "subscribe", "jour-fixe"));
    await setSubscription(lotse.store, { address: address("other", "telegram"), lang: "de", regions: ["bayern"], types: [] });
    await deliverReminders(lotse);
    expect(jourFixe(sent).filter((s) => s.to.platform === "telegram").map((s) => s.to.userId)).toEqual(["sub1"]);
    await lotse.receive(command(me, "unsubscribe"));
    clock.set(new Date("2026-11-11T17:00:00Z"));
    sent.length = 0;
    await deliverReminders(lotse);
    expect(jourFixe(sent).filter((s) => s.to.platform === "telegram")).toHaveLength(0);
  });

  it("lists the next meetings of the user's region with /events", async () => {
    const { lotse } = await testLotse({ clock: new ManualClock(new Date("2026-11-21T12:00:00Z")) });
    const me = address("ev");
    await lotse.receive(command(me, "region", "bayern"));
    const [reply] = await lotse.receive(command(me, "events"));
    expect(textOf(reply!)).toMatch(/Die nächsten Treffen/);
    expect(textOf(reply!)).toMatch(/Online-Vernetzungstreffen/);
    expect(textOf(reply!)).not.toMatch(/Berlin-Nord/);
  });
});

describe("reminders across a crash in the middle of a run", () => {
  it("never posts twice, even when the run is repeated after its markers were lost", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dataDir = mkdtempSync(join(tmpdir(), "lotse-reminders-"));
    const clock = new ManualClock(new Date("2026-11-05T17:00:00Z"));
    const first = await testLotse({ clock, store: await Store.open({ dataDir }) });
    const sent = capture(first.lotse);
    await deliverReminders(first.lotse);
    expect(jourFixe(sent)).toHaveLength(2);
    // Simulate the worst moment of a crash: the markers are gone, the outbox already delivered.
    for (const key of ["discord:3002", "slack:#lotse-berlin"]) {
      for (const o of ["P7D", "P1D"]) await first.lotse.store.ns("reminders").delete(`jour-fixe-berlin-nord@2026-11-12T18:00|${o}|${key}`);
    }
    await first.lotse.close();
    const second = await testLotse({ clock, store: await Store.open({ dataDir }) });
    for (const platform of ["discord", "telegram", "slack"] as const) second.lotse.outbox.register(platform, { send: async (to, reply) => void sent.push({ to, reply }) });
    await deliverReminders(second.lotse);
    expect(jourFixe(sent)).toHaveLength(2);
    await second.lotse.close();
  });
});
