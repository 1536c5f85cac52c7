import { GrammyError, InputFile, type Api } from "grammy";
import type { Address, Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox/outbox.js";
import { telegramDeliveryError } from "../delivery-errors.js";
import { partsInMemory, partsKey, type PartsDelivered } from "../parts-delivered.js";
import type { Translate } from "../../i18n/i18n.js";
import { renderTelegram } from "./render.js";

/**
 * Delivers outbox messages to Telegram. Errors are translated for the outbox: 429 waits for
 * `retry_after`, 5xx, network errors and a rejected token retry with backoff, 400/403 give up
 * (retrying cannot fix them: a blocked bot, a deleted chat).
 */
export class TelegramSender implements Sender {
  constructor(
    private readonly api: Api,
    private readonly t: Translate,
    /** Parts of a split message already delivered, so a retry does not send them twice. */
    private readonly progress: PartsDelivered = partsInMemory(),
  ) {}

  async send(address: Address, reply: Reply): Promise<string | void> {
    const messages = renderTelegram(reply, this.t(reply.lang, "web.sources"));
    const chatId = address.chatId;
    const thread = address.threadId ? Number(address.threadId) : undefined;
    const common = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true } };
    try {
      const [refChat, refMessage] = reply.replaces?.split(":") ?? [];
      if (refChat === chatId && refMessage && messages.length === 1) {
        const [only] = messages;
        try {
          await this.api.editMessageText(chatId, Number(refMessage), only!.text, { ...common, reply_markup: only!.keyboard ? { inline_keyboard: only!.keyboard } : undefined });
          return reply.replaces;
        } catch (error) {
          if (isNotModified(error)) return;
          // The message may be too old to edit: send the reply as a new message instead.
          if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
        }
      }
      const key = partsKey(address, reply);
      let last: string | undefined;
      // A file (the /my_data export) follows the text as one more part.
      const parts = messages.length + (reply.attachment ? 1 : 0);
      const done = parts > 1 ? ((await this.progress.get(key)) ?? 0) : 0;
      for (let i = done; i < parts; i++) {
        if (i === messages.length) {
          const file = reply.attachment!;
          const sent = await this.api.sendDocument(chatId, new InputFile(Buffer.from(file.content, "utf8"), file.name), thread ? { message_thread_id: thread } : {});
          last = `${chatId}:${sent.message_id}`;
          break;
        }
        const m = messages[i]!;
        const sent = await this.api.sendMessage(chatId, m.text, {
          ...common,
          ...(thread ? { message_thread_id: thread } : {}),
          ...(m.keyboard ? { reply_markup: { inline_keyboard: m.keyboard } } : {}),
        });
        last = `${chatId}:${sent.message_id}`;
        if (parts > 1) await this.progress.set(key, i + 1);
      }
      if (parts > 1) await this.progress.delete(key);
      return last;
    } catch (error) {
      throw telegramDeliveryError(error);
    }
  }

}

function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /not modified/i.test(error.description);
}
