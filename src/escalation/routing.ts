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

  isKnown(regionId: string): boolean {
    return this.route(regionId).land !== undefined;
  }
}

/**
 * When a contact can next be expected to read a message: `now` if within office hours,
 * else the start of the next opening (Berlin time), looking up to two weeks ahead.
 */
export function nextOpening(contact: Contact, now: Date): { open: boolean; at: DateTime } | undefined {
  const start = DateTime.fromJSDate(now, { zone: TIME_ZONE });
  for (let day = 0; day < 14; day++) {
    const date = start.plus({ days: day });
    const span = contact.office_hours[WEEKDAY_KEYS[date.weekday - 1]!];
    if (!span) continue;
    const [from, to] = span.split("-") as [string, string];
    const opens = date.set({ hour: Number(from.slice(0, 2)), minute: Number(from.slice(3)), second: 0, millisecond: 0 });
    const closes = date.set({ hour: Number(to.slice(0, 2)), minute: Number(to.slice(3)), second: 0, millisecond: 0 });
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
    const span = contact.office_hours[WEEKDAY_KEYS[day.weekday - 1]!];
    if (!span) continue;
    const [a, b] = span.split("-") as [string, string];
    const opens = day.set({ hour: Number(a.slice(0, 2)), minute: Number(a.slice(3)) });
    const closes = day.set({ hour: Number(b.slice(0, 2)), minute: Number(b.slice(3)) });
    const lo = opens > start ? opens : start;
    const hi = closes < end ? closes : end;
    if (hi > lo) total += hi.toMillis() - lo.toMillis();
  }
  return total;
}
