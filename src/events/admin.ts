import type { Logger } from "../logger.js";
import type { Translate } from "../i18n/i18n.js";
import { EVENT_TYPES, eventSchema, type Calendar, type EventDef } from "./calendar.js";

/**
 * Meeting administration by coordinators, whatever the front-end: Slack's `/lotse event …` and
 * Discord's `/event …` parse their own syntax into a `MeetingChange`; who may change meetings is
 * the front-end's question (channel membership, Manage Events), what a change does is answered here.
 */
export type MeetingChange =
  | { action: "add"; id: string; start: string; minutes: string | number; type: string; region: string; title: string }
  | { action: "cancel"; id: string; when: string }
  | { action: "move"; id: string; when: string; to: string };

export interface MeetingAdminDeps {
  calendar: Calendar;
  logger: Logger;
  t: Translate;
  /** The language of the coordinators' notices and of the added meeting's title. */
  lang: string;
}

/** An occurrence as coordinators write it: Berlin local time, to the minute. */
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * A meeting added by a coordinator, validated like the entries of knowledge/events.yaml;
 * returns the event or the reason it is not valid.
 */
export function meetingFromCommand(input: { id: string; start: string; minutes: string | number; type: string; region: string; title: string; lang: string }): EventDef | string {
  const parsed = eventSchema.safeParse({
    id: input.id,
    title: { de: input.title, [input.lang]: input.title },
    type: input.type,
    regions: [input.region],
    start: input.start,
    duration: Number(input.minutes),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join(".") || "event"}: ${issue.message} (types: ${EVENT_TYPES.join(", ")})`;
}

/** Applies a coordinator's change and returns the notice for them (in `deps.lang`). `by` is logged, nothing else. */
export async function changeMeeting(deps: MeetingAdminDeps, change: MeetingChange, by: string): Promise<string> {
  const { calendar, logger, lang } = deps;
  const t = (key: string, vars?: Record<string, unknown>) => deps.t(lang, key, vars);
  if (change.action === "add") {
    const event = meetingFromCommand({ ...change, lang });
    if (typeof event === "string") return `${t("discord.badEvent")} ${event}`;
    if (await calendar.findEvent(change.id)) return `${t("discord.badEvent")} id`;
    await calendar.add(event);
    logger.info({ event: change.id, change: "add", by }, "meeting changed");
    return t("discord.added", { id: change.id, when: change.start });
  }
  if (!(await calendar.findEvent(change.id)) || !LOCAL.test(change.when) || (change.action === "move" && !LOCAL.test(change.to))) return t("discord.badEvent");
  if (change.action === "cancel") await calendar.cancel(change.id, change.when);
  else await calendar.move(change.id, change.when, change.to);
  logger.info({ event: change.id, change: change.action, by }, "meeting changed");
  return t(change.action === "cancel" ? "discord.cancelled" : "discord.moved", { id: change.id, when: change.when });
}

/** Slack's `/lotse event add|cancel|move …` words as a change, or undefined when they are not one. */
export function meetingChangeFromWords(args: string[]): MeetingChange | undefined {
  const [action, id = "", when = "", ...rest] = args;
  if (action === "add") {
    // add <id> <YYYY-MM-DDTHH:MM> <minutes> <type> <region> <title …>
    const [minutes = "", type = "", region = "", ...title] = rest;
    return { action, id, start: when, minutes, type, region, title: title.join(" ") };
  }
  if (action === "cancel") return { action, id, when };
  if (action === "move") return { action, id, when, to: rest[0] ?? "" };
  return undefined;
}
