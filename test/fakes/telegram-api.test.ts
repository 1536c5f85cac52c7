// Checks the Telegram fake against real grammY, so adapter tests can trust it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile, webhookCallback } from "grammy";
import { run } from "@grammyjs/runner";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram, parseTelegramHtml } from "./telegram-api.js";

let fake: FakeTelegram;
let bot: Bot;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
});

afterEach(async () => {
  await bot.stop(); // sends a last getUpdates while polling; a no-op otherwise
  await fake.stop();
});

/** Starts polling and waits until the first getUpdates is held by the fake.
 *  Returns bot.start()'s promise wrapped: an async function returning it bare would wait for the bot to stop. */
async function startPolling(): Promise<{ running: Promise<void> }> {
  const running = bot.start();
  await fake.waitFor((c) => c.method === "getUpdates");
  return { running };
}

describe("FakeTelegram with real grammY", () => {
  it("answers getMe through bot.init()", async () => {
    await bot.init();
    expect(bot.botInfo.username).toBe("LotseTestBot");
    expect(bot.botInfo.id).toBe(999);
    expect(fake.calls.map((c) => c.method)).toEqual(["getMe"]);
  });

  it("rejects a wrong token with 401", async () => {
    const other = new Bot("1:WRONG", { client: { apiRoot: fake.apiRoot } });
    await expect(other.api.getMe()).rejects.toMatchObject({ error_code: 401, description: "Unauthorized" });
  });

  it("delivers a pushed message to a polling bot, and ctx.reply reaches the fake", async () => {
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const { running } = await startPolling();
    // Pushed while getUpdates is held: the held request must be woken.
    const id = fake.push(fake.message({ chatId: 42, userId: 7, text: "hello" }));
    expect(id).toBe(1);
    const sent = await fake.waitFor((c) => c.method === "sendMessage");
    expect(sent.body).toMatchObject({ chat_id: 42, text: "echo: hello" });
    expect(fake.messagesIn(42)).toMatchObject([{ text: "echo: hello", chat: { id: 42, type: "private" }, from: { id: 999 } }]);
    await bot.stop();
    await running;
    // The stop call confirmed update 1, and grammY's start-up went getMe → deleteWebhook → getUpdates.
    expect(fake.calls.slice(0, 3).map((c) => c.method)).toEqual(["getMe", "deleteWebhook", "getUpdates"]);
    expect(fake.calls.at(-1)).toMatchObject({ method: "getUpdates", body: { offset: 2, limit: 1 } });
  });

  it("builds commands, mentions, topics and replies that grammY understands", async () => {
    const seen: string[] = [];
    bot.command("start", (ctx) => { seen.push(`start:${ctx.match}`); });
    bot.on("message", (ctx) => {
      seen.push(`msg:${ctx.message.message_thread_id ?? "-"}:${ctx.message.reply_to_message?.from?.id ?? "-"}:${ctx.from.language_code ?? "-"}`);
    });
    bot.callbackQuery("yes", (ctx) => ctx.answerCallbackQuery("ok"));
    const sent = await bot.api.sendMessage(-100123, "question?", { reply_markup: new InlineKeyboard().text("Yes", "yes") });
    fake.push(fake.message({ chatId: 5, userId: 5, text: "/start@LotseTestBot abc" }));
    fake.push(fake.message({ chatId: -100123, userId: 5, text: "hi", chatType: "supergroup", threadId: 77, mention: true,
      replyToBotMessageId: sent.message_id, languageCode: "uk" }));
    fake.push(fake.callback({ chatId: -100123, userId: 5, messageId: sent.message_id, data: "yes" }));
    const running = bot.start();
    await fake.waitFor((c) => c.method === "answerCallbackQuery");
    expect(seen).toEqual(["start:abc", "msg:77:999:uk"]);
    await bot.stop();
    await running;
  });

  it("holds getUpdates open instead of letting grammY busy-loop", async () => {
    const { running } = await startPolling();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.filter((c) => c.method === "getUpdates").length).toBeLessThanOrEqual(2);
    const before = Date.now();
    await bot.stop(); // the last getUpdates has no timeout and must be answered at once
    await running;
    expect(Date.now() - before).toBeLessThan(1000);
  });

  it("failNext turns the next call into a 429 with retry_after", async () => {
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const error = await bot.api.sendMessage(1, "x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
    await expect(bot.api.sendMessage(1, "x")).resolves.toMatchObject({ text: "x" });
  });

  it("down() answers 502 until up()", async () => {
    fake.down();
    await expect(bot.api.sendMessage(1, "x")).rejects.toMatchObject({ error_code: 502 });
    fake.up();
    await expect(bot.api.sendMessage(1, "x")).resolves.toMatchObject({ text: "x" });
  });

  it("slow() delays a method; hang() holds its next call until release(), or drops it when the client leaves", async () => {
    fake.slow("sendMessage", 300);
    const started = Date.now();
    await expect(bot.api.sendMessage(1, "slow")).resolves.toMatchObject({ text: "slow" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    fake.slow("sendMessage", 0);
    fake.hang("sendMessage");
    const held = bot.api.sendMessage(1, "held");
    await expect.poll(() => fake.hanging).toBe(1);
    await expect(bot.api.sendMessage(1, "next")).resolves.toMatchObject({ text: "next" }); // only the next one hangs
    fake.release();
    await expect(held).resolves.toMatchObject({ text: "held" });
    fake.hang("sendMessage");
    const leaving = new AbortController();
    const gone = bot.api.sendMessage(1, "gone", {}, leaving.signal as Parameters<typeof bot.api.sendMessage>[3]).catch(() => "aborted"); // grammY types a polyfill's signal
    await expect.poll(() => fake.hanging).toBe(1);
    leaving.abort(); // like a killed process: the connection closes
    expect(await gone).toBe("aborted");
    await expect.poll(() => fake.abandoned).toBe(1);
    expect(fake.hanging).toBe(0);
    expect(fake.messagesIn(1).map((m) => m.text)).toEqual(["slow", "next", "held"]); // recorded in calls, never handled
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(4);
  });

  describe("outages", () => {
    it("goDown() answers 500 with Telegram's envelope, or a 502 HTML page, until comeBack()", async () => {
      fake.goDown();
      await expect(bot.api.sendMessage(1, "x")).rejects.toMatchObject({ error_code: 500 });
      fake.goDown({ status: 502, html: true });
      const html = await bot.api.sendMessage(1, "x").catch((e: unknown) => e);
      expect(html).toBeInstanceOf(HttpError); // not JSON: grammY cannot read an error code from it
      expect(fake.messagesIn(1)).toEqual([]);
      expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(2); // recorded, not retried inside grammY
      await fake.comeBack();
      await expect(bot.api.sendMessage(1, "x")).resolves.toMatchObject({ text: "x" });
    });

    it("refuseConnections() makes grammY fail with a network error; after comeBack() the same bot sends and polls again", async () => {
      bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
      const runner = run(bot, { runner: { silent: true } });
      await fake.waitFor((c) => c.method === "getUpdates");
      await fake.refuseConnections();
      const refused = await bot.api.sendMessage(1, "x").catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HttpError);
      expect(String((refused as HttpError).error)).toMatch(/ECONNREFUSED/);
      await fake.comeBack();
      await expect(bot.api.sendMessage(1, "y")).resolves.toMatchObject({ text: "y" });
      fake.push(fake.message({ chatId: 2, userId: 2, text: "back" }));
      await fake.waitFor((c) => c.method === "sendMessage" && c.body.text === "echo: back", 15_000); // the runner's own retry found the fake again
      await runner.stop();
    });
  });

  it("validates HTML like Telegram", async () => {
    await expect(bot.api.sendMessage(1, "<script>alert(1)</script>", { parse_mode: "HTML" }))
      .rejects.toMatchObject({ error_code: 400, description: expect.stringContaining("can't parse entities") });
    const ok = await bot.api.sendMessage(1, "<b>x</b> &amp; y", { parse_mode: "HTML" });
    expect(ok.text).toBe("x & y");
    expect(ok.entities).toEqual([{ type: "bold", offset: 0, length: 1 }]);
    for (const bad of ["a < b", "fish & chips", "<b>open", "<b><i>x</b></i>", "line<br>break", "<span>x</span>"]) {
      expect(parseTelegramHtml(bad), bad).toBeTypeOf("string");
    }
    expect(parseTelegramHtml('<a href="https://x.de/?a=1&amp;b=2">l</a> <blockquote expandable>q</blockquote> &#x1F600;'))
      .toEqual({ text: "l q 😀", entities: [{ type: "text_link", offset: 0, length: 1, url: "https://x.de/?a=1&b=2" },
        { type: "expandable_blockquote", offset: 2, length: 1 }] });
  });

  it("rejects long text and oversized button data", async () => {
    await expect(bot.api.sendMessage(1, "a".repeat(4097))).rejects.toMatchObject({ description: "Bad Request: message is too long" });
    await expect(bot.api.sendMessage(1, "a".repeat(4096))).resolves.toBeDefined();
    await expect(bot.api.sendMessage(1, "x", { reply_markup: new InlineKeyboard().text("B", "d".repeat(65)) }))
      .rejects.toMatchObject({ description: "Bad Request: BUTTON_DATA_INVALID" });
  });

  it("edits and deletes stored messages like Telegram", async () => {
    const keyboard = new InlineKeyboard().text("A", "a");
    const m = await bot.api.sendMessage(3, "one", { reply_markup: keyboard });
    await expect(bot.api.editMessageText(3, m.message_id, "one", { reply_markup: keyboard }))
      .rejects.toMatchObject({ description: expect.stringContaining("message is not modified") });
    await expect(bot.api.editMessageText(3, 12345, "x")).rejects.toMatchObject({ description: "Bad Request: message to edit not found" });
    const edited = await bot.api.editMessageText(3, m.message_id, "two");
    expect(edited).toMatchObject({ text: "two", message_id: m.message_id });
    expect(edited).not.toHaveProperty("reply_markup"); // an edit without markup drops the keyboard
    await bot.api.editMessageReplyMarkup(3, m.message_id, { reply_markup: keyboard });
    expect(fake.messagesIn(3)).toMatchObject([{ text: "two", reply_markup: { inline_keyboard: [[{ callback_data: "a" }]] } }]);
    await expect(bot.api.deleteMessage(3, m.message_id)).resolves.toBe(true);
    expect(fake.messagesIn(3)).toEqual([]);
  });

  it("accepts urlencoded and multipart bodies too", async () => {
    await bot.api.sendDocument(4, new InputFile(Buffer.from("abc"), "a.txt"), { caption: "file" });
    const upload = await fake.waitFor((c) => c.method === "sendDocument");
    expect(upload.body).toMatchObject({ chat_id: 4, caption: "file" });
    expect(Object.values(upload.body)).toContainEqual({ filename: "a.txt", size: 3 });
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: "POST",
      body: new URLSearchParams({ chat_id: "4", text: "123", reply_markup: '{"inline_keyboard":[]}' }) });
    expect(await res.json()).toMatchObject({ ok: true, result: { text: "123", chat: { id: 4 }, reply_markup: { inline_keyboard: [] } } });
  });

  describe("webhook delivery", () => {
    let server: Server;
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("reaches webhookCallback with the right secret, 401 with a wrong one", async () => {
      bot.on("message:text", (ctx) => ctx.reply("pong"));
      const handle = webhookCallback(bot, "http", { secretToken: "s3cret" });
      // The "http" adapter doesn't catch handler errors, so wrap it.
      server = createServer((req, res) => handle(req, res).catch(() => { res.statusCode = 500; res.end(); }));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const update = fake.message({ chatId: 9, userId: 9, text: "ping" });

      expect(await fake.deliverWebhook(url, update, "wrong")).toBe(401);
      // grammY runs bot.init() (getMe) before it checks the secret, but makes no other call.
      expect(fake.calls.map((c) => c.method)).toEqual(["getMe"]);
      expect(await fake.deliverWebhook(url, update, "s3cret")).toBe(200);
      expect(fake.calls.map((c) => c.method)).toEqual(["getMe", "sendMessage"]);
      expect(fake.messagesIn(9)).toMatchObject([{ text: "pong" }]);
    });
  });
});
