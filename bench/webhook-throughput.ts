/**
 * Telegram webhook: acknowledgement under open-loop load, and delivery at Telegram's rate limit
 * (issue 13 "acknowledge fast, deliver later"; the ingest, delivery and baseline parts of issue 18).
 *
 * Real processes (`node dist/src/main.js`, webhook mode, the real grammY), a local fake Bot API
 * (test/fakes/telegram-api.ts) that enforces 30 sendMessage/s with 429 + retry_after, and a driver
 * in this process. For each configuration, in one run:
 * 1. warm-up: 50 updates/s for BENCH_WARMUP_SECONDS, not counted; its replies are awaited;
 * 2. delivery: BENCH_DELIVERY_UPDATES updates offered at BENCH_DELIVERY_RATE/s, then a drain period
 *    (the time the limit needs plus BENCH_DRAIN_SECONDS): delivered/s sustained and peak, 429s,
 *    lost and duplicate answers;
 * 3. ingest ladder: BENCH_RATES (50, 100, 200, 400 updates/s) for BENCH_SECONDS each, open loop,
 *    from distinct users; every webhook request's acknowledgement time (HTTP 200 received). The
 *    outbox backlog grows meanwhile (only 30/s leave): the ladder measures ingest, not delivery.
 *    Processes are killed (SIGKILL) afterwards; their stores are thrown away.
 * Configurations: 1 instance on SQLite; 1 and 2 on Redis (database 14) when LOTSE_TEST_REDIS_URL or
 * REDIS_URL is set; 1 and 2 on PostgreSQL (a fresh database) when LOTSE_TEST_DATABASE_URL is set.
 * Baseline: a bare grammY webhook bot (bench/grammy-baseline.ts) through the same fake, same steps.
 * Slow platform: 1 instance on SQLite and the baseline while the fake answers every sendMessage
 * after BENCH_SLOW_MS (4 s), at BENCH_SLOW_RATE updates/s.
 * Run: npm run bench -- webhook   (about 6 minutes with every store on 2 cores). Shorter: BENCH_SECONDS
 * (5 per rate), BENCH_DELIVERY_UPDATES (300), BENCH_CONFIGS=sqlite,redis1,redis2,pg1,pg2,baseline,slow
 * (a subset); the other BENCH_* settings are printed with the results.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeTelegram } from "../test/fakes/telegram-api.js";
import { isolatedPostgres, isolatedRedis, type IsolatedStore } from "../test/isolated-store.js";
import { NO_EVENTS, knowledgeWithEvents } from "../test/knowledge-copy.js";
import { startLotse, type LotseProcess } from "../test/process-harness.js";
import { startBaseline } from "./grammy-baseline.js";
import { QUESTIONS, WEBHOOK_SECRET, webhookEnv } from "./webhook-common.js";
import { countDelivery, type Delivery } from "./webhook-delivery.js";
import { offer, type Step } from "./webhook-load.js";
import { loadavg, report, type RunResult, type Settings } from "./webhook-report.js";

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SETTINGS: Settings = {
  seconds: num("BENCH_SECONDS", 5),
  rates: (process.env.BENCH_RATES ?? "50,100,200,400").split(",").map(Number),
  warmUpSeconds: num("BENCH_WARMUP_SECONDS", 2),
  deliveryUpdates: num("BENCH_DELIVERY_UPDATES", 300),
  deliveryRate: num("BENCH_DELIVERY_RATE", 100),
  drainSeconds: num("BENCH_DRAIN_SECONDS", 20),
  limit: num("BENCH_LIMIT_PER_SECOND", 30),
  slowMs: num("BENCH_SLOW_MS", 4000),
  slowRate: num("BENCH_SLOW_RATE", 100),
};
const TOKEN = "123456:AAH-bench-token";
/** Redis database of this benchmark (emptied before and after), apart from the tests' databases. */
const BENCH_REDIS_DB = 14;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Progress on stderr, so that the printed report stays the tables. */
const progress = (line: string) => process.stderr.write(`  [webhook] ${line}\n`);

interface Server {
  urls: string[];
  pids: number[];
  /** Outbox backlog (shared by the instances); undefined for the baseline. */
  backlog?: () => Promise<number>;
  /** Messages whose handling finished (lotse_answer_seconds_count, summed over the instances). */
  handled?: () => Promise<number>;
  /** Log lines at level error or above, over the instances. */
  errors?: () => number;
  stop(): Promise<void>;
}

const updateOf = (telegram: FakeTelegram) => (chat: number, i: number) =>
  telegram.message({ chatId: chat, userId: chat, text: QUESTIONS[i % QUESTIONS.length]!, languageCode: "de" });

