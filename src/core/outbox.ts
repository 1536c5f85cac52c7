import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import { listAdd, listGet, listRemove, type Store } from "../store/store.js";
import type { Clock } from "./clock.js";
import type { Address, Platform, Reply } from "./message.js";

/**
 * The one way anything leaves the core. A message is persisted before the first attempt,
 * so it survives a platform outage or a restart; it is removed only after its sender
 * confirmed delivery. Adapters register one sender per platform.
 *
 * Messages to one chat leave in the order they were queued: while an earlier one is pending
 * (a platform outage, a backoff wait), later ones wait behind it instead of overtaking it, and
 * only the earliest is retried. Once it is delivered, the ones behind it follow at once.
 */

export interface Sender {
  /** Delivers; may return the platform's reference of the message (e.g. "chat:message id"). */
  send(address: Address, reply: Reply): Promise<string | void>;
}

/** A sender throws this for a failure that retrying cannot fix (e.g. the user blocked the bot). */
export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

/** A sender throws this to ask for a retry no earlier than `retryAfterMs` (e.g. HTTP 429). */
export class RetryLaterError extends Error {
  override name = "RetryLaterError";
  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
  }
}

interface OutboxItem {
  id: string;
  address: Address;
  reply: Reply;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  /** When Lotse gave up on it (it stays in the dead list until pruneDead). */
  deadAt?: number;
  /** Why: the platform refused it for good (blocked bot, deleted chat), or every attempt failed (an outage). */
  deadReason?: "refused" | "attempts";
}

/** Counts per platform, without any content: for `lotse outbox` and operators. */
export interface OutboxStatus {
  pending: Partial<Record<Platform, number>>;
  dead: Partial<Record<Platform, { refused: number; attempts: number }>>;
}

const PENDING = "pending";
/** Per chat, the ids queued for it in order (key `chat:<platform>:<chat id>`), so a new message can see whether it must wait. */
const chatList = (address: Address) => `chat:${address.platform}:${address.chatId}`;
const DELIVERED_TTL_MS = 30 * 86_400_000;
/** A crashed instance's claim on a message expires after this; a live one renews it while sending. */
const SEND_LEASE_MS = 60_000;
const DEAD = "dead";

/** What a delivery listener learns about one attempt (for metrics and tests; never the message). */
export interface DeliveryReport {
  id: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** After a failure: the wait before the next attempt. */
  retryInMs?: number;
}

/** delivered, or given up (dead): the chat's next message may go; failed or waiting (no sender, in flight): it may not. */
type Outcome = "delivered" | "dead" | "failed" | "waiting";

export interface OutboxOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  pollMs?: number;
}

