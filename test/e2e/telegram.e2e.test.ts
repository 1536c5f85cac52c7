import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { serve, type ServerType } from "@hono/node-server";
import { TelegramAdapter } from "../../src/adapters/telegram/adapter.js";
import type { ManualClock } from "../../src/core/clock.js";
import { createHttpApp } from "../../src/adapters/index.js";
import { FakeTelegram, type RecordedCall } from "../fakes/telegram-api.js";
import { testLotse } from "../helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(options: { webhook?: boolean } = {}) {
  const fake = await FakeTelegram.start();
  const { lotse, clock } = await testLotse();
  let server: ServerType | undefined;
  let webhookUrl: string | undefined;
  const adapter = new TelegramAdapter(lotse, {
    token: fake.token,
    apiRoot: fake.apiRoot,
    throttle: false,
    ...(options.webhook ? { webhookUrl: "https://lotse.example.org/telegram/webhook", webhookSecret: "s3cret-s3cret-s3cret" } : {}),
  });
  if (options.webhook) {
    const app = createHttpApp(lotse, (http) => http.post(adapter.webhookPath!, adapter.webhookHandler()));
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve(info.port));
    });
    webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
  }
  await adapter.start();
  cleanups.push(async () => {
    await adapter.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await fake.stop();
  });
  /** Sends an update the way the mode under test receives it. */
  const deliver = async (update: Record<string, unknown>) => {
    if (options.webhook) return fake.deliverWebhook(webhookUrl!, { update_id: nextId++, ...update }, "s3cret-s3cret-s3cret");
    fake.push(update);
    return 200;
  };
  let nextId = 1000;
  return { fake, lotse, clock: clock as ManualClock, adapter, deliver, webhookUrl };
}

