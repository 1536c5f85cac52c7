/**
 * Delivery as the fake Bot API saw it: every sendMessage it recorded, with the status it answered
 * (200, or 429 when over its per-second limit). Each simulated user writes once from a chat of
 * its own, so every chat is owed exactly one answer:
 * - lost: a chat that never got a 200 sendMessage within the drain period;
 * - duplicates: copies of the same text to the same chat beyond the first;
 * - extra: further messages with a different text to a chat that already had one (not expected).
 */
import type { RecordedCall } from "../test/fakes/telegram-api.js";
import { quantile } from "./webhook-load.js";

export interface Delivery {
  /** Chats owed an answer. */
  owed: number;
  /** Chats that got at least one message. */
  answered: number;
  lost: number;
  duplicates: number;
  extra: number;
  /** sendMessage calls that arrived; of them answered 200 / 429 / otherwise (or not yet). */
  attempts: number;
  delivered: number;
  rateLimited: number;
  failed: number;
  /** Delivered per second from the first to the last delivery (arrival times at the fake). */
  sustained: number;
  /** Most deliveries / attempts (200 + 429) that arrived within any 1-second window. */
  peak: number;
  peakAttempts: number;
  /** From the update being sent to its answer's arrival at the fake, p50/p99 in seconds. */
  latencyP50: number;
  latencyP99: number;
  firstAt: number;
  lastAt: number;
}

/** Most timestamps (sorted, ms) within any window of `ms`. */
function peakWithin(sorted: number[], ms = 1000): number {
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= ms) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

/**
 * Counts the sendMessage calls to the chats in `sentAt` (chat → wall time its update was sent),
 * optionally only those that arrived within [from, to].
 */
export function countDelivery(calls: readonly RecordedCall[], sentAt: Map<number, number>, window?: { from: number; to: number }): Delivery {
  const texts = new Map<number, Set<string>>();
  const firstDelivery = new Map<number, number>();
  const delivered: number[] = [];
  const attempts: number[] = [];
  let duplicates = 0;
  let extra = 0;
  let rateLimited = 0;
  let failed = 0;
  for (const call of calls) {
    if (call.method !== "sendMessage") continue;
    const chat = Number(call.body.chat_id);
    if (!sentAt.has(chat)) continue;
    if (window && (call.at < window.from || call.at > window.to)) continue;
    attempts.push(call.at);
    if (call.status === 429) {
      rateLimited++;
      continue;
    }
    if (call.status !== 200) {
      failed++; // unanswered (still held by a slow fake) or another error
      continue;
    }
    delivered.push(call.at);
    const text = String(call.body.text);
    const seen = texts.get(chat) ?? new Set<string>();
    if (seen.has(text)) duplicates++;
    else if (seen.size) extra++;
    seen.add(text);
    texts.set(chat, seen);
    if (!firstDelivery.has(chat)) firstDelivery.set(chat, call.at);
  }
  delivered.sort((a, b) => a - b);
  attempts.sort((a, b) => a - b);
  const latencies = [...firstDelivery].map(([chat, at]) => (at - sentAt.get(chat)!) / 1000).sort((a, b) => a - b);
  const firstAt = delivered[0] ?? NaN;
  const lastAt = delivered.at(-1) ?? NaN;
  return {
    owed: sentAt.size,
    answered: firstDelivery.size,
    lost: sentAt.size - firstDelivery.size,
    duplicates,
    extra,
    attempts: attempts.length,
    delivered: delivered.length,
    rateLimited,
    failed,
    sustained: delivered.length > 1 ? (delivered.length - 1) / ((lastAt - firstAt) / 1000) : NaN,
    peak: peakWithin(delivered),
    peakAttempts: peakWithin(attempts),
    latencyP50: quantile(latencies, 0.5),
    latencyP99: quantile(latencies, 0.99),
    firstAt,
    lastAt,
  };
}
