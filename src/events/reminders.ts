import type { Address, Reply } from "../core/message.js";
import type { Outbox } from "../core/outbox/outbox.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../logger.js";
import type { Store } from "../store/store.js";
import type { Translate } from "../i18n/i18n.js";
import { fromLocal, meetingTitle, toLocal, type AnnounceTarget, type Calendar, type Occurrence } from "./calendar.js";
import { subscriptionCovers, type RegionTree } from "./nearby.js";
import { Duration } from "luxon";

/**
 * Meeting reminders, exactly once per (occurrence, offset, target): the marker and the queued
 * reminder are committed in one unit of work (the outbox then delivers it durably). Reminders
 * missed while Lotse was down are caught up while the meeting is still ahead: only the most
 * recent missed offset is sent, never one for a meeting that has begun.
 */

export interface Subscription {
  address: Address;
  lang: string;
  regions: string[];
  types: string[];
}

const DEFAULT_OFFSETS = ["P7D", "P1D"];
const ONLINE_OFFSET = "PT1H";
const MARKER_TTL_MS = 60 * 86_400_000;

export function offsetsOf(occurrence: Occurrence): string[] {
  const offsets = occurrence.event.reminders ?? [...DEFAULT_OFFSETS, ...(occurrence.event.online ? [ONLINE_OFFSET] : [])];
  return [...offsets].sort((a, b) => Duration.fromISO(b).toMillis() - Duration.fromISO(a).toMillis());
}

export class Reminders {
  constructor(
    private readonly calendar: Calendar,
    private readonly store: Store,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly t: Translate,
    private readonly logger: Logger,
    private readonly defaultLang: string,
    /** Public base URL, for the calendar feed link in announcements. */
    private readonly publicUrl?: string,
    /** Länder and their districts: a district's subscriber is not reminded of meetings held for other districts. */
    private readonly lands?: RegionTree[],
  ) {}

  private readonly sentListeners: ((count: number) => void)[] = [];

  onSent(listener: (count: number) => void): void {
    this.sentListeners.push(listener);
  }

  /** Sends every reminder that is due now; returns how many were queued. */
  async run(): Promise<number> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + 8 * 86_400_000);
    let sent = 0;
    for (const occurrence of await this.calendar.occurrences(now, horizon)) {
      if (occurrence.start <= now) continue; // never for a meeting that has begun
      const due = offsetsOf(occurrence).filter((o) => occurrence.start.getTime() - Duration.fromISO(o).toMillis() <= now.getTime());
      if (!due.length) continue;
      const offset = due[due.length - 1]!; // the most recent one: a catch-up sends one reminder, not all missed ones
      for (const { address, lang } of await this.recipients(occurrence)) {
        const marker = `${occurrence.key}|${offset}|${address.platform}:${address.chatId}${address.threadId ? `:${address.threadId}` : ""}`;
        // One unit per reminder, keyed by its marker: its markers, its entry among the posted ones
        // and the queued message are committed together, so a crash or a second instance's run
        // can neither post it twice nor lose it half-way.
        const queued = await this.store.unit(async () => {
          const markers = this.store.ns<number>("reminders");
          if (await markers.get(marker)) return false;
          // Earlier offsets whose time has passed count as done too (a later run must not send them).
          for (const o of due) await markers.set(marker.replace(`|${offset}|`, `|${o}|`), now.getTime(), MARKER_TTL_MS);
          const refKey = `reminder:${marker}`;
          await this.rememberPosted(occurrence.key, { address, lang, refKey });
          const reply = this.reminder(occurrence, lang);
          reply.meta = { ...reply.meta, refKey, at: occurrence.start.toISOString() };
          // Should the markers be lost (a restored backup), the dedupe key still refuses a second copy.
          await this.outbox.enqueue(address, reply, { dedupeKey: refKey });
          return true;
        }, { cause: `reminder:${marker}`, causeTtlMs: MARKER_TTL_MS });
        if (queued.duplicate || !queued.value) continue;
        sent++;
      }
    }
    if (sent) {
      this.logger.info({ sent }, "meeting reminders queued");
      for (const listener of this.sentListeners) listener(sent);
    }
    return sent;
  }

  /** Called inside the reminder's unit: a concurrent change of the same list makes the unit run again. */
  private async rememberPosted(occurrenceKey: string, entry: { address: Address; lang: string; refKey: string }): Promise<void> {
    const space = this.store.ns<{ address: Address; lang: string; refKey: string }[]>("reminders");
    const list = (await space.get(`posted:${occurrenceKey}`)) ?? [];
    list.push(entry);
    await space.set(`posted:${occurrenceKey}`, list, MARKER_TTL_MS);
  }

  /**
   * An occurrence was cancelled or moved: every reminder already posted for it gets an update,
   * edited in place where the platform allows it (Discord, Telegram), else as a new message.
   */
  async notifyChange(eventId: string, originalLocal: string, kind: "cancelled" | "moved"): Promise<number> {
    const key = `${eventId}@${originalLocal}`;
    const posted = (await this.store.ns<{ address: Address; lang: string; refKey: string }[]>("reminders").get(`posted:${key}`)) ?? [];
    if (!posted.length) return 0;
    const around = fromLocal(originalLocal).getTime();
    const window = 400 * 86_400_000; // a moved occurrence stays within about a year of its date
    const [occurrence] = (await this.calendar.occurrences(new Date(around - window), new Date(around + window), { includeCancelled: true })).filter((o) => o.key === key);
    for (const { address, lang, refKey } of posted) {
      const blocks = occurrence ? meetingBlocks(this.t, lang, [occurrence], kind === "cancelled" ? "events.cancelledNotice" : "events.movedNotice") : [];
      const ref = await this.outbox.refOf(refKey);
      const reply: Reply = { lang, blocks, meta: { kind: "reminder-update", refKey, ...(occurrence ? { at: occurrence.start.toISOString() } : {}) } };
      if (ref) reply.replaces = ref;
      await this.outbox.enqueue(address, reply);
    }
    this.logger.info({ event: eventId, kind, updates: posted.length }, "posted reminders updated");
    return posted.length;
  }

  /** Channels configured for the meeting's regions, and personal subscribers. */
  private async recipients(occurrence: Occurrence): Promise<{ address: Address; lang: string }[]> {
    const out: { address: Address; lang: string }[] = [];
    const seen = new Set<string>();
    const add = (address: Address, lang: string) => {
      // A platform this instance does not run (no token set): nothing could deliver the reminder, and
      // queueing it anyway would grow the outbox for ever. No marker is set, so a later start with the
      // platform switched on still catches up.
      if (!this.outbox.handles(address.platform)) return;
      const key = `${address.platform}:${address.chatId}:${address.threadId ?? ""}`;
      if (!seen.has(key)) out.push({ address, lang }), seen.add(key);
    };
    for (const region of occurrence.event.regions) {
      for (const target of this.calendar.targets[region] ?? []) add(targetAddress(target), this.defaultLang);
    }
    for (const sub of (await this.store.ns<Subscription[]>("subscriptions").get("all")) ?? []) {
      if (subscriptionCovers(sub, occurrence.event, this.lands)) add(sub.address, sub.lang);
    }
    return out;
  }

  private reminder(occurrence: Occurrence, lang: string): Reply {
    const reply: Reply = { lang, blocks: meetingBlocks(this.t, lang, [occurrence], "events.reminder"), meta: { kind: "reminder" } };
    if (this.publicUrl) {
      const region = occurrence.event.regions[0]!;
      reply.links = [{ title: this.t(lang, "events.feed"), url: `${this.publicUrl.replace(/\/$/, "")}/events/${region}.ics` }];
    }
    return reply;
  }
}

