import type { Lotse } from "../app.js";
import { errorSummary } from "../core/errors.js";

/**
 * "Lotse is typing…" while a question is answered (Telegram's sendChatAction, Discord's typing).
 *
 * Sent from the adapter as the question comes in, before the core handles it: the answer itself
 * is queued and leaves through the outbox a moment later, and the platform clears the indicator
 * when it arrives. Not through the outbox: a queued indicator would go out just before the answer
 * (useless) and, failing, hold the chat's queue. Best effort: never awaited by the caller, a
 * failure is logged at debug level and the answer goes its way regardless.
 *
 * Once per cause: an update the platform delivers again (a webhook retry, a restart before the
 * batch was confirmed) finds its cause done, and shows nothing.
 */
export async function showTyping(lotse: Lotse, cause: string, platform: string, send: () => Promise<unknown>): Promise<void> {
  try {
    if (await lotse.store.seen(cause)) return;
  } catch {
    return; // the store is down: the handling that follows will say so
  }
  void send().catch((error: unknown) => lotse.logger.debug({ err: errorSummary(error), platform }, "typing indicator not shown"));
}
