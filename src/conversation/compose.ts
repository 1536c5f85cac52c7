import type { Contact } from "../knowledge/contacts.js";
import type { Entry, KnowledgeBase, Source, Topic } from "../knowledge/types.js";
import type { Translate } from "../i18n/i18n.js";
import { nextOpening, type Routing } from "../escalation/routing.js";
import { markdownToBlocks, markdownToSpans } from "../core/richtext.js";
import type { Block, Span } from "../core/message.js";
import { MAX_MAIN_ANSWER_CHARS } from "../knowledge/load.js";

/**
 * Builds the text of replies from knowledge entries and locale strings.
 * Pure functions of their inputs: no state (beyond a cache of date formatters), no I/O.
 */

/** The entry to show for a UI language: that language if written, else English, else German. */
export function pickEntry(topic: Topic, uiLang: string): Entry | undefined {
  const order = uiLang === "de" ? ["de", "en"] : [uiLang, "en", "de"];
  for (const lang of order) {
    const entry = topic.entries.get(lang);
    if (entry) return entry;
  }
  return topic.entries.values().next().value;
}

export function topicTitle(kb: KnowledgeBase, topicId: string, uiLang: string): string {
  const topic = kb.topics.get(topicId);
  if (!topic) return topicId;
  const de = topic.entries.get("de");
  return topic.entries.get(uiLang)?.title ?? de?.terms[uiLang]?.title ?? pickEntry(topic, uiLang)?.title ?? topicId;
}

/** Locale string (with a small Markdown subset) to blocks. */
export function localeBlocks(t: Translate, lang: string, key: string, vars?: Record<string, unknown>): Block[] {
  return markdownToBlocks(t(lang, key, vars));
}

export function localeSpans(t: Translate, lang: string, key: string, vars?: Record<string, unknown>): Span[] {
  return markdownToSpans(t(lang, key, vars));
}

export interface EntryView {
  blocks: Block[];
  entry: Entry;
}

/** The entry's text for the user: main answer, the variant for their Land, details, date line. */
export function entryBlocks(t: Translate, entry: Entry, uiLang: string, land: string | undefined, landName: string | undefined): Block[] {
  const blocks: Block[] = [{ type: "heading", spans: [{ text: entry.title }] }];
  if (entry.lang !== uiLang) {
    blocks.push({ type: "note", spans: localeSpans(t, uiLang, "answer.otherLanguage", { language: t(uiLang, `language.names.${entry.lang}`) }) });
  }
  const variant = land ? entry.regions[land] : undefined;
  const regional: Block[] = variant ? [{ type: "paragraph", spans: [{ text: t(entry.lang, "answer.inLand", { land: landName ?? land }), bold: true }] }, ...markdownToBlocks(variant)] : [];
  // One phone screen: the general text and the reader's regional block together stay within the
  // main answer's length; general paragraphs that do not fit open the "Mehr" section (nothing is dropped).
  const { shown, folded } = fitMainText(entry.bodyBlocks, MAX_MAIN_ANSWER_CHARS - blocksLength(regional));
  blocks.push(...shown, ...regional);
  if (!variant && Object.keys(entry.regions).length > 0) blocks.push({ type: "note", spans: localeSpans(t, uiLang, "answer.landDiffers") });
  const more = [...folded, ...entry.moreBlocks];
  if (more.length) blocks.push({ type: "more", title: t(entry.lang, "answer.more"), blocks: more });
  // A translation says which German version it renders: the German wording is the binding one.
  if (entry.translatedFrom) blocks.push({ type: "note", spans: localeSpans(t, entry.lang, "original.note", { date: formatDate(entry.translatedFrom, entry.lang) }) });
  return blocks;
}

/** The characters of text in these blocks (what a reader reads; markup aside). */
export function blocksLength(blocks: Block[]): number {
  const spans = (list: { text: string }[]) => list.reduce((n, span) => n + span.text.length, 0);
  return blocks.reduce((n, b) => n + (b.type === "list" ? b.items.reduce((m, item) => m + spans(item), 0) : b.type === "more" ? blocksLength(b.blocks) : spans(b.spans)), 0);
}

/** The leading blocks that fit in `budget` characters (the first always), and the rest. */
function fitMainText(body: Block[], budget: number): { shown: Block[]; folded: Block[] } {
  let used = 0;
  let cut = 0;
  while (cut < body.length && (cut === 0 || used + blocksLength([body[cut]!]) <= budget)) used += blocksLength([body[cut++]!]);
  return { shown: body.slice(0, cut), folded: body.slice(cut) };
}

/**
 * The sources to show with the entry for a reader in `land`: the general ones, and a source that
 * belongs to a regional block (`region` in the front matter) only where that block is shown.
 */
export function entrySources(entry: Entry, land: string | undefined): Source[] {
  return entry.sources.filter((s) => !s.region || (s.region === land && Boolean(entry.regions[s.region])));
}

export function disclaimerBlock(t: Translate, uiLang: string, reviewed: string): Block {
  return { type: "note", spans: localeSpans(t, uiLang, "answer.disclaimer", { date: formatDate(reviewed, uiLang) }) };
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Berlin" };
/** Formatters by locale and options: constructing one is costly (4.2% of busy time in a profile). */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}\u0000${JSON.stringify(options)}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, options); // throws for an invalid locale: nothing cached
    if (dateFormatters.size >= 64) dateFormatters.clear(); // bounded, whatever locales come in
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

export function formatDate(isoDate: string, lang: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00Z`);
  try {
    return dateFormatter(lang, DATE_OPTIONS).format(date);
  } catch {
    return isoDate.slice(0, 10);
  }
}

/** Who the contact person is and when they can be expected to read a message. */
export function contactBlocks(t: Translate, lang: string, contact: Contact, now: Date): Block[] {
  const lines: Span[][] = [[{ text: contact.role, bold: true }], [{ text: contact.name }]];
  if (contact.email) lines.push([{ text: contact.email, href: `mailto:${contact.email}` }]);
  if (contact.phone) lines.push([{ text: contact.phone }]);
  const blocks: Block[] = [{ type: "list", items: lines }];
  const opening = nextOpening(contact, now);
  if (opening) {
    const key = opening.open ? "handover.expectNow" : "handover.expectNext";
    const when = opening.at.setLocale(lang).toLocaleString({ weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
    blocks.push({ type: "paragraph", spans: localeSpans(t, lang, key, { when }) });
  }
  return blocks;
}

/**
 * A Land's or region's name: its proper name from contacts.yaml, or, where contacts.yaml gives a
 * `name_key` ("Anderes Bundesland"), the reader's words for it. Without `t` (coordinators' views): the name.
 */
export function placeName(place: { name: string; name_key?: string | undefined }, t?: Translate, lang?: string): string {
  return place.name_key && t && lang ? t(lang, place.name_key, { defaultValue: place.name }) : place.name;
}

/** "Neukölln (Berlin)" or "Berlin"; in the reader's words when `t` and `lang` are given. */
export function regionLabel(routing: Routing, regionId: string | undefined, t?: Translate, lang?: string): string | undefined {
  if (!regionId) return undefined;
  const route = routing.route(regionId);
  if (!route.land) return undefined;
  const land = placeName(route.land, t, lang);
  return route.region ? `${placeName(route.region, t, lang)} (${land})` : land;
}

/**
 * The operator's name for the privacy texts, where a sentence ends right after it: "Verein e. V."
 * would otherwise end in "e. V.." (every language's text puts a full stop after the name).
 */
export function operatorName(configured: string): string {
  return configured.trim().replace(/\.$/, "");
}
