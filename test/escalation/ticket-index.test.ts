import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { Tickets } from "../../src/escalation/tickets.js";
import { Store } from "../../src/store/store.js";
import { silentLogger } from "../helpers.js";

function setup(store = Store.memory()) {
  const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const tickets = new Tickets(store, clock, silentLogger);
  let n = 0;
  const create = () => tickets.create({ question: "Frage [Name]", topic: "duldung", region: "bayern", lang: "de", origin: { platform: "telegram", chatId: String(++n), userId: String(n) }, priority: "normal" });
  return { clock, store, tickets, create };
}

const ids = (list: { id: string }[]) => list.map((t) => t.id).sort();

describe("ticket index by state", () => {
  it("lists tickets by their current state through every transition and deletion", async () => {
    const { tickets, create, clock } = setup();
    const [a, b, c] = [await create(), await create(), await create()];
    await tickets.transition(b.id, "claimed", "U1", { claimedBy: "U1" });
    await tickets.answer(c.id, "Antwort", "U1");
    expect(ids(await tickets.inStates(["open"]))).toEqual([a.id]);
    expect(ids(await tickets.inStates(["claimed", "answered"]))).toEqual([b.id, c.id].sort());
    expect(await tickets.countByState()).toMatchObject({ open: 1, claimed: 1, answered: 1, resolved: 0, referred: 0 });

    await tickets.followUp(c.id, "Noch was"); // answered → claimed
    await tickets.transition(a.id, "referred", "U1", { referredTo: "anwalt" });
    expect(ids(await tickets.active())).toEqual([b.id, c.id].sort());
    expect(ids(await tickets.inStates(["referred"]))).toEqual([a.id]);

    clock.advance(100 * 86_400_000); // past retention: the referred one is deleted by the sweep
    await tickets.sweep(14, 90);
    expect(await tickets.inStates(["referred"])).toEqual([]);
    expect((await tickets.countByState()).referred).toBe(0);
  });

  it("reads the active states without loading closed tickets", async () => {
    const { tickets, create } = setup();
    const open = await create();
    const closed = [await create(), await create(), await create()];
    for (const t of closed) await tickets.transition(t.id, "resolved", "U1");
    await tickets.active(); // the one-time indexing of older tickets (once per store) is not what this measures
    const get = vi.spyOn(tickets, "get");
    expect(ids(await tickets.active())).toEqual([open.id]);
    expect(get.mock.calls.map(([id]) => id)).toEqual([open.id]);
  });

  it("indexes tickets stored before the per-state sets existed, once", async () => {
    const store = Store.memory();
    const first = setup(store);
    const [a, b] = [await first.create(), await first.create()];
    await first.tickets.transition(b.id, "resolved", "U1");
    // As an older version left them: records and the "all" index, no state sets, no version mark.
    for (const status of ["open", "resolved"]) for (const id of [a.id, b.id]) await store.sets("tickets").remove(`state:${status}`, id);
    await store.ns("meta").delete("tickets:index-version");

    const later = setup(store); // a new process
    expect(ids(await later.tickets.inStates(["open"]))).toEqual([a.id]);
    expect(ids(await later.tickets.inStates(["resolved"]))).toEqual([b.id]);
    expect(await store.ns("meta").get("tickets:index-version")).toBe("1");
  });

  it("never lists a ticket under a state it left, even when a crash left it in two sets", async () => {
    const { tickets, create, store } = setup();
    const t = await create();
    // A crash after joining the new state's set and before saving the record:
    await store.sets("tickets").add("state:claimed", t.id);
    expect(ids(await tickets.inStates(["open"]))).toEqual([t.id]);
    expect(await tickets.inStates(["claimed"])).toEqual([]);
    // The transition completes later: now it is claimed only.
    await tickets.transition(t.id, "claimed", "U1", { claimedBy: "U1" });
    expect(await tickets.inStates(["open"])).toEqual([]);
    expect(ids(await tickets.inStates(["claimed"]))).toEqual([t.id]);
  });

  it("moves the change marker on every change, and only then", async () => {
    const { tickets, create } = setup();
    const before = await tickets.changeMarker();
    const t = await create();
    const afterCreate = await tickets.changeMarker();
    expect(afterCreate).not.toBe(before);
    expect(await tickets.changeMarker()).toBe(afterCreate); // reading does not move it
    await tickets.answer(t.id, "Antwort", "U1");
    expect(await tickets.changeMarker()).not.toBe(afterCreate);
  });

  it("keeps the index inside a unit of work: a failed unit leaves no trace in it", async () => {
    const { tickets, create, store } = setup();
    const t = await create();
    await expect(
      store.unit(async () => {
        await tickets.transition(t.id, "claimed", "U1", { claimedBy: "U1" });
        throw new Error("crash before commit");
      }),
    ).rejects.toThrow("crash before commit");
    expect(ids(await tickets.inStates(["open"]))).toEqual([t.id]);
    expect(await tickets.inStates(["claimed"])).toEqual([]);
  });
});
