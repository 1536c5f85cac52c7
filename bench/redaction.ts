/**
 * Redaction speed on long and adversarial input (guards against runaway regular expressions),
 * and recall/over-redaction on the corpus in test/fixtures/redaction-corpus.jsonl.
 * Run: npm run bench -- redaction
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findPersonalData } from "../src/escalation/redact.js";
import { ROOT } from "../src/paths.js";

export function redactionBench(): string {
  const inputs: [string, string][] = [
    ["8,000 digits", "0" + "1".repeat(8000) + "x"],
    ["file-number lookalike", "Az. " + "1a-".repeat(3000) + "!"],
    ["name lookalike", "Frau " + "Aaaa-".repeat(3000) + "1"],
    ["street lookalike", "Karl-".repeat(3000) + "x 5"],
    ["e-mail lookalike", "a".repeat(5000) + "@" + "b.".repeat(2000)],
    ["124,000 chars of real data", "Herr Ahmadi, Lindenstraße 14, 0176 12345678, Az. 8123456-423. ".repeat(2000)],
  ];
  const lines = ["Redaction time per input (findPersonalData):"];
  for (const [name, input] of inputs) {
    const started = performance.now();
    findPersonalData(input);
    lines.push(`  ${name.padEnd(28)} ${String(input.length).padStart(7)} chars  ${(performance.now() - started).toFixed(1).padStart(8)} ms`);
  }
  const corpus = readFileSync(join(ROOT, "test", "fixtures", "redaction-corpus.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { text: string });
  const started = performance.now();
  for (const line of corpus) findPersonalData(line.text);
  lines.push(`  corpus: ${corpus.length} messages in ${(performance.now() - started).toFixed(1)} ms (recall and over-redaction: npx vitest run test/redact.test.ts)`);
  return lines.join("\n");
}
