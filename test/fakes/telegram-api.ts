// A small stand-in for the Telegram Bot API that real grammY talks to over HTTP
// (`new Bot(token, { client: { apiRoot: fake.apiRoot } })`). It implements what the
// adapter tests need: long polling, sending/editing/deleting messages, Telegram's
// error envelope, and the validations that catch real bugs (HTML, length, button data).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { listenAgain, stopListening } from "./listening.js";
import type { AddressInfo } from "node:net";

type Obj = Record<string, unknown>;
export interface RecordedCall {
  method: string; body: Obj; at: number;
  /** Added for bench/webhook-throughput.ts: the HTTP status the fake answered with, and when (ms, Date.now()); unset while unanswered. */
  status?: number; answeredAt?: number;
}
export interface TelegramError { error_code: number; description: string; parameters?: Obj; }
type Result = { ok: true; result: unknown } | ({ ok: false } & TelegramError);

const BOT_USERNAME = "LotseTestBot";
const ok = (result: unknown): Result => ({ ok: true, result });
const fail = (error_code: number, description: string, parameters?: Obj): Result =>
  ({ ok: false, error_code, description, ...(parameters ? { parameters } : {}) });
const bad = (what: string) => fail(400, `Bad Request: ${what}`);
const now = () => Math.floor(Date.now() / 1000);

/** Telegram's HTML subset, mapped to the entity type each tag produces. */
const HTML_TAGS: Record<string, string> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", a: "text_link", code: "code",
  pre: "pre", span: "spoiler", "tg-spoiler": "spoiler", blockquote: "blockquote", "tg-emoji": "custom_emoji",
};
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const ENTITY = /^&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/i;
const decodeEntity = (m: RegExpExecArray): string | undefined => m[3] !== undefined ? NAMED_ENTITIES[m[3]]
  : String.fromCodePoint(m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16));
