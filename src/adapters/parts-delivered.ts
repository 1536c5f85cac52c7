import { createHash } from "node:crypto";
import type { Address, Reply } from "../core/message.js";
import type { Store } from "../store/store.js";

/**
 * How many parts of a split message went out (a reply longer than one platform message). Kept in
 * the store, so that a retry after a restart, or by another instance, continues with the next
 * part instead of sending the first ones again.
 */
export interface PartsDelivered {
  get(key: string): Promise<number | undefined>;
  set(key: string, parts: number): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

/** The outbox gives up on a message after about three hours; its parts' progress need not outlive that by much. */
const PARTS_TTL_MS = 24 * 3600 * 1000;

/** The store-backed record, one key space per platform. */
export function partsInStore(store: Store, platform: string): PartsDelivered {
  // Looked up at each call: an adapter is built before it sends anything.
  const meta = () => store.ns<number>("meta");
  return {
    get: (key) => meta().get(`${platform}-parts:${key}`),
    set: (key, count) => meta().set(`${platform}-parts:${key}`, count, PARTS_TTL_MS),
    delete: (key) => meta().delete(`${platform}-parts:${key}`),
  };
}

/** For a sender used without a store (tests, tools): the same, in this process only. */
export function partsInMemory(): PartsDelivered {
  const delivered = new Map<string, number>();
  return {
    get: async (key) => delivered.get(key),
    set: async (key, parts) => {
      if (delivered.size > 1000) delivered.clear();
      delivered.set(key, parts);
    },
    delete: async (key) => delivered.delete(key),
  };
}

/** The key of one reply to one chat: the same reply, retried, finds its progress. */
export function partsKey(address: Pick<Address, "chatId">, reply: Reply): string {
  return createHash("sha1").update(address.chatId).update(JSON.stringify(reply)).digest("hex");
}
