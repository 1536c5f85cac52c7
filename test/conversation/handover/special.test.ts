import { describe, expect, it } from "vitest";
import { addressKey } from "../../../src/core/message.js";
import { questionRecordKey, type QuestionRecord } from "../../../src/conversation/question-memory.js";
import { address, buttonsOf, command, press, testLotse, text, textOf } from "../../helpers.js";

/**
 * Special categories of personal data (DSGVO Art. 9) in a hand-over: generalised by default, shown
 * to the volunteer, kept only when the volunteer says so; a ticket that keeps them is marked.
 */
async function handOver(keep: boolean) {
  const { lotse } = await testLotse();
  const me = address(`special-${keep}`);
  await lotse.receive(command(me, "language", "de"));
  await lotse.receive(command(me, "region", "berlin-pankow"));
  const offer = (await lotse.receive(text(me, "Frau K. hat eine Ablehnung vom Jobcenter. Soll sie Widerspruch einlegen?"))).at(-1)!;
  const open = buttonsOf(offer).find((b) => b.label === lotse.t("de", "buttons.editQuestion"))!;
  await lotse.receive(press(me, open.id));
  const [preview] = await lotse.receive(text(me, "Frau Rahimi hat Epilepsie und braucht eine Begleitung zum Sozialamt wegen der Kosten für die Medikamente."));
  let current = preview!;
  if (keep) {
    const keepButton = buttonsOf(current).find((b) => b.label === lotse.t("de", "buttons.keepSpecial"))!;
    current = (await lotse.receive(press(me, keepButton.id)))[0]!;
  }
  const send = buttonsOf(current).find((b) => b.style === "primary")!;
  await lotse.receive(press(me, send.id));
  const [ticket] = await lotse.tickets.all();
  return { lotse, preview: preview!, current, ticket: ticket! };
}

describe("special categories in a hand-over", () => {
  it("are generalised by default, and the volunteer is told which details and how to keep them", async () => {
    const { lotse, preview, ticket } = await handOver(false);
    expect(textOf(preview)).toContain("[eine Erkrankung]");
    expect(textOf(preview)).toContain(lotse.t("de", "handover.specialGeneralised", { details: "„Epilepsie“, „Medikamente“" }));
    expect(buttonsOf(preview).some((b) => b.label === lotse.t("de", "buttons.keepSpecial"))).toBe(true);
    expect(ticket.question).not.toMatch(/Epilepsie|Rahimi/);
    expect(ticket.question).toContain("[eine Erkrankung]");
    expect(ticket.special).toBeUndefined();
  });

  it("are kept only after the volunteer chose to keep them, and the ticket is marked for the coordinators", async () => {
    const { lotse, current, ticket } = await handOver(true);
    expect(textOf(current)).toContain(lotse.t("de", "handover.specialKept", { details: "„Epilepsie“, „Medikamente“" }));
    expect(ticket.question).toContain("Epilepsie");
    expect(ticket.question).not.toContain("Rahimi"); // names stay redacted either way
    expect(ticket.special).toBe(true);
  });
});

describe("what the conversation keeps of a question", () => {
  it("is its redacted form: no phone number or name in the stored conversation, a diagnosis only in the keep button", async () => {
    const { lotse } = await testLotse();
    const me = address("minimal");
    await lotse.receive(command(me, "language", "de"));
    // An individual case (a hand-over is offered): a general question that only mentions him is answered instead.
    await lotse.receive(text(me, "Soll Herr Yilmaz (0176 12345678) mit Diabetes gegen die Ablehnung vom Kita-Platz für seine Tochter Widerspruch einlegen? Was ist in seinem Fall besser?"));
    const stored = (await lotse.store.ns("conversations").get(addressKey(me)))!;
    // Question text lives only in the short-lived record (question-memory.ts), redacted.
    const questions = (await lotse.store.ns<QuestionRecord>("conversations").get(questionRecordKey(addressKey(me))))!;
    expect(questions.lastQuestion?.text).toMatch(/Kita-Platz/);
    expect(JSON.stringify(stored)).not.toMatch(/Kita-Platz|Diabetes/);
    expect(JSON.stringify([stored, questions])).not.toMatch(/12345678|Yilmaz/);
    // The diagnosis stays only in the preview's "keep" button (what keeping needs), nowhere else.
    const buttons = Object.values(questions.buttons ?? {}) as unknown as { do: string }[];
    expect(buttons.some((b) => b.do === "handoverSpecial")).toBe(true);
    expect(JSON.stringify({ ...questions, buttons: buttons.filter((b) => b.do !== "handoverSpecial") })).not.toMatch(/Diabetes/);
  });
});
