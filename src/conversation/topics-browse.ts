import { areasInUse, areaTitle, type Area } from "../knowledge/areas.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Translate } from "../i18n/i18n.js";
import { localeSpans, topicTitle } from "./compose.js";
import type { Button, Reply } from "../core/message.js";
import { registerButton, type ButtonAction } from "./state.js";
import { errorReply, reply, type Turn } from "./turn.js";
import type { Feature } from "./feature.js";

/**
 * /topics: what Lotse knows, to browse. First the areas, then one area's topics, both as buttons;
 * a topic's button is the `topic` action every answer's related topics use, so the answer is
 * exactly the one a question would get. Moving between the lists replaces the list in place where
 * the platform can edit (the web chat and the terminal show each list as a new message).
 */

export interface CatalogueArea {
  id: string;
  title: string;
  topics: { id: string; title: string }[];
}

/**
 * At most this many topics on one page of an area: with the row to move on, a phone screen of
 * buttons on Telegram (one topic a row, long titles stay readable). Discord packs them into its
 * five rows of five (adapters/discord/render.ts).
 */
export const MAX_TOPICS_PER_PAGE = 10;

const collators = new Map<string, Intl.Collator>();

function collator(lang: string): Intl.Collator {
  let found = collators.get(lang);
  if (!found) {
    found = new Intl.Collator(lang);
    collators.set(lang, found);
  }
  return found;
}

/** Areas in the catalogue's order, each with its topics sorted by their titles in `lang`. Shared by /topics and the /kb index. */
export function catalogue(kb: KnowledgeBase, areas: Area[], lang: string): CatalogueArea[] {
  const byTitle = collator(lang);
  return areasInUse(kb, areas).map((area) => ({
    id: area.id,
    title: areaTitle(area, lang),
    topics: [...kb.topics.values()]
      .filter((topic) => topic.area === area.id)
      .map((topic) => ({ id: topic.id, title: topicTitle(kb, topic.id, lang) }))
      .sort((a, b) => byTitle.compare(a.title, b.title)),
  }));
}

/** Pages of nearly equal size (18 topics: 9 and 9, not 10 and 8). */
export function pageSize(topics: number): number {
  const pages = Math.max(1, Math.ceil(topics / MAX_TOPICS_PER_PAGE));
  return Math.ceil(topics / pages);
}

export interface TopicsBrowseDeps {
  kb: KnowledgeBase;
  t: Translate;
  areas: Area[];
}

export class TopicsBrowse {
  constructor(private readonly deps: TopicsBrowseDeps) {}

  /** The browsing buttons: back to the areas, or one area's page of topics (undefined: that area is gone). */
  press(action: Extract<ButtonAction, { do: "areas" | "area" }>, turn: Turn, messageRef?: string): Reply | undefined {
    return action.do === "areas" ? this.areas(turn, messageRef) : this.area(action.area, action.page, turn, messageRef);
  }

  /** The areas, one button each with its number of topics. */
  areas(turn: Turn, replaces?: string): Reply {
    const { t, kb, areas } = this.deps;
    const buttons: Button[][] = catalogue(kb, areas, turn.lang).map((area) => [
      { id: registerButton(turn.conversation, { do: "area", area: area.id, page: 0 }), label: t(turn.lang, "browse.areaButton", { area: area.title, topics: area.topics.length }) },
    ]);
    const out = reply(turn.lang, [{ type: "paragraph", spans: localeSpans(t, turn.lang, "browse.areas") }], buttons, "browse");
    if (replaces) out.replaces = replaces;
    return out;
  }

  /** One page of an area's topics, with the way to the other pages and back to the areas. */
  area(areaId: string, page: number, turn: Turn, replaces?: string): Reply | undefined {
    const { t, kb, areas } = this.deps;
    const area = catalogue(kb, areas, turn.lang).find((a) => a.id === areaId);
    if (!area?.topics.length) return undefined; // an old button of an area the knowledge base no longer has
    const size = pageSize(area.topics.length);
    const pages = Math.ceil(area.topics.length / size);
    const current = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
    const shown = area.topics.slice(current * size, (current + 1) * size);
    const buttons: Button[][] = shown.map((topic) => [{ id: registerButton(turn.conversation, { do: "topic", topic: topic.id }), label: topic.title }]);
    const nav: Button[] = [];
    if (current > 0) nav.push({ id: registerButton(turn.conversation, { do: "area", area: area.id, page: current - 1 }), label: t(turn.lang, "browse.previous") });
    if (current < pages - 1) nav.push({ id: registerButton(turn.conversation, { do: "area", area: area.id, page: current + 1 }), label: t(turn.lang, "browse.next") });
    nav.push({ id: registerButton(turn.conversation, { do: "areas" }), label: t(turn.lang, "browse.allAreas") });
    buttons.push(nav);
    const key = pages > 1 ? "browse.areaPage" : "browse.area";
    const out = reply(turn.lang, [{ type: "paragraph", spans: localeSpans(t, turn.lang, key, { area: area.title, page: current + 1, pages }) }], buttons, "browse");
    if (replaces) out.replaces = replaces;
    return out;
  }

  /** /topics and the area buttons (an area that is gone: the button has expired). */
  feature(): Feature {
    const { t } = this.deps;
    const expired = (turn: Turn) => errorReply(t, turn, "errors.buttonExpired");
    return {
      name: "topics",
      commands: { topics: (_args, turn) => [this.areas(turn)] },
      buttons: {
        areas: (action, turn, press) => [this.press(action, turn, press.messageRef) ?? expired(turn)],
        area: (action, turn, press) => [this.press(action, turn, press.messageRef) ?? expired(turn)],
      },
    };
  }
}
