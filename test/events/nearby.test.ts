import { describe, expect, it } from "vitest";
import { concerns, regionsOfMeeting, subscriptionCovers } from "../../src/events/nearby.js";

const lands = [
  { id: "berlin", regions: [{ id: "berlin-pankow" }, { id: "berlin-neukoelln" }] },
  { id: "bayern", regions: [{ id: "bayern-nuernberg" }] },
  { id: "andere", regions: [] },
];

describe("which meetings concern a volunteer", () => {
  it("gives a district its own meetings and its whole Land's, not those held for other districts", () => {
    const neukoelln = ["berlin-neukoelln", "berlin"];
    expect(concerns(["berlin-neukoelln"], neukoelln, lands)).toBe(true);
    expect(concerns(["berlin"], neukoelln, lands)).toBe(true);
    expect(concerns(["berlin", "bayern", "andere"], neukoelln, lands)).toBe(true);
    expect(concerns(["berlin-pankow", "berlin"], neukoelln, lands)).toBe(false);
    expect(concerns(["bayern"], neukoelln, lands)).toBe(false);
  });

  it("gives someone who chose a whole Land every meeting held in it", () => {
    expect(concerns(["berlin-pankow"], ["berlin"], lands)).toBe(true);
    expect(concerns(["berlin"], ["berlin"], lands)).toBe(true);
    expect(concerns(["bayern-nuernberg"], ["berlin"], lands)).toBe(false);
    expect(concerns(["andere"], ["andere"], lands)).toBe(true);
  });

  it("subscribes to the districts a meeting is held for, or else to the Länder it names", () => {
    expect(regionsOfMeeting(["berlin-pankow", "berlin"], lands)).toEqual(["berlin-pankow"]);
    expect(regionsOfMeeting(["berlin", "bayern"], lands)).toEqual(["berlin", "bayern"]);
  });

  it("matches subscriptions with the region tree, and by plain ids without it", () => {
    const sub = { regions: ["berlin-neukoelln", "berlin"], types: [] };
    expect(subscriptionCovers(sub, { regions: ["berlin-pankow", "berlin"], type: "jour-fixe" }, lands)).toBe(false);
    expect(subscriptionCovers(sub, { regions: ["berlin-pankow", "berlin"], type: "jour-fixe" })).toBe(true);
    expect(subscriptionCovers({ regions: [], types: ["werkstatt"] }, { regions: ["bayern"], type: "jour-fixe" }, lands)).toBe(false);
    expect(subscriptionCovers({ regions: [], types: [] }, { regions: ["bayern"], type: "jour-fixe" }, lands)).toBe(true);
  });
});