const decodeAttr = (v: string) => v.replace(/&#?\w+;/g, (s) => { const m = ENTITY.exec(s); return (m && decodeEntity(m)) ?? s; });

/** Parses parse_mode "HTML" into plain text + entities, or returns Telegram's error text. */
export function parseTelegramHtml(html: string): { text: string; entities: Obj[] } | string {
  const at = (i: number) => `at byte offset ${Buffer.byteLength(html.slice(0, i))}`;
  const open: { tag: string; offset: number; attrs: string }[] = [];
  const entities: Obj[] = [];
  let text = "";
  for (let i = 0; i < html.length;) {
    const ch = html[i]!;
    if (ch === "&") {
      const m = ENTITY.exec(html.slice(i, i + 12));
      // Stricter than Telegram on purpose: a bare "&" means the adapter forgot to escape.
      if (!m || decodeEntity(m) === undefined) return `Unsupported HTML entity ${at(i)}`;
      text += decodeEntity(m);
      i += m[0].length;
    } else if (ch === "<") {
      const end = html.indexOf(">", i);
      const m = end < 0 ? null : /^<(\/?)([a-z][a-z-]*)(\s[^>]*)?$/i.exec(html.slice(i, end));
      if (!m) return `Unsupported start tag "${/^<\/?([^\s>]*)/.exec(html.slice(i))?.[1] ?? ""}" ${at(i)}`;
      const [, closing, rawName, attrs = ""] = m;
      const tag = rawName!.toLowerCase();
      if (closing) {
        const top = open.pop();
        if (!top) return `Unexpected end tag ${at(i)}`;
        if (top.tag !== tag) return `Unmatched end tag ${at(i)}, expected "</${top.tag}>", found "</${tag}>"`;
        if (text.length > top.offset) entities.push(toEntity(top.tag, top.attrs, top.offset, text.length - top.offset));
      } else {
        if (!(tag in HTML_TAGS)) return `Unsupported start tag "${tag}" ${at(i)}`;
        if (tag === "span" && !/class\s*=\s*["']?tg-spoiler/.test(attrs)) return `Tag "span" must have class "tg-spoiler" ${at(i)}`;
        open.push({ tag, offset: text.length, attrs });
      }
      i = end + 1;
    } else { text += ch; i++; }
  }
  const unclosed = open.pop();
  if (unclosed) return `Can't find end tag corresponding to start tag "${unclosed.tag}"`;
  // Telegram lists entities by offset, outer first; inner tags close first, so sort.
  return { text, entities: entities.sort((a, b) => (a.offset as number) - (b.offset as number) || (b.length as number) - (a.length as number)) };
}

function toEntity(tag: string, attrs: string, offset: number, length: number): Obj {
  const attr = (name: string) => {
    const value = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(attrs)?.slice(1).find((v) => v !== undefined);
    return value === undefined ? undefined : decodeAttr(value);
  };
  const type = tag === "blockquote" && /\bexpandable\b/.test(attrs) ? "expandable_blockquote" : HTML_TAGS[tag]!;
  const extra: Obj = tag === "a" ? { url: attr("href") ?? "" } : tag === "tg-emoji" ? { custom_emoji_id: attr("emoji-id") ?? "" } : {};
  return { type, offset, length, ...extra };
}

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  readonly botInfo = {
    id: 999, is_bot: true as const, first_name: "Lotse Test", username: BOT_USERNAME, can_join_groups: true,
    can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
  };
  private pending: Obj[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private nextCallbackId = 1;
  private isDown = false;
  private readonly failures = new Map<string, { error: TelegramError; times: number }[]>();
  private readonly stored = new Map<string, Obj>(); // `${chatId}:${messageId}` → Message the bot has in the chat
  private readonly chats = new Map<number, Obj>();   // chats seen in built messages, so replies carry the same chat
  private readonly pollers = new Set<{ offset: number; limit: number; answer: (updates: Obj[]) => void }>();
  private readonly watchers = new Set<(call: RecordedCall) => void>();

  private constructor(private readonly server: Server, readonly apiRoot: string, readonly token: string) {}

  static async start(options: { token?: string } = {}): Promise<FakeTelegram> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const fake = new FakeTelegram(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options.token ?? "123456:TEST");
    server.on("request", (req, res) => void fake.handle(req, res));
    return fake;
  }

  push(update: Obj): number {
    const id = typeof update.update_id === "number" ? update.update_id : this.nextUpdateId;
    this.nextUpdateId = Math.max(this.nextUpdateId, id + 1);
    this.pending.push({ ...update, update_id: id });
    for (const poller of this.pollers) this.answerPoll(poller);
    return id;
  }

  message(o: { chatId: number; userId: number; text: string; chatType?: "private" | "group" | "supergroup"; threadId?: number;
    mention?: boolean; replyToBotMessageId?: number; languageCode?: string; firstName?: string }): Obj {
    const from: Obj = { id: o.userId, is_bot: false, first_name: o.firstName ?? "Test",
      ...(o.languageCode ? { language_code: o.languageCode } : {}) };
    const type = o.chatType ?? (o.threadId !== undefined ? "supergroup" : "private");
    const chat: Obj = type === "private" ? { id: o.chatId, type, first_name: from.first_name }
      : { id: o.chatId, type, title: "Test group", ...(o.threadId !== undefined ? { is_forum: true } : {}) };
    this.chats.set(o.chatId, chat);
    const prefix = o.mention ? `@${BOT_USERNAME} ` : "";
    const entities: Obj[] = o.mention ? [{ type: "mention", offset: 0, length: BOT_USERNAME.length + 1 }] : [];
    if (o.text.startsWith("/")) entities.push({ type: "bot_command", offset: prefix.length, length: o.text.split(/\s/, 1)[0]!.length });
    const message: Obj = { message_id: this.nextMessageId++, date: now(), chat, from, text: prefix + o.text,
      ...(entities.length ? { entities } : {}),
      ...(o.threadId !== undefined ? { message_thread_id: o.threadId, is_topic_message: true } : {}) };
    if (o.replyToBotMessageId !== undefined) message.reply_to_message = this.botMessage(o.chatId, o.replyToBotMessageId);
    return { message };
  }

  callback(o: { chatId: number; userId: number; messageId: number; data: string }): Obj {
    return { callback_query: { id: String(this.nextCallbackId++), from: { id: o.userId, is_bot: false, first_name: "Test" },
      message: this.botMessage(o.chatId, o.messageId), chat_instance: `ci${o.chatId}`, data: o.data } };
  }

  async deliverWebhook(url: string, update: Obj, secret?: string): Promise<number> {
    const body = { ...update, update_id: typeof update.update_id === "number" ? update.update_id : this.nextUpdateId++ };
    const res = await fetch(url, { method: "POST", body: JSON.stringify(body), headers: {
      "content-type": "application/json", ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}) } });
    await res.arrayBuffer();
    return res.status;
  }

  failNext(method: string, error: TelegramError, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), { error, times }]);
  }

  down(): void { this.isDown = true; }

  /** Enforce Telegram's overall limit on sendMessage (messages per second); beyond it: 429 retry_after. */
  limitPerSecond(perSecond: number | undefined): void { this.perSecond = perSecond; }
  private perSecond: number | undefined;
  private readonly recentSends: number[] = [];
  /** Counts 429s the limit produced. */
  rateLimited = 0;
  private overLimit(): boolean {
    if (!this.perSecond) return false;
    const now = Date.now();
    while (this.recentSends.length && now - this.recentSends[0]! >= 1000) this.recentSends.shift();
    if (this.recentSends.length >= this.perSecond) { this.rateLimited++; return true; }
    this.recentSends.push(now);
    return false;
  }
  up(): void { this.isDown = false; }

  /** Added for bench/webhook-throughput.ts: every sendMessage within the limit is answered only after `ms` (0: at once, the default). */
  slowSends(ms: number): void { this.sendLatencyMs = ms; }
  private sendLatencyMs = 0;

  // ---- Outages (test/faults): a platform that is down for a while ----
  private outage: { status: number; html: boolean } | undefined;

  /**
   * Until comeBack(): every API call (getUpdates included) is recorded, then answered with
   * `status` (default 500): Telegram's error envelope `{ok:false,error_code}`, or with `html`
   * the kind of HTML page a proxy in front of a failing server answers (502/503).
   */
  goDown(options: { status?: number; html?: boolean } = {}): void {
    this.outage = { status: options.status ?? 500, html: options.html ?? false };
  }

  /** Stops listening and drops open connections: clients get ECONNREFUSED until comeBack(). */
  async refuseConnections(): Promise<void> {
    await stopListening(this.server); // held getUpdates and keep-alive sockets fail at once
  }

  /** Ends goDown() and refuseConnections(): listens again on the same port, answers normally. */
  async comeBack(): Promise<void> {
    this.outage = undefined;
    await listenAgain(this.server, Number(new URL(this.apiRoot).port));
  }

  // ---- Slow and hanging calls (test/faults): a platform that takes its time ----
  private readonly slowness = new Map<string, number>();
  private readonly hangs = new Map<string, number>();
  private readonly held = new Set<() => void>();
  /** Held calls whose client went away (a killed process): dropped at once, never handled, as if Telegram never saw them. */
  abandoned = 0;

  /** Every later call of `method` is handled `ms` after it arrived (it is recorded at once); 0 ends it. */
  slow(method: string, ms: number): void { this.slowness.set(method, ms); }

  /** The next `times` calls of `method` are recorded, then held unanswered until release(). */
  hang(method: string, times = 1): void { this.hangs.set(method, (this.hangs.get(method) ?? 0) + times); }

  /** Calls held now. */
  get hanging(): number { return this.held.size; }

  /** Handles the held calls as usual. */
  release(): void { for (const go of [...this.held]) go(); }

  /** Resolves true when the call may be handled (at once, after its delay, or on release), false when it was dropped. */
  private pause(method: string, res: ServerResponse): Promise<boolean> | undefined {
    if ((this.hangs.get(method) ?? 0) > 0) {
      this.hangs.set(method, this.hangs.get(method)! - 1);
      return new Promise((resolve) => {
        const go = () => {
          this.held.delete(go);
          resolve(true);
        };
        this.held.add(go);
        res.once("close", () => {
          if (!this.held.delete(go)) return; // answered already
          this.abandoned++;
          resolve(false);
        });
      });
    }
    const ms = this.slowness.get(method);
    return ms ? new Promise((resolve) => setTimeout(() => resolve(true), ms)) : undefined;
  }

  private answerOutage(res: ServerResponse, { status, html }: { status: number; html: boolean }): void {
    if (html) res.writeHead(status, { "content-type": "text/html" }).end(`<html><body><h1>${status} Service Unavailable</h1></body></html>`);
    else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(fail(status, "Internal Server Error")));
  }

  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const watcher = (call: RecordedCall) => {
        if (!predicate(call)) return;
        clearTimeout(timer); this.watchers.delete(watcher); resolve(call);
      };
      const timer = setTimeout(() => {
        this.watchers.delete(watcher);
        reject(new Error(`FakeTelegram.waitFor timed out after ${timeoutMs} ms; calls so far: ${this.calls.map((c) => c.method).join(", ") || "none"}`));
      }, timeoutMs);
      this.watchers.add(watcher);
    });
  }

  messagesIn(chatId: number): Obj[] {
    return [...this.stored.values()].filter((m) => (m.chat as Obj).id === chatId)
      .sort((a, b) => (a.message_id as number) - (b.message_id as number));
  }

  async stop(): Promise<void> {
    for (const poller of [...this.pollers]) poller.answer([]);
    this.hangs.clear();
    this.release();
    // grammY's node-fetch keeps connections alive; close() alone would wait for them.
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private botMessage(chatId: number, messageId: number): Obj {
    return this.stored.get(`${chatId}:${messageId}`) ?? { message_id: messageId, date: now(), chat: this.chatFor(chatId), from: this.botFrom(), text: "" };
  }
  private botFrom(): Obj { return { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: BOT_USERNAME }; }
  private chatFor(id: number): Obj {
    return this.chats.get(id) ?? (id > 0 ? { id, type: "private" } : { id, type: String(id).startsWith("-100") ? "supergroup" : "group" });
  }

  /** Methods called with another token than this bot's (answered 401, not recorded in `calls`). */
  readonly unauthorized: string[] = [];

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let call: RecordedCall | undefined; // set once recorded, so that its answer can be noted on it (benchmarks)
    const send = (status: number, payload: unknown) => {
      if (call) { call.status = status; call.answeredAt = Date.now(); }
      if (!res.writableEnded) res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
    };
    const url = new URL(req.url ?? "/", this.apiRoot);
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!route) return send(404, fail(404, "Not Found"));
    if (route[1] !== this.token) {
      this.unauthorized.push(route[2]!);
      return send(401, fail(401, "Unauthorized"));
    }
    const method = route[2]!;
    let body: Obj;
    try { body = await readBody(req, url); } catch (e) { return send(400, bad(`can't parse request: ${(e as Error).message}`)); }
    call = { method, body, at: Date.now() };
    this.calls.push(call);
    for (const watcher of [...this.watchers]) watcher(call);

    if (this.isDown) return send(502, fail(502, "Bad Gateway"));
    if (this.outage) return this.answerOutage(res, this.outage);
    if (method === "sendMessage" && this.overLimit()) {
      return send(429, fail(429, "Too Many Requests: retry after 1", { retry_after: 1 }));
    }
    // Benchmarks: a slow Telegram answers an accepted sendMessage only after sendLatencyMs.
    if (method === "sendMessage" && this.sendLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.sendLatencyMs));
    const queue = this.failures.get(method);
    const failure = queue?.[0];
    if (queue && failure) {
      if (--failure.times <= 0) queue.shift();
      return send(failure.error.error_code, { ok: false, ...failure.error });
    }
    if (method === "getUpdates") return this.poll(body, res, (updates) => send(200, ok(updates)));
    const paused = this.pause(method, res);
    if (paused && !(await paused)) return;
    const result = this.dispatch(method, body);
    send(result.ok ? 200 : result.error_code, result);
  }

  /** Long polling: answer at once if anything is pending, else hold until push(), timeout or stop(). */
  private poll(body: Obj, res: ServerResponse, reply: (updates: Obj[]) => void): void {
    const offset = Number(body.offset ?? 0);
    if (offset > 0) this.pending = this.pending.filter((u) => (u.update_id as number) >= offset); // confirms older ones
    const poller = { offset, limit: Number(body.limit ?? 100), answer: (updates: Obj[]) => {
      clearTimeout(timer); this.pollers.delete(poller); reply(updates);
    } };
    const timer = setTimeout(() => poller.answer([]), Number(body.timeout ?? 0) * 1000);
    this.pollers.add(poller);
    // grammY aborts the held request on bot.stop(); forget it so push() doesn't answer a dead socket.
    res.once("close", () => { clearTimeout(timer); this.pollers.delete(poller); });
    this.answerPoll(poller);
    if (Number(body.timeout ?? 0) <= 0 && this.pollers.has(poller)) poller.answer([]);
  }

  private answerPoll(poller: { offset: number; limit: number; answer: (u: Obj[]) => void }): void {
    const ready = this.pending.filter((u) => (u.update_id as number) >= poller.offset).slice(0, poller.limit);
    if (ready.length) poller.answer(ready);
  }

  private dispatch(method: string, body: Obj): Result {
    switch (method) {
      case "getMe": return ok(this.botInfo);
      case "deleteWebhook": if (body.drop_pending_updates) this.pending = []; return ok(true);
      case "sendMessage": return this.sendMessage(body);
      case "sendDocument": {
        // Multipart: the file part arrives as {filename, size} (see the body parser below).
        // grammY sends `document: "attach://<part>"` and the file as that part.
        const ref = typeof body.document === "string" && body.document.startsWith("attach://") ? body[body.document.slice(9)] : body.document;
        const file = ref as { filename?: string; size?: number } | undefined;
        if (body.chat_id === undefined || !file?.filename) return bad("there is no document in the request");
        return ok({ message_id: this.nextMessageId++, from: this.botFrom(), chat: this.chatFor(Number(body.chat_id)), date: now(), document: { file_name: file.filename, file_size: file.size } });
      }
      case "editMessageText": case "editMessageReplyMarkup": return this.edit(method, body);
      case "deleteMessage": {
        const key = `${Number(body.chat_id)}:${Number(body.message_id)}`;
        return this.stored.delete(key) ? ok(true) : bad("message to delete not found");
      }
      default: return ok(true); // setWebhook, setMyCommands, answerCallbackQuery, sendChatAction, anything else
    }
  }

  /** Text + entities as Telegram would store them, or the error it would answer. */
  private content(body: Obj): { text: string; entities?: Obj[] } | Result {
    if (typeof body.text !== "string" || body.text.trim() === "") return bad("message text is empty");
    let text = body.text;
    let entities = Array.isArray(body.entities) ? body.entities as Obj[] : undefined;
    if (body.parse_mode === "HTML") {
      const parsed = parseTelegramHtml(text);
      if (typeof parsed === "string") return bad(`can't parse entities: ${parsed}`);
      ({ text, entities } = parsed);
    }
    if ([...text].length > 4096) return bad("message is too long");
    return { text, ...(entities?.length ? { entities } : {}) };
  }

  private sendMessage(body: Obj): Result {
    if (body.chat_id === undefined) return bad("chat_id is empty");
    const content = this.content(body);
    if ("ok" in content) return content;
    const markupError = checkMarkup(body.reply_markup);
    if (markupError) return markupError;
    const chatId = Number(body.chat_id);
    const replyTo = (body.reply_parameters as Obj | undefined)?.message_id ?? body.reply_to_message_id;
    const message: Obj = { message_id: this.nextMessageId++, from: this.botFrom(), chat: this.chatFor(chatId), date: now(), ...content,
      ...(body.message_thread_id !== undefined ? { message_thread_id: body.message_thread_id, is_topic_message: true } : {}),
      ...(replyTo !== undefined ? { reply_to_message: this.stored.get(`${chatId}:${replyTo}`) ?? { message_id: replyTo, date: now(), chat: this.chatFor(chatId) } } : {}),
      ...(body.reply_markup !== undefined ? { reply_markup: body.reply_markup } : {}) };
    this.stored.set(`${chatId}:${message.message_id}`, message);
    return ok(message);
  }

  private edit(method: string, body: Obj): Result {
    const key = `${Number(body.chat_id)}:${Number(body.message_id)}`;
    const old = this.stored.get(key);
    if (!old) return bad("message to edit not found");
    const markupError = checkMarkup(body.reply_markup);
    if (markupError) return markupError;
    let content = { text: old.text as string, entities: old.entities as Obj[] | undefined };
    if (method === "editMessageText") {
      const parsed = this.content(body);
      if ("ok" in parsed) return parsed;
      content = { text: parsed.text, entities: parsed.entities };
    }
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    const same = content.text === old.text && JSON.stringify(content.entities) === JSON.stringify(old.entities)
      && JSON.stringify(body.reply_markup) === JSON.stringify(old.reply_markup);
    if (same) return bad("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    const { reply_markup: _dropped, entities: _old, ...rest } = old;
    const updated: Obj = { ...rest, ...content, edit_date: now(), ...(body.reply_markup !== undefined ? { reply_markup: body.reply_markup } : {}) };
    if (!updated.entities) delete updated.entities;
    this.stored.set(key, updated);
    return ok(updated);
  }
}