const sentAtOf = (steps: Step[]) => new Map(steps.flatMap((s) => s.acks.map((a) => [a.chat, a.sentWall] as const)));

async function startLotseServer(telegram: FakeTelegram, instances: number, store: IsolatedStore | undefined): Promise<Server> {
  const knowledgeDir = knowledgeWithEvents(NO_EVENTS);
  const dirs = [knowledgeDir];
  const processes: LotseProcess[] = [];
  const stop = async () => {
    for (const p of processes) p.kill();
    await Promise.all(processes.map((p) => p.exited));
    await store?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < instances; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), "lotse-bench-"));
      dirs.push(dataDir);
      // A busy machine can take long to start a process (and every start here is cold): wait, rather than fail.
      processes.push(await startLotse(webhookEnv(telegram, { ...store?.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir }), { readyTimeoutMs: 180_000 }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls: processes.map((p) => `${p.url}/telegram/webhook`),
    pids: processes.map((p) => p.pid),
    backlog: () => processes[0]!.metric("lotse_outbox_backlog"),
    handled: async () => (await Promise.all(processes.map((p) => p.metric("lotse_answer_seconds_count")))).reduce((a, b) => a + b, 0),
    errors: () => processes.reduce((n, p) => n + p.logs.filter((line) => (line.level ?? 0) >= 50).length, 0),
    stop,
  };
}

async function startBaselineServer(telegram: FakeTelegram): Promise<Server> {
  const bot = await startBaseline(TOKEN, telegram.apiRoot, WEBHOOK_SECRET);
  return { urls: [bot.url], pids: [bot.pid], stop: async () => bot.stop() };
}

/** Waits until `check` holds or `deadline` (wall clock) passes. */
async function waitUntil(check: () => boolean | Promise<boolean>, deadline: number): Promise<void> {
  while (Date.now() < deadline && !(await check())) await sleep(100);
}

async function runConfig(label: string, start: (telegram: FakeTelegram) => Promise<Server>): Promise<RunResult> {
  const loadBefore = loadavg();
  const began = Date.now();
  const telegram = await FakeTelegram.start({ token: TOKEN });
  telegram.limitPerSecond(SETTINGS.limit);
  const server = await start(telegram);
  const drive = (rate: number, seconds: number, firstChat: number) =>
    offer({ urls: server.urls, rate, seconds, firstChat, secret: WEBHOOK_SECRET, update: updateOf(telegram), serverPids: server.pids });
  const outboxEmpty = async () => (server.backlog ? (await server.backlog()) === 0 : true);
  try {
    const warmUp = await drive(50, SETTINGS.warmUpSeconds, 1_000_000);
    const warmChats = sentAtOf([warmUp]);
    // The baseline has sent (or lost to a 429) every reply before its ack: nothing to wait for.
    const queued = server.backlog !== undefined;
    if (queued) await waitUntil(async () => countDelivery(telegram.calls, warmChats).lost === 0 && (await outboxEmpty()), Date.now() + 20_000);

    let delivery: Delivery | undefined;
    if (SETTINGS.deliveryUpdates > 0) {
      const step = await drive(SETTINGS.deliveryRate, SETTINGS.deliveryUpdates / SETTINGS.deliveryRate, 2_000_000);
      const chats = sentAtOf([step]);
      const deadline = step.endWall + (1000 * SETTINGS.deliveryUpdates) / SETTINGS.limit + 1000 * SETTINGS.drainSeconds;
      if (queued) {
        await waitUntil(() => countDelivery(telegram.calls, chats).lost === 0, deadline);
        // Late copies would come from the outbox: wait for it to empty, then a little longer.
        await waitUntil(outboxEmpty, Math.max(deadline, Date.now() + 5_000));
      }
      await sleep(1_500);
      delivery = countDelivery(telegram.calls, chats);
    }

    const ladder: RunResult["ladder"] = [];
    const handledBefore = (await server.handled?.()) ?? 0;
    for (const [k, rate] of SETTINGS.rates.entries()) {
      const step = await drive(rate, SETTINGS.seconds, 10_000_000 * (k + 1));
      ladder.push({ ...step, backlog: server.backlog ? await server.backlog().catch(() => NaN) : undefined });
      await sleep(500);
    }
    const ladderDelivery = ladder.length ? countDelivery(telegram.calls, sentAtOf(ladder), { from: ladder[0]!.startWall, to: ladder.at(-1)!.endWall }) : undefined;
    // An acknowledged update must be handled: grammY answers 200 after 10 s even while the handling
    // still runs. Wait until every acknowledged update was handled, or nothing moves for 2 s.
    let ladderHandled: RunResult["ladderHandled"];
    if (server.handled && ladder.length) {
      const acked = ladder.reduce((n, st) => n + st.ok, 0);
      let handled = -1;
      for (let last = -2, since = Date.now(); Date.now() - since < 2_000; await sleep(250)) {
        handled = (await server.handled()) - handledBefore;
        if (handled >= acked) break;
        if (handled !== last) [last, since] = [handled, Date.now()];
      }
      ladderHandled = { acked, handled, errors: server.errors?.() ?? 0 };
    }
    progress(`${label}: ${((Date.now() - began) / 1000).toFixed(0)} s, load average ${loadBefore} → ${loadavg()}`);
    return { label, loadBefore, delivery, ladder, ladderDelivery, ladderHandled };
  } finally {
    await server.stop();
    await telegram.stop();
  }
}

