import { describe, expect, it } from "vitest";
import { address, buttonsOf, command, press, testLotse, textOf } from "../helpers.js";

/** "Anderes Bundesland" is a description, not a Land's proper name: volunteers read it in their language. */
describe("the name of 'another Land'", () => {
  it("comes from the locales on the Land buttons and in the region set", async () => {
    const { lotse } = await testLotse();
    const me = address("places1");
    await lotse.receive(command(me, "language", "en"));
    const [question] = await lotse.receive(command(me, "region"));
    const labels = buttonsOf(question!).map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining(["Berlin", "Bayern", "Niedersachsen", "Another federal state"]));
    expect(labels).not.toContain("Anderes Bundesland");
    const [set] = await lotse.receive(press(me, buttonsOf(question!).find((b) => b.label === "Another federal state")!.id));
    expect(textOf(set!)).toMatch(/Your region: Another federal state/);

    const uk = address("places2");
    await lotse.receive(command(uk, "language", "uk"));
    const [ukQuestion] = await lotse.receive(command(uk, "region"));
    expect(buttonsOf(ukQuestion!).map((b) => b.label)).toContain("Інша федеральна земля");
  });

  it("stays German for German volunteers", async () => {
    const { lotse } = await testLotse();
    const [question] = await lotse.receive(command(address("places3"), "region"));
    expect(buttonsOf(question!).map((b) => b.label)).toContain("Anderes Bundesland");
  });
});
