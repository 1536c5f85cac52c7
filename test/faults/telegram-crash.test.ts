// Issue 13, case 2: Telegram webhook on a real process. Two quick messages from one chat, the first
// reply's send hangs at Telegram, kill -9, and Telegram redelivers both updates to the restarted
// process: each is answered exactly once, in order. The same with long polling. Before the fix the
// second was never answered: its update was marked seen before it was handled, and the crash lost it.
import { describe, expect, it } from "vitest";
import { until } from "../process-harness.js";
import { Rig, WAIT, cleanupsAfterEach } from "./rig.js";

const cleanup = cleanupsAfterEach();
const HELP = "So hilft Lotse"; // the /help text (locales/de)
const KITA = "Kita"; // in the answer to the question below (topic kita)

describe("Telegram, kill -9 while a send hangs", { timeout: 120_000 }, () => {
  it("answers both updates of a chat exactly once after Telegram redelivers them to the restarted process", async () => {
    const rig = await Rig.open(cleanup);
    const before = await rig.start();
    const chat = 2101;
    // Onboarded before, so the question is answered for Berlin (and the chat's history is known).
    await rig.say(before, chat, "/region berlin-pankow");
    await rig.messagesAtLeast(chat, 1);
    await rig.idle(before);
    const onboarding = rig.messages(chat).length;

    rig.telegram.hang("sendMessage"); // the first reply's send: accepted by Telegram's server, never answered
    const first = rig.update(rig.telegram.message({ chatId: chat, userId: chat, text: "/help", languageCode: "de" }));
    const second = rig.update(rig.telegram.message({ chatId: chat, userId: chat, text: "Wie finde ich einen Kita-Platz für mein Kind?", languageCode: "de" }));
    expect(await rig.deliver(before, first)).toBe(200);
    expect(await rig.deliver(before, second)).toBe(200); // right after: the first reply is still being sent
    await until(() => rig.telegram.hanging === 1, "the first reply's send to hang", WAIT);
    await rig.crash(before);
    await until(() => rig.telegram.abandoned === 1, "the held send to be abandoned", WAIT);
    expect(rig.messages(chat)).toHaveLength(onboarding);

    // Telegram never got an answer to the hanging request's webhook in its view: it redelivers both.
    const after = await rig.start();
    expect(await rig.deliver(after, first)).toBe(200);
    expect(await rig.deliver(after, second)).toBe(200);
    await until(() => rig.messages(chat).length >= onboarding + 2, "both replies", WAIT);
    await rig.idle(after);
    // Once more, late: still nothing new.
    expect(await rig.deliver(after, second)).toBe(200);
    await rig.idle(after);

    const replies = rig.messages(chat).slice(onboarding).map((m) => m.text);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain(HELP);
    expect(replies[1]).toContain(KITA);
    expect(rig.sends(chat, HELP)).toHaveLength(2); // the abandoned attempt and the delivery
    expect(rig.telegram.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat)).toHaveLength(onboarding + 3);
  });

  it("long polling: both updates of a batch are answered exactly once after kill -9 and a restart", async () => {
    const rig = await Rig.open(cleanup);
    const polling = { TELEGRAM_WEBHOOK_URL: "" }; // no webhook: grammY's long polling
    const before = await rig.start(polling);
    const chat = 2102;
    rig.telegram.push(rig.telegram.message({ chatId: chat, userId: chat, text: "/region berlin-pankow", languageCode: "de" }));
    await rig.messagesAtLeast(chat, 1);
    await rig.idle(before);
    const onboarding = rig.messages(chat).length;

    rig.telegram.hang("sendMessage");
    rig.telegram.push(rig.telegram.message({ chatId: chat, userId: chat, text: "/help", languageCode: "de" }));
    const last = rig.telegram.push(rig.telegram.message({ chatId: chat, userId: chat, text: "Wie finde ich einen Kita-Platz für mein Kind?", languageCode: "de" }));
    await until(() => rig.telegram.hanging === 1, "the first reply's send to hang", WAIT);
    await rig.crash(before);
    await until(() => rig.telegram.abandoned === 1, "the held send to be abandoned", WAIT);

    // Whatever the dead process confirmed or not: the new one gets the unconfirmed updates again.
    const restarted = rig.telegram.calls.length;
    const after = await rig.start(polling);
    await until(() => rig.messages(chat).length >= onboarding + 2, "both replies", WAIT);
    // Both updates confirmed (by the dead process after handling them, or by the new one), the new one
    // polling: Telegram has nothing left to redeliver. And everything queued is sent.
    const polls = (from: number) => rig.telegram.calls.slice(from).filter((c) => c.method === "getUpdates");
    await until(() => polls(0).some((c) => Number(c.body.offset) > last) && polls(restarted).length > 0, "both updates confirmed", WAIT);
    await rig.idle(after);

    const replies = rig.messages(chat).slice(onboarding).map((m) => m.text);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain(HELP);
    expect(replies[1]).toContain(KITA);
  });
});
