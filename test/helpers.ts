import pino from "pino";
import { Lotse } from "../src/app.js";
import { loadConfig, type Config } from "../src/config.js";
import { ManualClock, type Clock } from "../src/core/clock.js";
import type { Address, Incoming, Reply } from "../src/core/message.js";
import { openKnowledge, type Knowledge } from "../src/knowledge/index.js";
import { Store } from "../src/store/store.js";

export const silentLogger = pino({ level: "silent" });

let knowledge: Knowledge | undefined;
/** The real knowledge base, loaded once per test file. */
export function realKnowledge(): Knowledge {
  knowledge ??= openKnowledge(loadConfig({}).KNOWLEDGE_DIR);
  return knowledge;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: "silent", ...env });
}

/** A Lotse on an in-memory store with a hand-moved clock (a Tuesday, 10:00 Berlin time). */
export async function testLotse(options: { clock?: Clock; store?: Store; env?: Record<string, string> } = {}) {
  const clock = options.clock ?? new ManualClock(new Date("2026-11-17T09:00:00Z"));
  const lotse = await Lotse.create(testConfig(options.env), silentLogger, { clock, store: options.store ?? Store.memory(), knowledge: realKnowledge() });
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
 */
export function sharedBackends(): [string, import("../src/store/store.js").BackendOptions | undefined][] {
  return [
    ["redis", process.env.LOTSE_TEST_REDIS_URL ? { dataDir: "unused", redisUrl: process.env.LOTSE_TEST_REDIS_URL } : undefined],
    ["postgres", process.env.LOTSE_TEST_DATABASE_URL ? { dataDir: "unused", databaseUrl: process.env.LOTSE_TEST_DATABASE_URL } : undefined],
  ];
}

/** Opens stores and closes them all after the file's tests. */
export function storeOpener(afterAllHook: (fn: () => Promise<void>) => void): (options: import("../src/store/store.js").BackendOptions) => Promise<Store> {
  const opened: Store[] = [];
  afterAllHook(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });
  return async (options) => {
    const store = await Store.open(options);
    opened.push(store);
    return store;
  };
}
