import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { Calendar, loadEvents, toLocal } from "../../src/events/calendar.js";
import { icsFeed } from "../../src/events/ics.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/paths.js";
import { Store } from "../../src/store/store.js";

function calendar(now = "2026-11-21T12:00:00Z") {
  const problems: import("../../src/knowledge/load.js").Problem[] = [];
  const { events, targets } = loadEvents(DEFAULT_KNOWLEDGE_DIR, problems);
  expect(problems).toEqual([]);
  return new Calendar(events, targets, Store.memory(), new ManualClock(new Date(now)));
}

describe("calendar", () => {
  it("keeps an 18:00 Jour fixe at 18:00 Berlin time across both daylight-saving changes", async () => {
    const cal = calendar();
    const occ = await cal.occurrences(new Date("2026-02-01T00:00:00Z"), new Date("2026-11-30T00:00:00Z"), { types: ["jour-fixe"] });
    expect(occ.map((o) => toLocal(o.start))).toEqual([
      "2026-02-12T18:00", "2026-03-12T18:00", "2026-04-09T18:00", "2026-05-14T18:00", "2026-06-11T18:00",
      "2026-07-09T18:00", "2026-08-13T18:00", "2026-09-10T18:00", "2026-10-08T18:00", "2026-11-12T18:00",
    ]);
    // Winter 17:00 UTC, summer 16:00 UTC: the same wall-clock time.
    expect(occ[1]!.start.toISOString()).toBe("2026-03-12T17:00:00.000Z");
    expect(occ[2]!.start.toISOString()).toBe("2026-04-09T16:00:00.000Z");
  });

  it("skips excluded dates, and applies cancellations and moves from the store", async () => {
    const cal = calendar();
    const december = () => cal.occurrences(new Date("2026-12-01T00:00:00Z"), new Date("2027-02-28T00:00:00Z"), { types: ["jour-fixe"] });
    expect((await december()).map((o) => o.originalLocal)).toEqual(["2027-01-14T18:00", "2027-02-11T18:00"]); // 10 Dec excluded
    await cal.cancel("jour-fixe-berlin-nord", "2027-01-14T18:00");
    await cal.move("jour-fixe-berlin-nord", "2027-02-11T18:00", "2027-02-12T19:00");
    const changed = await december();
    expect(changed.map((o) => [o.originalLocal, toLocal(o.start), o.moved])).toEqual([["2027-02-11T18:00", "2027-02-12T19:00", true]]);
    const withCancelled = await cal.occurrences(new Date("2027-01-01T00:00:00Z"), new Date("2027-01-31T00:00:00Z"), { types: ["jour-fixe"], includeCancelled: true });
    expect(withCancelled[0]).toMatchObject({ cancelled: true });
  });

  it("filters by region and type, and lists the next meetings", async () => {
    const cal = calendar();
    const next = await cal.upcoming(3, { regions: ["bayern"] });
    expect(next).toHaveLength(3);
    expect(next.every((o) => o.event.regions.includes("bayern"))).toBe(true);
    expect(next[0]!.start.getTime()).toBeGreaterThan(new Date("2026-11-21T12:00:00Z").getTime());
  });
});

describe("iCalendar feed", () => {
  it("round-trips: parsing the feed gives the same occurrences, with TZID Europe/Berlin and stable UIDs", async () => {
    const cal = calendar();
    await cal.cancel("jour-fixe-berlin-nord", "2027-01-14T18:00");
    await cal.move("jour-fixe-berlin-nord", "2027-02-11T18:00", "2027-02-12T19:00");
    const feed = await icsFeed(cal, { region: "berlin" });
    expect(feed).toContain("BEGIN:VTIMEZONE");
    expect(feed).toContain("TZID:Europe/Berlin");
    expect(feed).toContain("UID:jour-fixe-berlin-nord@lotse");
    expect(await icsFeed(cal, { region: "berlin" })).toBe(feed); // same calendar state, same feed: stable UIDs and content

    const component = new ICAL.Component(ICAL.parse(feed));
    const tz = component.getFirstSubcomponent("vtimezone");
    if (tz) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const from = new Date("2026-11-21T00:00:00Z");
    const to = new Date("2027-03-31T00:00:00Z");
    const parsed: string[] = [];
    for (const vevent of component.getAllSubcomponents("vevent")) {
      const event = new ICAL.Event(vevent);
      if (!event.summary.startsWith("Jour fixe")) continue;
      if (event.isRecurring()) {
        const it = event.iterator();
        for (let next = it.next(); next && next.toJSDate() < to; next = it.next()) {
          const d = next.toJSDate();
          if (d >= from) parsed.push(toLocal(d));
        }
      } else parsed.push(toLocal(event.startDate.toJSDate()));
    }
    const expected = (await cal.occurrences(from, to, { types: ["jour-fixe"] })).map((o) => toLocal(o.start));
    expect(parsed.sort()).toEqual(expected.sort());
    expect(expected).toEqual(["2027-02-12T19:00", "2027-03-11T18:00"]); // Dec excluded, Jan cancelled, Feb moved
  });
});
