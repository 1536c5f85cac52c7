import type { Routing } from "../escalation/routing.js";
import { EVENT_TYPES, meetingTitle, type Calendar, type Occurrence } from "../events/calendar.js";
import { meetingCalendarPath } from "../events/ics.js";
import { subscribeToMeeting } from "../events/meeting-subscription.js";
import { concerns, regionsOfMeeting } from "../events/nearby.js";
import { meetingBlocks, setSubscription } from "../events/reminders.js";
import type { Translate } from "../i18n/i18n.js";
import type { Store } from "../store/store.js";
import { localeBlocks, localeSpans, regionLabel } from "./compose.js";
import type { Button, Platform, Reply } from "../core/message.js";
import { registerButton } from "./state.js";
import { reply, type Turn } from "./turn.js";
import type { Feature } from "./feature.js";

/**
 * `/events`, `/subscribe` and `/unsubscribe`: the meetings near the user (their district and the
 * ones for their whole Land), all meetings one press away, and reminders of them. Each meeting
 * listed has a "remind me" button and, where a link can be given, an "add to calendar" link.
 */

export interface EventCommandsDeps {
  routing: Routing;
  t: Translate;
  store: Store;
  calendar: Calendar;
  /** PUBLIC_URL: the base of the meetings' calendar links on platforms other than the web chat. */
  publicUrl?: string | undefined;
}

/**
 * Meetings in one list, near the user and all of them: each brings its own buttons, and a longer
 * list is not read in a chat (the calendar feeds have every meeting).
 */
const LIMIT = { near: 5, all: 8 };

export class EventCommands {
  constructor(private readonly deps: EventCommandsDeps) {}

  /** The user's region and its Land: meetings of either concern them. */
  private regionsOf(turn: Turn): string[] {
    const route = this.deps.routing.route(turn.profile?.region);
    return [turn.profile?.region, route.land?.id].filter((r): r is string => Boolean(r) && Boolean(route.land));
  }

  /** `/events [type]`: the next meetings near the user. */
  list(turn: Turn, args: string): Promise<Reply> {
    const type = args.trim().toLowerCase();
    return this.listing(turn, { all: false, ...((EVENT_TYPES as readonly string[]).includes(type) ? { type } : {}) });
  }

  /**
   * The next meeting of each series: near the user, or `all` of them (the "show all" button); in
   * place of the list pressed where the platform can edit.
   */
  async listing(turn: Turn, view: { all: boolean; type?: string }, messageRef?: string): Promise<Reply> {
    const { t, routing, calendar } = this.deps;
    const regions = this.regionsOf(turn);
    const next = await calendar.nextOfEach(view.type ? { types: [view.type] } : {});
    const near = regions.length ? next.filter((o) => concerns(o.event.regions, regions, routing.lands)) : next;
    const all = view.all || !regions.length;
    const shown = (all ? next : near).slice(0, all ? LIMIT.all : LIMIT.near);
    const region = regionLabel(routing, turn.profile?.region, t, turn.lang);
    const switchTo = (toAll: boolean) => [{ id: registerButton(turn.conversation, { do: "events", all: toAll, ...(view.type ? { type: view.type } : {}) }), label: t(turn.lang, toAll ? "events.showAll" : "events.showNear") }];
    const buttons: Button[][] = [];
    let blocks;
    if (!shown.length) {
      blocks = localeBlocks(t, turn.lang, all ? "events.noneAll" : "events.none");
    } else {
      const heading = all ? "events.heading" : "events.headingNear";
      blocks = meetingBlocks(t, turn.lang, shown, heading, { numbered: shown.length > 1, heading: { region } });
      shown.forEach((o, i) => buttons.push(this.meetingButtons(turn, o, shown.length > 1 ? i + 1 : undefined)));
      const more = (all ? next : near).length - shown.length;
      if (more > 0) blocks.push({ type: "note", spans: localeSpans(t, turn.lang, "events.more", { count: more }) });
    }
    if (!regions.length) blocks.push({ type: "note", spans: localeSpans(t, turn.lang, "events.setRegion") });
    else if (!view.all && next.length > near.length) buttons.push(switchTo(true));
    else if (view.all) buttons.push(switchTo(false));
    const out = reply(turn.lang, blocks, buttons, "events");
    if (messageRef) out.replaces = messageRef;
    return out;
  }