function targetAddress(target: AnnounceTarget): Address {
  return { platform: target.platform, chatId: target.chat, ...(target.thread ? { threadId: target.thread } : {}), userId: "announcements" };
}

/**
 * A list of meetings as blocks: title, Berlin time, place or link, registration. `numbered`: each
 * title starts with its number, which the meeting's buttons repeat (`/events`).
 */
export function meetingBlocks(t: Translate, lang: string, occurrences: Occurrence[], headingKey: string, options: { numbered?: boolean; heading?: Record<string, unknown> } = {}): import("../core/message.js").Block[] {
  const blocks: import("../core/message.js").Block[] = [{ type: "paragraph", spans: [{ text: t(lang, headingKey, options.heading), bold: true }] }];
  for (const [i, o] of occurrences.entries()) {
    const when = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Berlin" }).format(o.start);
    const title = options.numbered ? `${i + 1}. ${meetingTitle(o.event, lang)}` : meetingTitle(o.event, lang);
    const items: import("../core/message.js").Span[][] = [[{ text: when }]];
    if (o.event.place) items.push([{ text: o.event.place }]);
    if (o.event.online) items.push([{ text: t(lang, "events.online"), href: o.event.online }]);
    if (o.event.registration) items.push([{ text: t(lang, "events.register"), href: o.event.registration }]);
    if (o.moved) items.push([{ text: t(lang, "events.moved", { from: toLocal(new Date(`${o.originalLocal}:00Z`)).replace("T", " ") }) }]);
    blocks.push({ type: "paragraph", spans: [{ text: title, bold: true }] }, { type: "list", items });
  }
  return blocks;
}

/** Personal subscriptions (Telegram /subscribe, Discord /subscribe). */
export async function setSubscription(store: Store, subscription: Subscription | { address: Address; remove: true }): Promise<void> {
  await store.withLock("subscriptions", async () => {
    const space = store.ns<Subscription[]>("subscriptions");
    const all = ((await space.get("all")) ?? []).filter((s) => !(s.address.platform === subscription.address.platform && s.address.chatId === subscription.address.chatId && s.address.userId === subscription.address.userId));
    if (!("remove" in subscription)) all.push(subscription);
    await space.set("all", all);
  });
}
