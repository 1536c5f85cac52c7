/**
 * A meeting reminder broadcast to 1,000 Telegram subscribers through the real grammY sender and
 * throttler, against the local fake Bot API enforcing Telegram's 30 messages per second (429 with
 * retry_after beyond). Reports total time against the theoretical minimum, 429s, lost and duplicates.
 * Run: npm run bench -- broadcast   (takes about 35 s)
 */
import pino from "pino";
import { Lotse } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { ManualClock } from "../src/core/clock.js";
import { TelegramAdapter } from "../src/adapters/telegram/adapter.js";
import { setSubscription } from "../src/events/reminders.js";
import { Store } from "../src/store/store.js";
import { FakeTelegram } from "../test/fakes/telegram-api.js";

export async function broadcastBench(): Promise<string> {
  const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
  const fake = await FakeTelegram.start({ token: "123456:AAH-bench-token" });
  fake.limitPerSecond(30);
  const clock = new ManualClock(new Date("2026-11-05T17:00:00Z")); // 7 days before the Jour fixe Berlin-Nord
  const lotse = await Lotse.create(loadConfig({ LOG_LEVEL: "silent" }), pino({ level: "silent" }), { clock, store: Store.memory() });
  new TelegramAdapter(lotse, { token: fake.token, apiRoot: fake.apiRoot });
  // The meeting's channel targets on other platforms are not part of this measurement.
  for (const platform of ["discord", "slack"] as const) lotse.outbox.register(platform, { send: async () => undefined });
  for (let i = 1; i <= subscribers; i++) {
    await setSubscription(lotse.store, { address: { platform: "telegram", chatId: String(10_000 + i), userId: String(10_000 + i) }, lang: "de", regions: ["berlin"], types: ["jour-fixe"] });
  }
  const started = performance.now();
  await lotse.reminders.run();
  // Retries after 429 wait for retry_after: flush until the outbox is empty (the clock follows real time).
  const deadline = Date.now() + 5 * 60_000;
  while ((await lotse.outbox.backlog()) > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    clock.set(new Date(clock.now().getTime() + 200));
    await lotse.outbox.flush();
  }
  const seconds = (performance.now() - started) / 1000;
  let delivered = 0;
  let duplicates = 0;
  for (let i = 1; i <= subscribers; i++) {
    const n = fake.messagesIn(10_000 + i).length;
    if (n >= 1) delivered++;
    if (n > 1) duplicates += n - 1;
  }
  await lotse.close();
  await fake.stop();
  return [
    `Reminder broadcast to ${subscribers} Telegram subscribers (fake Bot API limited to 30 messages/s):`,
    `  total ${seconds.toFixed(1)} s, theoretical minimum ${(subscribers / 30).toFixed(1)} s`,
    `  429 responses: ${fake.rateLimited}; delivered ${delivered}/${subscribers}; lost ${subscribers - delivered}; duplicates ${duplicates}`,
  ].join("\n");
}
