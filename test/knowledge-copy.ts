import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_KNOWLEDGE_DIR } from "../src/paths.js";

/**
 * A temporary copy of the real knowledge base with events.yaml replaced, for a Lotse process
 * (KNOWLEDGE_DIR): its meetings and reminders are then the test's own, whatever today's date.
 * The caller removes the directory.
 */
export function knowledgeWithEvents(eventsYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "lotse-kb-"));
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  writeFileSync(join(dir, "events.yaml"), eventsYaml);
  return dir;
}

/** No meetings: no reminder can add to the outbox of a test that counts messages. */
export const NO_EVENTS = "events: []\n";