const sends = (fake: FakeTelegram, chatId?: number) => fake.calls.filter((c) => c.method === "sendMessage" && (chatId === undefined || Number(c.body.chat_id) === chatId));
const keyboard = (call: RecordedCall) => ((call.body.reply_markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
const resultId = async (fake: FakeTelegram, chatId: number, index: number) => Number((fake.messagesIn(chatId)[index] as { message_id: number }).message_id);

async function waitForSends(fake: FakeTelegram, chatId: number, count: number) {
  await fake.waitFor(() => sends(fake, chatId).length >= count);
  return sends(fake, chatId);
}

for (const mode of ["polling", "webhook"] as const) {
  describe(`Telegram in ${mode} mode`, () => {
    it("onboards with inline keyboards, answers, clarifies in place, takes feedback and hands over", async () => {
      const { fake, deliver, lotse } = await setup({ webhook: mode === "webhook" });
      const chat = 501;
      await deliver(fake.message({ chatId: chat, userId: chat, text: "/start", languageCode: "de" }));
      const [welcome, languageQuestion] = await waitForSends(fake, chat, 2);
      expect(String(welcome!.body.text)).toMatch(/Willkommen bei Lotse/);
      expect(welcome!.body.parse_mode).toBe("HTML");
      const deutsch = keyboard(languageQuestion!).find((b) => b.text === "Deutsch")!;
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: await resultId(fake, chat, 1), data: deutsch.callback_data! }));
      const landQuestion = (await waitForSends(fake, chat, 4))[3]!;
      const berlin = keyboard(landQuestion).find((b) => b.text === "Berlin")!;
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: await resultId(fake, chat, 3), data: berlin.callback_data! }));
      const regionQuestion = (await waitForSends(fake, chat, 5))[4]!;
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: await resultId(fake, chat, 4), data: keyboard(regionQuestion).find((b) => b.text === "Pankow")!.callback_data! }));
      expect(String((await waitForSends(fake, chat, 6))[5]!.body.text)).toMatch(/Pankow \(Berlin\)/);

      // A question, answered with sources and buttons.
      await deliver(fake.message({ chatId: chat, userId: chat, text: "Wie bekommt die Familie einen Kita-Platz für ihr Kind?" }));
      const answer = (await waitForSends(fake, chat, 7))[6]!;
      expect(String(answer.body.text)).toMatch(/<b>.*Kita/);
      expect(String(answer.body.text)).toMatch(/Stand: .*keine Rechtsberatung/);
      const answerButtons = keyboard(answer);
      expect(answerButtons.map((b) => b.text)).toEqual(expect.arrayContaining(["👍 Hilfreich", "Ansprechperson fragen"]));

      // Feedback edits the answer's keyboard and shows a notice instead of a new message.
      const answerId = await resultId(fake, chat, 6);
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: answerId, data: answerButtons.find((b) => b.text === "👍 Hilfreich")!.callback_data! }));
      const notice = await fake.waitFor((c) => c.method === "answerCallbackQuery" && /Danke/.test(String(c.body.text ?? "")));
      expect(notice).toBeDefined();
      const edited = await fake.waitFor((c) => c.method === "editMessageReplyMarkup" && Number(c.body.message_id) === answerId);
      expect(keyboard(edited).some((b) => b.text.includes("Hilfreich"))).toBe(false);
      expect(sends(fake, chat)).toHaveLength(7);

      // Clarify: the chosen answer replaces the question in place.
      const vague = ["Karte", "Papiere", "Schule", "Wohnung", "Termin"].find((q) => lotse.knowledge.triage.decide(q).action === "clarify")!;
      await deliver(fake.message({ chatId: chat, userId: chat, text: vague }));
      const clarify = (await waitForSends(fake, chat, 8))[7]!;
      const clarifyId = await resultId(fake, chat, 7);
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: clarifyId, data: keyboard(clarify)[0]!.callback_data! }));
      const replaced = await fake.waitFor((c) => c.method === "editMessageText" && Number(c.body.message_id) === clarifyId);
      expect(String(replaced.body.text)).toMatch(/Stand:/);
      expect(sends(fake, chat)).toHaveLength(8);

      // Hand-over: the question is echoed escaped, and a ticket is confirmed.
      // The general information on the topic comes first, then the offer (two messages).
      await deliver(fake.message({ chatId: chat, userId: chat, text: "Frau K. <b>hat</b> <script>x</script> & Ablehnung vom Jobcenter. Soll sie Widerspruch einlegen?" }));
      const offer = (await waitForSends(fake, chat, 10))[9]!;
      expect(String(offer.body.text)).toContain("&lt;b&gt;hat&lt;/b&gt; &lt;script&gt;x&lt;/script&gt; &amp; Ablehnung");
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: await resultId(fake, chat, 9), data: keyboard(offer)[0]!.callback_data! }));
      expect(String((await waitForSends(fake, chat, 11))[10]!.body.text)).toMatch(/Vorgangsnummer: <b>L-[A-Z0-9]{6}<\/b>/);
    });

    it("stays silent in groups unless mentioned, replied to or commanded, and answers in the topic", async () => {
      const { fake, deliver } = await setup({ webhook: mode === "webhook" });
      const group = -100777;
      await deliver(fake.message({ chatId: group, userId: 11, chatType: "supergroup", threadId: 42, text: "Wie finde ich einen Kita-Platz?" }));
      await deliver(fake.message({ chatId: group, userId: 11, chatType: "supergroup", threadId: 42, text: "Wie finde ich einen Kita-Platz?", mention: true }));
      const [reply] = await waitForSends(fake, group, 1);
      expect(reply!.body.message_thread_id).toBe(42);
      expect(String(reply!.body.text)).toMatch(/Kita/);
      expect(sends(fake, group)).toHaveLength(1);

      // /start in a group never onboards the group: it invites to a private chat.
      await deliver(fake.message({ chatId: group, userId: 12, chatType: "supergroup", threadId: 42, text: "/start" }));
      const invitation = (await waitForSends(fake, group, 2))[1]!;
      expect(keyboard(invitation)[0]!.url).toBe(`https://t.me/${fake.botInfo.username}?start=from-group`);
    });

    it("exports the user's data as a JSON document and erases it after confirmation", async () => {
      const { fake, deliver, lotse } = await setup({ webhook: mode === "webhook" });
      const chat = 503;
      await deliver(fake.message({ chatId: chat, userId: chat, text: "/region berlin-pankow" }));
      await waitForSends(fake, chat, 1);
      await deliver(fake.message({ chatId: chat, userId: chat, text: "/my_data" }));
      const doc = await fake.waitFor((c) => c.method === "sendDocument" && Number(c.body.chat_id) === chat);
      const part = String(doc.body.document).replace("attach://", ""); // grammY uploads the file as a named part
      expect(doc.body[part]).toMatchObject({ filename: "lotse-telegram-data.json" });
      await deliver(fake.message({ chatId: chat, userId: chat, text: "/delete_me" }));
      const [, , ask] = await waitForSends(fake, chat, 3);
      expect(keyboard(ask!)).toHaveLength(2);
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: await resultId(fake, chat, 2), data: keyboard(ask!)[0]!.callback_data! }));
      await fake.waitFor(() => sends(fake, chat).some((c) => /gelöscht/.test(String(c.body.text))) || fake.calls.some((c) => c.method === "editMessageText" && /gelöscht/.test(String(c.body.text))));
      expect(await lotse.store.ns("profiles").get(`telegram:${chat}`)).toBeUndefined();
    });

    it("answers forged button data with a friendly notice and acts on nothing", async () => {
      const { fake, deliver, lotse } = await setup({ webhook: mode === "webhook" });
      const chat = 502;
      await deliver(fake.message({ chatId: chat, userId: chat, text: "Wie finde ich einen Kita-Platz?" }));
      await waitForSends(fake, chat, 1);
      await deliver(fake.callback({ chatId: chat, userId: 9999, messageId: await resultId(fake, chat, 0), data: "b2" })); // someone else's id
      await deliver(fake.callback({ chatId: chat, userId: chat, messageId: await resultId(fake, chat, 0), data: "forged:ticket:L-ABCDEF" }));
      const notices = await fake.waitFor((c) => c.method === "answerCallbackQuery" && /abgelaufen|expired/.test(String(c.body.text ?? "")));
      expect(notices).toBeDefined();
      await fake.waitFor(() => fake.calls.filter((c) => c.method === "answerCallbackQuery").length >= 2);
      expect(sends(fake, chat)).toHaveLength(1);
      expect(await lotse.store.ns("feedback").get("kita")).toBeUndefined();
    });
  });
}

