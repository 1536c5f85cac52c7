import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { openKnowledge } from "../index.js";
import { loadAreas } from "../areas.js";
import { loadEvents } from "../../events/calendar.js";
import type { Problem } from "../load.js";
import { SEARCH_TERM_LANGUAGES, type Entry } from "../types.js";
import { createI18n } from "../../i18n/i18n.js";
import { UI_LANGUAGES } from "../../i18n/detect.js";

export interface CheckResult {
  problems: Problem[];
  topics: number;
  entries: number;
}

const REVIEW_WARNING_DAYS = 365;

/**
 * `lotse kb check`: everything the loaders report, plus cross-checks between files:
 * related ids exist, each topic exists in German and English, reviews are not too old,
 * region variants and regional sources name known Länder, translations follow their German master, and (optionally)
 * every catalogue topic is covered.
 */
export function checkKnowledge(dir: string, options: { now?: Date; catalogue?: string } = {}): CheckResult {
  const now = options.now ?? new Date();
  const knowledge = openKnowledge(dir);
  const problems = [...knowledge.problems];
  loadEvents(dir, problems);
  const lands = new Set(knowledge.contacts.lands.map((l) => l.id));
  problems.push(...placeNameProblems(knowledge.contacts.lands));
  problems.push(...areaProblems(knowledge.kb.topics, loadAreas(dir, problems)));
  let entries = 0;
  for (const topic of knowledge.kb.topics.values()) {
    for (const lang of ["de", "en"]) {
      if (!topic.entries.has(lang)) {
        const other = [...topic.entries.values()][0]!;
        problems.push({ file: other.file, field: "id", reason: `topic "${topic.id}" has no ${lang} entry`, severity: "warning" });
      }
    }
    for (const entry of topic.entries.values()) {
      entries++;
      for (const id of entry.related) {
        if (!knowledge.kb.topics.has(id)) problems.push({ file: entry.file, field: "related", reason: `unknown topic "${id}"`, severity: "error" });
      }
      for (const land of Object.keys(entry.regions)) {
        if (!lands.has(land)) problems.push({ file: entry.file, field: `regions.${land}`, reason: `unknown Land "${land}" (see contacts.yaml)`, severity: "error" });
      }
      entry.sources.forEach((source, i) => {
        if (!source.region) return;
        if (!lands.has(source.region)) problems.push({ file: entry.file, field: `sources.${i}.region`, reason: `unknown Land "${source.region}" (see contacts.yaml)`, severity: "error" });
        else if (!entry.regions[source.region]) problems.push({ file: entry.file, field: `sources.${i}.region`, reason: `no regional block "regions.${source.region}": the source would never be shown`, severity: "error" });
      });
      for (const lang of Object.keys(entry.terms)) {
        if (!(SEARCH_TERM_LANGUAGES as readonly string[]).includes(lang)) {
          problems.push({ file: entry.file, field: `terms.${lang}`, reason: `expected one of ${SEARCH_TERM_LANGUAGES.join(", ")}`, severity: "error" });
        }
      }
      if (entry.translatedFrom) problems.push(...translationProblems(entry, topic.entries.get("de")));
      const age = (now.getTime() - Date.parse(entry.reviewed)) / 86_400_000;
      if (age > REVIEW_WARNING_DAYS) problems.push({ file: entry.file, field: "reviewed", reason: `last reviewed ${entry.reviewed}, more than 12 months ago`, severity: "warning" });
      if (age < -1) problems.push({ file: entry.file, field: "reviewed", reason: `date ${entry.reviewed} is in the future`, severity: "error" });
    }
  }
  if (options.catalogue) {
    if (!existsSync(options.catalogue)) {
      problems.push({ file: options.catalogue, field: "(file)", reason: "catalogue not found", severity: "error" });
    } else {
      const catalogue = parseYaml(readFileSync(options.catalogue, "utf8")) as { topics?: { id: string; handling?: string; scope?: string }[] };
      for (const item of catalogue.topics ?? []) {
        const topic = knowledge.kb.topics.get(item.id);
        if (!topic) problems.push({ file: options.catalogue, field: item.id, reason: "catalogue topic has no entry", severity: "error" });
        else if (item.handling && item.handling !== topic.handling) {
          problems.push({ file: [...topic.entries.values()][0]!.file, field: "handling", reason: `catalogue says "${item.handling}"`, severity: "error" });
        }
      }
    }
  }
  return { problems, topics: knowledge.kb.topics.size, entries };
}

