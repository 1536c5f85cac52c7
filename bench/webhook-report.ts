/**
 * The printed report of the webhook benchmark (bench/webhook-throughput.ts): plain-text tables
 * with the command and settings that produced them.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { QUESTIONS } from "./webhook-common.js";
import type { Delivery } from "./webhook-delivery.js";
import { keptUp, non200Count, type Step } from "./webhook-load.js";

export interface Settings {
  seconds: number;
  rates: number[];
  warmUpSeconds: number;
  deliveryUpdates: number;
  deliveryRate: number;
  drainSeconds: number;
  limit: number;
  slowMs: number;
  slowRate: number;
}

export interface RunResult {
  label: string;
  loadBefore: string;
  delivery?: Delivery;
  ladder: (Step & { backlog?: number })[];
  ladderDelivery?: Delivery;
  /** After the ladder settled: updates acknowledged 200, of them handled (their replies queued), error log lines. */
  ladderHandled?: { acked: number; handled: number; errors: number };
}

/** grammY's webhook timeout: Lotse answers an error then (onTimeout "throw"), so Telegram retries; a 200 this late would mean an ack before the effects were stored. */
const GRAMMY_TIMEOUT_MS = 10_000;

export const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");


function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  const line = (r: string[]) => "  " + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)].join("\n");
}
const ms = (v: number) => (Number.isFinite(v) ? (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v < 10 ? 1 : 0)} ms`) : "–");
const f1 = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(1) : "–");
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "–");
const non200Text = (s: Step) => {
  const n = non200Count(s);
  return n ? `${n} (${Object.entries(s.non200).map(([k, v]) => `${k}: ${v}`).join(", ")})` : "0";
};
const timedOut = (s: Step) => s.acks.filter((a) => a.status === 200 && a.ms >= GRAMMY_TIMEOUT_MS - 100).length;

function knee(r: RunResult): string {
  const step = r.ladder.find((st) => !keptUp(st));
  if (!step) return `none up to ${r.ladder.at(-1)?.rate ?? "–"}/s (every step: p99 ≤ 100 ms, ≥ 95% acknowledged on time, no failure)`;
  const why = [
    step.p99 > 100 ? `p99 ${ms(step.p99)}, ${step.over100} of ${step.acks.length} acks > 100 ms` : "",
    step.achieved < 0.95 * step.rate ? `acknowledged ${step.achieved.toFixed(0)}/s of ${step.rate}/s` : "",
    non200Count(step) ? `${non200Count(step)} not 200` : "",
  ].filter(Boolean);
  const before = r.ladder[r.ladder.indexOf(step) - 1];
  const others = step.cpu.others >= 25 ? `; meanwhile other processes used ${step.cpu.others.toFixed(0)}% CPU` : "";
  return `${step.rate}/s (${why.join(", ")})${before ? `; last rate kept: ${before.rate}/s (p99 ${ms(before.p99)})` : "; already the first rate"}${others}`;
}

export function report(s: Settings, runs: RunResult[], baseline: RunResult | undefined, slow: { label: string; step: Step & { sends: number } }[], skipped: string[], started: { at: number; load: string }): string {
  const all = baseline ? [...runs, baseline] : runs;
  const out: string[] = [
    `Command: npm run build --silent && ${process.env.LOTSE_TEST_REDIS_URL ? `LOTSE_TEST_REDIS_URL=${process.env.LOTSE_TEST_REDIS_URL} ` : ""}${process.env.LOTSE_TEST_DATABASE_URL ? `LOTSE_TEST_DATABASE_URL=${process.env.LOTSE_TEST_DATABASE_URL} ` : ""}npm run bench -- webhook`,
    `Settings: BENCH_SECONDS=${s.seconds} per rate, BENCH_RATES=${s.rates.join(",")}, BENCH_WARMUP_SECONDS=${s.warmUpSeconds}, BENCH_DELIVERY_UPDATES=${s.deliveryUpdates} at BENCH_DELIVERY_RATE=${s.deliveryRate}/s, BENCH_DRAIN_SECONDS=${s.drainSeconds}, BENCH_LIMIT_PER_SECOND=${s.limit}, BENCH_SLOW_MS=${s.slowMs} at BENCH_SLOW_RATE=${s.slowRate}/s`,
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; the driver and the fake Bot API (this process), Lotse, Redis and PostgreSQL share them.`,
    `Load average (1/5/15 min) at start: ${started.load}; at end: ${loadavg()}; duration ${((Date.now() - started.at) / 1000).toFixed(0)} s.`,
    `Updates: private text messages from distinct users (one chat each; ${QUESTIONS.length} questions rotated), round-robin over the instances.`,
    ...skipped.map((line) => `Skipped: ${line}`),
    "",
    `Ingest: acknowledgement time of every webhook POST (request written → HTTP answer received), open loop, ${s.seconds} s per offered rate.`,
    `  achieved = 200s per second from the first request to the last answer; backlog = outbox messages queued after the step (30/s leave);`,
    `  acks ≥ 9.9 s = 200s at or past grammY's webhook timeout (10 s from the start of handling; Lotse sets onTimeout "throw", so a handling that slow answers 500 and Telegram retries: want 0);
  CPU in % of one core (${cpus().length} cores = ${cpus().length * 100}%): server = Lotse's processes (or the baseline's), store = redis-server + postgres processes,
  bench = this process (driver + fake Bot API), others = the rest of the machine (other users); late = the driver's send lateness p99 (its own stalls).`,
    table(
      ["configuration", "offered/s", "sent", "ack p50", "ack p99", "ack max", "> 100 ms", "achieved/s", "non-200", "acks ≥ 9.9 s", "backlog", "CPU server", "store", "bench", "others", "late"],
      all.flatMap((r) => r.ladder.map((st) => [r.label, st.rate, st.acks.length, ms(st.p50), ms(st.p99), ms(st.max), st.over100, st.achieved.toFixed(1), non200Text(st), timedOut(st), st.backlog ?? "–",
        ...[st.cpu.server, st.cpu.store, st.cpu.bench, st.cpu.others].map((v) => `${v.toFixed(0)}%`), ms(st.lateP99)])),
    ),
    "",
    "Knee: the first offered rate whose ack p99 > 100 ms, or < 95% of it acknowledged per second, or any request not answered 200.",
    ...all.map((r) => `  ${r.label.padEnd(Math.max(...all.map((x) => x.label.length)))}  ${knee(r)}`),
  ];
  if (baseline) {
    out.push(
      "",
      `Lotse against the bare grammY bot at the same offered rate: ack p99 ratio (Lotse / baseline; > 1 = slower) and achieved-ack ratio (Lotse / baseline; < 1 = fewer).`,
      table(
        ["configuration", ...s.rates.flatMap((rate) => [`p99 @${rate}`, `ack/s @${rate}`])],
        runs.map((r) => [r.label, ...s.rates.flatMap((rate) => {
          const a = r.ladder.find((x) => x.rate === rate);
          const b = baseline.ladder.find((x) => x.rate === rate);
          return a && b ? [ratio(a.p99, b.p99), ratio(a.achieved, b.achieved)] : ["–", "–"];
        })]),
      ),
    );
  }
  out.push(
    "",
    `Delivery: the fake Bot API accepts ${s.limit} sendMessage per sliding second, answers 429 (retry_after 1) beyond. ${s.deliveryUpdates} updates offered at ${s.deliveryRate}/s after the warm-up;`,
    `  lost = chats without their answer ${s.drainSeconds} s after the limit could have delivered everything; duplicates = the same text twice to a chat; extra = a second, different message.`,
    `  sustained = delivered/s from the first to the last delivery; peak = most deliveries (or attempts, 200 + 429) within any 1 s; latency = update sent → answer at the fake.`,
    table(
      ["configuration", "answered", "lost", "duplicates", "extra", "sustained/s", "peak/s", "attempts peak/s", "429s", "latency p50", "latency p99"],
      all.filter((r) => r.delivery).map((r) => {
        const d = r.delivery!;
        return [r.label, `${d.answered}/${d.owed}`, d.lost, d.duplicates, d.extra, f1(d.sustained), d.peak, d.peakAttempts, d.rateLimited, `${f1(d.latencyP50)} s`, `${f1(d.latencyP99)} s`];
      }),
    ),
    "",
    `Delivery during the ingest ladder (the backlog only grows: ${s.rates.join(", ")} updates/s offered against ${s.limit}/s), from the ladder's first request to its last answer;`,
    `  handled = of the updates acknowledged 200, those whose handling finished (lotse_answer_seconds_count), read once it stops rising after the ladder.`,
    table(
      ["configuration", "delivered", "sustained/s", "peak/s", "attempts peak/s", "429s", "duplicates", "extra", "acked 200", "handled", "errors logged"],
      all.filter((r) => r.ladderDelivery).map((r) => {
        const d = r.ladderDelivery!;
        const h = r.ladderHandled;
        return [r.label, d.delivered, f1(d.sustained), d.peak, d.peakAttempts, d.rateLimited, d.duplicates, d.extra, h?.acked ?? "–", h?.handled ?? "–", h?.errors ?? "–"];
      }),
    ),
  );
  if (slow.length) {
    const fast = (label: string) => all.find((r) => r.label === label)?.ladder.find((st) => st.rate === s.slowRate);
    out.push(
      "",
      `Slow platform: the fake answers every sendMessage after ${s.slowMs / 1000} s; ${s.slowRate} updates/s for ${s.seconds} s on a fresh process (after a 1 s warm-up at normal speed).`,
      table(
        ["configuration", "ack p50", "ack p99", "ack max", "achieved/s", "non-200", "acks ≥ 9.9 s", "sendMessage calls meanwhile", `ack p99 at normal speed (ladder, ${s.slowRate}/s)`],
        slow.map(({ label, step }) => [label, ms(step.p50), ms(step.p99), ms(step.max), step.achieved.toFixed(1), non200Text(step), timedOut(step), step.sends, ms(fast(label)?.p99 ?? NaN)]),
      ),
    );
  }
  return out.join("\n");
}
