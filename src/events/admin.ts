import { EVENT_TYPES, eventSchema, type EventDef } from "./calendar.js";

/**
 * A meeting added by a coordinator (Slack `/lotse event add …`, Discord `/event add`):
 * validated like the entries of knowledge/events.yaml; returns the event or the reason it is not valid.
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