/** A fresh server; after a short warm-up the fake answers every sendMessage only after SETTINGS.slowMs. */
async function runSlow(start: (telegram: FakeTelegram) => Promise<Server>): Promise<Step & { sends: number }> {
  const telegram = await FakeTelegram.start({ token: TOKEN });
  telegram.limitPerSecond(SETTINGS.limit);
  const server = await start(telegram);
  const drive = (rate: number, seconds: number, firstChat: number) =>
    offer({ urls: server.urls, rate, seconds, firstChat, secret: WEBHOOK_SECRET, update: updateOf(telegram), serverPids: server.pids });
  try {
    await drive(50, 1, 1_000_000);
    await sleep(1_000);
    telegram.slowSends(SETTINGS.slowMs);
    const step = await drive(SETTINGS.slowRate, SETTINGS.seconds, 5_000_000);
    // sendMessage calls for these updates that reached the fake while the step ran (answered 4 s later).
    return { ...step, sends: countDelivery(telegram.calls, sentAtOf([step]), { from: step.startWall, to: step.endWall }).attempts };
  } finally {
    await server.stop();
    await telegram.stop();
  }
}

export async function webhookBench(): Promise<string> {
  const started = { at: Date.now(), load: loadavg() };
  const redisUrl = process.env.LOTSE_TEST_REDIS_URL ?? process.env.REDIS_URL;
  const databaseUrl = process.env.LOTSE_TEST_DATABASE_URL;
  const only = process.env.BENCH_CONFIGS?.split(",");
  const wanted = (key: string) => !only || only.includes(key);
  const skipped: string[] = [];
  const lotse = (instances: number, store?: () => Promise<IsolatedStore>) => async (telegram: FakeTelegram) =>
    startLotseServer(telegram, instances, store ? await store() : undefined);
  const configs: [key: string, label: string, start: (telegram: FakeTelegram) => Promise<Server>][] = [["sqlite", "Lotse 1× SQLite", lotse(1)]];
  if (redisUrl) {
    configs.push(["redis1", "Lotse 1× Redis", lotse(1, () => isolatedRedis(redisUrl, BENCH_REDIS_DB))]);
    configs.push(["redis2", "Lotse 2× Redis", lotse(2, () => isolatedRedis(redisUrl, BENCH_REDIS_DB))]);
  } else skipped.push("Redis (set LOTSE_TEST_REDIS_URL or REDIS_URL)");
  if (databaseUrl) {
    configs.push(["pg1", "Lotse 1× PostgreSQL", lotse(1, () => isolatedPostgres(databaseUrl))]);
    configs.push(["pg2", "Lotse 2× PostgreSQL", lotse(2, () => isolatedPostgres(databaseUrl))]);
  } else skipped.push("PostgreSQL (set LOTSE_TEST_DATABASE_URL)");
  const baselineLabel = "bare grammY (baseline)";

  const baseline = wanted("baseline") ? await runConfig(baselineLabel, startBaselineServer) : undefined;
  const runs: RunResult[] = [];
  for (const [key, label, start] of configs) if (wanted(key)) runs.push(await runConfig(label, start));
  const slow: { label: string; step: Step & { sends: number } }[] = [];
  if (wanted("slow") && SETTINGS.slowMs > 0) {
    slow.push({ label: "Lotse 1× SQLite", step: await runSlow(lotse(1)) });
    if (wanted("baseline")) slow.push({ label: baselineLabel, step: await runSlow(startBaselineServer) });
  }
  return report(SETTINGS, runs, baseline, slow, skipped, started);
}
