import type { Clock } from "../core/clock.js";
import type { Address } from "../core/message.js";
import type { PersonalDataHolder } from "../privacy/personal-data.js";
import type { Store } from "../store/store.js";
import type { Calendar, Occurrence } from "./calendar.js";
import { offsetsOf } from "./reminders.js";

/**
 * What the meeting reminders hold about a volunteer with a personal subscription: the reminders
 * posted to them (kept 60 days, so that a cancellation or a move can update them), the markers
 * that say which went out, and the platform's reference of each posted message (in "meta").
 * The records are keyed by occurrence, so they are found through the calendar.
 */

interface Posted {
  address: Address;
  lang: string;
  refKey: string;
}

const DAY_MS = 86_400_000;
/** Markers live 60 days after sending, reminders go out up to a week before; moved meetings stay within a year. */
const BEFORE_MS = 61 * DAY_MS;
const AFTER_MS = 400 * DAY_MS;
/** As the reminders set it on every post. */
const POSTED_TTL_MS = 60 * DAY_MS;

const isUser = (a: Address, who: Address) => a.platform === who.platform && a.userId === who.userId;
const chatPart = (a: Address) => `${a.platform}:${a.chatId}${a.threadId ? `:${a.threadId}` : ""}`;

export function reminderData(store: Store, calendar: Pick<Calendar, "occurrences">, clock: Clock): PersonalDataHolder {
  const space = store.ns<Posted[] | number>("reminders");
  const meta = store.ns<string>("meta");
  /** Every occurrence whose reminders may still be on record, with this user's posted entries. */
  async function postedTo(who: Address): Promise<{ occurrence: Occurrence; mine: Posted[]; all: Posted[] }[]> {
    const now = clock.now().getTime();
    const found = [];
    for (const occurrence of await calendar.occurrences(new Date(now - BEFORE_MS), new Date(now + AFTER_MS), { includeCancelled: true })) {
      const all = ((await space.get(`posted:${occurrence.key}`)) as Posted[] | undefined) ?? [];
      const mine = all.filter((p) => isUser(p.address, who));
      if (mine.length) found.push({ occurrence, mine, all });
    }
    return found;
  }
  return {
    name: "reminders",
    covers: ["reminders", "meta"],
    async export(who) {
      const reminders = [];
      for (const { occurrence, mine } of await postedTo(who)) {
        for (const p of mine) {
          const messageRef = await meta.get(`ref:${p.refKey}`);
          const title = occurrence.event.title[p.lang] ?? occurrence.event.title.de ?? occurrence.eventId;
          reminders.push({ meeting: title, at: occurrence.start.toISOString(), lang: p.lang, ...(messageRef ? { messageRef } : {}) });
        }
      }
      return { reminders };
    },
    async erase(who) {
      let erased = 0;
      // Inside the erasure's unit of work: a reminder posted meanwhile to the same list makes it run again.
      for (const { occurrence, mine, all } of await postedTo(who)) {
        const kept = all.filter((p) => !isUser(p.address, who));
        if (kept.length) await space.set(`posted:${occurrence.key}`, kept, POSTED_TTL_MS);
        else await space.delete(`posted:${occurrence.key}`);
        for (const p of mine) {
          await meta.delete(`ref:${p.refKey}`);
          for (const offset of offsetsOf(occurrence)) await space.delete(`${occurrence.key}|${offset}|${chatPart(p.address)}`);
          erased++;
        }
      }
      return erased;
    },
  };
}
