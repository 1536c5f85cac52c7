import { pathToFileURL } from "node:url";
import { Lotse } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createHttpApp, listen } from "./http/server.js";
import { createLogger } from "./logger.js";

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
  const { server, port } = await listen(createHttpApp(lotse), config.PORT, config.HOST);
  lotse.outbox.start();
  await lotse.outbox.flush(); // deliver what was queued before a restart
  const shown = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  logger.info({ url: `http://${shown}:${port}`, store: lotse.store.backend, readyMs: Math.round(performance.now() - startedAt) }, "Lotse is ready: web chat at this url");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down");
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await lotse.close();
    logger.flush?.();
  };
  return { url: `http://${shown}:${port}`, lotse, stop };
}

async function main(): Promise<void> {
  try {
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
