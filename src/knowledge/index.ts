import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Problem } from "./load.js";
import { loadKnowledge } from "./load.js";
import { loadContacts, type Contacts } from "./contacts.js";
import { loadCues, type Cues } from "./cues.js";
import { KnowledgeIndex, type IndexSnapshot } from "./search.js";
import type { Triage } from "./triage.js";
import type { Entry, KnowledgeBase, Topic } from "./types.js";

export interface Knowledge {
  kb: KnowledgeBase;
  contacts: Contacts;
  cues: Cues;
  index: KnowledgeIndex;
  /** Set by openUnderstanding (understanding.ts): the trained classifiers are loaded asynchronously. */
  triage?: Triage;
  problems: Problem[];
}

/** Bump when the cached shape or the analysis changes, so old caches are ignored. */
const CACHE_VERSION = 4;

interface CacheFile {
  version: number;
  hash: string;
  topics: (Omit<Topic, "entries"> & { entries: Entry[] })[];
  problems: Problem[];
  index: IndexSnapshot;
}

/**
 * Loads everything under knowledge/ and builds the index; errors are collected, not thrown.
 * With `cacheDir`, the parsed entries and the built index are kept as JSON keyed by a hash of
 * the knowledge files, so a restart with unchanged content skips parsing and indexing.
 */
export function openKnowledge(dir: string, options: { cacheDir?: string } = {}): Knowledge {
  const contactProblems: Problem[] = [];
  const contacts = loadContacts(dir, contactProblems);
  const cues = loadCues(dir, contactProblems);
  const hash = options.cacheDir ? hashKnowledge(dir) : undefined;
  const cacheFile = options.cacheDir && hash ? join(options.cacheDir, `knowledge-${hash.slice(0, 16)}.json`) : undefined;

  const cached = cacheFile ? readCache(cacheFile, hash!) : undefined;
  if (cached) {
    const kb: KnowledgeBase = { dir, topics: new Map(cached.topics.map((t) => [t.id, { ...t, entries: new Map(t.entries.map((e) => [e.lang, e])) }])) };
    const index = new KnowledgeIndex(kb, {}, cached.index);
    return { kb, contacts, cues, index, problems: [...cached.problems, ...contactProblems] };
  }

  const problems: Problem[] = [];
  const kb = loadKnowledge(dir, problems);
  const index = new KnowledgeIndex(kb);
  if (cacheFile) {
    const data: CacheFile = {
      version: CACHE_VERSION,
      hash: hash!,
      topics: [...kb.topics.values()].map((t) => ({ ...t, entries: [...t.entries.values()] })),
      problems,
      index: index.snapshot(),
    };
    try {
      mkdirSync(options.cacheDir!, { recursive: true });
      writeFileSync(`${cacheFile}.tmp`, JSON.stringify(data));
      renameSync(`${cacheFile}.tmp`, cacheFile);
    } catch {
      // A read-only data folder only costs start-up time.
    }
  }
  return { kb, contacts, cues, index, problems: [...problems, ...contactProblems] };
}

function readCache(file: string, hash: string): CacheFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as CacheFile;
    return data.version === CACHE_VERSION && data.hash === hash ? data : undefined;
  } catch {
    return undefined;
  }
}

/** A hash over every file of the knowledge folder (names and contents). */
function hashKnowledge(dir: string): string {
  const hash = createHash("sha256").update(String(CACHE_VERSION));
  const walk = (folder: string) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|ya?ml)$/.test(name)) hash.update(path.slice(dir.length)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  walk(dir);
  return hash.digest("hex");
}
