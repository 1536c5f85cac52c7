import { Bot, GrammyError, webhookCallback, type Context } from "grammy";
import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import type { Context as HonoContext } from "hono";
import type { Lotse } from "../../app.js";
import { COMMANDS } from "../../core/assistant.js";
import { localeBlocks } from "../../core/compose.js";
import type { Address, Incoming, Reply } from "../../core/message.js";
import { UI_LANGUAGES } from "../../i18n/detect.js";
import { TelegramSender } from "./sender.js";
import { isTelegramUpdate } from "./update-shape.js";
import { sameSecret } from "../../http/same-secret.js";
import { RejectedCredentials } from "../start-within.js";

export interface TelegramOptions {
  token: string;
  apiRoot?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  /** Keep within Telegram's send limits (default on; tests may turn it off). */
  throttle?: boolean;
}

const ALLOWED_UPDATES = ["message", "callback_query"] as const;
/** Commands that set up a user: only in a private chat, never for a whole group. */
const PRIVATE_ONLY = new Set(["start", "language", "region", "contact"]);
const SEEN_TTL_MS = 24 * 3600 * 1000;
/** The outbox gives up on a message after about three hours; its parts' progress need not outlive that by much. */
const PARTS_TTL_MS = 24 * 3600 * 1000;
type GrammySignal = Parameters<Bot["init"]>[0];
/** While Telegram is unreachable, long polling tries again this often. */
const POLL_RETRY_MS = 5_000;

/**
 * Telegram adapter (grammY): translates updates into the core's messages and renders its
 * replies as HTML. Long polling with @grammyjs/runner by default; webhook mode when a URL is set.
 */
export class TelegramAdapter {
  readonly bot: Bot;
  private runner: RunnerHandle | undefined;

