import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { TelegramAdapter } from "../../../src/adapters/telegram/adapter.js";
import { CALLBACK_DATA_MAX_BYTES } from "../../../src/adapters/telegram/render.js";
import { createHttpApp } from "../../../src/adapters/index.js";
import { FakeTelegram, type RecordedCall } from "../../fakes/telegram-api.js";
import type { Block } from "../../../src/core/message.js";
import { testLotse } from "../../helpers.js";

/** The first words of an entry's "Mehr" details, as a reader sees them. */
function firstDetail(blocks: Block[]): string {
  const first = blocks[0]!;
  const spans = first.type === "list" ? first.items[0]! : first.type === "more" ? [] : first.spans;
  return spans.map((s) => s.text).join("").slice(0, 20);
}

/**
 * /topics, the folded "Mehr" and the typing indicator on Telegram: real grammY against the local
 * Bot API fake, in webhook mode (so a test can deliver the same update twice, as Telegram does
 * when an answer to its webhook went missing).
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SECRET = "s3cret-s3cret-s3cret";

async function setup() {
  const fake = await FakeTelegram.start();
  const { lotse } = await testLotse();
  const adapter = new TelegramAdapter(lotse, { token: fake.token, apiRoot: fake.apiRoot, throttle: false, webhookUrl: "https://lotse.example.org/telegram/webhook", webhookSecret: SECRET });
  const app = createHttpApp(lotse, (http) => http.post(adapter.webhookPath!, adapter.webhookHandler()));
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve(info.port));
  });
  await adapter.start();
  cleanups.push(async () => {
    await adapter.stop();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    await fake.stop();
  });
  let nextId = 5000;
  /** Delivers an update by webhook; `updateId` repeats an earlier one. */
  const deliver = (update: Record<string, unknown>, updateId = nextId++) => fake.deliverWebhook(`http://127.0.0.1:${port}/telegram/webhook`, { ...update, update_id: updateId }, SECRET);
  return { fake, lotse, deliver };
}

type Key = { text: string; callback_data?: string; url?: string };
const keyboardRows = (call: RecordedCall) => ((call.body.reply_markup as { inline_keyboard?: Key[][] } | undefined)?.inline_keyboard ?? []);
const keys = (call: RecordedCall) => keyboardRows(call).flat();
const sends = (fake: FakeTelegram, chat: number) => fake.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat);
const edits = (fake: FakeTelegram, chat: number) => fake.calls.filter((c) => c.method === "editMessageText" && Number(c.body.chat_id) === chat);
const typings = (fake: FakeTelegram, chat: number) => fake.calls.filter((c) => c.method === "sendChatAction" && Number(c.body.chat_id) === chat);
const lastMessageId = (fake: FakeTelegram, chat: number) => Number(fake.messagesIn(chat).at(-1)!.message_id);

