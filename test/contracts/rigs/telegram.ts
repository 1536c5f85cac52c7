// The Telegram sender on grammY's Api, pointed at the Telegram fake as the adapter builds it (without the throttler).
import { Api } from "grammy";
import { TelegramSender } from "../../../src/adapters/telegram/sender.js";
import { TELEGRAM_MAX_TEXT } from "../../../src/adapters/telegram/render.js";
import { FakeTelegram, type TelegramError } from "../../fakes/telegram-api.js";
import type { Refusal, SenderRig, SenderTraits } from "../sender.contract.js";
import { translate } from "./translate.js";

export const telegramTraits: SenderTraits = { rateLimit: "rejects", maxLength: TELEGRAM_MAX_TEXT };

/** What the Bot API answers for each refusal. */
function botApiError(refusal: Refusal): TelegramError {
  switch (refusal.kind) {
    case "rate-limited":
      return { error_code: 429, description: `Too Many Requests: retry after ${refusal.retryAfterSeconds}`, parameters: { retry_after: refusal.retryAfterSeconds } };
    case "chat-gone":
      return { error_code: 400, description: "Bad Request: chat not found" };
    case "forbidden":
      return { error_code: 403, description: "Forbidden: bot was blocked by the user" };
    case "bad-token":
      return { error_code: 401, description: "Unauthorized" };
  }
}

export async function telegramRig(): Promise<SenderRig> {
  const fake = await FakeTelegram.start();
  const chat = 901;
  return {
    sender: new TelegramSender(new Api(fake.token, { apiRoot: fake.apiRoot }), translate()),
    address: { platform: "telegram", chatId: String(chat), userId: String(chat) },
    refuseNext: (refusal) => fake.failNext("sendMessage", botApiError(refusal)),
    goDown: (status) => fake.goDown({ status }),
    comeBack: () => fake.comeBack(),
    delivered: async () => fake.messagesIn(chat).map((m) => ({ ref: `${chat}:${String(m.message_id)}`, text: String(m.text) })),
    stop: () => fake.stop(),
  };
}
