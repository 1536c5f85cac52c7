import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { telegramDeliveryError as translateError } from "../../../src/adapters/delivery-errors.js";
import { PermanentDeliveryError, RetryLaterError } from "../../../src/core/outbox/outbox.js";

const telegramError = (code: number, description: string, parameters = {}) =>
  new GrammyError(`Call to 'sendMessage' failed! (${code}: ${description})`, { ok: false, error_code: code, description, parameters }, "sendMessage", {});

describe("Telegram errors, as the outbox sees them", () => {
  it("gives up on a message only when retrying cannot help it (blocked bot, deleted chat)", () => {
    expect(translateError(telegramError(403, "Forbidden: bot was blocked by the user"))).toBeInstanceOf(PermanentDeliveryError);
    expect(translateError(telegramError(400, "Bad Request: chat not found"))).toBeInstanceOf(PermanentDeliveryError);
  });

  it("keeps the message when the bot's token is rejected: the operator fixes the token, the message still goes out", () => {
    for (const [code, text] of [[401, "Unauthorized"], [404, "Not Found"]] as const) {
      const error = translateError(telegramError(code, text));
      expect(error).not.toBeInstanceOf(PermanentDeliveryError);
      expect(error.message).toContain(String(code));
    }
  });

  it("waits as long as Telegram asks on 429 and retries 5xx with backoff", () => {
    const limited = translateError(telegramError(429, "Too Many Requests: retry after 7", { retry_after: 7 }));
    expect(limited).toBeInstanceOf(RetryLaterError);
    expect((limited as RetryLaterError).retryAfterMs).toBe(7000);
    expect(translateError(telegramError(502, "Bad Gateway"))).not.toBeInstanceOf(PermanentDeliveryError);
  });
});
