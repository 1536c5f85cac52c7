import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Problem } from "./load.js";
import { basicFold, germanFold } from "./text.js";

/**
 * The emergency floor of knowledge/triage.yaml: patterns for danger to life happening now. A match
 * makes a message an emergency whatever the classifiers say (a cue can add an emergency, never
 * remove one), unless the message is framed as a general question ("was tun, wenn …").
 */
export interface Cues {
  emergency: RegExp[];
  /** General framing: a message that matches one of these is not made an emergency by a cue. */
  generalFraming: RegExp[];
}

const schema = z.object({
  emergency: z.array(z.string()).min(1),
  general_framing: z.array(z.string()).default([]),
});

/** The form messages and patterns are compared in: see knowledge/triage.yaml. */
export function foldForCues(text: string): string {
  return germanFold(basicFold(text)).replace(/\s+/g, " ").trim();
}

export function loadCues(knowledgeDir: string, problems: Problem[] = []): Cues {
  const file = join(knowledgeDir, "triage.yaml");
  const rel = relative(process.cwd(), file) || file;
  const cues: Cues = { emergency: [], generalFraming: [] };
  if (!existsSync(file)) {
    problems.push({ file: rel, field: "(file)", reason: "triage.yaml not found", severity: "error" });
    return cues;
  }
  const parsed = schema.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file: rel, field: issue.path.join("."), reason: issue.message, severity: "error" });
    return cues;
  }
  const compile = (patterns: string[], field: string, into: RegExp[]) =>
    patterns.forEach((pattern, i) => {
      try {
        into.push(new RegExp(foldForCues(pattern), "iu"));
      } catch (error) {
        problems.push({ file: rel, field: `${field}[${i}]`, reason: `invalid pattern: ${(error as Error).message}`, severity: "error" });
      }
    });
  compile(parsed.data.emergency, "emergency", cues.emergency);
  compile(parsed.data.general_framing, "general_framing", cues.generalFraming);
  return cues;
}

/** Whether a message (as typed) is an emergency by the floor's patterns. */
export function emergencyCue(cues: Cues, text: string): boolean {
  const folded = foldForCues(text);
  return cues.emergency.some((p) => p.test(folded)) && !cues.generalFraming.some((p) => p.test(folded));
}
