import type { Address, Reply } from "../message.js";

/**
 * The contract between the outbox and the platforms: a sender delivers one reply, and tells by
 * the class of its error whether and when to try again (adapters/delivery-errors.ts classifies the
 * platforms' errors the same way for all of them).
 */

export interface Sender {
  /** Delivers; may return the platform's reference of the message (e.g. "chat:message id"). */
  send(address: Address, reply: Reply): Promise<string | void>;
}

/** A sender throws this for a failure that retrying cannot fix (e.g. the user blocked the bot). */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

/** A sender throws this to ask for a retry no earlier than `retryAfterMs` (e.g. HTTP 429). */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** What a delivery listener learns about one attempt (for metrics and tests; never the message). */
export interface DeliveryReport {
  id: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** After a failure: the wait before the next attempt. */
  retryInMs?: number;
}

/** The wait before the next attempt: what the platform asked for, or exponential backoff. */
export function retryDelay(error: unknown, attempts: number, options: { baseDelayMs: number; maxDelayMs: number }): number {
  if (error instanceof RetryLaterError) return Math.max(error.retryAfterMs, 0);
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempts - 1));
}