describe("Telegram webhook security and duplicates", () => {
  it("rejects a wrong or missing secret with 401 and runs no handler", async () => {
    const { fake, webhookUrl } = await setup({ webhook: true });
    const update = { update_id: 1, ...fake.message({ chatId: 503, userId: 503, text: "/help" }) };
    expect(await fake.deliverWebhook(webhookUrl!, update, "wrong-secret-wrong")).toBe(401);
    expect(await fake.deliverWebhook(webhookUrl!, update)).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(sends(fake)).toHaveLength(0);
  });

  it("handles the same update_id once", async () => {
    const { fake, webhookUrl } = await setup({ webhook: true });
    const update = { update_id: 77, ...fake.message({ chatId: 504, userId: 504, text: "/help" }) };
    expect(await fake.deliverWebhook(webhookUrl!, update, "s3cret-s3cret-s3cret")).toBe(200);
    expect(await fake.deliverWebhook(webhookUrl!, update, "s3cret-s3cret-s3cret")).toBe(200);
    await waitForSends(fake, 504, 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(sends(fake, 504)).toHaveLength(1);
  });
});

describe("Telegram delivery through the outbox", () => {
  it("delivers exactly once after a 429 with retry_after and two 500s", async () => {
    const { fake, lotse, clock } = await setup();
    const address = { platform: "telegram" as const, chatId: "505", userId: "505" };
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } });
    fake.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 2);
    await lotse.outbox.enqueue(address, { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "Hallo" }] }] });
    await lotse.outbox.flush();
    clock.advance(2_999);
    await lotse.outbox.flush();
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1); // retry_after honoured
    // Then 500 (next try after 2 s), 500 (after 4 s), success: backoff doubles per attempt.
    for (const wait of [1, 2_000, 4_000]) {
      clock.advance(wait);
      await lotse.outbox.flush();
    }
    expect(fake.messagesIn(505)).toHaveLength(1);
    clock.advance(3_600_000);
    await lotse.outbox.flush();
    expect(fake.messagesIn(505)).toHaveLength(1);
    expect(await lotse.outbox.backlog()).toBe(0);
  });

  it("splits a 10,000-character answer into valid messages, in order", async () => {
    const { fake, lotse } = await setup();
    const address = { platform: "telegram" as const, chatId: "506", userId: "506" };
    const blocks = Array.from({ length: 25 }, (_, i) => ({ type: "paragraph" as const, spans: [{ text: `Absatz ${i} & <mehr>: ${"x".repeat(380)}` }] }));
    await lotse.outbox.enqueue(address, { lang: "de", blocks, buttons: [[{ id: "b1", label: "👍" }]] });
    await lotse.outbox.flush();
    const messages = fake.messagesIn(506) as { text: string; reply_markup?: unknown }[];
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages.every((m) => m.text.length <= 4096)).toBe(true);
    expect(messages.map((m) => m.text).join("\n")).toMatch(/Absatz 0 & <mehr>[\s\S]*Absatz 24 & <mehr>/);
    expect(messages.slice(0, -1).every((m) => !m.reply_markup)).toBe(true);
    expect(messages.at(-1)!.reply_markup).toBeDefined();
  });
});

