import { describe, expect, it } from "vitest";
import { createHttpApp } from "../src/adapters/index.js";
import { factsOf, setupGaps } from "../src/setup-check.js";
import { testLotse } from "./helpers.js";

describe("what is still example data", () => {
  it("names the example operator, contacts and meetings, and a desk nobody sees; /readyz says not configured", async () => {
    const { lotse } = await testLotse();
    const gaps = await setupGaps(factsOf(lotse), { slack: false });
    expect(gaps.map((g) => g.kind)).toEqual(["operator", "contacts", "events", "desk"]);
    const ready = (await (await createHttpApp(lotse).request("/readyz")).json()) as { status: string; configured: boolean; reasons: string[] };
    expect(ready).toMatchObject({ status: "ready", configured: false });
    expect(ready.reasons.join("\n")).toMatch(/OPERATOR_NAME[\s\S]*contacts\.yaml[\s\S]*events\.yaml[\s\S]*desk invite/);
  });

  it("is quiet about what a deployment has set: its operator, and a coordinator at the web desk", async () => {
    const { lotse } = await testLotse({ env: { OPERATOR_NAME: "Flüchtlingshilfe Musterstadt e.V.", OPERATOR_CONTACT: "datenschutz@fluechtlingshilfe-musterstadt.de" } });
    await lotse.accounts.create({ name: "Koordination Pankow", regions: ["berlin-pankow"] }, 3600_000);
    const gaps = await setupGaps(factsOf(lotse), { slack: false });
    expect(gaps.map((g) => g.kind)).toEqual(["contacts", "events"]);
    expect((await setupGaps({ ...factsOf(lotse), events: [] }, { slack: true })).map((g) => g.kind)).toEqual(["contacts"]);
  });
});
