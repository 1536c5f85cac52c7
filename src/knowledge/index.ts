import type { Problem } from "./load.js";
import { loadKnowledge } from "./load.js";
import { loadContacts, type Contacts } from "./contacts.js";
import { loadCues, type Cues } from "./cues.js";
import { KnowledgeIndex } from "./search.js";
import { Triage } from "./triage.js";
import type { KnowledgeBase } from "./types.js";

export interface Knowledge {
  kb: KnowledgeBase;
  contacts: Contacts;
  cues: Cues;
  index: KnowledgeIndex;
  triage: Triage;
  problems: Problem[];
}

/** Loads everything under knowledge/ and builds the index; errors are collected, not thrown. */
export function openKnowledge(dir: string): Knowledge {
  const problems: Problem[] = [];
  const kb = loadKnowledge(dir, problems);
  const contacts = loadContacts(dir, problems);
  const cues = loadCues(dir, problems);
  const index = new KnowledgeIndex(kb);
  return { kb, contacts, cues, index, triage: new Triage(index, cues), problems };
}