/** A `name_key` in contacts.yaml must name a string in every interface language, or volunteers would read the key. */
function placeNameProblems(lands: { id: string; name_key?: string | undefined; regions: { id: string; name_key?: string | undefined }[] }[]): Problem[] {
  const { i18n } = createI18n();
  const problems: Problem[] = [];
  for (const place of lands.flatMap((land) => [land, ...land.regions])) {
    if (!place.name_key) continue;
    const missing = UI_LANGUAGES.filter((lang) => typeof i18n.getResource(lang, "translation", place.name_key!) !== "string");
    if (missing.length) problems.push({ file: "contacts.yaml", field: `${place.id}.name_key`, reason: `"${place.name_key}" is not in locales/${missing.join(", ")}`, severity: "error" });
  }
  return problems;
}

/**
 * A translation must follow its German master: made from the master's current review (a master
 * reviewed later leaves a stale translation, named with both files), with the same sources and the
 * same regional blocks.
 */
function translationProblems(entry: Entry, master: Entry | undefined): Problem[] {
  if (!master) return [{ file: entry.file, field: "translated_from", reason: "a translation needs the German master knowledge/de/" + entry.id + ".md", severity: "error" }];
  const problems: Problem[] = [];
  if (entry.translatedFrom! < master.reviewed) {
    problems.push({ file: entry.file, field: "translated_from", reason: `made from the master of ${entry.translatedFrom}, but ${master.file} was reviewed ${master.reviewed}: translate the changes and set translated_from: ${master.reviewed}`, severity: "error" });
  } else if (entry.translatedFrom! > master.reviewed) {
    problems.push({ file: entry.file, field: "translated_from", reason: `${entry.translatedFrom} is later than ${master.file}'s reviewed date ${master.reviewed}`, severity: "error" });
  }
  const urls = (e: Entry) => e.sources.map((s) => s.url).sort().join("\n");
  const missing = master.sources.filter((s) => !entry.sources.some((x) => x.url === s.url)).map((s) => s.url);
  if (missing.length) problems.push({ file: entry.file, field: "sources", reason: `missing the master's sources: ${missing.join(", ")}`, severity: "error" });
  else if (urls(entry) !== urls(master)) problems.push({ file: entry.file, field: "sources", reason: `has sources the master ${master.file} does not have`, severity: "warning" });
  for (const source of master.sources) {
    const own = entry.sources.find((s) => s.url === source.url);
    if (own && own.region !== source.region) problems.push({ file: entry.file, field: "sources", reason: `${source.url} belongs to ${source.region ? `regions.${source.region}` : "no regional block"} in the master, here to ${own.region ? `regions.${own.region}` : "none"}`, severity: "error" });
  }
  const regions = (e: Entry) => Object.keys(e.regions).sort().join(",");
  if (regions(entry) !== regions(master)) problems.push({ file: entry.file, field: "regions", reason: `regional blocks (${regions(entry) || "none"}) differ from the master's (${regions(master) || "none"})`, severity: "error" });
  return problems;
}

/** Every area an entry names has a place in areas.yaml, with a title in every interface language (/topics, /kb). */
function areaProblems(topics: ReadonlyMap<string, { area: string }>, areas: { id: string; titles: Record<string, string> }[]): Problem[] {
  const problems: Problem[] = [];
  const known = new Map(areas.map((a) => [a.id, a]));
  for (const area of new Set([...topics.values()].map((t) => t.area))) {
    const entry = known.get(area);
    if (!entry) problems.push({ file: "areas.yaml", field: area, reason: `area "${area}" is used by topics but has no titles: /topics would show its id`, severity: "error" });
    else {
      const missing = UI_LANGUAGES.filter((lang) => !entry.titles[lang]);
      if (missing.length) problems.push({ file: "areas.yaml", field: area, reason: `no title in ${missing.join(", ")}`, severity: "warning" });
    }
  }
  return problems;
}
