import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import type { Reply } from "../../src/core/message.js";
import { Desk, DeskError, type Coordinator } from "../../src/escalation/desk.js";
import type { Ticket } from "../../src/escalation/tickets.js";
import { testLotse, textOf } from "../helpers.js";

/** The desk's own rules, once for every front-end (Slack, the web desk): who sees what, and what each action does. */
async function setup() {
  const clock = new ManualClock(new Date("2026-11-17T09:00:00Z")); // a Tuesday, 10:00 in Berlin
  const { lotse } = await testLotse({ clock, manualDelivery: true });
  const delivered: { chatId: string; reply: Reply }[] = [];
  lotse.outbox.register("telegram", { send: async (to, reply) => void delivered.push({ chatId: to.chatId, reply }) });
  const open = (region: string | null, chatId: string, priority: Ticket["priority"] = "normal") =>
    lotse.tickets.create({ question: `Frage aus ${region}`, topic: "duldung", region, lang: "de", origin: { platform: "telegram", chatId, userId: chatId }, priority });
  const of = (...regions: string[]): Coordinator => ({ id: `c-${regions.join("+")}`, sees: (t) => !!t.region && regions.includes(t.region) });
  return { lotse, clock, delivered, open, of };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => "done", (e: unknown) => (e instanceof DeskError ? e.reason : `unexpected ${String(e)}`));

