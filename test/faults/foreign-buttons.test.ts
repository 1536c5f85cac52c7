// Issue 13, case 3: buttons under someone else's message act for nobody. In a Telegram group and
// in a Discord server channel (real processes), user B presses every button under A's answer, and
// B's own pending "erase my data" button where it was not shown: B is told "not for you", nothing
// of A or B changes in the store, nothing is posted to the group; /delete_me there erases nothing.
// Before the fix, ids numbered per user (b1, b2, …) collided: B's 👍 under A's answer ran B's own
// pending erasure, without confirmation, and "your data is deleted" went to the group.
import { describe, expect, it } from "vitest";
import type { FakeDiscord } from "../fakes/discord-api.js";
import { realKnowledge } from "../helpers.js";
import { until } from "../process-harness.js";
import { Rig, WAIT, cleanupsAfterEach, keyboard } from "./rig.js";

const cleanup = cleanupsAfterEach();
const NOT_YOURS = "Dieser Button gehört zu einer Nachricht für jemand anderen. Für Sie tut er nichts."; // errors.notYourButton (de)
const THANKS = "Danke für Ihre Rückmeldung!";
const [A_QUESTION, B_QUESTION] = ["Wo kann man kostenlos Deutsch lernen?", "Wie finde ich einen Kita-Platz für mein Kind?"];

describe("foreign buttons", { timeout: 120_000 }, () => {
  it("Telegram group: B's presses under A's answer and of B's erase button there are refused; nothing changes, nothing is posted", async () => {
    const rig = await Rig.open(cleanup);
    const lotse = await rig.start();
    const snapshot = snapshotOf(rig);
    const [A, B, group] = [3101, 3102, -3100];
    for (const user of [A, B]) {
      await rig.say(lotse, user, "/region berlin-pankow");
      await rig.messagesAtLeast(user, 1);
    }
    await rig.say(lotse, B, "/delete_me"); // B's erase button waits, unpressed, in B's private chat
    const eraseB = keyboard((await rig.messagesAtLeast(B, 2))[1]!).find((b) => b.text === "Ja, alles löschen")!.callback_data!;
    await rig.say(lotse, group, A_QUESTION, { userId: A, chatType: "group", mention: true });
    await rig.messagesAtLeast(group, 1);
    await rig.say(lotse, group, B_QUESTION, { userId: B, chatType: "group", mention: true });
    const [answerA, answerB] = await rig.messagesAtLeast(group, 2);
    await rig.idle(lotse);

    const before = await snapshot(["telegram:3101", "telegram:3102"]);
    const calls = rig.telegram.calls.length;
    const pressA = (data: string, userId: number) => rig.update(rig.telegram.callback({ chatId: group, userId, messageId: answerA!.message_id, data }));
    const presses = [...keyboard(answerA!).map((b) => pressA(b.callback_data!, B)), pressA(eraseB, B), pressA(eraseB, A)];
    expect(presses.length).toBeGreaterThanOrEqual(5); // 👍, 👎, ask a person, related topics, and the erase id twice
    for (const update of presses) expect(await rig.deliver(lotse, update)).toBe(200);
    const answered = () => rig.telegram.calls.slice(calls).filter((c) => c.method === "answerCallbackQuery");
    await until(() => answered().length === presses.length, "every press answered", WAIT);
    await rig.idle(lotse);

    expect(answered().map((c) => c.body.text)).toEqual(presses.map(() => NOT_YOURS));
    expect(rig.telegram.calls.slice(calls).filter((c) => c.method !== "answerCallbackQuery")).toEqual([]); // nothing posted, edited or deleted
    expect(await snapshot(["telegram:3101", "telegram:3102"])).toEqual(before);

    // /delete_me in the group erases nothing (it points to the private chat).
    await rig.say(lotse, group, "/delete_me", { userId: A, chatType: "group" });
    await rig.messagesAtLeast(group, 3);
    await rig.idle(lotse);
    expect(await snapshot(["telegram:3101", "telegram:3102"])).toEqual(before);
    expect(rig.messages(group)[2]!.text).toMatch(/privaten Chat/);

    // Control: B's own 👍 under B's own answer works, and the store shows it.
    await rig.deliver(lotse, rig.update(rig.telegram.callback({ chatId: group, userId: B, messageId: answerB!.message_id, data: keyboard(answerB!).find((b) => b.text.startsWith("👍"))!.callback_data! })));
    await until(() => answered().at(-1)?.body.text === THANKS, "B's own feedback acknowledged", WAIT);
    expect(await snapshot(["telegram:3101", "telegram:3102"])).not.toEqual(before);
  });

  it("Discord server channel: B's presses under A's answer and of B's erase button there are refused; nothing changes, nothing is posted", async () => {
    const rig = await Rig.open(cleanup, { discord: true });
    const lotse = await rig.start();
    const fake = rig.discord!;
    await lotse.waitForLog((l) => l.msg === "discord adapter ready", WAIT);
    const snapshot = snapshotOf(rig);
    const interact = (sent: { id: string }) => answerTo(fake, sent);
    const [A, B, channel] = ["4101", "4102", "3001"];
    for (const userId of [A, B]) await interact(fake.slashCommand({ name: "region", userId, channelId: channel, options: [{ name: "region", type: 3, value: "berlin-pankow" }] }));
    const eraseB = buttons(await interact(fake.slashCommand({ name: "delete_me", userId: B, dm: true }))).find((b) => b.style === 4)!.custom_id!;
    const answerA = await interact(fake.slashCommand({ name: "ask", userId: A, channelId: channel, options: [{ name: "frage", type: 3, value: A_QUESTION }] }));
    const answerB = await interact(fake.slashCommand({ name: "ask", userId: B, channelId: channel, options: [{ name: "frage", type: 3, value: B_QUESTION }] }));
    const [messageA, messageB] = [answerA, answerB].map((a) => fake.messagesIn(channel).findLast((m) => JSON.stringify(m.components).includes(buttons(a)[0]!.custom_id!))!.id);
    await rig.idle(lotse);

    const before = await snapshot(["discord:4101", "discord:4102"]);
    const visible = () => fake.messagesIn(channel).filter((m) => (Number(m.flags) & 64) === 0).length;
    const shownBefore = visible();
    const customIds = [...buttons(answerA).map((b) => b.custom_id!), eraseB];
    expect(customIds.length).toBeGreaterThanOrEqual(4);
    for (const customId of customIds) {
      const refused = await interact(fake.button({ customId, userId: B, channelId: channel, messageId: messageA! }));
      expect(isEphemeral(refused)).toBe(true);
      expect(shown(refused)).toContain("für jemand anderen");
    }
    await rig.idle(lotse);
    expect(visible()).toBe(shownBefore);
    expect(await snapshot(["discord:4101", "discord:4102"])).toEqual(before);

    const inChannel = await interact(fake.slashCommand({ name: "delete_me", userId: A, channelId: channel }));
    expect(isEphemeral(inChannel)).toBe(true);
    expect(shown(inChannel)).toMatch(/privaten Chat/);
    expect(buttons(inChannel)).toEqual([]);
    await rig.idle(lotse);
    expect(await snapshot(["discord:4101", "discord:4102"])).toEqual(before);

    // Control: B's own 👍 under B's own answer works.
    const own = await interact(fake.button({ customId: buttons(answerB).find((b) => b.label.startsWith("👍"))!.custom_id!, userId: B, channelId: channel, messageId: messageB! }));
    expect(shown(own)).toContain(THANKS);
    expect(await snapshot(["discord:4101", "discord:4102"])).not.toEqual(before);
  });
});

