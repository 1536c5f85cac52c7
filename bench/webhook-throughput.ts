/**
 * Telegram webhook throughput of real Lotse processes (`node dist/src/main.js`, webhook mode):
 * N text-message updates from N distinct users, POSTed with a fixed concurrency to the webhook,
 * through the real grammY handler, the answering core and the outbox, to the reply arriving at a
 * local fake Bot API without rate limit. Measured from the first request to the last reply.
 * One instance on SQLite; one and two instances (round-robin) on Redis when REDIS_URL or
 * LOTSE_TEST_REDIS_URL is set. Each run starts with a warm-up that is not counted.
 * Run: npm run bench -- webhook   (BENCH_UPDATES=1000, BENCH_CONCURRENCY=32; about 4 minutes)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { FakeTelegram } from "../test/fakes/telegram-api.js";
import { isolatedRedis, type IsolatedStore } from "../test/isolated-store.js";
import { NO_EVENTS, knowledgeWithEvents } from "../test/knowledge-copy.js";
import { startLotse, until, type LotseProcess } from "../test/process-harness.js";

const WEBHOOK_SECRET = "webhook-secret-for-the-benchmark";
const WARM_UP = 50;
/** Redis database of this benchmark (emptied before and after), apart from the tests' databases. */
const BENCH_REDIS_DB = 14;

/** Questions from the knowledge base's topics, rotated over the users; each is answered with one message. */
const QUESTIONS = [
  "Wie finde ich einen Kita-Platz für ein Kind?",
  "Wie meldet man eine Wohnung beim Bürgeramt an?",
  "Welche Leistungen gibt es nach dem Asylbewerberleistungsgesetz?",
  "Wie melde ich ein Kind in der Schule an?",
  "Wo findet man einen Deutschkurs oder Integrationskurs?",
  "Was ist ein Wohnberechtigungsschein und wie bekommt man ihn?",
  "How can a refugee open a bank account?",
  "Darf man mit einer Aufenthaltsgestattung arbeiten?",
];

export interface DriveResult {
  updates: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  non200: number;
  missing: number;
  /** Chats that received more than one message for their one update. */
  duplicates: number;
}

/** Environment of a Lotse process in webhook mode against the fake Bot API. */
export function webhookEnv(telegram: FakeTelegram, extra: Record<string, string>): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: "https://lotse.example.org/telegram/webhook",
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...extra,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * POSTs `count` updates (user i writes from chat firstChat + i) round-robin to `targets` with
 * `concurrency` requests in flight, then waits for one reply per chat at the fake.
 */
export async function driveUpdates(telegram: FakeTelegram, targets: LotseProcess[], options: { count: number; concurrency: number; firstChat: number }): Promise<DriveResult> {
  const { count, concurrency, firstChat } = options;
  const scanFrom = telegram.calls.length;
  const sentAt: number[] = new Array<number>(count);
  let next = 0;
  let non200 = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const chat = firstChat + i;
        const update = telegram.message({ chatId: chat, userId: chat, text: QUESTIONS[i % QUESTIONS.length]!, languageCode: "de" });
        sentAt[i] = Date.now();
        const status = await telegram.deliverWebhook(`${targets[i % targets.length]!.url}/telegram/webhook`, { update_id: chat, ...update }, WEBHOOK_SECRET).catch(() => 0);
        if (status !== 200) non200++;
      }
    }),
  );
  // The fake timestamps each call on arrival; the first sendMessage to a chat is its reply.
  const replyAt = new Map<number, number>();
  let messages = 0;
  let scanned = scanFrom;
  const scan = () => {
    for (; scanned < telegram.calls.length; scanned++) {
      const call = telegram.calls[scanned]!;
      const chat = Number(call.body.chat_id);
      if (call.method !== "sendMessage" || chat < firstChat || chat >= firstChat + count) continue;
      messages++;
      if (!replyAt.has(chat)) replyAt.set(chat, call.at);
    }
    return replyAt.size >= count;
  };
  await until(scan, `${count} replies`, 10 * 60_000, 20).catch(() => undefined);
  // Late duplicates would come from the outbox: wait until it is empty everywhere, then count again.
  await until(async () => (await Promise.all(targets.map((t) => t.metric("lotse_outbox_backlog")))).every((n) => n === 0), "empty outboxes", 60_000, 100).catch(() => undefined);
  scan();
  const first = Math.min(...sentAt);
  const last = Math.max(...replyAt.values());
  const latencies = [...replyAt].map(([chat, at]) => at - sentAt[chat - firstChat]!).sort((a, b) => a - b);
  const seconds = (last - first) / 1000;
  return {
    updates: count,
    seconds,
    perSecond: replyAt.size / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non200,
    missing: count - replyAt.size,
    duplicates: messages - replyAt.size,
  };
}

/** Starts `instances` processes on one store, warms them up, drives the updates, stops them. */
async function runScenario(instances: number, store: IsolatedStore | undefined, count: number, concurrency: number): Promise<DriveResult> {
  const telegram = await FakeTelegram.start({ token: "123456:AAH-bench-token" });
  const knowledgeDir = knowledgeWithEvents(NO_EVENTS);
  const dirs = [knowledgeDir];
  const processes: LotseProcess[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), "lotse-bench-"));
      dirs.push(dataDir);
      processes.push(await startLotse(webhookEnv(telegram, { ...store?.env, DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir })));
    }
    await driveUpdates(telegram, processes, { count: WARM_UP, concurrency, firstChat: 1_000_000 });
    return await driveUpdates(telegram, processes, { count, concurrency, firstChat: 2_000_000 });
  } finally {
    await Promise.all(processes.map((p) => p.terminate(30_000).catch(() => p.kill())));
    await telegram.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

export function formatResult(label: string, r: DriveResult): string {
  return `  ${label.padEnd(34)} ${r.perSecond.toFixed(1).padStart(6)} updates/s (${r.updates} in ${r.seconds.toFixed(1)} s); request→reply p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; non-200 ${r.non200}, missing ${r.missing}, duplicates ${r.duplicates}`;
}

export async function webhookBench(): Promise<string> {
  const count = Number(process.env.BENCH_UPDATES ?? 1000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
  const redisUrl = process.env.REDIS_URL ?? process.env.LOTSE_TEST_REDIS_URL;
  const lines = [
    `Telegram webhook throughput: ${count} text-message updates from ${count} distinct users (${QUESTIONS.length} questions rotated, see bench/webhook-throughput.ts),`,
    `POSTed with concurrency ${concurrency} to real processes (node dist/src/main.js, webhook mode, grammY with its default throttler);`,
    `replies counted at the local fake Bot API (no rate limit), first request to last reply; ${WARM_UP} warm-up updates per run not counted.`,
    `Machine: ${cpus().length} cores, Node ${process.version}; the fake, this driver and the processes share them.`,
  ];
  lines.push(formatResult("1 instance, SQLite", await runScenario(1, undefined, count, concurrency)));
  if (!redisUrl) {
    lines.push("  Redis runs skipped: set REDIS_URL or LOTSE_TEST_REDIS_URL.");
    return lines.join("\n");
  }
  for (const instances of [1, 2]) {
    const store = await isolatedRedis(redisUrl, BENCH_REDIS_DB);
    try {
      lines.push(formatResult(instances === 1 ? "1 instance, Redis" : "2 instances, Redis (round-robin)", await runScenario(instances, store, count, concurrency)));
    } finally {
      await store.drop();
    }
  }
  return lines.join("\n");
}