export class Outbox {
  private readonly senders = new Map<Platform, Sender>();
  /** Sends running in this instance, so a message is never sent twice at once and shutdown can wait for them. */
  private readonly inFlight = new Map<string, Promise<Outcome>>();
  private timer: NodeJS.Timeout | undefined;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: OutboxOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 25;
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 10 * 60_000;
    this.pollMs = options.pollMs ?? 2000;
  }

  private readonly deliveryListeners: ((platform: Platform, ok: boolean, report: DeliveryReport) => void)[] = [];

  /** For metrics: every delivery (ok) and every failed attempt that will be retried. */
  onDelivery(listener: (platform: Platform, ok: boolean, report: DeliveryReport) => void): void {
    this.deliveryListeners.push(listener);
  }

  register(platform: Platform, sender: Sender): void {
    this.senders.set(platform, sender);
  }

  /** Whether this instance runs an adapter for `platform` (a message for another one would wait for ever). */
  handles(platform: Platform): boolean {
    return this.senders.has(platform);
  }

  /**
   * Sends without queueing: only for the "temporarily unavailable" notice when the store itself
   * is down (nothing can be persisted then). Best effort; false when it could not be sent.
   */
  async sendDirect(address: Address, reply: Reply): Promise<boolean> {
    const sender = this.senders.get(address.platform);
    if (!sender) return false;
    try {
      await sender.send(address, reply);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Persists the message, then tries to deliver it at once. Resolves after that first attempt.
   * With `dedupeKey`, the same message queued again (a retried job, a second instance, a restart
   * in the middle of a run) is accepted once: delivered keys are remembered for 30 days.
   */
  async enqueue(address: Address, reply: Reply, options: { dedupeKey?: string } = {}): Promise<string> {
    const now = this.clock.now().getTime();
    const id = options.dedupeKey ? `k:${createHash("sha256").update(options.dedupeKey).digest("hex").slice(0, 32)}` : randomUUID();
    if (options.dedupeKey) {
      const space = this.store.ns<unknown>("outbox");
      const duplicate = await this.store.withLock(`outbox:${id}`, async () => {
        if ((await space.get(`done:${id}`)) || (await space.get(id))) return true;
        await space.set(id, { id, address, reply, attempts: 0, nextAttemptAt: now, createdAt: now } satisfies OutboxItem);
        return false;
      });
      if (duplicate) return id;
      await listAdd(this.store, "outbox", PENDING, id);
      await this.attemptUnlessBehind(id, address);
      return id;
    }
    const item: OutboxItem = { id, address, reply, attempts: 0, nextAttemptAt: now, createdAt: now };
    await this.store.ns<OutboxItem>("outbox").set(item.id, item);
    await listAdd(this.store, "outbox", PENDING, item.id);
    await this.attemptUnlessBehind(item.id, address);
    return item.id;
  }

  /** The first attempt of a new message, unless an earlier one to the same chat is still pending (then flush sends it in turn). */
  private async attemptUnlessBehind(id: string, address: Address): Promise<void> {
    const key = chatList(address);
    await listAdd(this.store, "outbox", key, id);
    const queued = await listGet(this.store, "outbox", key);
    if (queued[0] !== id) {
      const pending = new Set(await listGet(this.store, "outbox", PENDING));
      for (const earlier of queued.slice(0, queued.indexOf(id))) {
        if (pending.has(earlier)) return;
        await listRemove(this.store, "outbox", key, earlier); // left over from a crash between two removals
      }
    }
    await this.attempt(id);
  }

  /** Delivers everything that is due; called by the timer and after a restart. */
  async flush(): Promise<void> {
    const now = this.clock.now().getTime();
    await this.deliverInOrder((item) => item.nextAttemptAt <= now);
  }

  /**
   * One pass over the queue, oldest first. Per chat, only the earliest pending message is tried
   * (when `isDue`); once it is delivered the chat's next messages go at once, whatever their own
   * backoff said (the platform just took one). A chat whose earliest message fails waits.
   */
  private async deliverInOrder(isDue: (item: OutboxItem) => boolean, deadline = Infinity): Promise<void> {
    const space = this.store.ns<OutboxItem>("outbox");
    const blocked = new Set<string>();
    const flowing = new Set<string>();
    for (const id of await listGet(this.store, "outbox", PENDING)) {
      if (Date.now() >= deadline) return;
      const item = await space.get(id);
      if (!item) {
        await listRemove(this.store, "outbox", PENDING, id);
        continue;
      }
      const chat = chatList(item.address);
      if (blocked.has(chat)) continue;
      if (!flowing.has(chat) && !isDue(item)) {
        blocked.add(chat);
        continue;
      }
      const outcome = await this.attempt(id);
      if (outcome === "delivered" || outcome === "dead") flowing.add(chat);
      else blocked.add(chat);
    }
  }

  /** The platform reference stored for a message sent with `meta.refKey`. */
  refOf(refKey: string): Promise<string | undefined> {
    return this.store.ns<string>("meta").get(`ref:${refKey}`);
  }

  /**
   * On shutdown: keep delivering what is due (ignoring backoff waits) until the backlog is empty
   * or `withinMs` has passed. What is left stays queued for the next start.
   */
  async drain(withinMs: number): Promise<number> {
    const deadline = Date.now() + withinMs;
    // True when `work` settles before the deadline, false when the deadline comes first.
    const inTime = async (work: Promise<unknown>): Promise<boolean> => {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))));
      return Promise.race([work.then(() => true), expired]).finally(() => clearTimeout(timer));
    };
    for (;;) {
      const before = await this.backlog();
      if (!before || Date.now() >= deadline) return before;
      // A send that hangs (a platform that accepts the connection and never answers) must not
      // hold the shutdown past the bound: deliverInOrder checks the deadline only between sends.
      const pass = this.deliverInOrder(() => true, deadline);
      pass.catch(() => undefined); // if the bound wins, a later failure of the abandoned pass is moot
      if (!(await inTime(pass))) return this.backlog();
      if ((await this.backlog()) < before) continue;
      // Nothing moved. A send started before shutdown (by the timer or a handler) may still be
      // running: wait for it, or it would finish after the store is closed, unrecorded, and the
      // message would go out again on the next start.
      if (!this.inFlight.size) return before; // do not spin
      if (!(await inTime(Promise.allSettled([...this.inFlight.values()])))) return this.backlog();
    }
  }

  /**
   * Deletes messages given up on longer than `olderThanMs` ago. They hold a volunteer's address
   * and an answer to them; kept for a while so an operator can see what failed after an outage.
   */
  async pruneDead(olderThanMs: number): Promise<number> {
    const cutoff = this.clock.now().getTime() - olderThanMs;
    let pruned = 0;
    for (const [id, item] of await this.itemsIn(DEAD)) {
      if (item && (item.deadAt ?? item.createdAt) > cutoff) continue;
      await this.store.ns<OutboxItem>("outbox").delete(id);
      await listRemove(this.store, "outbox", DEAD, id);
      pruned++;
    }
    return pruned;
  }

  async status(): Promise<OutboxStatus> {
    const status: OutboxStatus = { pending: {}, dead: {} };
    for (const [, item] of await this.itemsIn(PENDING)) {
      if (item) status.pending[item.address.platform] = (status.pending[item.address.platform] ?? 0) + 1;
    }
    for (const [, item] of await this.itemsIn(DEAD)) {
      if (!item) continue;
      const counts = (status.dead[item.address.platform] ??= { refused: 0, attempts: 0 });
      counts[item.deadReason ?? "attempts"]++;
    }
    return status;
  }

  /**
   * After a long outage: queues the messages given up on because every attempt failed once more
   * (with fresh attempts). Messages the platform refused for good stay dead unless `refusedToo`.
   */
  async retryDead(options: { refusedToo?: boolean } = {}): Promise<number> {
    let queued = 0;
    for (const [id, item] of await this.itemsIn(DEAD)) {
      if (!item || (item.deadReason === "refused" && !options.refusedToo)) continue;
      const { deadAt: _deadAt, deadReason: _deadReason, ...rest } = item;
      await this.store.ns<OutboxItem>("outbox").set(id, { ...rest, attempts: 0, nextAttemptAt: this.clock.now().getTime() });
      await listRemove(this.store, "outbox", DEAD, id);
      await listAdd(this.store, "outbox", chatList(item.address), id);
      await listAdd(this.store, "outbox", PENDING, id);
      queued++;
    }
    return queued;
  }

  /** The ids on one of the outbox's lists with their records (undefined where a record is gone). */
  private async itemsIn(list: typeof PENDING | typeof DEAD): Promise<[string, OutboxItem | undefined][]> {
    const space = this.store.ns<OutboxItem>("outbox");
    const items: [string, OutboxItem | undefined][] = [];
    for (const id of await listGet(this.store, "outbox", list)) items.push([id, await space.get(id)]);
    return items;
  }

  async backlog(): Promise<number> {
    return (await listGet(this.store, "outbox", PENDING)).length;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.logger.warn({ err: error }, "outbox flush failed"));
    }, this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * On Redis or PostgreSQL several instances flush the same queue: a lease (renewed while the send
   * runs, which the throttler can stretch) lets only one deliver a message at a time. Without it,
   * a second instance's flush sent a message again while the first was still sending it.
   * Undefined when another instance holds it. One instance (SQLite) needs only `inFlight`.
   */
  private async claim(id: string): Promise<(() => Promise<void>) | undefined> {
    if (this.store.backend !== "redis" && this.store.backend !== "postgres") return async () => undefined;
    const leases = this.store.ns<string>("outbox");
    const key = `lease:${id}`;
    const token = randomUUID();
    const won = await this.store.withLock(key, async () => {
      if (await leases.get(key)) return false;
      await leases.set(key, token, SEND_LEASE_MS);
      return true;
    });
    if (!won) return undefined;
    const renew = setInterval(() => void leases.set(key, token, SEND_LEASE_MS).catch(() => undefined), SEND_LEASE_MS / 3);
    renew.unref();
    return async () => {
      clearInterval(renew);
      await leases.delete(key).catch(() => undefined);
    };
  }

  private async attempt(id: string): Promise<Outcome> {
    if (this.inFlight.has(id)) return "waiting";
    const running = this.attemptOnce(id);
    this.inFlight.set(id, running);
    try {
      return await running;
    } finally {
      this.inFlight.delete(id);
    }
  }

  private async attemptOnce(id: string): Promise<Outcome> {
    let release: (() => Promise<void>) | undefined;
    try {
      release = await this.claim(id);
      if (!release) return "waiting"; // another instance is sending it right now
      const space = this.store.ns<OutboxItem>("outbox");
      const item = await space.get(id);
      if (!item) return "delivered"; // by another attempt meanwhile
      const sender = this.senders.get(item.address.platform);
      if (!sender) return "waiting"; // stays queued until an adapter for this platform runs
      try {
        const ref = await sender.send(item.address, item.reply);
        // Kept when asked for, so a later change can edit this message in place (meeting reminders).
        if (ref && item.reply.meta?.refKey) await this.store.ns<string>("meta").set(`ref:${item.reply.meta.refKey}`, ref, 60 * 86_400_000);
        if (id.startsWith("k:")) await this.store.ns<number>("outbox").set(`done:${id}`, Date.now(), DELIVERED_TTL_MS);
        await listRemove(this.store, "outbox", PENDING, id);
        await listRemove(this.store, "outbox", chatList(item.address), id);
        await space.delete(id);
        this.logger.debug({ id, platform: item.address.platform, attempts: item.attempts + 1 }, "outbox delivered");
        for (const listener of this.deliveryListeners) listener(item.address.platform, true, { id, attempts: item.attempts + 1 });
        return "delivered";
      } catch (error) {
        item.attempts += 1;
        const permanent = error instanceof PermanentDeliveryError || item.attempts >= this.maxAttempts;
        if (permanent) {
          await listRemove(this.store, "outbox", PENDING, id);
          await listRemove(this.store, "outbox", chatList(item.address), id);
          await listAdd(this.store, "outbox", DEAD, id);
          await space.set(id, { ...item, deadAt: this.clock.now().getTime(), deadReason: error instanceof PermanentDeliveryError ? "refused" : "attempts" });
          this.logger.error({ id, platform: item.address.platform, attempts: item.attempts, err: errorSummary(error) }, "outbox gave up on a message");
          return "dead";
        }
        const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (item.attempts - 1));
        const wait = error instanceof RetryLaterError ? Math.max(error.retryAfterMs, 0) : backoff;
        item.nextAttemptAt = this.clock.now().getTime() + wait;
        for (const listener of this.deliveryListeners) listener(item.address.platform, false, { id, attempts: item.attempts, retryInMs: wait });
        await space.set(id, item);
        this.logger.warn({ id, platform: item.address.platform, attempts: item.attempts, retryInMs: wait, err: errorSummary(error) }, "outbox delivery failed, will retry");
        return "failed";
      }
    } finally {
      await release?.();
    }
  }
}

/** Error name and message only: a stack or a request body could carry message text. */
function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message.slice(0, 200) } : { name: "Error", message: String(error).slice(0, 200) };
}