  /** "Remind me" and "add to calendar" for one listed meeting; `number` repeats its number in the list. */
  private meetingButtons(turn: Turn, occurrence: Occurrence, number: number | undefined): Button[] {
    const { t } = this.deps;
    const context = number === undefined ? {} : { context: "numbered", number };
    const row: Button[] = [{ id: registerButton(turn.conversation, { do: "remind", event: occurrence.eventId }), label: t(turn.lang, "events.remindButton", context) }];
    const url = calendarLink(this.deps.publicUrl, turn.address.platform, meetingCalendarPath(occurrence.eventId, turn.lang));
    // A link button opens the address and sends nothing back: its id is never resolved.
    if (url) row.push({ id: `ics:${occurrence.eventId}`.slice(0, 24), label: t(turn.lang, "events.calendarButton", context), url });
    return row;
  }

  /**
   * A meeting's "remind me" button: the personal subscription covers it afterwards. Near the user,
   * that is the subscription of their region that `/subscribe` makes; elsewhere, the regions the
   * meeting is held for are added to it.
   */
  async remind(eventId: string, turn: Turn): Promise<Reply> {
    const { t, routing, calendar, store } = this.deps;
    const event = await calendar.published(eventId);
    if (!event) return reply(turn.lang, localeBlocks(t, turn.lang, "errors.buttonExpired"), undefined, "error");
    const mine = this.regionsOf(turn);
    const regions = mine.length && concerns(event.regions, mine, routing.lands) ? mine : regionsOfMeeting(event.regions, routing.lands);
    const { changed, subscription } = await subscribeToMeeting(store, { address: turn.address, lang: turn.lang }, event, regions, routing.lands);
    const meeting = meetingTitle(event, turn.lang);
    if (!changed) return reply(turn.lang, localeBlocks(t, turn.lang, "events.remindAlready", { meeting }), undefined, "events");
    if (!subscription.regions.length) return reply(turn.lang, localeBlocks(t, turn.lang, "events.remindOnAll", { meeting }), undefined, "events");
    const names = subscription.regions.filter((id) => !routing.land(id) || !subscription.regions.some((r) => routing.landOf(r) === id && r !== id));
    const list = new Intl.ListFormat(turn.lang, { type: "conjunction" }).format(names.map((id) => regionLabel(routing, id, t, turn.lang) ?? id));
    return reply(turn.lang, localeBlocks(t, turn.lang, "events.remindOn", { meeting, regions: list }), undefined, "events");
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

  /** /events, /subscribe, /unsubscribe, and the listing and reminder buttons. */
  feature(): Feature {
    return {
      name: "meetings",
      commands: {
        events: async (args, turn) => [await this.list(turn, args)],
        subscribe: async (args, turn) => [await this.subscribe(turn, true, args)],
        unsubscribe: async (args, turn) => [await this.subscribe(turn, false, args)],
      },
      buttons: {
        events: async (action, turn, press) => [await this.listing(turn, { all: action.all, ...(action.type ? { type: action.type } : {}) }, press.messageRef)],
        remind: async (action, turn) => [await this.remind(action.event, turn)],
      },
    };
  }
}

/** A meeting's calendar file: absolute under PUBLIC_URL; without it only the web chat can link, relative to its page. */
function calendarLink(publicUrl: string | undefined, platform: Platform, path: string): string | undefined {
  if (publicUrl) return `${publicUrl.replace(/\/+$/, "")}${path}`;
  return platform === "web" ? path : undefined;
}