function checkMarkup(markup: unknown): Result | undefined {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  for (const button of rows.flat() as Obj[]) {
    const data = button.callback_data;
    if (typeof data === "string" && (data === "" || Buffer.byteLength(data) > 64)) return bad("BUTTON_DATA_INVALID");
  }
  return undefined;
}

/** JSON (what grammY sends), urlencoded or GET query, and text fields of multipart (file parts become {filename, size}). */
async function readBody(req: IncomingMessage, url: URL): Promise<Obj> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return raw.length ? JSON.parse(raw.toString("utf8")) as Obj : {};
  const fields: [string, unknown][] = [...url.searchParams];
  if (type.includes("application/x-www-form-urlencoded")) fields.push(...new URLSearchParams(raw.toString("utf8")));
  else if (type.includes("multipart/form-data")) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
    if (!boundary) throw new Error("multipart without boundary");
    // latin1 keeps bytes 1:1 so binary file parts survive the split.
    for (const part of raw.toString("latin1").split(`--${boundary}`).slice(1, -1)) {
      const [head = "", ...rest] = part.split("\r\n\r\n");
      const value = rest.join("\r\n\r\n").replace(/\r\n$/, "");
      const name = /[;\s]name="([^"]*)"/.exec(head)?.[1];
      const filename = /filename="?([^";\r\n]*)/.exec(head)?.[1]; // grammY leaves it unquoted
      if (name) fields.push([name, filename !== undefined ? { filename, size: value.length } : Buffer.from(value, "latin1").toString("utf8")]);
    }
  } else if (raw.length) throw new Error(`unsupported content-type "${type}"`);
  // Form values are strings; Telegram accepts JSON-serialised objects and numeric ids there.
  return Object.fromEntries(fields.map(([k, v]) => [k, typeof v !== "string" ? v
    : /^[[{]/.test(v) ? JSON.parse(v) : /^-?\d+$/.test(v) && k !== "text" && k !== "caption" ? Number(v) : v]));
}