  constructor(
    private readonly lotse: Lotse,
    private readonly options: TelegramOptions,
  ) {
    this.bot = new Bot(options.token, { client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) } });
    if (options.throttle !== false) this.bot.api.config.use(apiThrottler());
    const parts = lotse.store.ns<number>("meta");
    lotse.outbox.register("telegram", new TelegramSender(this.bot.api, lotse.t, {
      get: (key) => parts.get(`telegram-parts:${key}`),
      set: (key, count) => parts.set(`telegram-parts:${key}`, count, PARTS_TTL_MS),
      delete: (key) => parts.delete(`telegram-parts:${key}`),
    }));

    this.bot.use(this.dedupe);
    // One chat's updates in order; different chats in parallel.
    this.bot.use(sequentialize((ctx: Context) => (ctx.chat?.id !== undefined ? String(ctx.chat.id) : undefined)));
    this.bot.on("message:text", (ctx) => this.onText(ctx));
    this.bot.on("callback_query:data", (ctx) => this.onButton(ctx));
    this.bot.catch((error) => {
      lotse.logger.error({ err: { name: error.error instanceof Error ? error.error.name : "Error", message: error.error instanceof Error ? error.error.message.slice(0, 200) : "unknown" }, update: error.ctx.update.update_id }, "telegram update failed");
    });
  }

  get webhookMode(): boolean {
    return Boolean(this.options.webhookUrl);
  }

  /** The path the webhook is served on, taken from TELEGRAM_WEBHOOK_URL. */
  get webhookPath(): string | undefined {
    return this.options.webhookUrl ? new URL(this.options.webhookUrl).pathname : undefined;
  }

  /**
   * Handler for Lotse's HTTP server: 401 to a missing or wrong secret before the body is read,
   * 400 to a body that is not a Telegram update (grammY would pass it on and a handler would
   * throw: a 500 that Telegram retries in vain). grammY checks the secret once more.
   */
  webhookHandler(): (c: HonoContext) => Promise<Response> {
    const secret = this.options.webhookSecret;
    const handle = webhookCallback(this.bot, "hono", { secretToken: secret, onTimeout: "return" });
    return async (c) => {
      if (secret !== undefined && !sameSecret(c.req.header("X-Telegram-Bot-Api-Secret-Token"), secret)) return c.body(null, 401);
      let update: unknown;
      try {
        update = await c.req.json(); // Hono keeps the parsed body for grammY
      } catch {
        return c.json({ error: "invalid JSON" }, 400);
      }
      if (!isTelegramUpdate(update)) return c.json({ error: "not a Telegram update" }, 400);
      try {
        return await handle(c);
      } catch (error) {
        this.lotse.logger.error({ err: { message: (error as Error).message.slice(0, 200) } }, "telegram webhook failed");
        return c.json({ error: "update could not be handled" }, 500);
      }
    };
  }

  /** Starts polling or sets the webhook; `signal` ends grammY's own retries when the attempt is given up. */
  async start(abort?: AbortSignal): Promise<void> {
    // grammY's types name a polyfill's AbortSignal; the platform's is what it uses at run time.
    const signal = abort as GrammySignal;
    try {
      await this.bot.init(signal);
    } catch (error) {
      // 401 for a wrong token, 404 for a malformed one: no outage, nothing to retry.
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) throw new RejectedCredentials("TELEGRAM_BOT_TOKEN", `${error.error_code} ${error.description}`);
      throw error;
    }
    await this.registerCommands(signal);
    if (this.webhookMode) {
      await this.bot.api.setWebhook(this.options.webhookUrl!, { secret_token: this.options.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] }, signal);
      this.lotse.logger.info({ mode: "webhook", path: this.webhookPath }, "telegram adapter ready");
    } else {
      await this.bot.api.deleteWebhook({}, signal);
      abort?.throwIfAborted();
      // The runner's default backoff doubles without a cap (after an hour-long outage it would wait
      // another hour before polling again) and gives up for good after 15 hours; poll every few
      // seconds instead, for as long as it takes. Its console output is replaced by the outbox's logs.
      this.runner = run(this.bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, retryInterval: POLL_RETRY_MS, maxRetryTime: Number.POSITIVE_INFINITY, silent: true } });
      this.lotse.logger.info({ mode: "polling" }, "telegram adapter ready");
    }
  }

  async stop(): Promise<void> {
    if (this.runner?.isRunning()) await this.runner.stop();
  }

  /** Commands in every interface language, so Telegram's menu speaks the user's language. */
  private async registerCommands(signal?: GrammySignal): Promise<void> {
    const t = this.lotse.t;
    const list = (lang: string) => COMMANDS.map((command) => ({ command, description: t(lang, `commands.${command}`).slice(0, 256) }));
    await this.bot.api.setMyCommands(list(this.lotse.config.DEFAULT_LANGUAGE), {}, signal);
    for (const lang of UI_LANGUAGES) await this.bot.api.setMyCommands(list(lang), { language_code: lang }, signal);
  }

  /** The same update twice (a webhook retry, two instances) is handled once. */
  private readonly dedupe = async (ctx: Context, next: () => Promise<void>) => {
    const key = `telegram-update:${ctx.update.update_id}`;
    let seen = false;
    try {
      seen = await this.lotse.store.withLock(key, async () => {
        const meta = this.lotse.store.ns<number>("meta");
        if (await meta.get(key)) return true;
        await meta.set(key, 1, SEEN_TTL_MS);
        return false;
      });
    } catch {
      // The store is down: go on, so the volunteer at least hears that Lotse is unavailable.
    }
    if (!seen) await next();
  };

  private address(ctx: Context): Address {
    const message = ctx.msg;
    const thread = message && "is_topic_message" in message && message.is_topic_message ? message.message_thread_id : undefined;
    return {
      platform: "telegram",
      chatId: String(ctx.chat!.id),
      ...(thread !== undefined ? { threadId: String(thread) } : {}),
      userId: String(ctx.from!.id),
    };
  }

  private async onText(ctx: Context): Promise<void> {
    const message = ctx.message!;
    if (!ctx.from || ctx.from.is_bot) return;
    const isPrivate = ctx.chat!.type === "private";
    const me = this.bot.botInfo.username.toLowerCase();
    const entities = message.entities ?? [];
    const text = message.text ?? "";
    const command = entities.find((e) => e.type === "bot_command" && e.offset === 0);
    let commandName: string | undefined;
    if (command) {
      const [name, target] = text.slice(1, command.length).toLowerCase().split("@");
      if (target && target !== me) return; // a command for another bot
      commandName = name;
    }
    if (!isPrivate && !commandName) {
      const mentioned = entities.some((e) => e.type === "mention" && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === me);
      const repliedToMe = message.reply_to_message?.from?.id === this.bot.botInfo.id;
      if (!mentioned && !repliedToMe) return; // groups: only when addressed
    }
    const address = this.address(ctx);
    const platformLanguage = ctx.from.language_code;
    if (commandName && !isPrivate && PRIVATE_ONLY.has(commandName)) {
      await this.lotse.outbox.enqueue(address, this.privateChatInvitation(platformLanguage));
      return;
    }
    let incoming: Incoming;
    if (commandName) {
      incoming = { kind: "command", address, command: commandName, args: text.slice(command!.length).trim() };
    } else {
      const withoutMention = text.replace(new RegExp(`@${me}\\b`, "ig"), "").trim();
      incoming = { kind: "text", address, text: withoutMention };
    }
    if (platformLanguage) incoming.platformLanguage = platformLanguage;
    await this.lotse.receive(incoming);
  }

  /** In a group, setting up a user happens in a private chat with the bot (deep link). */
  private privateChatInvitation(lang: string | undefined): Reply {
    const l = lang && (UI_LANGUAGES as readonly string[]).includes(lang) ? lang : this.lotse.config.DEFAULT_LANGUAGE;
    return {
      lang: l,
      blocks: localeBlocks(this.lotse.t, l, "telegram.privateOnly"),
      buttons: [[{ id: "private-chat", label: this.lotse.t(l, "telegram.openPrivateChat"), url: `https://t.me/${this.bot.botInfo.username}?start=from-group` }]],
      meta: { kind: "info" },
    };
  }

  private async onButton(ctx: Context): Promise<void> {
    const query = ctx.callbackQuery!;
    const message = query.message;
    if (!message || !ctx.chat) {
      await ctx.answerCallbackQuery();
      return;
    }
    const address = this.address(ctx);
    const incoming: Incoming = { kind: "button", address, buttonId: query.data ?? "", messageRef: `${message.chat.id}:${message.message_id}` };
    if (ctx.from?.language_code) incoming.platformLanguage = ctx.from.language_code;
    // Short acknowledgements (feedback thanks, an expired button) show as a notice on the button
    // instead of a new message; the pressed feedback row disappears from the answer.
    let toast: Reply | undefined;
    await this.lotse.receive(incoming, (reply) => {
      const short = (reply.meta?.kind === "feedback" || reply.meta?.kind === "error") && !reply.buttons?.length;
      if (short) toast = reply;
      return short;
    });
    const text = toast ? toastText(toast) : undefined;
    await ctx.answerCallbackQuery(text ? { text } : undefined).catch(() => undefined);
    if (toast?.meta?.kind === "feedback" && "reply_markup" in message && message.reply_markup) {
      const rows = message.reply_markup.inline_keyboard.filter((row) => !row.some((b) => "callback_data" in b && b.callback_data === query.data));
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } }).catch(() => undefined);
    }
  }
}

/** Constant-time comparison (hashes have equal length, so the length of the secret leaks neither). */
function toastText(reply: Reply): string {
  return reply.blocks
    .flatMap((b) => ("spans" in b ? [b.spans.map((s) => s.text).join("")] : []))
    .join(" ")
    .slice(0, 200);
}
