import { DateTime } from "luxon";
import type { Contact, Contacts, Land, Region } from "../knowledge/contacts.js";

export const TIME_ZONE = "Europe/Berlin";
const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export interface Route {
  land?: Land;
  region?: Region;
  contact: Contact;
}

/** Region id (a Land id or a Bezirk/Landkreis id) -> Land, region and responsible contact. */
export class Routing {
  constructor(readonly contacts: Contacts) {}

  get lands(): Land[] {
    return this.contacts.lands;
  }

  land(id: string): Land | undefined {
    return this.contacts.lands.find((l) => l.id === id);
  }

  /** Finds the Land and region for a stored region id; unknown ids route to the default contact. */
  route(regionId: string | undefined | null): Route {
    if (regionId) {
      for (const land of this.contacts.lands) {
        if (land.id === regionId) return { land, contact: land.contact ?? this.contacts.default };
        const region = land.regions.find((r) => r.id === regionId);
        if (region) return { land, region, contact: region.contact ?? land.contact ?? this.contacts.default };
      }
    }
    return { contact: this.contacts.default };
  }

  /** The Land id of a region id, used to pick per-Land knowledge variants. */
  landOf(regionId: string | undefined | null): string | undefined {
    return this.route(regionId).land?.id;
  }

}

/** The office hours of a contact on the day of `date` (Berlin time), or undefined when closed. */
function officeHours(contact: Contact, date: DateTime): { opens: DateTime; closes: DateTime } | undefined {
  const span = contact.office_hours[WEEKDAY_KEYS[date.weekday - 1]!];
  if (!span) return undefined;
  const at = (hhmm: string) => date.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3)), second: 0, millisecond: 0 });
  const [from, to] = span.split("-") as [string, string];
  return { opens: at(from), closes: at(to) };
}

/**
 * When a contact can next be expected to read a message: `now` if within office hours,
 * else the start of the next opening (Berlin time), looking up to two weeks ahead.
 */
export function nextOpening(contact: Contact, now: Date): { open: boolean; at: DateTime } | undefined {
  const start = DateTime.fromJSDate(now, { zone: TIME_ZONE });
  for (let day = 0; day < 14; day++) {
    const hours = officeHours(contact, start.plus({ days: day }));
    if (!hours) continue;
    const { opens, closes } = hours;
    if (day === 0 && start >= opens && start < closes) return { open: true, at: start };
    if (opens > start) return { open: false, at: opens };
  }
  return undefined;
}

/** Milliseconds of office hours (Berlin time) between two instants: "4 business hours" for reminders. */
export function businessMillisBetween(contact: Contact, from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  const start = DateTime.fromJSDate(from, { zone: TIME_ZONE });
  const end = DateTime.fromJSDate(to, { zone: TIME_ZONE });
  for (let day = start.startOf("day"); day <= end; day = day.plus({ days: 1 })) {
    const hours = officeHours(contact, day);
    if (!hours) continue;
    const lo = hours.opens > start ? hours.opens : start;
    const hi = hours.closes < end ? hours.closes : end;
    if (hi > lo) total += hi.toMillis() - lo.toMillis();
  }
  return total;
}
