import { pathToFileURL } from "node:url";
import { Lotse } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { loadEnvFile } from "./env-file.js";
import { factsOf, setupGaps } from "./setup-check.js";
import { listen } from "./http/server.js";
import { loadAdapters, serverFor } from "./adapters/index.js";
import { createLogger, type Logger } from "./logger.js";
import { RejectedCredentials, startWithin } from "./adapters/start-within.js";
import { housekeeping } from "./housekeeping.js";
import { deskFeed } from "./adapters/desk/feed.js";
import { errorSummary } from "./core/errors.js";

/** Composition root: config -> store -> knowledge -> services -> adapters -> HTTP server. */
export interface Running {
  url: string;
  lotse: Lotse;
  stop: () => Promise<void>;
}

export async function start(env: NodeJS.ProcessEnv = process.env): Promise<Running> {
  const startedAt = performance.now();
  const config = loadConfig(env);
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  const lotse = await Lotse.create(config, logger);
  // The registry decides which adapters are on (adapters/index.ts); platform libraries load only then.
  const adapters = await loadAdapters(lotse);
  const { server, port } = await listen(serverFor(lotse, adapters), config.PORT, config.HOST);
  const stopAdapters: (() => Promise<void>)[] = [];
  const attempts = { timeoutMs: config.ADAPTER_START_TIMEOUT_SECONDS * 1000, retryMs: config.ADAPTER_RETRY_SECONDS * 1000 };
  for (const adapter of adapters) {
    if (adapter.start) stopAdapters.push(await startAdapter(adapter.platform, (signal) => adapter.start!(signal), () => adapter.stop?.() ?? Promise.resolve(), attempts, logger));
  }
  await warnIfNobodySees(lotse, adapters.some((a) => a.platform === "slack"));
  await warnAboutExampleData(lotse);
  const housekeeper = startHousekeeping(lotse);
  // Meeting reminders: every minute; a restart catches up what is due (see events/reminders.ts).
  const remind = () => void lotse.reminders.run().catch((error: unknown) => logger.warn({ err: errorSummary(error) }, "reminders failed"));
  remind();
  const reminderTimer = setInterval(remind, 60_000).unref();
  stopAdapters.push(async () => {
    clearInterval(housekeeper);
    clearInterval(reminderTimer);
  });
  // Delivery runs from here on (the outbox started with the core): what was queued before a restart goes first.
  // On SQLite this process is the only instance: claims left by its previous life (killed mid-send) are void.
  const released = await lotse.store.live().releaseClaimsOfEarlierLives();
  if (released) logger.info({ released }, "outbox claims of the previous run released");
  const shown = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  logger.info({ url: `http://${shown}:${port}`, store: lotse.store.backend, readyMs: Math.round(performance.now() - startedAt) }, "Lotse is ready: web chat at this url");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down");
    void lotse.outbox.stop(0); // no new claims by the timer; drain below delivers what is due
    deskFeed(lotse).close(); // live desk streams would keep the server from closing
    // Stop taking new work first, then deliver what is queued (bounded), then close connections.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    const left = await lotse.outbox.drain(5_000);
    if (left) logger.warn({ left }, "undelivered messages stay queued for the next start");
    await Promise.all(stopAdapters.map((stopAdapter) => stopAdapter().catch(() => undefined)));
    await lotse.close(0); // the drain above already gave running sends their bound
    logger.flush?.();
  };
  return { url: `http://${shown}:${port}`, lotse, stop };
}

/**
 * Starts a platform adapter; if the platform is unreachable at start (refused, failing or silent),
 * Lotse keeps running (web chat, other adapters) and tries again every ADAPTER_RETRY_SECONDS.
 */
async function startAdapter(name: string, begin: (signal: AbortSignal) => Promise<void>, end: () => Promise<void>, attempts: { timeoutMs: number; retryMs: number }, logger: Logger): Promise<() => Promise<void>> {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const shutdown = new AbortController();
  const attempt = async () => {
    try {
      await startWithin(attempts.timeoutMs, begin, end, shutdown.signal);
    } catch (error) {
      if (shutdown.signal.aborted) return;
      if (error instanceof RejectedCredentials) {
        logger.error({ adapter: name, variable: error.variable }, error.message);
        return; // retrying with the same token cannot help
      }
      logger.warn({ adapter: name, retryInSeconds: attempts.retryMs / 1000, err: errorSummary(error) }, "adapter could not start, will retry");
      timer = setTimeout(() => void (current = attempt()), attempts.retryMs).unref();
    }
  };
  await (current = attempt());
  return async () => {
    // An attempt still running must not start the adapter after shutdown: cancel it, then stop.
    shutdown.abort();
    if (timer) clearTimeout(timer);
    await current;
    await end();
  };
}

/** Hand-overs with no desk to show them are stored, and the volunteer is told so: the operator hears it once here. */
async function warnIfNobodySees(lotse: Lotse, slack: boolean): Promise<void> {
  if (slack) return;
  try {
    if ((await lotse.accounts.list()).length) return;
    lotse.logger.warn('no coordinator can see hand-overs: they are stored, but no desk shows them (Slack is off and nobody is invited to the web desk). Invite a coordinator: npx lotse desk invite --name "…" --regions <region ids>');
  } catch (error) {
    lotse.logger.warn({ err: errorSummary(error) }, "could not check the desk accounts");
  }
}

/** Example data still in place reaches volunteers: said once per kind at start (also in /readyz and `lotse doctor`). */
async function warnAboutExampleData(lotse: Lotse): Promise<void> {
  for (const gap of await setupGaps(factsOf(lotse), { slack: true })) lotse.logger.warn({ kind: gap.kind }, `example data in use: ${gap.reason}`);
}

/**
 * Every 10 minutes: reminders for unclaimed tickets, the daily mail digest (with SMTP_URL), then the
 * retention rules (housekeeping.ts).
 */
function startHousekeeping(lotse: Lotse): NodeJS.Timeout {
  const sweep = async () => {
    try {
      await lotse.desk.remindUnclaimed();
      // Once per day and account, whichever instance gets there first (see adapters/mail/digest.ts).
      // A failing digest must not hold up the retention rules.
      if (lotse.config.SMTP_URL) await (await import("./adapters/mail/digest.js")).mailDigest(lotse).catch((error: unknown) => lotse.logger.warn({ err: errorSummary(error) }, "mail digest failed"));
      await housekeeping(lotse);
    } catch (error) {
      lotse.logger.warn({ err: errorSummary(error) }, "housekeeping failed");
    }
  };
  void sweep();
  return setInterval(() => void sweep(), 600_000).unref();
}

async function main(): Promise<void> {
  try {
    loadEnvFile();
    const { stop } = await start();
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        void stop().then(() => process.exit(0));
      });
    }
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`Lotse could not start: ${(error as Error).message}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) void main();
