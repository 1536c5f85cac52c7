import { readdirSync, readFileSync, existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { markdownToBlocks } from "../core/richtext.js";
import { CONTENT_LANGUAGES, TRANSLATION_LANGUAGES, type Entry, type KnowledgeBase, type Topic } from "./types.js";

export interface Problem {
  file: string;
  field: string;
  reason: string;
  severity: "error" | "warning";
}

const isoDate = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) {
    ctx.addIssue({ code: "custom", message: "expected a date YYYY-MM-DD" });
    return z.NEVER;
  }
  return s;
});

const url = z
  .string()
  .refine((u) => {
    try {
      const parsed = new URL(u);
      return (parsed.protocol === "https:" || parsed.protocol === "http:") && parsed.hostname.includes(".") && !/\s/.test(u);
    } catch {
      return false;
    }
  }, "expected a well-formed http(s) URL");

const frontMatter = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a lower-case id with hyphens"),
  title: z.string().min(3),
  area: z.string().min(2),
  scope: z.enum(["bund", "land", "kreis"]),
  handling: z.enum(["answer", "refer", "urgent", "emergency"]),
  questions: z.array(z.string().min(3)).min(5, "expected at least 5 questions").max(15, "expected at most 15 questions"),
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
  /** `region`: the Land id of the regional block the source belongs to (shown only with that block). */
  sources: z.array(z.object({ title: z.string().min(2), url, region: z.string().regex(/^[a-z0-9-]+$/, "expected a Land id from contacts.yaml").optional() })).min(1, "expected at least one source"),
  reviewed: isoDate,
  related: z.array(z.string()).default([]),
  regions: z.record(z.string(), z.string().min(10)).default({}),
  terms: z
    .record(z.string(), z.object({ title: z.string().min(2), keywords: z.array(z.string()).default([]) }))
    .default({}),
  /** Translations only: the `reviewed` date of the German master they were made from. */
  translated_from: isoDate.optional(),
});

/**
 * A translation (uk, ar, ru, tr, fa) renders the German master in another language: it records the
 * master's `reviewed` date it was made from, and needs no questions or keywords of its own (the
 * master's `terms` and knowledge/examples carry the search words in that language).
 */
const translationFrontMatter = frontMatter.extend({
  questions: z.array(z.string().min(3)).max(15, "expected at most 15 questions").default([]),
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  translated_from: isoDate,
});

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const MORE_HEADING = /^##\s+(Mehr|More|Детальніше|Подробнее|المزيد|Daha fazla|بیشتر)\s*$/im;

// "About 1,200 characters at most": one messenger screen; a little slack before warning.
export const MAX_MAIN_ANSWER_CHARS = 1300;

/** Parses one entry file. Problems go to `problems`; returns undefined when the entry is unusable. */
export function parseEntry(file: string, lang: string, text: string, problems: Problem[], rel = file): Entry | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    problems.push({ file: rel, field: "(front matter)", reason: "expected YAML front matter between --- lines", severity: "error" });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? "");
  } catch (error) {
    problems.push({ file: rel, field: "(front matter)", reason: `invalid YAML: ${(error as Error).message.split("\n")[0]}`, severity: "error" });
    return undefined;
  }
  const parsed = ((TRANSLATION_LANGUAGES as readonly string[]).includes(lang) ? translationFrontMatter : frontMatter).safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ file: rel, field: issue.path.join(".") || "(front matter)", reason: issue.message, severity: "error" });
    }
    return undefined;
  }
  const fm = parsed.data;
  const markdown = (match[2] ?? "").trim();
  const split = MORE_HEADING.exec(markdown);
  const body = (split ? markdown.slice(0, split.index) : markdown).trim();
  const more = split ? markdown.slice(split.index + split[0].length).trim() : "";
  if (!body) problems.push({ file: rel, field: "(body)", reason: "the answer text is empty", severity: "error" });
  if (body.length > MAX_MAIN_ANSWER_CHARS) {
    problems.push({ file: rel, field: "(body)", reason: `main answer has ${body.length} characters; keep it under ${MAX_MAIN_ANSWER_CHARS} and move details below "## Mehr"/"## More"`, severity: "warning" });
  }
  return {
    id: fm.id,
    lang,
    file,
    title: fm.title,
    area: fm.area,
    scope: fm.scope,
    handling: fm.handling,
    questions: fm.questions,
    keywords: fm.keywords,
    sources: fm.sources,
    reviewed: fm.reviewed,
    related: fm.related,
    regions: fm.regions,
    terms: fm.terms,
    ...(fm.translated_from ? { translatedFrom: fm.translated_from } : {}),
    body,
    more,
    bodyBlocks: markdownToBlocks(body),
    moreBlocks: more ? markdownToBlocks(more) : [],
  };
}

/** Loads knowledge/<lang>/<topic>.md into topics; collects every problem instead of stopping at the first. */
export function loadKnowledge(dir: string, problems: Problem[] = []): KnowledgeBase {
  const topics = new Map<string, Topic>();
  if (!existsSync(dir)) {
    problems.push({ file: dir, field: "(folder)", reason: "knowledge folder not found", severity: "error" });
    return { dir, topics };
  }
  for (const lang of CONTENT_LANGUAGES) {
    const langDir = join(dir, lang);
    if (!existsSync(langDir) || !statSync(langDir).isDirectory()) continue;
    for (const name of readdirSync(langDir).filter((n) => n.endsWith(".md")).sort()) {
      const file = join(langDir, name);
      const rel = relative(process.cwd(), file) || file;
      const entry = parseEntry(rel, lang, readFileSync(file, "utf8"), problems, rel);
      if (!entry) continue;
      if (`${entry.id}.md` !== name) {
        problems.push({ file: rel, field: "id", reason: `id "${entry.id}" does not match the file name`, severity: "error" });
        continue;
      }
      let topic = topics.get(entry.id);
      if (!topic) {
        topic = { id: entry.id, area: entry.area, scope: entry.scope, handling: entry.handling, related: entry.related, entries: new Map() };
        topics.set(entry.id, topic);
      } else {
        for (const field of ["handling", "scope", "area"] as const) {
          if (topic[field] !== entry[field]) {
            problems.push({ file: rel, field, reason: `"${entry[field]}" differs from "${topic[field]}" in another language`, severity: "error" });
          }
        }
      }
      topic.entries.set(lang, entry);
    }
  }
  return { dir, topics };
}
