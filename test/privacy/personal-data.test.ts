import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import type { Reply } from "../../src/core/message.js";
import { ERASED_TEXT } from "../../src/privacy/personal-data.js";
import type { UserDataExport } from "../../src/privacy/personal-data.js";
import { createHttpApp } from "../../src/adapters/index.js";
import { address, buttonsOf, command, press, testLotse, text, textOf } from "../helpers.js";

/** Onboards a volunteer to Berlin-Pankow, subscribes, and hands a question over: a ticket exists. */
async function volunteerWithTicket(lotse: Awaited<ReturnType<typeof testLotse>>["lotse"], who = address("erase-me")) {
  await lotse.receive(command(who, "region", "berlin-pankow"));
  await lotse.receive(command(who, "subscribe"));
  const [offer] = await lotse.receive(command(who, "contact", "Familie Qwertzuiop braucht Hilfe beim Widerspruch gegen den Bescheid"));
  const [created] = await lotse.receive(press(who, buttonsOf(offer!).find((b) => b.style === "primary")!.id));
  const ticketId = created!.meta?.ticketId ?? (await lotse.tickets.all())[0]!.id;
  return { who, ticketId };
}

const exported = (reply: Reply) => JSON.parse(reply.attachment!.content) as UserDataExport;

describe("/my_data", () => {
  it("exports profile, conversation, subscriptions and own tickets as a JSON file, and nothing of other users", async () => {
    const { lotse } = await testLotse();
    const { who, ticketId } = await volunteerWithTicket(lotse);
    await volunteerWithTicket(lotse, address("someone-else"));
    const [reply] = await lotse.receive(command(who, "my_data"));
    expect(reply!.attachment).toMatchObject({ name: "lotse-web-data.json", mime: "application/json" });
    const data = exported(reply!);
    expect(data.user).toEqual({ platform: "web", userId: "erase-me" });
    expect(data.profile?.region).toBe("berlin-pankow");
    expect(data.subscriptions).toHaveLength(1);
    expect(data.tickets.map((t) => t.id)).toEqual([ticketId]);
    expect(data.tickets[0]!.messages[0]!.text).toMatch(/Widerspruch/);
    expect(reply!.attachment!.content).not.toContain("someone-else");
  });
});

