import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { openKnowledge } from "./index.js";
import { loadEvents } from "../events/calendar.js";
import type { Problem } from "./load.js";
import { SEARCH_TERM_LANGUAGES, type Entry } from "./types.js";

export interface CheckResult {
  problems: Problem[];
  topics: number;
  entries: number;
}

const REVIEW_WARNING_DAYS = 365;

/**
 * `lotse kb check`: everything the loaders report, plus cross-checks between files:
 * related ids exist, each topic exists in German and English, reviews are not too old,
 * region variants name known Länder, translations follow their German master, and (optionally)
 * every catalogue topic is covered.
 */
export function checkKnowledge(dir: string, options: { now?: Date; catalogue?: string } = {}): CheckResult {
  const now = options.now ?? new Date();
  const knowledge = openKnowledge(dir);
  const problems = [...knowledge.problems];
  loadEvents(dir, problems);
  const lands = new Set(knowledge.contacts.lands.map((l) => l.id));
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
  const regions = (e: Entry) => Object.keys(e.regions).sort().join(",");
  if (regions(entry) !== regions(master)) problems.push({ file: entry.file, field: "regions", reason: `regional blocks (${regions(entry) || "none"}) differ from the master's (${regions(master) || "none"})`, severity: "error" });
  return problems;
}
