import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { TicketError, Tickets } from "../../src/escalation/tickets.js";
import { Store } from "../../src/store/store.js";
import { silentLogger } from "../helpers.js";

function setup() {
  const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const tickets = new Tickets(Store.memory(), clock, silentLogger);
  const create = () => tickets.create({ question: "Frage [Name]", topic: "duldung", region: "bayern", lang: "de", origin: { platform: "telegram", chatId: "1", userId: "1" }, priority: "normal" });
  return { clock, tickets, create };
}

describe("tickets", () => {
  it("follows the state machine and records who and when", async () => {
    const { tickets, create, clock } = setup();
    const t = await create();
    await tickets.transition(t.id, "claimed", "U_COORD1", { claimedBy: "U_COORD1" });
    clock.advance(60_000);
    await tickets.answer(t.id, "Antwort", "U_COORD1");
    await tickets.followUp(t.id, "Rückfrage");
    const after = await tickets.get(t.id);
    expect(after!.status).toBe("claimed");
    expect(after!.history.map((h) => `${h.status}:${h.by}`)).toEqual(["open:volunteer", "claimed:U_COORD1", "answered:U_COORD1", "claimed:volunteer"]);
    expect(after!.history[2]!.at).toBe("2026-11-17T09:01:00.000Z");
    await tickets.transition(t.id, "referred", "U_COORD1", { referredTo: "anwalt" });
    await expect(tickets.transition(t.id, "claimed", "U_COORD1")).rejects.toThrow(TicketError); // closed: only reopening leads back
    await expect(tickets.answer(t.id, "zu spät", "U_COORD1")).rejects.toThrow(/closed/);
  });

  it("closes idle answered tickets and deletes closed ones after the retention period", async () => {
    const { tickets, create, clock } = setup();
    const idle = await create();
    await tickets.answer(idle.id, "Antwort", "U1");
    const open = await create();
    await tickets.setExternal(open.id, "C1", "1.0");
    clock.advance(15 * 86_400_000);
    expect(await tickets.sweep(14, 90)).toEqual({ closed: 1, deleted: 0 });
    expect((await tickets.get(idle.id))!.status).toBe("resolved");
    expect((await tickets.get(open.id))!.status).toBe("open"); // nobody answered yet: stays open
    clock.advance(91 * 86_400_000);
    expect(await tickets.sweep(14, 90)).toEqual({ closed: 0, deleted: 1 });
    expect(await tickets.get(idle.id)).toBeUndefined();
    expect((await tickets.all()).map((t) => t.id)).toEqual([open.id]);
    expect((await tickets.byExternal("C1", "1.0"))?.id).toBe(open.id);
  });
});
