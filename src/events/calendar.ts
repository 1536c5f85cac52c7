import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { DateTime } from "luxon";
// rrule ships CommonJS for Node: named imports are not detected, so take them from the default export.
import rrule from "rrule";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Clock } from "../core/clock.js";
import type { Problem } from "../knowledge/load.js";
import type { Store } from "../store/store.js";
import { TIME_ZONE } from "../escalation/routing.js";

/**
 * Network meetings (knowledge/events.yaml plus coordinators' changes in the store).
 * Times are Berlin wall-clock times: an 18:00 Jour fixe stays 18:00 across daylight saving,
 * because recurrences are computed on local dates and only then turned into instants.
 */

const { RRule, rrulestr } = rrule;

// One time zone for the whole project: meetings and office hours are Berlin wall-clock times.
export { TIME_ZONE };
export const EVENT_TYPES = ["jour-fixe", "vernetzungstreffen", "werkstatt", "fortbildung", "fachkongress", "aktionstag", "other"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "expected a Berlin local time YYYY-MM-DDTHH:MM");
const localDate = z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD"));
const webUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), "expected an http(s) URL");

export const eventSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.record(z.string(), z.string().min(3)).refine((t) => Boolean(t.de), "expected at least a German title (de)"),
  type: z.enum(EVENT_TYPES),
  regions: z.array(z.string().min(2)).min(1),
  audience: z.string().optional(),
  start: localDateTime,
  duration: z.number().int().min(5).max(24 * 60 * 3),
  rrule: z.string().optional(),
  until: localDate.optional(),
  exdates: z.array(localDate).default([]),
  place: z.string().optional(),
  online: webUrl.optional(),
  organiser: z.string().optional(),
  registration: webUrl.optional(),
  /** ISO 8601 durations before the start, e.g. P7D, P1D, PT1H. */
  reminders: z.array(z.string().regex(/^P(T?\d+[DHM])+$/)).optional(),
});

export type EventDef = z.infer<typeof eventSchema>;

/** A meeting's title in the reader's language, else English (a German title helps few who asked in another language), else German. */
export function meetingTitle(event: Pick<EventDef, "title">, lang: string): string {
  return event.title[lang] ?? event.title.en ?? event.title.de!;
}

const targetSchema = z.object({ platform: z.enum(["discord", "telegram", "slack"]), chat: z.string().min(1), thread: z.string().optional() });
export type AnnounceTarget = z.infer<typeof targetSchema>;

const fileSchema = z.object({
  events: z.array(eventSchema),
  /** Region id (Land or Bezirk/Landkreis) -> where reminders of its meetings are posted. */
  targets: z.record(z.string(), z.array(targetSchema)).default({}),
});

export interface Occurrence {
  /** Stable key of this occurrence: event id and its original local start. */
  key: string;
  eventId: string;
  event: EventDef;
  /** Original local start (YYYY-MM-DDTHH:MM), before any move. */
  originalLocal: string;
  start: Date;
  end: Date;
  cancelled: boolean;
  moved: boolean;
}

/** Coordinators' changes, stored per event; they take precedence over the file. */
export interface EventOverrides {
  cancelled: string[]; // original local starts
  moved: Record<string, string>; // original local start -> new local start
  deleted?: boolean;
}

export function loadEvents(knowledgeDir: string, problems: Problem[] = []): { events: EventDef[]; targets: Record<string, AnnounceTarget[]> } {
  const file = join(knowledgeDir, "events.yaml");
  const rel = relative(process.cwd(), file) || file;
  if (!existsSync(file)) return { events: [], targets: {} };
  const parsed = fileSchema.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file: rel, field: issue.path.join("."), reason: issue.message, severity: "error" });
    return { events: [], targets: {} };
  }
  for (const event of parsed.data.events) {
    if (event.rrule) {
      try {
        rrulestr(`RRULE:${event.rrule}`);
      } catch (error) {
        problems.push({ file: rel, field: `events.${event.id}.rrule`, reason: `invalid RRULE: ${(error as Error).message}`, severity: "error" });
      }
    }
  }
  return parsed.data;
}

/** Berlin wall time "YYYY-MM-DDTHH:MM" -> instant. */
export function fromLocal(local: string): Date {
  return DateTime.fromISO(local, { zone: TIME_ZONE }).toJSDate();
}

