import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Problem } from "./load.js";
import type { KnowledgeBase } from "./types.js";

/**
 * The areas of the topic catalogue (knowledge/areas.yaml): their order and their titles in each
 * interface language. Entries name their area by id; this file gives the ids words and a place.
 */

export interface Area {
  id: string;
  /** Language -> title. */
  titles: Record<string, string>;
}

const schema = z.record(z.string().regex(/^[a-z0-9-]+$/, "expected a lower-case area id"), z.record(z.string().min(2).max(5), z.string().trim().min(2).max(80)));

/** Reads knowledge/areas.yaml; a missing or broken file gives no areas (topics are then grouped by their bare area ids). */
export function loadAreas(knowledgeDir: string, problems: Problem[] = []): Area[] {
  const file = join(knowledgeDir, "areas.yaml");
  const rel = relative(process.cwd(), file) || file;
  if (!existsSync(file)) {
    problems.push({ file: rel, field: "(file)", reason: "areas.yaml not found: areas are shown by their ids", severity: "warning" });
    return [];
  }
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push({ file: rel, field: "(file)", reason: `invalid YAML: ${(error as Error).message.split("\n")[0]}`, severity: "error" });
    return [];
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file: rel, field: issue.path.join("."), reason: issue.message, severity: "error" });
    return [];
  }
  return Object.entries(parsed.data).map(([id, titles]) => ({ id, titles }));
}

/**
 * The areas that have topics, in the catalogue's order; areas that entries name but areas.yaml
 * lacks come last, sorted by id, so no topic is ever left out of the browsing.
 */
export function areasInUse(kb: KnowledgeBase, areas: Area[]): Area[] {
  const used = new Set([...kb.topics.values()].map((topic) => topic.area));
  const known = areas.filter((area) => used.has(area.id));
  const unknown = [...used].filter((id) => !areas.some((area) => area.id === id)).sort();
  return [...known, ...unknown.map((id) => ({ id, titles: {} }))];
}

/** The area's title in `lang`, else English, else German, else its id. */
export function areaTitle(area: Area, lang: string): string {
  return area.titles[lang] ?? area.titles.en ?? area.titles.de ?? area.id;
}
