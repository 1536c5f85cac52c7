import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { addressKey } from "../../src/core/message.js";
import { LAST_QUESTION_TTL_MS, questionRecordKey, type QuestionRecord } from "../../src/conversation/question-memory.js";
import { address, buttonsOf, command, press, testLotse, text, textOf } from "../helpers.js";

/**
 * Minimal storage of the last question: it serves a follow-up ("ask my contact person", a bare
 * "I want to talk to someone") for LAST_QUESTION_TTL_MS (1 hour), not for the conversation's
 * 30 days; so do the preview buttons that carry question text. Both clocks are faked: Lotse's
 * (when the question may be used) and Date (when the store lets the record expire on disk).
 */

afterEach(() => {
  vi.useRealTimers();
});

const START = new Date("2026-11-17T09:00:00Z");
const MINUTE = 60_000;

async function setup() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(START);
  const clock = new ManualClock(START);
  const { lotse } = await testLotse({ clock, env: { CONVERSATION_TTL_DAYS: "30" } });
  const later = (ms: number) => {
    clock.advance(ms);
    vi.setSystemTime(clock.now());
  };
  return { lotse, later };
}

describe("the last question", () => {
  it("is an hour long in the store, then gone, even when it was used meanwhile; the conversation lives on", { timeout: 600_000 }, async () => {
    const { lotse, later } = await setup();
    const me = address("forgetful");
    const key = addressKey(me);
    const record = () => lotse.store.ns<QuestionRecord>("conversations").get(questionRecordKey(key));
    expect(LAST_QUESTION_TTL_MS).toBe(60 * MINUTE);

    await lotse.receive(command(me, "language", "de"));
    await lotse.receive(text(me, "Wie bekommt Herr Yilmaz einen Kita-Platz für seine Tochter in Pankow?"));
    expect((await record())?.lastQuestion?.text).toMatch(/Kita-Platz/);
    expect((await record())?.lastQuestion?.text).not.toContain("Yilmaz"); // redacted
    expect(JSON.stringify(await lotse.store.ns("conversations").get(key))).not.toContain("Kita-Platz");

    // 59 minutes later it is still there for a follow-up: /contact without words offers it.
    later(59 * MINUTE);
    const [offer] = await lotse.receive(command(me, "contact"));
    expect(textOf(offer!)).toContain("Kita-Platz");
    const send = buttonsOf(offer!).find((b) => b.style === "primary")!;

    // Using it did not make it live longer: an hour after it was asked, /contact has nothing to offer.
    later(2 * MINUTE);
    const [empty] = await lotse.receive(command(me, "contact"));
    expect(textOf(empty!)).not.toContain("Kita-Platz");

    // The preview shown at minute 59 carries the question for its own hour; after that its button has
    // expired, and the record is gone from the store, not merely unused.
    later(60 * MINUTE);
    const [expired] = await lotse.receive(press(me, send.id));
    expect(textOf(expired!)).toMatch(/abgelaufen/);
    expect(await lotse.tickets.all()).toEqual([]);
    expect(await record()).toBeUndefined();
    // The rest of the conversation (here: the language flow's state) lives its 30 days.
    expect(await lotse.store.ns("conversations").get(key)).toBeDefined();
  });

  it("is gone after its hour for Lotse's own clock, whatever the store's clock says", { timeout: 600_000 }, async () => {
    const clock = new ManualClock(START);
    const { lotse } = await testLotse({ clock });
    const me = address("clockwise");
    await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?"));
    clock.advance(LAST_QUESTION_TTL_MS + MINUTE); // Date.now() stays: the store would still return the record
    expect(await lotse.store.ns<QuestionRecord>("conversations").get(questionRecordKey(addressKey(me)))).toBeDefined();
    const [offer] = await lotse.receive(command(me, "contact"));
    expect(textOf(offer!)).not.toContain("Kita-Platz");
    // The expired record is not written back.
    expect(await lotse.store.ns<QuestionRecord>("conversations").get(questionRecordKey(addressKey(me)))).toBeUndefined();
  });
});
