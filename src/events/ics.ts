import ical, { ICalCalendarMethod } from "ical-generator";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { DateTime } from "luxon";
import type { Calendar, EventDef } from "./calendar.js";
import { meetingTitle, TIME_ZONE } from "./calendar.js";

/**
 * iCalendar feed of the meetings: stable UIDs, RRULE with EXDATE (cancelled occurrences too),
 * moved occurrences as RECURRENCE-ID overrides, all in TZID Europe/Berlin with its VTIMEZONE.
 */
/** `event`: only that meeting (its "add to calendar" file); `region`: that region's meetings; neither: all. */
export async function icsFeed(calendar: Calendar, options: { region?: string; event?: string; lang?: string; name?: string } = {}): Promise<string> {
  const lang = options.lang ?? "de";
  const cal = ical({ name: options.name ?? "Lotse", method: ICalCalendarMethod.PUBLISH, prodId: { company: "Lotse", product: "Lotse", language: lang.toUpperCase() } });
  cal.timezone({ name: TIME_ZONE, generator: getVtimezoneComponent });
  const events = (await calendar.allEvents()).filter((e) => (!options.region || e.regions.includes(options.region)) && (!options.event || e.id === options.event));
  for (const event of events) {
    const overrides = await calendar.overridesOf(event.id);
    if (overrides.deleted) continue;
    const base = addEvent(cal, event, event.start, lang, calendar.now());
    base.uid(`${event.id}@lotse`);
    if (event.rrule) {
      const until = event.until ? `;UNTIL=${DateTime.fromISO(`${event.until}T23:59`, { zone: TIME_ZONE }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}` : "";
      const excluded = [...event.exdates.map((d) => `${d}${event.start.slice(10)}`), ...overrides.cancelled, ...Object.keys(overrides.moved)];
      const exdate = excluded.length ? `\nEXDATE;TZID=${TIME_ZONE}:${[...new Set(excluded)].map(icsLocal).join(",")}` : "";
      base.repeating(`RRULE:${event.rrule.replace(/;?UNTIL=[^;]+/, "")}${until}${exdate}`);
      // A moved occurrence: the series skips its old time (EXDATE), a single event carries the new one.
      for (const [original, moved] of Object.entries(overrides.moved)) {
        if (overrides.cancelled.includes(original)) continue;
        addEvent(cal, event, moved, lang, calendar.now()).uid(`${event.id}-${original.replace(/[^0-9]/g, "")}@lotse`);
      }
    } else if (overrides.cancelled.includes(event.start)) {
      cal.events(cal.events().filter((e) => e !== base));
    } else if (overrides.moved[event.start]) {
      base.start(DateTime.fromISO(overrides.moved[event.start]!, { zone: TIME_ZONE }));
      base.end(DateTime.fromISO(overrides.moved[event.start]!, { zone: TIME_ZONE }).plus({ minutes: event.duration }));
    }
  }
  return cal.toString();
}

function icsLocal(local: string): string {
  return `${local.replace(/[-:]/g, "")}00`;
}

function addEvent(cal: ReturnType<typeof ical>, event: EventDef, local: string, lang: string, stamp: Date) {
  const start = DateTime.fromISO(local, { zone: TIME_ZONE });
  const description = [event.audience, event.organiser, event.registration ? `Anmeldung / registration: ${event.registration}` : undefined].filter(Boolean).join("\n");
  return cal.createEvent({
    start,
    end: start.plus({ minutes: event.duration }),
    timezone: TIME_ZONE,
    summary: meetingTitle(event, lang),
    description,
    location: event.place ?? event.online ?? null,
    url: event.registration ?? event.online ?? null,
    // DTSTAMP from Lotse's clock: the same calendar state gives the same feed.
    stamp,
  });
}

/** Where one meeting's calendar file is served (its "add to calendar" button), titled in `lang`. */
export function meetingCalendarPath(eventId: string, lang: string): string {
  return `/events/meeting/${encodeURIComponent(eventId)}.ics?lang=${encodeURIComponent(lang)}`;
}
