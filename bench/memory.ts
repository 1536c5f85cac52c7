/**
 * Idle memory of Lotse with the web chat only (no messenger adapter configured: the smallest
 * deployment), then start-up time and memory of a real Lotse process (`node dist/src/main.js`,
 * SQLite, Telegram in webhook mode against the local fake Bot API):
 * - start-up to ready: wall time from spawn to the ready log line, and the readyMs Lotse logs
 *   itself; the first start on an empty data directory builds the knowledge cache (cold), the
 *   following ones reuse it (warm, median reported);
 * - resident memory (VmRSS from /proc/<pid>/status): idle after start, and after the webhook
 *   closed-loop load of bench/webhook-common.ts; peak (VmHWM) and V8 heap in use beside it.
 * Run: npm run bench -- memory   (BENCH_STARTS=5, BENCH_UPDATES=1000, BENCH_CONCURRENCY=32; about 3 minutes)
 * Only the web-chat-only idle figure (about 20 s once the classifiers are cached): BENCH_MEMORY_WEB_ONLY=1 npm run bench -- memory
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeTelegram } from "../test/fakes/telegram-api.js";
import { NO_EVENTS, knowledgeWithEvents } from "../test/knowledge-copy.js";
import { startLotse, type LotseProcess } from "../test/process-harness.js";
import { driveUpdates, formatResult, webhookEnv } from "./webhook-common.js";

const IDLE_SETTLE_MS = 3_000;
/** A cold start trains the question classifiers: about half a minute, longer on a busy machine. */
const COLD_START_TIMEOUT_MS = 900_000;
const mb = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idle RSS of Lotse with the web chat only: a first start on an empty data directory (trains the
 * question classifiers if CACHE_DIR lacks them for this knowledge), then a second, warm one whose
 * memory is reported. Knowledge: a copy of knowledge/ without events, or BENCH_KNOWLEDGE_DIR;
 * BENCH_CACHE_DIR sets CACHE_DIR (else the package's data/cache).
 */
async function webOnlyIdle(): Promise<string> {
  const knowledgeDir = process.env.BENCH_KNOWLEDGE_DIR ?? knowledgeWithEvents(NO_EVENTS);
  const dataDir = mkdtempSync(join(tmpdir(), "lotse-bench-memory-web-"));
  const env: Record<string, string> = { DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir };
  if (process.env.BENCH_CACHE_DIR) env.CACHE_DIR = process.env.BENCH_CACHE_DIR;
  // e.g. BENCH_NODE_OPTIONS=--import=eld/medium: what a module would add to the idle figure.
  if (process.env.BENCH_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS;
  let running: LotseProcess | undefined;
  try {
    running = await startLotse(env, { readyTimeoutMs: COLD_START_TIMEOUT_MS });
    await running.terminate(30_000);
    running = await startLotse(env);
    await sleep(IDLE_SETTLE_MS);
    const rss = await running.rssBytes();
    const heap = await running.metric("lotse_nodejs_heap_size_used_bytes");
    return [
      `Web chat only (no messenger adapter, SQLite, warm start${env.NODE_OPTIONS ? `, NODE_OPTIONS=${env.NODE_OPTIONS}` : ""}), ${IDLE_SETTLE_MS / 1000} s after ready:`,
      `  idle RSS ${mb(rss)} (VmRSS), heap ${mb(heap)}, spawn→ready ${running.spawnToReadyMs.toFixed(0)} ms`,
    ].join("\n");
  } finally {
    await running?.terminate(30_000).catch(() => running?.kill());
    rmSync(dataDir, { recursive: true, force: true });
    if (!process.env.BENCH_KNOWLEDGE_DIR) rmSync(knowledgeDir, { recursive: true, force: true });
  }
}

export async function memoryBench(): Promise<string> {
  const webOnly = await webOnlyIdle();
  if (process.env.BENCH_MEMORY_WEB_ONLY === "1") return webOnly;
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
      running = await startLotse(env, i === 0 ? { readyTimeoutMs: COLD_START_TIMEOUT_MS } : {});
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
      webOnly,
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
