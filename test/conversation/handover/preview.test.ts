import { describe, expect, it } from "vitest";
import type { Address, Reply } from "../../../src/core/message.js";
import type { Ticket } from "../../../src/escalation/tickets.js";
import { RESUME_CODE_KIND } from "../../../src/conversation/resume-codes.js";
import { address, buttonsOf, command, press, testLotse, text, textOf } from "../../helpers.js";

// A resume code is handed to the web page directly, as the web chat does: never queued.
const keep = { keep: (r: Reply) => r.meta?.kind === RESUME_CODE_KIND };
const CASE = "Frau K. hat eine Ablehnung vom Jobcenter. Soll sie Widerspruch einlegen?";
const PHONE = "0176 12345678";
const MAIL = "k.mueller@example.org";

async function preview(me: Address) {
  const { lotse } = await testLotse();
  const created: Ticket[] = [];
  lotse.tickets.onCreated((t) => void created.push(t));
  await lotse.receive(command(me, "language", "de"));
  await lotse.receive(command(me, "region", "berlin-pankow"));
  const offer = (await lotse.receive(text(me, CASE))).at(-1)!;
  expect(offer.meta?.action).toBe("escalate");
  const [send, edit, cancel] = buttonsOf(offer);
  expect(send!.style).toBe("primary");
  expect([edit!.label, cancel!.label]).toEqual(["Frage ändern", "Abbrechen"]);
  return { lotse, created, offer, send: send!, edit: edit!, cancel: cancel! };
}

describe("the hand-over preview", () => {
  it("edit: the next message replaces the question, redacted again in the preview and in the ticket", async () => {
    const me = address("edit");
    const { lotse, created, send, edit } = await preview(me);
    const [prompt] = await lotse.receive(press(me, edit.id));
    expect(textOf(prompt!)).toMatch(/nächsten Nachricht/);
    // The old preview's buttons are gone: its Send no longer sends.
    const [stale] = await lotse.receive(press(me, send.id));
    expect(stale!.meta?.kind).toBe("error");
    expect(textOf(stale!)).toMatch(/abgelaufen/);
    expect(created).toHaveLength(0);

    const [again] = await lotse.receive(text(me, `Frau K. bittet um Rückruf unter ${PHONE} oder ${MAIL} wegen des Widerspruchs.`));
    expect(again!.meta?.action).toBe("escalate");
    expect(textOf(again!)).toMatch(/\[Telefon\].*\[E-Mail\]/);
    expect(JSON.stringify(again)).not.toContain("12345678");
    expect(JSON.stringify(again)).not.toContain(MAIL);
    const buttons = buttonsOf(again!);
    expect(buttons.map((b) => b.label)).toEqual(["Ja, an Ansprechperson weitergeben", "Frage ändern", "Abbrechen"]);

    const replies = await lotse.receive(press(me, buttons[0]!.id), keep);
    expect(created).toHaveLength(1);
    expect(textOf(replies[0]!)).toContain(created[0]!.id);
    const stored = (await lotse.tickets.get(created[0]!.id))!;
    expect(stored.question).toMatch(/Rückruf unter \[Telefon\] oder \[E-Mail\]/);
    expect(JSON.stringify(stored)).not.toMatch(/12345678|k\.mueller/);
  });

  it("edit applies to the next text only: a command in between leaves the preview behind", async () => {
    const me = address("edit-then-help");
    const { lotse, created, edit } = await preview(me);
    await lotse.receive(press(me, edit.id));
    await lotse.receive(command(me, "help"));
    const [answer] = await lotse.receive(text(me, "Wie finde ich einen Kita-Platz?"));
    expect(answer!.meta?.action).toBe("answer");
    expect(created).toHaveLength(0);
  });

  it("cancel: nothing is sent, a short confirmation, and the old buttons have expired", async () => {
    const me = address("cancel");
    const { lotse, created, send, edit, cancel } = await preview(me);
    const [cancelled] = await lotse.receive(press(me, cancel.id));
    expect(textOf(cancelled!)).toMatch(/nichts wurde weitergegeben/);
    expect(buttonsOf(cancelled!)).toHaveLength(0);
    for (const old of [send, edit, cancel]) {
      const [expired] = await lotse.receive(press(me, old.id));
      expect(textOf(expired!)).toMatch(/abgelaufen/);
    }
    expect(created).toHaveLength(0);
    expect(await lotse.tickets.all()).toHaveLength(0);
  });

  it("opens exactly one ticket however often the confirmation is pressed or retried", async () => {
    const me = address("twice");
    const { lotse, created, send, edit } = await preview(me);
    const first = await lotse.receive(press(me, send.id), { ...keep, cause: "web:twice:1" });
    expect(first[0]!.meta?.ticketId).toBe(created[0]!.id);
    // The same request again (a retry): handled once, nothing new.
    expect(await lotse.receive(press(me, send.id), { ...keep, cause: "web:twice:1" })).toEqual([]);
    // A second press: the button has expired, and so have the preview's others.
    const [second] = await lotse.receive(press(me, send.id), keep);
    expect(second!.meta?.kind).toBe("error");
    const [editAfter] = await lotse.receive(press(me, edit.id), keep);
    expect(editAfter!.meta?.kind).toBe("error");
    // Two presses at the same moment: the user's lock serialises them, the second finds no button.
    const offer = (await lotse.receive(text(me, CASE))).at(-1)!;
    const sendAgain = buttonsOf(offer)[0]!;
    await Promise.all([lotse.receive(press(me, sendAgain.id), keep), lotse.receive(press(me, sendAgain.id), keep)]);
    expect(created).toHaveLength(2); // one for the first preview, one for the second
  });

  it("works the same on other platforms (neutral buttons), without a resume code", async () => {
    const me: Address = { platform: "telegram", chatId: "4711", userId: "4711" };
    const { lotse, created, edit } = await preview(me);
    await lotse.receive(press(me, edit.id));
    const [again] = await lotse.receive(text(me, `Rückruf bitte unter ${PHONE}`));
    expect(textOf(again!)).toContain("[Telefon]");
    const replies = await lotse.receive(press(me, buttonsOf(again!)[0]!.id), keep);
    expect(created).toHaveLength(1);
    expect(replies).toHaveLength(1);
    expect(replies.some((r) => r.meta?.kind === RESUME_CODE_KIND)).toBe(false);
  });
});
