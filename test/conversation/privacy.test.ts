import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Lotse } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import { Store } from "../../src/store/store.js";
import { address, buttonsOf, press, realKnowledge, testConfig, testLotse, text, textOf } from "../helpers.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("privacy", () => {
  it("never writes message text to the logs, at any level", async () => {
    let captured = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        captured += chunk.toString();
        done();
      },
    });
    const logger = pino({ level: "trace" }, sink);
    const lotse: Lotse = await Lotse.create(testConfig(), logger, { store: Store.memory(), clock: new ManualClock(new Date("2026-11-17T09:00:00Z")), knowledge: realKnowledge() });
    const me = address("logs");
    // Planted: a rare name, a street, and (in the edited hand-over) special-category details.
    const secret = "Familie Zzyzxowa aus der Musterstrasse 12 braucht einen Kitaplatz";
    const [reply] = await lotse.receive(text(me, secret));
    const [offer] = await lotse.receive(press(me, buttonsOf(reply!).find((b) => b.label === "Ansprechperson fragen")!.id));
    await lotse.receive(press(me, buttonsOf(offer!).find((b) => b.label === lotse.t("de", "buttons.editQuestion"))!.id));
    const [edited] = await lotse.receive(text(me, `${secret}, die Mutter hat Epilepsie und ist Jesidin`));
    await lotse.receive(press(me, buttonsOf(edited!).find((b) => b.style === "primary")!.id));
    expect(captured).toContain("ticket created"); // the logger did receive events
    expect(captured).not.toMatch(/Zzyzxowa|Musterstrasse|Epilepsie|Jesidin/);
  });

  it("lets conversation state expire, after which old buttons do nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-01T10:00:00Z"));
    const { lotse } = await testLotse({ env: { CONVERSATION_TTL_DAYS: "30" } });
    const me = address("ttl");
    const [reply] = await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?"));
    const up = buttonsOf(reply!).find((b) => b.label.includes("👍"))!;
    vi.setSystemTime(new Date("2026-12-02T10:00:00Z"));
    expect(await lotse.store.ns("conversations").get("web:ttl")).toBeUndefined();
    const [expired] = await lotse.receive(press(me, up.id));
    expect(textOf(expired!)).toMatch(/abgelaufen/);
  });

  it("shows who runs the instance and for how long data is kept, from configuration", async () => {
    const { lotse } = await testLotse({ env: { OPERATOR_NAME: "Flüchtlingshilfe Musterstadt e. V.", OPERATOR_CONTACT: "dsb@musterstadt.example.org", CONVERSATION_TTL_DAYS: "14" } });
    const [reply] = await lotse.receive({ kind: "command", address: address("p"), command: "privacy", args: "" });
    expect(textOf(reply!)).toMatch(/Flüchtlingshilfe Musterstadt e\. V\./);
    expect(textOf(reply!)).not.toMatch(/e\. V\.\./); // one full stop, not two
    expect(textOf(reply!)).toMatch(/dsb@musterstadt\.example\.org/);
    expect(textOf(reply!)).toMatch(/nach 14 Tagen gelöscht/);
  });
});
