import { readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Problem } from "./load.js";
import { basicFold, germanFold } from "./text.js";

export const CUE_KINDS = ["emergency", "human", "individual", "offtopic"] as const;
export type CueKind = (typeof CUE_KINDS)[number];

export type Cues = Record<CueKind, RegExp[]>;

const schema = z.object({
  emergency: z.array(z.string()).min(1),
  human: z.array(z.string()).min(1),
  individual: z.array(z.string()).min(1),
  offtopic: z.array(z.string()).min(1),
});

/** The form messages and patterns are compared in: see knowledge/triage.yaml. */
export function foldForCues(text: string): string {
  return germanFold(basicFold(text)).replace(/\s+/g, " ").trim();
}

export function loadCues(knowledgeDir: string, problems: Problem[] = []): Cues {
  const file = join(knowledgeDir, "triage.yaml");
  const rel = relative(process.cwd(), file) || file;
  const cues: Cues = { emergency: [], human: [], individual: [], offtopic: [] };
  if (!existsSync(file)) {
    problems.push({ file: rel, field: "(file)", reason: "triage.yaml not found", severity: "error" });
    return cues;
  }
  const parsed = schema.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file: rel, field: issue.path.join("."), reason: issue.message, severity: "error" });
    return cues;
  }
  for (const kind of CUE_KINDS) {
    parsed.data[kind].forEach((pattern, i) => {
      try {
        cues[kind].push(new RegExp(foldForCues(pattern), "iu"));
      } catch (error) {
        problems.push({ file: rel, field: `${kind}[${i}]`, reason: `invalid pattern: ${(error as Error).message}`, severity: "error" });
      }
    });
  }
  return cues;
}

export function matchesAny(patterns: RegExp[], folded: string): boolean {
  return patterns.some((p) => p.test(folded));
}