/** Telegram's limits on an inline keyboard, checked on every keyboard the bot sent. */
function expectWithinLimits(call: RecordedCall) {
  expect(keys(call).length).toBeLessThanOrEqual(100);
  for (const key of keys(call)) if (key.callback_data !== undefined) expect(Buffer.byteLength(key.callback_data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
}

describe("Telegram: /topics", () => {
  it("browses areas, pages and topics in one message edited in place, and a topic gets its answer", async () => {
    const { fake, deliver } = await setup();
    const chat = 701;
    await deliver(fake.message({ chatId: chat, userId: chat, text: "/topics", languageCode: "de" }));
    const [list] = await fake.waitFor(() => sends(fake, chat).length >= 1).then(() => sends(fake, chat));
    expect(String(list!.body.text)).toMatch(/Was Lotse weiß/);
    expectWithinLimits(list!);
    expect(keys(list!).map((k) => k.text)).toContain("Asylverfahren & Aufenthalt (18)");
    const listId = lastMessageId(fake, chat);

    // An area with many topics: its first page replaces the list, one topic a row, with the way on.
    await deliver(fake.callback({ chatId: chat, userId: chat, messageId: listId, data: keys(list!).find((k) => k.text.startsWith("Asylverfahren"))!.callback_data! }));
    const page1 = await fake.waitFor((c) => c.method === "editMessageText" && Number(c.body.message_id) === listId);
    expect(String(page1.body.text)).toMatch(/Seite 1 von 2/);
    expectWithinLimits(page1);
    expect(keyboardRows(page1).slice(0, -1).every((row) => row.length === 1)).toBe(true);
    expect(keyboardRows(page1).at(-1)!.map((k) => k.text)).toEqual(["Weiter →", "↑ Alle Bereiche"]);

    await deliver(fake.callback({ chatId: chat, userId: chat, messageId: listId, data: keys(page1).find((k) => k.text === "Weiter →")!.callback_data! }));
    const page2 = await fake.waitFor((c) => c.method === "editMessageText" && /Seite 2 von 2/.test(String(c.body.text)));
    expectWithinLimits(page2);
    const dublin = keys(page2).find((k) => /Dublin/.test(k.text)) ?? keys(page1).find((k) => /Dublin/.test(k.text))!;
    expect(sends(fake, chat)).toHaveLength(1); // browsing sent no new message

    // A topic: its answer as a new message, as if asked, with the list left in place.
    await deliver(fake.callback({ chatId: chat, userId: chat, messageId: listId, data: dublin.callback_data! }));
    const [, answer] = await fake.waitFor(() => sends(fake, chat).length >= 2).then(() => sends(fake, chat));
    expect(String(answer!.body.text)).toMatch(/Dublin/);
    expect(String(answer!.body.text)).toMatch(/Stand: .*keine Rechtsberatung/);
    expect(keys(answer!).map((k) => k.text)).toEqual(expect.arrayContaining(["👍 Hilfreich", "Ansprechperson fragen"]));
    // Browsing is not a question: no typing indicator.
    expect(typings(fake, chat)).toHaveLength(0);
  });

  it("answers a pressed list button of someone else in a group with a notice, changing nothing", async () => {
    const { fake, deliver } = await setup();
    const group = -100701;
    await deliver(fake.message({ chatId: group, userId: 11, chatType: "supergroup", text: "/topics" }));
    await fake.waitFor(() => sends(fake, group).length >= 1);
    const list = sends(fake, group)[0]!;
    const listId = lastMessageId(fake, group);
    await deliver(fake.callback({ chatId: group, userId: 12, messageId: listId, data: keys(list)[0]!.callback_data! }));
    const notice = await fake.waitFor((c) => c.method === "answerCallbackQuery" && typeof c.body.text === "string");
    expect(String(notice.body.text)).toMatch(/jemand anderen|someone else/);
    expect(edits(fake, group)).toHaveLength(0);
  });
});

describe("Telegram: the folded 'Mehr'", () => {
  it("shows the main text with a 'Mehr' button that edits the same message to the full text, and back", async () => {
    const { fake, deliver, lotse } = await setup();
    const chat = 702;
    await deliver(fake.message({ chatId: chat, userId: chat, text: "Wie finde ich einen Kita-Platz für ein Kind?", languageCode: "de" }));
    const [answer] = await fake.waitFor(() => sends(fake, chat).length >= 1).then(() => sends(fake, chat));
    const entry = lotse.knowledge.kb.topics.get("kita")!.entries.get("de")!;
    const detail = firstDetail(entry.moreBlocks);
    const folded = fake.messagesIn(chat).at(-1)!;
    expect(String(folded.text)).not.toContain(detail);
    expect(String(answer!.body.text)).not.toMatch(/blockquote/);
    expect(keyboardRows(answer!)[0]!.map((k) => k.text)).toEqual(["▼ Mehr"]);
    const answerId = lastMessageId(fake, chat);

    await deliver(fake.callback({ chatId: chat, userId: chat, messageId: answerId, data: keys(answer!).find((k) => k.text === "▼ Mehr")!.callback_data! }));
    const unfolded = await fake.waitFor((c) => c.method === "editMessageText" && Number(c.body.message_id) === answerId);
    const shown = fake.messagesIn(chat).find((m) => Number(m.message_id) === answerId)!;
    expect(String(shown.text)).toContain(detail);
    expect(String(shown.text)).toMatch(/Stand: /);
    expect(keyboardRows(unfolded)[0]!.map((k) => k.text)).toEqual(["▲ Weniger"]);
    expect(sends(fake, chat)).toHaveLength(1); // edited in place, nothing new

    // The old "Mehr" pressed again (a double tap): nothing breaks, still one message.
    await deliver(fake.callback({ chatId: chat, userId: chat, messageId: answerId, data: keys(answer!).find((k) => k.text === "▼ Mehr")!.callback_data! }));
    await fake.waitFor(() => edits(fake, chat).length >= 2);
    // "Weniger" folds it again.
    await deliver(fake.callback({ chatId: chat, userId: chat, messageId: answerId, data: keys(unfolded).find((k) => k.text === "▲ Weniger")!.callback_data! }));
    await fake.waitFor(() => edits(fake, chat).length >= 3);
    await expect.poll(() => String(fake.messagesIn(chat).find((m) => Number(m.message_id) === answerId)!.text)).not.toContain(detail);
    expect(sends(fake, chat)).toHaveLength(1);
    // A forged press changes nothing.
    await deliver(fake.callback({ chatId: chat, userId: chat, messageId: answerId, data: "AAAAAAAAAAAA" }));
    await fake.waitFor((c) => c.method === "answerCallbackQuery" && /abgelaufen|jemand anderen/.test(String(c.body.text ?? "")));
    expect(edits(fake, chat)).toHaveLength(3);
  });
});

describe("Telegram: typing while answering", () => {
  it("sends 'typing' once per answered question, not again for a redelivered update, and not for a silent group message", async () => {
    const { fake, deliver } = await setup();
    const chat = 703;
    await deliver(fake.message({ chatId: chat, userId: chat, text: "Wie finde ich einen Kita-Platz?" }), 9001);
    await fake.waitFor(() => sends(fake, chat).length >= 1);
    expect(typings(fake, chat)).toHaveLength(1);
    expect(typings(fake, chat)[0]!.body.action).toBe("typing");
    // Telegram delivers the same update again: handled once, no second indicator, no second answer.
    expect(await deliver(fake.message({ chatId: chat, userId: chat, text: "Wie finde ich einen Kita-Platz?" }), 9001)).toBe(200);
    await deliver(fake.message({ chatId: chat, userId: chat, text: "Was ist eine Duldung?" }), 9002);
    await fake.waitFor(() => sends(fake, chat).length >= 2);
    expect(typings(fake, chat)).toHaveLength(2);
    expect(sends(fake, chat)).toHaveLength(2);

    // In a forum topic: in that topic. A group message not addressed to Lotse gets neither.
    const group = -100703;
    await deliver(fake.message({ chatId: group, userId: 21, chatType: "supergroup", threadId: 7, text: "Wie finde ich einen Kita-Platz?" }));
    await deliver(fake.message({ chatId: group, userId: 21, chatType: "supergroup", threadId: 7, text: "Wie finde ich einen Kita-Platz?", mention: true }));
    await fake.waitFor(() => sends(fake, group).length >= 1);
    expect(typings(fake, group)).toHaveLength(1);
    expect(typings(fake, group)[0]!.body.message_thread_id).toBe(7);
  });

  it("still delivers the answer when sendChatAction fails", async () => {
    const { fake, deliver } = await setup();
    const chat = 704;
    fake.failNext("sendChatAction", { error_code: 500, description: "Internal Server Error" });
    await deliver(fake.message({ chatId: chat, userId: chat, text: "Wie finde ich einen Kita-Platz?" }));
    const [answer] = await fake.waitFor(() => sends(fake, chat).length >= 1).then(() => sends(fake, chat));
    expect(String(answer!.body.text)).toMatch(/Kita/);
    expect(typings(fake, chat)).toHaveLength(1);
    // A hanging typing call holds nothing up either.
    fake.hang("sendChatAction");
    await deliver(fake.message({ chatId: chat, userId: chat, text: "Was ist eine Duldung?" }));
    await fake.waitFor(() => sends(fake, chat).length >= 2);
    expect(fake.hanging).toBe(1);
    fake.release();
  });
});