describe("Telegram inside npm start", () => {
  it("switches on with TELEGRAM_BOT_TOKEN and answers in the same process as the web chat", async () => {
    const { start } = await import("../../src/main.js");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const fake = await FakeTelegram.start({ token: "123456:AAH-test_token-for-lotse" });
    const running = await start({
      PORT: "0",
      LOG_LEVEL: "silent",
      DATA_DIR: mkdtempSync(join(tmpdir(), "lotse-tg-")),
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
    });
    cleanups.push(async () => {
      await running.stop();
      await fake.stop();
    });
    fake.push(fake.message({ chatId: 601, userId: 601, text: "/help", languageCode: "en" }));
    const reply = await fake.waitFor((c) => c.method === "sendMessage" && Number(c.body.chat_id) === 601);
    expect(String(reply.body.text)).toMatch(/How Lotse helps/);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    expect(fake.calls.some((c) => c.method === "setMyCommands" && c.body.language_code === "uk")).toBe(true);
  });
});

describe("Telegram across a restart", () => {
  it("delivers a message queued during an outage once, after the bot restarts", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { Store } = await import("../../src/store/store.js");
    const dataDir = mkdtempSync(join(tmpdir(), "lotse-restart-"));
    const fake = await FakeTelegram.start();
    cleanups.push(() => fake.stop());
    const address = { platform: "telegram" as const, chatId: "701", userId: "701" };

    // First life: Telegram is down, the answer stays queued on disk.
    const first = await testLotse({ store: await Store.open({ dataDir }) });
    new TelegramAdapter(first.lotse, { token: fake.token, apiRoot: fake.apiRoot, throttle: false }); // registers the sender
    fake.down();
    await first.lotse.outbox.enqueue(address, { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "Antwort nach dem Neustart" }] }] });
    await first.lotse.outbox.flush();
    expect(await first.lotse.outbox.backlog()).toBe(1);
    await first.lotse.close();

    // Second life: same storage, Telegram is back.
    fake.up();
    const second = await testLotse({ store: await Store.open({ dataDir }) });
    cleanups.push(() => second.lotse.close());
    new TelegramAdapter(second.lotse, { token: fake.token, apiRoot: fake.apiRoot, throttle: false });
    (second.clock as ManualClock).advance(60_000);
    await second.lotse.outbox.flush();
    await second.lotse.outbox.flush();
    expect(fake.messagesIn(701).map((m) => (m as { text: string }).text)).toEqual(["Antwort nach dem Neustart"]);
    expect(await second.lotse.outbox.backlog()).toBe(0);
  });
});

describe("a split message when the sending instance fails half-way", () => {
  it("another instance (or the restarted one) sends only the parts still missing, each once, in order", async () => {
    const { Store } = await import("../../src/store/store.js");
    const { ManualClock } = await import("../../src/core/clock.js");
    const { renderTelegram } = await import("../../src/adapters/telegram/render.js");
    const fake = await FakeTelegram.start();
    cleanups.push(() => fake.stop());
    const store = Store.memory(); // shared, as Redis or PostgreSQL is between instances
    const clock = new ManualClock(new Date("2026-11-17T09:00:00Z"));
    const address = { platform: "telegram" as const, chatId: "507", userId: "507" };
    const blocks = Array.from({ length: 25 }, (_, i) => ({ type: "paragraph" as const, spans: [{ text: `Absatz ${i}: ${"x".repeat(380)}` }] }));
    const reply = { lang: "de", blocks };
    const parts = renderTelegram(reply, "Quellen").map((m) => m.text);
    expect(parts.length).toBeGreaterThanOrEqual(3);

    // Instance A: Telegram fails on the third part.
    const a = await testLotse({ store, clock });
    const first = new TelegramAdapter(a.lotse, { token: fake.token, apiRoot: fake.apiRoot, throttle: false });
    let sends = 0;
    first.outgoing.config.use((prev, method, payload, signal) =>
      method === "sendMessage" && ++sends === 3 ? (Promise.resolve({ ok: false, error_code: 502, description: "Bad Gateway" }) as never) : prev(method, payload, signal));
    await a.lotse.outbox.enqueue(address, reply);
    await a.lotse.outbox.flush();
    expect(fake.messagesIn(507)).toHaveLength(2);

    // Instance B takes the retry (A is gone): it continues with part three.
    const b = await testLotse({ store, clock });
    cleanups.push(() => b.lotse.close());
    new TelegramAdapter(b.lotse, { token: fake.token, apiRoot: fake.apiRoot, throttle: false });
    clock.advance(60_000);
    await b.lotse.outbox.flush();
    expect(fake.messagesIn(507).map((m) => (m as { text: string }).text)).toEqual(parts);
    expect(await b.lotse.outbox.backlog()).toBe(0);
  });
});
