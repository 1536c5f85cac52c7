import pino from "pino";
import { Lotse } from "../src/app.js";
import { loadConfig, type Config } from "../src/config.js";
import { ManualClock, type Clock } from "../src/core/clock.js";
import type { Address, Incoming, Reply } from "../src/core/message.js";
import { openKnowledge, type Knowledge } from "../src/knowledge/index.js";
import { openUnderstanding, type UnderstoodKnowledge } from "../src/knowledge/understanding.js";
import { Store } from "../src/store/store.js";

export const silentLogger = pino({ level: "silent" });

let knowledge: Knowledge | undefined;
/** The real knowledge base, loaded once per test file (search index only; see understoodKnowledge). */
export function realKnowledge(): Knowledge {
  knowledge ??= openKnowledge(loadConfig({}).KNOWLEDGE_DIR);
  return knowledge;
}

/**
 * The real knowledge base with its trained classifiers: from CACHE_DIR (`npm install` and
 * `lotse kb index` train them; the first test file to need them trains them otherwise).
 */
export function understoodKnowledge(): Promise<UnderstoodKnowledge> {
  const config = loadConfig({});
  return openUnderstanding(realKnowledge(), { cacheDir: config.CACHE_DIR });
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: "silent", ...env });
}

/** A Lotse on an in-memory store with a hand-moved clock (a Tuesday, 10:00 Berlin time). */
/** `manualDelivery`: the outbox sends only when the test calls flush() (for tests that count attempts in outbox time). */
export async function testLotse(options: { clock?: Clock; store?: Store; env?: Record<string, string>; manualDelivery?: boolean; noDesk?: boolean } = {}) {
  const clock = options.clock ?? new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const lotse = await Lotse.create(testConfig(options.env), silentLogger, { clock, store: options.store ?? Store.memory(), knowledge: realKnowledge() });
  if (options.manualDelivery) await lotse.outbox.stop(0);
  // A desk that sees every region, as a deployment with Slack or a web-desk coordinator has;
  // `noDesk` leaves hand-overs unseen (the embedded default before anyone is invited).
  if (!options.noDesk) lotse.relay.add({ name: "test-desk", onTicket: () => {}, reaches: () => true });
  return { lotse, clock };
}

export function address(userId = "u1", platform: Address["platform"] = "web"): Address {
  return { platform, chatId: userId, userId };
}

/** Plain text of every block in a reply, for assertions. */
export function textOf(reply: Reply): string {
  const spans = (s: { text: string }[]) => s.map((x) => x.text).join("");
  const walk = (blocks: Reply["blocks"]): string[] =>
    blocks.flatMap((b) => {
      switch (b.type) {
        case "list":
          return b.items.map(spans);
        case "more":
          return [b.title, ...walk(b.blocks)];
        default:
          return [spans(b.spans)];
      }
    });
  return walk(reply.blocks).join("\n");
}

export function buttonsOf(reply: Reply) {
  return (reply.buttons ?? []).flat();
}

export const text = (addr: Address, t: string): Incoming => ({ kind: "text", address: addr, text: t });
export const command = (addr: Address, c: string, args = ""): Incoming => ({ kind: "command", address: addr, command: c, args });
export const press = (addr: Address, buttonId: string): Incoming => ({ kind: "button", address: addr, buttonId });

/**
 * Shared backends for storage tests: Redis and PostgreSQL when their test URLs are set
 * (.ci/run starts the servers and sets them), else undefined (the tests are skipped).
 * `slot` gives each test file a space of its own (a Redis database number 1–12, a PostgreSQL
 * database lotse_test_<slot>): test files run at the same time, and one file's instances must
 * not deliver (or wipe) another file's queued messages.
 */
export function sharedBackends(slot: number): [string, import("../src/store/store.js").BackendOptions | undefined][] {
  const redis = process.env.LOTSE_TEST_REDIS_URL ? new URL(process.env.LOTSE_TEST_REDIS_URL) : undefined;
  if (redis) redis.pathname = `/${slot}`;
  const postgres = process.env.LOTSE_TEST_DATABASE_URL ? new URL(process.env.LOTSE_TEST_DATABASE_URL) : undefined;
  if (postgres) postgres.pathname = `/lotse_test_${slot}`;
  return [
    ["redis", redis ? { dataDir: "unused", redisUrl: redis.toString() } : undefined],
    ["postgres", postgres ? { dataDir: "unused", databaseUrl: postgres.toString() } : undefined],
  ];
}

/** Creates a test file's PostgreSQL database on first use (it stays for later runs). */
async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  const admin = new URL(process.env.LOTSE_TEST_DATABASE_URL ?? databaseUrl);
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
      if (error.code !== "42P04") throw error; // created by a file running at the same time
    });
  } finally {
    await client.end();
  }
}

/** Opens stores and closes them all after the file's tests. */
export function storeOpener(afterAllHook: (fn: () => Promise<void>) => void): (options: import("../src/store/store.js").BackendOptions) => Promise<Store> {
  const opened: Store[] = [];
  afterAllHook(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });
  return async (options) => {
    if (options.databaseUrl) await ensureDatabase(options.databaseUrl);
    const store = await Store.open(options);
    opened.push(store);
    return store;
  };
}
