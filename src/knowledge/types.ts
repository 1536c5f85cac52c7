import type { Block } from "../core/message.js";

export const CONTENT_LANGUAGES = ["de", "en", "uk", "ar", "ru", "tr", "fa"] as const;
export const SEARCH_TERM_LANGUAGES = ["uk", "ar", "ru", "tr", "fa"] as const;
/** Languages whose entries are translations of the German master (`translated_from`). */
export const TRANSLATION_LANGUAGES = SEARCH_TERM_LANGUAGES;

export type Handling = "answer" | "refer" | "urgent" | "emergency";
export type Scope = "bund" | "land" | "kreis";

export interface Source {
  title: string;
  url: string;
  /** A Land id: the source belongs to that regional block and is shown only with it. */
  region?: string;
}

/** One language version of a topic. */
export interface Entry {
  id: string;
  lang: string;
  file: string;
  title: string;
  area: string;
  scope: Scope;
  handling: Handling;
  questions: string[];
  keywords: string[];
  sources: Source[];
  reviewed: string;
  related: string[];
  /** Land id -> Markdown shown when the user's region is in that Land. */
  regions: Record<string, string>;
  /** Search-only titles and keywords in languages without a full entry. */
  terms: Record<string, { title: string; keywords: string[] }>;
  /** Translations: the German master's `reviewed` date this translation was made from. */
  translatedFrom?: string;
  /** The main answer (before "Mehr"/"More"). */
  body: string;
  /** Details after the "Mehr"/"More" heading, if any. */
  more: string;
  bodyBlocks: Block[];
  moreBlocks: Block[];
}

/** A topic with all its language versions. */
export interface Topic {
  id: string;
  area: string;
  scope: Scope;
  handling: Handling;
  related: string[];
  entries: Map<string, Entry>;
}

export interface KnowledgeBase {
  dir: string;
  topics: Map<string, Topic>;
}