describe("the coordinators' desk", () => {
  it("shows a coordinator only the tickets of their regions; another region's ticket does not exist for them", async () => {
    const { lotse, open, of } = await setup();
    const pankow = await open("berlin-pankow", "1");
    const passau = await open("bayern-passau", "2");
    const berlin = of("berlin-pankow");
    expect((await lotse.desk.list(berlin)).map((t) => t.id)).toEqual([pankow.id]);
    expect((await lotse.desk.ticket(berlin, pankow.id)).id).toBe(pankow.id);
    for (const act of [
      () => lotse.desk.ticket(berlin, passau.id),
      () => lotse.desk.claim(berlin, passau.id),
      () => lotse.desk.answer(berlin, passau.id, "Antwort"),
      () => lotse.desk.refer(berlin, passau.id, "anwalt"),
      () => lotse.desk.close(berlin, passau.id),
      () => lotse.desk.reopen(berlin, passau.id),
      () => lotse.desk.suggestFaq(berlin, passau.id),
      () => lotse.desk.ticket(berlin, "L-NOPE00"),
      () => lotse.desk.ticket(berlin, "../../etc"),
    ]) expect(await refusal(act())).toBe("notFound");
    expect((await lotse.tickets.get(passau.id))!.status).toBe("open");
  });

  it("lists open tickets first (urgent, then the oldest), closed ones only when asked, and counts per state", async () => {
    const { lotse, clock, open, of } = await setup();
    const first = await open("berlin-pankow", "1");
    clock.advance(60_000);
    const second = await open("berlin-pankow", "2");
    clock.advance(60_000);
    const urgent = await open("berlin-pankow", "3", "urgent");
    const closed = await open("berlin-pankow", "4");
    const me = of("berlin-pankow");
    await lotse.desk.claim(me, first.id);
    await lotse.desk.close(me, closed.id);
    expect((await lotse.desk.list(me)).map((t) => t.id)).toEqual([urgent.id, second.id, first.id]);
    const all = await lotse.desk.list(me, { closed: true });
    expect(all.at(-1)!.id).toBe(closed.id);
    expect(Object.entries(Desk.counts(all)).filter(([, n]) => n > 0)).toEqual([["open", 2], ["claimed", 1], ["resolved", 1]]);
  });

  it("relays an answer to the volunteer once, even when the same answer (same ref) arrives twice", async () => {
    const { lotse, delivered, open, of } = await setup();
    const ticket = await open("berlin-pankow", "42");
    const me = of("berlin-pankow");
    await lotse.desk.claim(me, ticket.id);
    await lotse.desk.answer(me, ticket.id, "Bitte den Bescheid mitbringen.", { ref: "form-1" });
    await lotse.desk.answer(me, ticket.id, "Bitte den Bescheid mitbringen.", { ref: "form-1" });
    await lotse.outbox.flush();
    expect(delivered.filter((d) => textOf(d.reply).includes("Bitte den Bescheid mitbringen."))).toHaveLength(1);
    expect(delivered[0]!.chatId).toBe("42");
    const after = (await lotse.tickets.get(ticket.id))!;
    expect(after.status).toBe("answered");
    expect(after.messages.filter((m) => m.from === "coordinator")).toHaveLength(1);
    expect(await refusal(lotse.desk.answer(me, ticket.id, "   "))).toBe("invalid");
  });

  it("refers once, closes, reopens, and refuses acting on a closed or erased ticket", async () => {
    const { lotse, delivered, open, of } = await setup();
    const me = of("berlin-pankow");
    const ticket = await open("berlin-pankow", "7");
    expect(await refusal(lotse.desk.refer(me, ticket.id, "wahrsager"))).toBe("invalid");
    await lotse.desk.refer(me, ticket.id, "anwalt");
    expect(await refusal(lotse.desk.refer(me, ticket.id, "anwalt"))).toBe("closed"); // referred is closed: the volunteer heard it once
    await lotse.outbox.flush();
    expect(delivered).toHaveLength(1);
    expect(await refusal(lotse.desk.claim(me, ticket.id))).toBe("closed");
    expect((await lotse.desk.reopen(me, ticket.id)).status).toBe("open");
    expect((await lotse.desk.claim(me, ticket.id)).claimedBy).toBe(me.id);
    expect((await lotse.desk.close(me, ticket.id)).status).toBe("resolved");

    const erased = await open("berlin-pankow", "8");
    await lotse.tickets.erase(erased.id, "[gelöscht]");
    expect(await refusal(lotse.desk.answer(me, erased.id, "Antwort"))).toBe("erased");
    expect(await refusal(lotse.desk.reopen(me, erased.id))).toBe("erased");
  });

  it("saves a FAQ draft only from a ticket with an answer", async () => {
    const { lotse, open, of } = await setup();
    const me = of("berlin-pankow");
    const ticket = await open("berlin-pankow", "9");
    expect(await refusal(lotse.desk.suggestFaq(me, ticket.id))).toBe("invalid");
    await lotse.desk.answer(me, ticket.id, "Die Antwort.");
    await lotse.desk.suggestFaq(me, ticket.id);
    expect((await lotse.drafts.all()).map((d) => ({ ticket: d.ticket, answer: d.answer, by: d.by }))).toEqual([{ ticket: ticket.id, answer: "Die Antwort.", by: me.id }]);
  });

  it("reminds of an unclaimed ticket once, after the contact's office hours, and tells the desks", async () => {
    const { lotse, clock, open } = await setup();
    const reminded: string[] = [];
    lotse.relay.add({ name: "probe", reaches: () => false, onTicket: (event, t) => void (event === "reminder" && reminded.push(t.id)) });
    const ticket = await open("berlin-pankow", "5"); // Tuesday 10:00 Berlin time
    clock.advance(2 * 3600_000);
    expect(await lotse.desk.remindUnclaimed()).toBe(0);
    clock.advance(3 * 3600_000);
    expect(await lotse.desk.remindUnclaimed()).toBe(1);
    expect(await lotse.desk.remindUnclaimed()).toBe(0);
    expect(reminded).toEqual([ticket.id]);
  });

  it("counts by state, topic and region over the last days, only what the coordinator may see", async () => {
    const { lotse, clock, open, of } = await setup();
    await open("berlin-pankow", "1");
    clock.advance(40 * 86_400_000);
    await open("berlin-pankow", "2");
    await open("bayern-passau", "3");
    const stats = await lotse.desk.stats(of("berlin-pankow"), 30);
    expect(stats).toMatchObject({ total: 1, byRegion: { "berlin-pankow": 1 }, byTopic: { duldung: 1 } });
    expect(stats.byState.open).toBe(1);
  });
});
