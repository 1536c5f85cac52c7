// Recall per kind and over-redaction against the targets, on the tuned corpus and, when someone
// has put it there, on the held-out corpus test/fixtures/redaction-untuned.jsonl (never tuned on).
// The same function checks both; `npm run bench -- redaction` prints the same figures.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { measureCorpus, readCorpus, report, targetFailures, TUNED_CORPUS, UNTUNED_CORPUS, UNTUNED_CORPUS_2 } from "../../../bench/redaction.js";

describe("redaction targets", () => {
  it("are met on the tuned corpus (test/fixtures/redaction-corpus.jsonl)", () => {
    const m = measureCorpus(readCorpus(TUNED_CORPUS));
    console.log(report("tuned corpus", m));
    if (m.missed.length) console.log(`missed:\n  ${m.missed.join("\n  ")}`);
    if (m.overWords.length) console.log(`over-redacted:\n  ${m.overWords.join("\n  ")}`);
    expect(targetFailures(m)).toEqual([]);
  });

  // The held-out corpus (written by a separate writer from its own brief, never tuned on) measures
  // what the rules generalise to. Structured data and over-redaction meet their targets there;
  // names, file numbers and the special categories do not yet (figures in docs/OPERATOR-GUIDE.md
  // and the closing note of issue 19). The second test is expected to fail until they do: when it
  // passes, vitest reports it, and the `.fails` comes off.
  const untuned = existsSync(UNTUNED_CORPUS) ? measureCorpus(readCorpus(UNTUNED_CORPUS)) : undefined;
  it.skipIf(!untuned)("on the untuned corpus: structured data and over-redaction meet their targets", () => {
    // Figures only: the held-out messages themselves are not printed.
    console.log(report("untuned corpus", untuned!));
    expect(targetFailures(untuned!).filter((f) => /structured|over-redaction/.test(f))).toEqual([]);
  });
  (untuned ? it.fails : it.skip)("on the untuned corpus: names, file numbers and special categories meet their targets (not yet)", () => {
    expect(targetFailures(untuned!)).toEqual([]);
  });

  // The second held-out part (228 messages, 696 items, written later by another writer; see
  // test/fixtures/REDACTION-CORPORA.md). Its first measurement was far below the first part's
  // (health 49 %, structured 91 %: spelled-out numbers, Persian-calendar dates), so only
  // over-redaction is asserted; the full targets are expected to fail until the rules generalise.
  const second = existsSync(UNTUNED_CORPUS_2) ? measureCorpus(readCorpus(UNTUNED_CORPUS_2)) : undefined;
  it.skipIf(!second)("on the second untuned corpus: over-redaction meets its target", () => {
    console.log(report("second untuned corpus", second!));
    expect(targetFailures(second!).filter((f) => /over-redaction/.test(f))).toEqual([]);
  });
  (second ? it.fails : it.skip)("on the second untuned corpus: every target (not yet)", () => {
    expect(targetFailures(second!)).toEqual([]);
  });

  it("has the planted kinds the targets need", () => {
    const lines = readCorpus(TUNED_CORPUS);
    const count = (kind: string) => lines.flatMap((l) => l.pii).filter((p) => p.kind === kind).length;
    expect(count("health")).toBeGreaterThanOrEqual(60);
    expect(count("fileNumber")).toBeGreaterThanOrEqual(40);
    expect(lines.filter((l) => l.pii.length === 0).length).toBeGreaterThanOrEqual(55);
  });
});
