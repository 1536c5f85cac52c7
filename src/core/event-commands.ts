import type { Routing } from "../escalation/routing.js";
import { EVENT_TYPES, type Calendar } from "../events/calendar.js";
import { meetingBlocks, setSubscription } from "../events/reminders.js";
import type { Translate } from "../i18n/i18n.js";
import type { Store } from "../store/store.js";
import { localeBlocks, localeSpans } from "./compose.js";
import type { Reply } from "./message.js";
import { reply, type Turn } from "./turn.js";

/** `/events`, `/subscribe` and `/unsubscribe`: the meetings of the user's region, and reminders of them. */

export interface EventCommandsDeps {
  routing: Routing;
  t: Translate;
  store: Store;
  calendar: Calendar;
}

export class EventCommands {
  constructor(private readonly deps: EventCommandsDeps) {}

  /** The user's region and its Land: meetings of either concern them. */
  private regionsOf(turn: Turn): string[] {
    const route = this.deps.routing.route(turn.profile?.region);
    return [turn.profile?.region, route.land?.id].filter((r): r is string => Boolean(r));
  }

  /** `/events [type]`: the next meetings of the user's region. */
  async list(turn: Turn, args: string): Promise<Reply> {
    const type = args.trim().toLowerCase();
    const types = (EVENT_TYPES as readonly string[]).includes(type) ? [type] : [];
    const regions = this.regionsOf(turn);
    const next = await this.deps.calendar.upcoming(5, { regions, types });
    if (!next.length) return reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "events.none"), undefined, "events");
    const blocks = meetingBlocks(this.deps.t, turn.lang, next, "events.heading");
    if (!regions.length) blocks.push({ type: "note", spans: localeSpans(this.deps.t, turn.lang, "events.setRegion") });
    return reply(turn.lang, blocks, undefined, "events");
  }

  /** `/subscribe [type]` personal reminders for the user's region; `/unsubscribe` stops them. */
  async subscribe(turn: Turn, on: boolean, args: string): Promise<Reply> {
    if (!on) {
      await setSubscription(this.deps.store, { address: turn.address, remove: true });
      return reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "events.unsubscribed"), undefined, "events");
    }
    const type = args.trim().toLowerCase();
    const types = (EVENT_TYPES as readonly string[]).includes(type) ? [type] : [];
    const regions = this.regionsOf(turn);
    await setSubscription(this.deps.store, { address: turn.address, lang: turn.lang, regions, types });
    return reply(turn.lang, localeBlocks(this.deps.t, turn.lang, regions.length ? "events.subscribed" : "events.subscribedAll"), undefined, "events");
  }
}
