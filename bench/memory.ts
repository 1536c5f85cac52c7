/**
 * Start-up time and memory of a real Lotse process (`node dist/src/main.js`, SQLite, Telegram in
 * webhook mode against the local fake Bot API):
 * - start-up to ready: wall time from spawn to the ready log line, and the readyMs Lotse logs
 *   itself; the first start on an empty data directory builds the knowledge cache (cold), the
 *   following ones reuse it (warm, median reported);
 * - resident memory (VmRSS from /proc/<pid>/status): idle after start, and after the webhook
 *   closed-loop load of bench/webhook-common.ts; peak (VmHWM) and V8 heap in use beside it.
 * Run: npm run bench -- memory   (BENCH_STARTS=5, BENCH_UPDATES=1000, BENCH_CONCURRENCY=32; about 3 minutes)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeTelegram } from "../test/fakes/telegram-api.js";
import { NO_EVENTS, knowledgeWithEvents } from "../test/knowledge-copy.js";
import { startLotse, type LotseProcess } from "../test/process-harness.js";
import { driveUpdates, formatResult, webhookEnv } from "./webhook-common.js";

const IDLE_SETTLE_MS = 3_000;
const mb = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function memoryBench(): Promise<string> {
  const starts = Number(process.env.BENCH_STARTS ?? 5);
  const count = Number(process.env.BENCH_UPDATES ?? 1000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
  const telegram = await FakeTelegram.start({ token: "123456:AAH-bench-token" });
  const knowledgeDir = knowledgeWithEvents(NO_EVENTS);
  const dataDir = mkdtempSync(join(tmpdir(), "lotse-bench-memory-"));
  const env = webhookEnv(telegram, { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir });
  let running: LotseProcess | undefined;
  try {
    // One cold start, then `starts` warm ones; the last one stays up for the memory figures.
    const timings: { wall: number; ready: number }[] = [];
    for (let i = 0; i <= starts; i++) {
      running = await startLotse(env);
      timings.push({ wall: running.spawnToReadyMs, ready: running.readyMs });
      if (i < starts) await running.terminate(30_000);
    }
    const [cold, ...warm] = timings;
    const lotse = running!;
    await sleep(IDLE_SETTLE_MS);
    const idle = { rss: await lotse.rssBytes(), heap: await lotse.metric("lotse_nodejs_heap_size_used_bytes") };
    const load = await driveUpdates(telegram, [lotse], { count, concurrency, firstChat: 3_000_000 });
    const after = { rss: await lotse.rssBytes(), heap: await lotse.metric("lotse_nodejs_heap_size_used_bytes"), peak: lotse.peakRssBytes() };
    await sleep(IDLE_SETTLE_MS);
    const settled = await lotse.rssBytes();
    return [
      `Start-up to ready of node dist/src/main.js (SQLite, Telegram webhook mode against the local fake Bot API, ${starts} warm starts):`,
      `  cold (empty data directory, builds the knowledge cache): spawn→ready ${cold!.wall.toFixed(0)} ms, readyMs ${cold!.ready} ms`,
      `  warm, median of ${warm.length}: spawn→ready ${median(warm.map((t) => t.wall)).toFixed(0)} ms, readyMs ${median(warm.map((t) => t.ready))} ms` +
        ` (range ${Math.min(...warm.map((t) => t.wall)).toFixed(0)}–${Math.max(...warm.map((t) => t.wall)).toFixed(0)} ms)`,
      `Resident memory of that process (VmRSS, /proc/<pid>/status; V8 heap in use from /metrics):`,
      `  idle, ${IDLE_SETTLE_MS / 1000} s after ready: RSS ${mb(idle.rss)}, heap ${mb(idle.heap)}`,
      `  right after ${count} webhook updates (concurrency ${concurrency}): RSS ${mb(after.rss)}, heap ${mb(after.heap)}, peak RSS (VmHWM) ${mb(after.peak)}`,
      `  ${IDLE_SETTLE_MS / 1000} s later: RSS ${mb(settled)}`,
      formatResult("the load (1 instance, SQLite):", load),
    ].join("\n");
  } finally {
    await running?.terminate(30_000).catch(() => running?.kill());
    await telegram.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(knowledgeDir, { recursive: true, force: true });
  }
}