/**
 * Everything of these users the store holds, and what every user shares (feedback counts of every
 * topic, the ticket index, meeting subscriptions), as one comparable value. The rate limiter's
 * per-minute counters are left out: counting a press is not acting on it.
 */
function snapshotOf(rig: Rig): (users: string[]) => Promise<unknown> {
  return async (users) => {
    const store = await rig.store();
    const read = (ns: "profiles" | "conversations" | "feedback" | "subscriptions", key: string) => store.ns(ns).get(key);
    return {
      profiles: await Promise.all(users.map((u) => read("profiles", u))),
      conversations: await Promise.all(users.map((u) => read("conversations", u))),
      feedback: await Promise.all([...realKnowledge().kb.topics.keys()].map(async (topic) => [topic, await read("feedback", topic)])),
      tickets: await store.sets("tickets").members("all"),
      subscriptions: await read("subscriptions", "all"),
    };
  };
}

interface Answer { embeds?: { title?: string; description?: string }[]; components?: { components: { custom_id?: string; label: string; style: number }[] }[]; flags?: number }

/** Lotse's answer to an interaction: the reply, or the edit that follows a deferral (ephemeral if the deferral was). */
async function answerTo(fake: FakeDiscord, sent: { id: string }): Promise<Answer> {
  const payloads = () => (fake.interactionResponses(sent.id) as { type?: number; data?: Answer }[]).map((r) => ({ type: r.type, body: r.data ?? (r as Answer) }));
  await until(() => payloads().some((p) => p.body.embeds?.length), `the answer to interaction ${sent.id}`, WAIT);
  const deferredEphemeral = payloads().some((p) => p.type === 5 && ((p.body.flags ?? 0) & 64) === 64);
  const answer = payloads().find((p) => p.body.embeds?.length)!.body;
  return { ...answer, flags: (answer.flags ?? 0) | (deferredEphemeral ? 64 : 0) };
}

const isEphemeral = (a: Answer) => ((a.flags ?? 0) & 64) === 64;
/** The embeds' text as the user reads it (without the backslashes that escape Markdown). */
const shown = (a: Answer) => (a.embeds ?? []).map((e) => `${e.title ?? ""}\n${e.description ?? ""}`).join("\n").replace(/\\(.)/g, "$1");
const buttons = (a: Answer) => a.components?.flatMap((row) => row.components) ?? [];
