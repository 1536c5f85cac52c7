import type { Calibration } from "../model/combine.js";
import type { Topic } from "../types.js";
import { decisions, figures, selectCalibration, type Figures } from "./calibrate.js";
import type { HeldOutRow } from "./cv.js";

/**
 * Cross-validation figures that stay honest about the combiner too: for each held-out batch, the
 * combiner's numbers are chosen on the other batches' held-out rows only, then applied to it.
 */

export interface CvReport {
  perBatch: { batch: string; figures: Figures; calibration: Calibration }[];
  mean: Omit<Figures, "byLanguage" | "confusions" | "n"> & { n: number };
  /** Pooled over all batches (each decided with its own fold's calibration). */
  pooled: Figures;
  /** What the whole held-out set chooses: the numbers Lotse ships with (--calibrate writes them). */
  calibration: Calibration;
  /** Situation of each line against the situation it was read as (pooled). */
  situations: Record<string, Record<string, number>>;
}

const MEANED = ["topicTop1", "topicTop3", "generalFallback", "generalMisread", "clarifyRate", "wrongAnswers", "emergencyRecall", "falseEmergency", "escalationRecall", "personRecall", "individualRecall", "offtopicFallback"] as const;

export function cvReport(rows: HeldOutRow[], topics: ReadonlyMap<string, Topic>, start: Calibration): CvReport {
  const batches = [...new Set(rows.map((r) => r.example.batch))].sort();
  const perBatch: CvReport["perBatch"] = [];
  const pooledRows: HeldOutRow[] = [];
  const pooledDecisions: ReturnType<typeof decisions> = [];
  for (const batch of batches) {
    const test = rows.filter((r) => r.example.batch === batch);
    const calibration = selectCalibration(rows.filter((r) => r.example.batch !== batch), topics, start);
    const decided = decisions(test, calibration, topics);
    perBatch.push({ batch, figures: figures(test, decided), calibration });
    pooledRows.push(...test);
    pooledDecisions.push(...decided);
  }
  const mean = Object.fromEntries(MEANED.map((k) => [k, perBatch.reduce((s, b) => s + b.figures[k], 0) / Math.max(1, perBatch.length)])) as CvReport["mean"];
  mean.n = rows.length;
  const situations: CvReport["situations"] = {};
  pooledRows.forEach((r, i) => {
    const row = (situations[r.example.situation] ??= {});
    const read = pooledDecisions[i]!.situation;
    row[read] = (row[read] ?? 0) + 1;
  });
  return { perBatch, mean, pooled: figures(pooledRows, pooledDecisions), calibration: selectCalibration(rows, topics, start), situations };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatCvReport(report: CvReport): string {
  const lines = [`Leave-one-batch-out cross-validation over ${report.mean.n} example lines in ${report.perBatch.length} batches`, ""];
  const head = "batch".padEnd(22) + ["top-1", "top-3", "emerg.", "false em.", "escal.", "person", "indiv.", "offtopic", "no answer", "other sit.", "choice", "wrong"].map((h) => h.padStart(10)).join("");
  lines.push(head);
  const row = (name: string, f: CvReport["mean"]) =>
    name.padEnd(22) + [f.topicTop1, f.topicTop3, f.emergencyRecall, f.falseEmergency, f.escalationRecall, f.personRecall, f.individualRecall, f.offtopicFallback, f.generalFallback, f.generalMisread, f.clarifyRate, f.wrongAnswers].map((x) => pct(x).padStart(10)).join("");
  for (const b of report.perBatch) lines.push(row(b.batch, b.figures));
  lines.push(row("mean", report.mean));
  lines.push("", "topic top-1 by language (pooled): " + Object.entries(report.pooled.byLanguage).map(([l, x]) => `${l} ${pct(x)}`).join("  "));
  lines.push("", "situations (pooled; rows: written as, columns: read as):");
  const kinds = ["general", "emergency", "person", "individual", "offtopic"];
  lines.push("".padEnd(12) + kinds.map((k) => k.padStart(11)).join(""));
  for (const k of kinds) lines.push(k.padEnd(12) + kinds.map((c) => String(report.situations[k]?.[c] ?? 0).padStart(11)).join(""));
  lines.push("", "most frequent topic mix-ups (pooled):");
  for (const [pair, n] of report.pooled.confusions) lines.push(`  ${String(n).padStart(3)}  ${pair}`);
  const c = report.calibration;
  lines.push("", `calibration chosen on all held-out rows: search weight ${c.bm25Weight}, thresholds ${Object.entries(c.thresholds).map(([k, v]) => `${k} ${v}`).join(", ")}, fallback below ${c.fallbackBelow}, choice when the runner-up reaches ${c.clarifyRatio} of a best score below ${c.clarifyBelow}`);
  lines.push("(top-1, top-3, no answer, other sit. (read as a case, a request, off-topic or an emergency), choice, wrong: general topic questions; emerg.: emergencies caught; false em.: other lines read as emergencies; escal.: person and individual lines handed over; offtopic: off-topic lines without an answer)");
  return lines.join("\n");
}