describe("/delete_me", () => {
  it("asks first; cancelling keeps everything", async () => {
    const { lotse } = await testLotse();
    const { who } = await volunteerWithTicket(lotse);
    const [ask] = await lotse.receive(command(who, "delete_me"));
    expect(buttonsOf(ask!)).toHaveLength(2);
    const [kept] = await lotse.receive(press(who, buttonsOf(ask!).find((b) => b.style !== "danger")!.id));
    expect(textOf(kept!)).toMatch(/nichts gelöscht/);
    expect(await lotse.store.ns("profiles").get("web:erase-me")).toBeDefined();
    // The confirm button of the same question still works only once it is pressed; cancel did not erase.
    expect((await lotse.tickets.all())[0]!.question).toMatch(/Widerspruch/);
  });

  it("erases profile, conversation, subscriptions and web inbox, strips the ticket's text and closes it", async () => {
    const { lotse } = await testLotse();
    createHttpApp(lotse); // the web chat: its inbox and what the inbox holds about a user
    const { who, ticketId } = await volunteerWithTicket(lotse);
    const other = await volunteerWithTicket(lotse, address("stays"));
    // What the web chat page has received so far.
    await lotse.store.ns("inbox").set("erase-me", { next: 4, messages: [1, 2, 3].map((seq) => ({ seq, reply: { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "Antwort zu Qwertzuiop" }] }] } })) });
    // As the web chat does: the question and the notice go to the page directly, not into the inbox.
    const page = { keep: (r: Reply) => r.meta?.kind === "private" };
    const [ask] = await lotse.receive(command(who, "delete_me"), page);
    // The web chat is not Telegram or Discord: the question says nothing about their chat history.
    expect(textOf(ask!)).not.toMatch(/Telegram|Discord/);
    const [done] = await lotse.receive(press(who, buttonsOf(ask!).find((b) => b.style === "danger")!.id), page);
    expect(textOf(done!)).toMatch(/gelöscht \(1 Vorgang ohne Text behält/); // one case: singular
    const [telegramAsk] = await lotse.receive(command(address("tg-user", "telegram"), "delete_me"));
    expect(textOf(telegramAsk!)).toMatch(/Telegram/);
    expect(await lotse.store.ns("profiles").get("web:erase-me")).toBeUndefined();
    expect(await lotse.store.ns("conversations").get("web:erase-me")).toBeUndefined();
    // The messages are gone; the counter stays, so the open page still sees what comes next.
    expect(await lotse.store.ns("inbox").get("erase-me")).toEqual({ next: 4, messages: [] });
    const subs = (await lotse.store.ns<{ address: { userId: string } }[]>("subscriptions").get("all")) ?? [];
    expect(subs.map((s) => s.address.userId)).toEqual(["stays"]);
    const ticket = (await lotse.tickets.get(ticketId))!;
    expect(ticket.status).toBe("resolved");
    expect(ticket.question).toBe(ERASED_TEXT);
    expect(ticket.messages.every((m) => m.from !== "volunteer" || m.text === ERASED_TEXT)).toBe(true);
    expect(JSON.stringify(ticket)).not.toMatch(/erase-me|Qwertzuiop/);
    // Metadata for statistics stays.
    expect(ticket.region).toBe("berlin-pankow");
    // The other volunteer's ticket is untouched.
    expect((await lotse.tickets.get(other.ticketId))!.question).toMatch(/Widerspruch/);
    // Afterwards the export is empty.
    const [after] = await lotse.receive(command(who, "my_data"));
    const data = exported(after!);
    expect(data.profile).toBeNull();
    expect(data.subscriptions).toEqual([]);
    expect(data.tickets).toEqual([]);
  });

  it("a forged or foreign confirm button erases nothing", async () => {
    const { lotse } = await testLotse();
    const victim = await volunteerWithTicket(lotse, address("victim"));
    const [ask] = await lotse.receive(command(victim.who, "delete_me"));
    const confirm = buttonsOf(ask!).find((b) => b.style === "danger")!.id;
    const attacker = address("attacker");
    const [refused] = await lotse.receive(press(attacker, confirm));
    expect(textOf(refused!)).toMatch(/für jemand anderen/); // someone else's button: it says so, and does nothing
    const [forged] = await lotse.receive(press(attacker, "b1"));
    expect(textOf(forged!)).toMatch(/abgelaufen/);
    expect(await lotse.store.ns("profiles").get("web:victim")).toBeDefined();
    expect((await lotse.tickets.get(victim.ticketId))!.question).toMatch(/Widerspruch/);
  });
});

describe("rate limit", () => {
  it("answers up to the limit, asks once to slow down, ignores the rest of the minute, and recovers", async () => {
    const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
    const { lotse } = await testLotse({ clock, env: { RATE_LIMIT_PER_MINUTE: "5" } });
    const me = address("flood");
    const replies: Reply[][] = [];
    for (let i = 0; i < 8; i++) replies.push(await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?")));
    expect(replies.slice(0, 5).every((r) => r.length > 0 && r[0]!.meta?.kind !== "error")).toBe(true);
    expect(replies[5]).toHaveLength(1);
    expect(textOf(replies[5]![0]!)).toMatch(/pro Minute/);
    expect(replies.slice(6).every((r) => r.length === 0)).toBe(true);
    // Another user is not affected.
    expect((await lotse.receive(text(address("calm"), "Wie finde ich einen Kita-Platz?")))[0]!.meta?.kind).not.toBe("error");
    clock.advance(60_000);
    expect((await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?")))[0]!.meta?.kind).not.toBe("error");
  });
});

describe("retention", () => {
  it("deletes closed tickets after TICKET_RETENTION_DAYS, keeps younger ones", async () => {
    const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
    const { lotse } = await testLotse({ clock, env: { TICKET_RETENTION_DAYS: "90" } });
    const { ticketId } = await volunteerWithTicket(lotse);
    await lotse.tickets.transition(ticketId, "resolved", "test");
    clock.advance(89 * 86_400_000);
    expect(await lotse.tickets.sweep(14, 90)).toEqual({ closed: 0, deleted: 0 });
    clock.advance(2 * 86_400_000);
    expect(await lotse.tickets.sweep(14, 90)).toEqual({ closed: 0, deleted: 1 });
    expect(await lotse.tickets.get(ticketId)).toBeUndefined();
    expect(await lotse.tickets.all()).toEqual([]);
  });
});
