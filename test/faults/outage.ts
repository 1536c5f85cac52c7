// Helpers for outage tests: the outbox's attempts in the outbox's own time, time driven a second
// at a time, and the messages Lotse promised to send (what the outbox accepted), per chat.
import { expect } from "vitest";
import type { Lotse } from "../../src/app.js";
import type { ManualClock } from "../../src/core/clock.js";
import type { Address, Platform, Reply } from "../../src/core/message.js";
import type { Outbox } from "../../src/core/outbox/outbox.js";

export interface Attempt { platform: Platform; ok: boolean; id: string; attempts: number; retryInMs?: number; at: number }

/** Every delivery and every failed attempt the outbox reports, stamped with the outbox's clock. */
export class AttemptLog {
  readonly entries: Attempt[] = [];
  constructor(private readonly clock: ManualClock) {}

  watch(outbox: Outbox): void {
    outbox.onDelivery((platform, ok, report) => this.entries.push({ platform, ok, ...report, at: this.clock.now().getTime() }));
  }

  failures(platform: Platform): Attempt[] {
    return this.entries.filter((e) => e.platform === platform && !e.ok);
  }

  delivered(platform: Platform): Attempt[] {
    return this.entries.filter((e) => e.platform === platform && e.ok);
  }

  /** Failed attempts per message, in time order. */
  failureTimes(platform: Platform): Map<string, number[]> {
    const byId = new Map<string, number[]>();
    for (const f of this.failures(platform)) byId.set(f.id, [...(byId.get(f.id) ?? []), f.at]);
    return byId;
  }
}

/**
 * The outbox's backoff, not a library's: a message's failed attempts are 1 s, 2 s, 4 s, … apart,
 * capped at 10 minutes (the outbox's defaults).
 */
export function expectDoublingBackoff(times: number[], baseMs = 1000, maxMs = 600_000): void {
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  expect(gaps).toEqual(gaps.map((_, i) => Math.min(maxMs, baseMs * 2 ** i)));
}

/** What the outbox accepted (the messages Lotse owes), in order, over one or more Lotse lives. */
export class Promised {
  readonly all: { address: Address; reply: Reply }[] = [];
  private readonly keys = new Set<string>();

  watch(lotse: Lotse): void {
    const enqueue = lotse.outbox.enqueue.bind(lotse.outbox);
    // An own property shadows the method, so the core's calls (assistant, tickets, reminders) pass here.
    lotse.outbox.enqueue = (address, reply, options) => {
      const again = options?.dedupeKey !== undefined && this.keys.has(options.dedupeKey);
      if (options?.dedupeKey) this.keys.add(options.dedupeKey);
      if (!again) this.all.push({ address, reply: structuredClone(reply) });
      return enqueue(address, reply, options);
    };
  }

  to(platform: Platform, chatId?: string): { address: Address; reply: Reply }[] {
    return this.all.filter((p) => p.address.platform === platform && (chatId === undefined || p.address.chatId === chatId));
  }
}

/** Moves the clock a second at a time for `seconds`, running `each(second)` and then a flush every second. */
export async function runFor(clock: ManualClock, outbox: Outbox, seconds: number, each?: (second: number) => Promise<void>): Promise<void> {
  for (let s = 1; s <= seconds; s++) {
    clock.advance(1000);
    await each?.(s);
    await outbox.flush();
  }
}

/** Like runFor, until `done()`; fails after `maxSeconds` of the outbox's time. Returns the seconds it took. */
export async function runUntil(clock: ManualClock, outbox: Outbox, done: () => boolean | Promise<boolean>, maxSeconds = 15 * 60): Promise<number> {
  for (let s = 0; s <= maxSeconds; s++) {
    if (await done()) return s;
    clock.advance(1000);
    await outbox.flush();
  }
  throw new Error(`not done after ${maxSeconds} s of outbox time`);
}
