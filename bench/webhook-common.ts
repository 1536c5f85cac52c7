/**
 * What the webhook benchmarks share: the questions the simulated users ask, the environment of a
 * Lotse process in webhook mode against the fake Bot API, and the closed-loop driver that
 * bench/memory.ts uses as its load (a fixed number of requests in flight; the open-loop driver of
 * the throughput benchmark is in bench/webhook-load.ts).
 */
import { FakeTelegram } from "../test/fakes/telegram-api.js";
import { until, type LotseProcess } from "../test/process-harness.js";

export const WEBHOOK_SECRET = "webhook-secret-for-the-benchmark";

/** Questions from the knowledge base's topics, rotated over the users; each is answered with one message. */
export const QUESTIONS = [
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

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

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

export function formatResult(label: string, r: DriveResult): string {
  return `  ${label.padEnd(34)} ${r.perSecond.toFixed(1).padStart(6)} updates/s (${r.updates} in ${r.seconds.toFixed(1)} s); request→reply p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; non-200 ${r.non200}, missing ${r.missing}, duplicates ${r.duplicates}`;
}