export function toLocal(date: Date): string {
  return DateTime.fromJSDate(date, { zone: TIME_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * Local starts of an event between two instants. The recurrence runs on "floating" local times
 * (wall-clock values carried in UTC fields), so daylight saving never shifts the hour.
 */
export function localStarts(event: EventDef, from: Date, to: Date): string[] {
  if (!event.rrule) return [event.start];
  const floating = (local: string) => new Date(`${local}:00Z`);
  const options = RRule.parseString(event.rrule);
  options.dtstart = floating(event.start);
  if (event.until) options.until = floating(`${event.until}T23:59`);
  const rule = new RRule(options);
  // Widen by a day on each side: the floating window is off by the UTC offset.
  const starts = rule.between(new Date(from.getTime() - 86_400_000), new Date(to.getTime() + 86_400_000), true);
  const excluded = new Set(event.exdates);
  return starts.map((d) => d.toISOString().slice(0, 16)).filter((local) => !excluded.has(local.slice(0, 10)));
}

export type CalendarListener = (change: { eventId: string; originalLocal: string; kind: "cancelled" | "moved" | "added" }) => Promise<void> | void;

export class Calendar {
  private readonly listeners: CalendarListener[] = [];

  /** Called after an occurrence was cancelled or moved (reminders already posted get updated). */
  onChange(listener: CalendarListener): void {
    this.listeners.push(listener);
  }

  constructor(
    readonly events: EventDef[],
    readonly targets: Record<string, AnnounceTarget[]>,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  overridesOf(id: string): Promise<EventOverrides> {
    return this.overrides(id);
  }

  private async overrides(id: string): Promise<EventOverrides> {
    return (await this.store.ns<EventOverrides>("events").get(`override:${id}`)) ?? { cancelled: [], moved: {} };
  }

  /** Events from the file plus the ones coordinators added. */
  async allEvents(): Promise<EventDef[]> {
    const added = (await this.store.ns<EventDef[]>("events").get("added")) ?? [];
    return [...this.events, ...added];
  }

  /** Occurrences overlapping [from, to], moved ones at their new time, cancelled ones flagged. */
  async occurrences(from: Date, to: Date, filter: { regions?: string[]; types?: string[]; includeCancelled?: boolean } = {}): Promise<Occurrence[]> {
    const out: Occurrence[] = [];
    for (const event of await this.allEvents()) {
      if (filter.types?.length && !filter.types.includes(event.type)) continue;
      if (filter.regions?.length && !event.regions.some((r) => filter.regions!.includes(r))) continue;
      const overrides = await this.overrides(event.id);
      if (overrides.deleted) continue;
      for (const local of localStarts(event, new Date(from.getTime() - 40 * 86_400_000), new Date(to.getTime() + 40 * 86_400_000))) {
        const movedTo = overrides.moved[local];
        const start = fromLocal(movedTo ?? local);
        const end = new Date(start.getTime() + event.duration * 60_000);
        if (end < from || start > to) continue;
        const cancelled = overrides.cancelled.includes(local);
        if (cancelled && !filter.includeCancelled) continue;
        out.push({ key: `${event.id}@${local}`, eventId: event.id, event, originalLocal: local, start, end, cancelled, moved: Boolean(movedTo) });
      }
    }
    return out.sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /** The next meetings from now, for /events. */
  upcoming(limit: number, filter: { regions?: string[]; types?: string[] } = {}): Promise<Occurrence[]> {
    const now = this.clock.now();
    return this.occurrences(now, new Date(now.getTime() + 366 * 86_400_000), filter).then((o) => o.slice(0, limit));
  }

  /** The next occurrence of each meeting from now, by date: a fortnightly meeting once, not six times. */
  async nextOfEach(filter: { types?: string[] } = {}): Promise<Occurrence[]> {
    const now = this.clock.now();
    const seen = new Set<string>();
    return (await this.occurrences(now, new Date(now.getTime() + 366 * 86_400_000), filter)).filter((o) => !seen.has(o.eventId) && Boolean(seen.add(o.eventId)));
  }

  /** A meeting that is on the calendar (in the file or added by a coordinator) and not deleted. */
  async published(id: string): Promise<EventDef | undefined> {
    const event = await this.findEvent(id);
    return event && !(await this.overrides(id)).deleted ? event : undefined;
  }

  async cancel(eventId: string, originalLocal: string): Promise<void> {
    await this.change(eventId, (o) => {
      if (!o.cancelled.includes(originalLocal)) o.cancelled.push(originalLocal);
    });
    for (const listener of this.listeners) await listener({ eventId, originalLocal, kind: "cancelled" });
  }

  async move(eventId: string, originalLocal: string, newLocal: string): Promise<void> {
    await this.change(eventId, (o) => {
      o.moved[originalLocal] = newLocal;
    });
    for (const listener of this.listeners) await listener({ eventId, originalLocal, kind: "moved" });
  }

  async add(event: EventDef): Promise<void> {
    await this.store.withLock("events:added", async () => {
      const space = this.store.ns<EventDef[]>("events");
      const added = ((await space.get("added")) ?? []).filter((e) => e.id !== event.id);
      await space.set("added", [...added, eventSchema.parse(event)]);
    });
    for (const listener of this.listeners) await listener({ eventId: event.id, originalLocal: event.start, kind: "added" });
  }

  findEvent(id: string): Promise<EventDef | undefined> {
    return this.allEvents().then((all) => all.find((e) => e.id === id));
  }

  private async change(eventId: string, apply: (o: EventOverrides) => void): Promise<void> {
    await this.store.withLock(`events:${eventId}`, async () => {
      const overrides = await this.overrides(eventId);
      apply(overrides);
      await this.store.ns<EventOverrides>("events").set(`override:${eventId}`, overrides);
    });
  }
}
