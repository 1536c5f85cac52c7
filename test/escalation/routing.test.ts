import { describe, expect, it } from "vitest";
import { nextOpening, Routing } from "../../src/escalation/routing.js";
import { realKnowledge } from "../helpers.js";

const routing = new Routing(realKnowledge().contacts);

describe("routing", () => {
  it("routes a region to its own contact, else its Land's, else the default", () => {
    expect(routing.route("berlin-pankow").contact.email).toBe("bfe-nord@example.org");
    expect(routing.route("berlin-mitte").contact.email).toBe("ehrenamt-berlin@example.org");
    expect(routing.route("bayern").contact.email).toBe("integrationslotsen-bayern@example.org");
    expect(routing.route("nowhere").contact.email).toBe("koordination@example.org");
    expect(routing.route(undefined).land).toBeUndefined();
    expect(routing.landOf("niedersachsen-peine")).toBe("niedersachsen");
  });

  it("uses example addresses only", () => {
    const contacts = realKnowledge().contacts;
    const all = [contacts.default, ...contacts.lands.flatMap((l) => [l.contact, ...l.regions.map((r) => r.contact)])].filter(Boolean);
    for (const c of all) expect(c!.email ?? "x@example.org").toMatch(/@example\.org$/);
  });
});

describe("office hours", () => {
  const contact = { role: "r", name: "n", office_hours: { mon: "09:00-16:00", fri: "09:00-13:00" } };

  it("is open inside office hours (Berlin time)", () => {
    const opening = nextOpening(contact, new Date("2026-11-23T08:30:00Z")); // Monday 09:30 CET
    expect(opening?.open).toBe(true);
  });

  it("names the next opening outside office hours", () => {
    const opening = nextOpening(contact, new Date("2026-11-20T12:30:00Z")); // Friday 13:30 CET
    expect(opening?.open).toBe(false);
    expect(opening?.at.toISO()).toBe("2026-11-23T09:00:00.000+01:00");
  });

  it("keeps local time across the change to summer time", () => {
    const opening = nextOpening(contact, new Date("2026-03-27T14:00:00Z")); // Friday before the change
    expect(opening?.at.toISO()).toBe("2026-03-30T09:00:00.000+02:00");
  });
});
