import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderForTerminal } from "../../src/adapters/console/render.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Address, Reply } from "../../src/core/message.js";
import { ownerTag } from "../../src/conversation/state.js";
import type { Subscription } from "../../src/events/reminders.js";
import { createHttpApp } from "../../src/adapters/index.js";
import { address, buttonsOf, command, press, testLotse, textOf } from "../helpers.js";

/**
 * /events near the volunteer: their district's meetings and their whole Land's, "show all" for the
 * rest, and per meeting a "remind me" button (the personal subscription) and an "add to calendar"
 * link (/events/meeting/<id>.ics).
 */

// The meetings of this test, in a folder of their own (KNOWLEDGE_DIR is read for events.yaml only).
const dir = mkdtempSync(join(tmpdir(), "lotse-events-"));
writeFileSync(
  join(dir, "events.yaml"),
  [
    "events:",
    "  - {id: jf-pankow, title: {de: Jour fixe Pankow}, type: jour-fixe, regions: [berlin-pankow, berlin], start: 2026-12-01T18:00, duration: 90, place: Pankow}",
    "  - {id: jf-neukoelln, title: {de: Jour fixe Neukölln}, type: jour-fixe, regions: [berlin-neukoelln], start: 2026-12-03T18:00, duration: 90, place: Neukölln}",
    "  - {id: berlin-weit, title: {de: Fortbildung Berlin}, type: fortbildung, regions: [berlin], start: 2026-12-08T10:00, duration: 240}",
    "  - {id: werkstatt-bayern, title: {de: Werkstatt Bayern}, type: werkstatt, regions: [bayern], start: 2026-12-02T10:00, duration: 120}",
    "targets: {}",
    "",
  ].join("\n"),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date("2026-11-20T09:00:00Z");

async function neukoellnVolunteer(env: Record<string, string> = {}, platform: Address["platform"] = "telegram") {
  const clock = new ManualClock(NOW);
  const { lotse } = await testLotse({ clock, env: { KNOWLEDGE_DIR: dir, ...env } });
  const me = address("nk1", platform);
  await lotse.receive(command(me, "region", "berlin-neukoelln"));
  return { lotse, clock, me };
}

const button = (reply: Reply, label: RegExp) => buttonsOf(reply).find((b) => label.test(b.label));
const subscriptions = (lotse: Awaited<ReturnType<typeof testLotse>>["lotse"]) => lotse.store.ns<Subscription[]>("subscriptions").get("all").then((all) => all ?? []);

describe("/events near the volunteer", () => {
  it("lists the district's and the whole Land's meetings by date, and all of them after 'show all'", async () => {
    const { lotse, me } = await neukoellnVolunteer();
    const [near] = await lotse.receive(command(me, "events"));
    const text = textOf(near!);
    expect(text).toMatch(/Die nächsten Treffen für Neukölln \(Berlin\)/);
    expect(text).toMatch(/Jour fixe Neukölln[\s\S]*Fortbildung Berlin/); // by date
    expect(text).not.toMatch(/Pankow|Bayern/);

    const showAll = button(near!, /Alle Treffen anzeigen/);
    expect(showAll).toBeDefined();
    const [all] = await lotse.receive({ kind: "button", address: me, buttonId: showAll!.id, messageRef: "msg-1" });
    expect(textOf(all!)).toMatch(/Jour fixe Pankow[\s\S]*Werkstatt Bayern[\s\S]*Jour fixe Neukölln[\s\S]*Fortbildung Berlin/);
    expect(all!.replaces).toBe("msg-1"); // the list is replaced in place where the platform can edit
    expect(button(all!, /Nur Treffen meiner Region/)).toBeDefined();
  });

  it("lists every meeting, with a hint, for a volunteer without a region", async () => {
    const clock = new ManualClock(NOW);
    const { lotse } = await testLotse({ clock, env: { KNOWLEDGE_DIR: dir } });
    const [reply] = await lotse.receive(command(address("noregion"), "events"));
    expect(textOf(reply!)).toMatch(/Jour fixe Pankow[\s\S]*Werkstatt Bayern[\s\S]*Jour fixe Neukölln/);
    expect(textOf(reply!)).toMatch(/Mit \/region zeige ich die Treffen Ihrer Region/);
    expect(button(reply!, /Alle Treffen anzeigen/)).toBeUndefined();
  });

  it("subscribes once to a meeting's reminders, however often its button is pressed", async () => {
    const { lotse, clock, me } = await neukoellnVolunteer();
    const sent: { to: Address; reply: Reply }[] = [];
    lotse.outbox.register("telegram", { send: async (to, reply) => void sent.push({ to, reply }) });
    const [list] = await lotse.receive(command(me, "events"));
    const remind = button(list!, /Erinnern \(1\)/)!; // Jour fixe Neukölln, first in the list
    const [first] = await lotse.receive(press(me, remind.id));
    expect(textOf(first!)).toMatch(/Erledigt: Sie bekommen Erinnerungen an „Jour fixe Neukölln“/);
    const [second] = await lotse.receive(press(me, remind.id));
    expect(textOf(second!)).toMatch(/schon/);
    const mine = (await subscriptions(lotse)).filter((s) => s.address.userId === "nk1");
    expect(mine).toHaveLength(1);
    expect(mine[0]!.regions).toEqual(["berlin-neukoelln", "berlin"]);

    // Seven days before each meeting: one reminder of Neukölln's, none of Pankow's (held for another district).
    clock.set(new Date("2026-11-26T17:00:00Z"));
    await lotse.reminders.run();
    await lotse.outbox.flush();
    const toMe = sent.filter((s) => s.to.userId === "nk1" && s.reply.meta?.kind === "reminder").map((s) => textOf(s.reply));
    expect(toMe.filter((t) => /Jour fixe Neukölln/.test(t))).toHaveLength(1);
    expect(toMe.some((t) => /Jour fixe Pankow/.test(t))).toBe(false);
  });

  it("adds the regions of a meeting elsewhere to the subscription, and covers it afterwards", async () => {
    const { lotse, me } = await neukoellnVolunteer();
    await lotse.receive(command(me, "subscribe"));
    const [near] = await lotse.receive(command(me, "events"));
    const [all] = await lotse.receive(press(me, button(near!, /Alle Treffen anzeigen/)!.id));
    const [done] = await lotse.receive(press(me, button(all!, /Erinnern \(1\)/)!.id)); // Jour fixe Pankow
    expect(textOf(done!)).toMatch(/Neukölln \(Berlin\) und Pankow \(Berlin\)/);
    const mine = (await subscriptions(lotse)).filter((s) => s.address.userId === "nk1");
    expect(mine).toEqual([expect.objectContaining({ regions: ["berlin-neukoelln", "berlin", "berlin-pankow"], types: [] })]);
  });

  it("changes nothing for a forged or someone else's meeting button", async () => {
    const { lotse, me } = await neukoellnVolunteer();
    const [list] = await lotse.receive(command(me, "events"));
    const remind = button(list!, /Erinnern \(1\)/)!;
    const other = address("nk2", "telegram");
    const [foreign] = await lotse.receive(press(other, remind.id));
    expect(textOf(foreign!)).toMatch(/gehört zu einer Nachricht für jemand anderen/);
    const [forged] = await lotse.receive(press(me, `AAAAAAAA${ownerTag(me)}`));
    expect(forged!.meta?.kind).toBe("error");
    const [nonsense] = await lotse.receive(press(me, "remind:jf-neukoelln"));
    expect(nonsense!.meta?.kind).toBe("error");
    expect(await subscriptions(lotse)).toEqual([]);
  });

  it("links each meeting's calendar file, served as a valid calendar for published meetings only", async () => {
    const { lotse, me } = await neukoellnVolunteer({ PUBLIC_URL: "https://lotse.example.org/" });
    const [list] = await lotse.receive(command(me, "events"));
    const link = button(list!, /Kalender \(1\)/)!;
    expect(link.url).toBe("https://lotse.example.org/events/meeting/jf-neukoelln.ics?lang=de");

    const app = createHttpApp(lotse);
    const response = await app.request(new URL(link.url!).pathname + new URL(link.url!).search);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    const ics = await response.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toMatch(/UID:jf-neukoelln@lotse/);
    expect(ics).toMatch(/SUMMARY:Jour fixe Neukölln/);
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Berlin:20261203T180000/);

    expect((await app.request("/events/meeting/gibt-es-nicht.ics")).status).toBe(404);
    await lotse.store.ns("events").set("override:jf-neukoelln", { cancelled: [], moved: {}, deleted: true });
    expect((await app.request("/events/meeting/jf-neukoelln.ics")).status).toBe(404);
  });

  it("gives the calendar link relative to the page in the web chat, and none where no address is known", async () => {
    const web = await neukoellnVolunteer({}, "web");
    const [inWeb] = await web.lotse.receive(command(web.me, "events"));
    expect(button(inWeb!, /Kalender \(1\)/)?.url).toBe("/events/meeting/jf-neukoelln.ics?lang=de");
    const telegram = await neukoellnVolunteer();
    const [inTelegram] = await telegram.lotse.receive(command(telegram.me, "events"));
    expect(buttonsOf(inTelegram!).some((b) => b.url)).toBe(false);
    expect(button(inTelegram!, /Erinnern \(1\)/)).toBeDefined();
  });

  it("shows the buttons as numbered choices in the terminal, and the calendar link as its address", async () => {
    const { lotse, me } = await neukoellnVolunteer({ PUBLIC_URL: "https://lotse.example.org" }, "console");
    const [list] = await lotse.receive(command(me, "events"));
    const { text, buttons } = renderForTerminal(list!, 1);
    expect(text).toMatch(/\[1\] 🔔 Erinnern \(1\)/);
    expect(text).toMatch(/→ 📅 Kalender \(1\): https:\/\/lotse\.example\.org\/events\/meeting\/jf-neukoelln\.ics\?lang=de/);
    expect(buttons.every((b) => !b.url)).toBe(true);
  });

  it("speaks the volunteer's language in the list and on its buttons", async () => {
    const { lotse, me } = await neukoellnVolunteer();
    await lotse.receive(command(me, "language", "uk"));
    const [list] = await lotse.receive(command(me, "events"));
    expect(textOf(list!)).toMatch(/Найближчі зустрічі у Вашому регіоні \(Neukölln \(Berlin\)\)/);
    expect(button(list!, /Показати всі зустрічі/)).toBeDefined();
    expect(button(list!, /Нагадати \(2\)/)).toBeDefined();
  });
});
