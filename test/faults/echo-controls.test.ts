// Issue 13, minor point: text Lotse shows again loses bidi controls (U+202A–U+202E, U+2066–U+2069),
// which make "fdp.exe" read as "exe.pdf", and invisible zero-width characters, which hide words from
// a reader (src/core/sanitize.ts). Real process; the volunteer on Telegram, coordinators on Slack.
import { describe, expect, it } from "vitest";
import { until } from "../process-harness.js";
import { NORD, Rig, WAIT, cleanupsAfterEach, keyboard } from "./rig.js";

const cleanup = cleanupsAfterEach();
const CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]/;
const CONTROLS_ALL = new RegExp(CONTROLS.source, "g");
/** A right-to-left override around "fdp.exe" (shown as "exe.pdf"), an isolate and a zero-width space. */
const DISGUISED = "Rechnung \u202efdp.exe\u202c, \u2066Anhang\u2069 und\u200b Frist";

describe("bidi controls and invisible characters in echoed text", { timeout: 120_000 }, () => {
  it("a coordinator's answer reaches the volunteer without them", async () => {
    const rig = await Rig.open(cleanup);
    const lotse = await rig.start();
    const chat = 8101;
    const { ts } = await rig.handOver(lotse, chat);
    expect(await rig.reply(lotse, rig.threadReply(ts, `Antwort-8101: ${DISGUISED}`), { eventId: "EvEcho1" })).toBe(200);
    await until(() => rig.shown(chat, "Antwort-8101").length > 0, "the answer", WAIT);
    const [answer] = rig.shown(chat, "Antwort-8101");
    expect(answer!.text).toContain("Rechnung fdp.exe, Anhang und Frist");
    expect(answer!.text).not.toMatch(CONTROLS);
  });

  // Found by this test: the volunteer's own text kept them (redact() did not call plainEcho()), in the
  // preview shown to the volunteer and on the ticket card in Slack. redact() now cleans its input first.
  it("the volunteer's question in the hand-over preview and on the Slack card comes without them", async () => {
    const rig = await Rig.open(cleanup);
    const lotse = await rig.start();
    const chat = 8102;
    await rig.say(lotse, chat, "/region berlin-pankow");
    await rig.messagesAtLeast(chat, 1);
    await rig.say(lotse, chat, `Meine Nachbarin hat eine ${DISGUISED} vom Jobcenter bekommen. Soll sie Widerspruch einlegen?`);
    const offered = () => rig.messages(chat).find((m) => keyboard(m).some((b) => b.text === "Ja, an Ansprechperson weitergeben"));
    await until(() => offered() !== undefined, "the hand-over offer", WAIT);
    await rig.press(lotse, chat, "Ja, an Ansprechperson weitergeben");
    await until(() => rig.slack.messagesIn(NORD).length > 0, "the ticket card", WAIT);
    const card = JSON.stringify(rig.slack.messagesIn(NORD)[0]!.blocks); // JSON keeps these characters as they are

    expect(offered()!.text.replace(CONTROLS_ALL, "")).toContain("Rechnung fdp.exe, Anhang und Frist"); // the text itself is there
    expect(offered()!.text).not.toMatch(CONTROLS);
    expect(card.replace(CONTROLS_ALL, "")).toContain("Rechnung fdp.exe, Anhang und Frist");
    expect(card).not.toMatch(CONTROLS);
  });
});
