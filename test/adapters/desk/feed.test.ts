import { describe, expect, it, vi } from "vitest";
import type { Hono } from "hono";
import type { Lotse } from "../../../src/app.js";
import type { ManualClock } from "../../../src/core/clock.js";
import { createHttpApp } from "../../../src/adapters/index.js";
import { deskFeed } from "../../../src/adapters/desk/feed.js";
import { webDeskFront } from "../../../src/adapters/desk/front.js";
import { Store } from "../../../src/store/store.js";
import { testLotse } from "../../helpers.js";
import { ORIGIN, signedIn, ticketFor, volunteer } from "./helpers.js";

/** Reads server-sent events one at a time (no timers: a missing event fails by the test's timeout). */
function sse(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<{ event: string; data: string } | undefined> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const raw = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (raw.startsWith(":")) continue; // keep-alive
          const field = (name: string) => raw.split("\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? "";
          return { event: field("event"), data: field("data") };
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

async function subscribe(app: Hono, cookie: string) {
  const res = await app.request(`${ORIGIN}/desk/events`, { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
  const stream = sse(res);
  expect((await stream.next())?.event).toBe("ready");
  return stream;
}

const changedId = (e: { event: string; data: string } | undefined) => (e?.event === "changed" ? (JSON.parse(e.data) as { ticket: string }).ticket : e?.event);

async function setup(store?: Store) {
  const { lotse, clock } = (await testLotse({ manualDelivery: true, noDesk: true, ...(store ? { store } : {}) })) as { lotse: Lotse; clock: ManualClock };
  // Checks only when the test asks (poll()): no wall-clock timing in these tests.
  const feed = deskFeed(lotse, { pollMs: 3_600_000, keepAliveMs: 3_600_000 });
  lotse.relay.add(webDeskFront(lotse));
  return { lotse, clock, feed, app: createHttpApp(lotse) };
}

describe("web desk live feed", () => {
  it("pushes a new ticket to a coordinator of its region after the commit, not to one of another region", async () => {
    const { lotse, app, feed } = await setup();
    const berlin = await subscribe(app, (await signedIn(app, lotse, ["berlin"])).cookie);
    const bavaria = await subscribe(app, (await signedIn(app, lotse, ["bayern"], "Ben")).cookie);
    expect(feed.size).toBe(2);

    // A change rolled back is never announced.
    await expect(lotse.store.unit(async () => {
      await lotse.tickets.create({ question: "rolled back", topic: null, region: "berlin-neukoelln", lang: "de", origin: volunteer(9), priority: "normal" });
      throw new Error("rollback");
    })).rejects.toThrow("rollback");

    const neukoelln = await ticketFor(lotse, "berlin-neukoelln");
    expect(changedId(await berlin.next())).toBe(neukoelln.id);
    const munich = await ticketFor(lotse, "bayern-muenchen-stadt", "Deutschkurs?", volunteer(2));
    // Bavaria's first event is its own ticket: Berlin's was never sent there.
    expect(changedId(await bavaria.next())).toBe(munich.id);

    // A follow-up and a coordinator's action are pushed too.
    await lotse.store.unit(() => lotse.tickets.followUp(neukoelln.id, "Noch eine Frage"));
    expect(changedId(await berlin.next())).toBe(neukoelln.id);
    // Pushed changes are not announced again by the next check.
    await feed.poll();
    const another = await ticketFor(lotse, "berlin-mitte", "Kita?", volunteer(3));
    expect(changedId(await berlin.next())).toBe(another.id);
    await berlin.cancel();
    await bavaria.cancel();
  });

  it("finds a change made by a second instance on the shared store at the next check", async () => {
    const store = Store.memory();
    const first = await setup(store);
    const second = await testLotse({ store, manualDelivery: true, noDesk: true });
    const existing = await ticketFor(first.lotse, "berlin-neukoelln");
    const stream = await subscribe(first.app, (await signedIn(first.app, first.lotse, ["berlin"])).cookie);

    await first.feed.poll(); // nothing changed: nothing sent
    const elsewhere = await ticketFor(second.lotse, "berlin-pankow", "Wohnung?", volunteer(4));
    await second.lotse.store.unit(() => second.lotse.desk.claim({ id: "desk:other", sees: () => true }, existing.id));
    await first.feed.poll();
    const announced = [changedId(await stream.next()), changedId(await stream.next())];
    expect(announced.sort()).toEqual([existing.id, elsewhere.id].sort());

    // Another region's change on the other instance is not announced.
    await ticketFor(second.lotse, "bayern-muenchen-stadt", "Bayern?", volunteer(5));
    await first.feed.poll();
    const last = await ticketFor(second.lotse, "berlin-mitte", "Mitte?", volunteer(6));
    await first.feed.poll();
    expect(changedId(await stream.next())).toBe(last.id);
    await stream.cancel();
  });

  it("looks at tickets only when the shared change marker moved: an idle check is one read", async () => {
    const { lotse, app, feed } = await setup();
    await ticketFor(lotse, "berlin-neukoelln");
    const stream = await subscribe(app, (await signedIn(app, lotse, ["berlin"])).cookie);
    await feed.poll(); // the first check after a subscription looks anyway
    const all = vi.spyOn(lotse.tickets, "all");
    await feed.poll();
    await feed.poll();
    expect(all).not.toHaveBeenCalled();
    const next = await ticketFor(lotse, "berlin-mitte", "Mitte?", volunteer(7));
    await feed.poll();
    expect(all).toHaveBeenCalledTimes(1);
    expect(changedId(await stream.next())).toBe(next.id);
    await stream.cancel();
  });

  it("ends a stream when its session expires, and every stream on close()", async () => {
    const { lotse, clock, app, feed } = await setup();
    const early = await subscribe(app, (await signedIn(app, lotse, ["berlin"])).cookie);
    clock.advance(lotse.config.DESK_SESSION_HOURS * 3600_000 - 60_000);
    const late = await subscribe(app, (await signedIn(app, lotse, ["berlin"], "Ben")).cookie);
    clock.advance(120_000);
    await feed.poll();
    expect(await early.next()).toBeUndefined();
    expect(feed.size).toBe(1);
    feed.close();
    expect(await late.next()).toBeUndefined();
    expect(feed.size).toBe(0);
    // After shutdown a new subscription ends at once.
    const res = await app.request(`${ORIGIN}/desk/events`, { headers: { cookie: (await signedIn(app, lotse, ["berlin"], "Cem")).cookie } });
    expect(await sse(res).next()).toBeUndefined();
  });
});
