import { Api, Bot, GrammyError, webhookCallback, type Context } from "grammy";
import { sequentialize } from "@grammyjs/runner";
import { telegramThrottle } from "./throttle.js";
import type { Context as HonoContext } from "hono";
import type { Lotse } from "../../app.js";
import { localeBlocks } from "../../conversation/compose.js";
import type { Address, Incoming, Reply } from "../../core/message.js";
import { UI_LANGUAGES } from "../../i18n/detect.js";
import { TelegramSender } from "./sender.js";
import { telegramDeliveryError } from "../delivery-errors.js";
import { partsInStore } from "../parts-delivered.js";
import type { PlatformAdapter } from "../types.js";
import type { MountRoutes } from "../../http/server.js";
import { showTyping } from "../typing.js";
import { isTelegramUpdate } from "./update-shape.js";
import { sameSecret } from "../../http/same-secret.js";
import { RejectedCredentials } from "../start-within.js";
import { errorSummary } from "../../core/errors.js";

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
const PRIVATE_ONLY = new Set(["start", "language", "region", "contact", "my_data", "delete_me"]);
type GrammySignal = Parameters<Bot["init"]>[0];

/**
 * Telegram adapter (grammY): translates updates into the core's messages and renders its
 * replies as HTML. Long polling with @grammyjs/runner by default; webhook mode when a URL is set.
 */
export class TelegramAdapter implements PlatformAdapter {
  readonly platform = "telegram";
  readonly sender: TelegramSender;
  readonly editsInPlace = true;
  readonly directMessages = true;
  readonly bot: Bot;
  /** The outbox's own client (throttled), apart from the bot's client for interactive calls. */
  readonly outgoing: Api;
  private polling: Promise<void> | undefined;
  /** The bot's own id (the token's first part): update ids count per bot. */
  private readonly botId: string;

  constructor(
    private readonly lotse: Lotse,
    private readonly options: TelegramOptions,
  ) {
    const client = { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) };
    this.bot = new Bot(options.token, { client });
    this.botId = options.token.split(":")[0] ?? "bot";
    // The outbox sends through a client of its own with the throttler, so that interactive calls
    // (answering a button press) never queue behind a burst of outgoing messages.
    const outgoing = (this.outgoing = new Api(options.token, client));
    // Telegram's limits hold per token, across instances (throttle.ts).
    if (options.throttle !== false) outgoing.config.use(telegramThrottle(lotse.store, this.botId, lotse.config.TELEGRAM_SEND_RATE));
    this.sender = new TelegramSender(outgoing, lotse.t, partsInStore(lotse.store, "telegram"));
    lotse.outbox.register("telegram", this.sender);

    // One chat's updates in order; different chats in parallel. Each update is handled as one unit
    // of work keyed by its update_id: a redelivered update (webhook retry, restart) does nothing twice.
    this.bot.use(sequentialize((ctx: Context) => (ctx.chat?.id !== undefined ? String(ctx.chat.id) : undefined)));
    this.bot.on("message:text", (ctx) => this.onText(ctx));
    this.bot.on("callback_query:data", (ctx) => this.onButton(ctx));
    this.bot.catch((error) => {
      lotse.logger.error({ err: errorSummary(error.error), update: error.ctx.update.update_id }, "telegram update failed");
    });
  }

  /** In webhook mode, the webhook's route (TELEGRAM_WEBHOOK_URL's path). */
  readonly routes: MountRoutes = (app) => {
    if (this.webhookPath) app.post(this.webhookPath, this.webhookHandler());
  };

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
    // A handling that outlasts grammY's timeout (10 s: an overloaded store) fails the request rather
    // than answering 200 before the update's effects are stored: Telegram sends it again, and its
    // update id makes the second delivery a no-op if the first one did finish.
    const handle = webhookCallback(this.bot, "hono", { secretToken: secret, onTimeout: "throw" });
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
        this.lotse.logger.error({ err: errorSummary(error) }, "telegram webhook failed");
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
      // grammY's own long polling confirms a batch (by asking for the next offset) only after every
      // update in it was handled: after a crash Telegram sends the unconfirmed ones again, and their
      // update ids make the handled ones no-ops. (The runner confirms while updates are still being
      // handled, so a crash lost them.) Handling is quick, because replies are only queued. While
      // Telegram is unreachable, grammY retries every few seconds for as long as it takes.
      this.polling = this.bot.start({ allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false }).catch((error: unknown) => {
        this.lotse.logger.error({ err: errorSummary(error) }, "telegram polling stopped");
      });
      this.lotse.logger.info({ mode: "polling" }, "telegram adapter ready");
    }
  }

  async stop(): Promise<void> {
    if (this.bot.isRunning()) await this.bot.stop();
    await this.polling;
  }

  /** Commands in every interface language, so Telegram's menu speaks the user's language. */
  private async registerCommands(signal?: GrammySignal): Promise<void> {
    const t = this.lotse.t;
    const list = (lang: string) => this.lotse.assistant.commands.map((command) => ({ command, description: t(lang, `commands.${command}`).slice(0, 256) }));
    await this.bot.api.setMyCommands(list(this.lotse.config.DEFAULT_LANGUAGE), {}, signal);
    for (const lang of UI_LANGUAGES) await this.bot.api.setMyCommands(list(lang), { language_code: lang }, signal);
  }

  /** The idempotency key of an update. */
  private cause(ctx: Context): string {
    return `telegram:${this.botId}:${ctx.update.update_id}`;
  }

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
      const invitation = this.privateChatInvitation(platformLanguage);
      await this.lotse.store.unit(() => this.lotse.outbox.enqueue(address, invitation), { cause: this.cause(ctx) });
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
    // A question gets "typing…" while it is answered; commands answer at once.
    if (incoming.kind === "text") await this.typing(ctx, address);
    await this.lotse.receive(incoming, { cause: this.cause(ctx) });
  }

  /** Best effort, on the interactive client (not behind the outbox's throttle); see ../typing.ts. */
  private typing(ctx: Context, address: Address): Promise<void> {
    const thread = address.threadId ? { message_thread_id: Number(address.threadId) } : {};
    return showTyping(this.lotse, this.cause(ctx), "telegram", () =>
      this.bot.api.sendChatAction(address.chatId, "typing", thread).catch((error: unknown) => {
        throw telegramDeliveryError(error); // cuts the bot token out of a network error's URL
      }),
    );
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
      void ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    const address = this.address(ctx);
    const incoming: Incoming = { kind: "button", address, buttonId: query.data ?? "", messageRef: `${message.chat.id}:${message.message_id}` };
    if (ctx.from?.language_code) incoming.platformLanguage = ctx.from.language_code;
    // Short acknowledgements (feedback thanks, an expired button) show as a notice on the button
    // instead of a new message; the pressed feedback row disappears from the answer.
    let toast: Reply | undefined;
    await this.lotse.receive(incoming, {
      cause: this.cause(ctx),
      keep: (reply) => {
        const short = reply.acknowledgement === true;
        if (short) toast = reply;
        return short;
      },
    });
    // Not awaited: the update is handled once its effects are stored; the notice on the button and
    // the removed feedback row are courtesy, and must not hold the webhook's answer.
    const text = toast ? toastText(toast) : undefined;
    void ctx.answerCallbackQuery(text ? { text } : undefined).catch(() => undefined);
    if (toast?.meta?.kind === "feedback" && "reply_markup" in message && message.reply_markup) {
      const rows = message.reply_markup.inline_keyboard.filter((row) => !row.some((b) => "callback_data" in b && b.callback_data === query.data));
      void ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } }).catch(() => undefined);
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
