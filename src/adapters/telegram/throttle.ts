import type { Transformer } from "grammy";
import type { RateWindow } from "../../store/rate-windows.js";

/**
 * Telegram's limits per bot token: about 30 messages a second in all, 1 a second per chat, 20 a
 * minute per group. They hold for the token, not for the process: each send waits for its windows
 * in the store (store/rate-windows.ts), so instances sharing Redis or PostgreSQL keep to them
 * together; SQLite serves one instance.
 *
 * The windows are a little longer than a second (and a minute): a send counted at one instant
 * reaches Telegram a little later, and two sends' trips differ (a busy process, a slow store round
 * trip); the margin keeps any second Telegram sees within its limit. 30 in 1.2 s is 25 a second
 * sustained, 83% of the limit.
 */
const MARGIN_MS = 200;

export interface SendWindows {
  sendWithin(windows: readonly RateWindow[], signal?: AbortSignal): Promise<void>;
}

/** The windows a call to `chat_id` counts in. */
export function telegramWindows(botId: string, perSecond: number, chatId: number): RateWindow[] {
  const windows: RateWindow[] = [
    { key: `tg:${botId}:all`, limit: perSecond, windowMs: 1000 + MARGIN_MS },
    { key: `tg:${botId}:chat:${chatId}`, limit: 1, windowMs: 1000 + MARGIN_MS },
  ];
  // Groups and channels have negative ids: 20 messages a minute.
  if (chatId < 0) windows.push({ key: `tg:${botId}:group:${chatId}`, limit: 20, windowMs: 60_000 + MARGIN_MS });
  return windows;
}

/**
 * A grammY API transformer for the outbox's client: every call addressed to a chat waits for its
 * windows. Calls without a chat (getMe, setWebhook) pass at once.
 */
export function telegramThrottle(windows: SendWindows, botId: string, perSecond: number): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = payload && typeof payload === "object" && "chat_id" in payload ? Number((payload as { chat_id: unknown }).chat_id) : NaN;
    if (Number.isFinite(chatId)) await windows.sendWithin(telegramWindows(botId, perSecond, chatId), signal as AbortSignal | undefined);
    return prev(method, payload, signal);
  };
}
