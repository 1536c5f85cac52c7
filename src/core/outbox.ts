import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import { listAdd, listGet, listRemove, type Store } from "../store/store.js";
import type { Clock } from "./clock.js";
import type { Address, Platform, Reply } from "./message.js";

/**
 * The one way anything leaves the core. A message is persisted before the first attempt,
 * so it survives a platform outage or a restart; it is removed only after its sender
 * confirmed delivery. Adapters register one sender per platform.
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
}

const PENDING = "pending";
const DELIVERED_TTL_MS = 30 * 86_400_000;
const DEAD = "dead";

export interface OutboxOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  pollMs?: number;
}

export class Outbox {
  private readonly senders = new Map<Platform, Sender>();
  private readonly inFlight = new Set<string>();
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

  private readonly deliveryListeners: ((platform: Platform, ok: boolean) => void)[] = [];

  /** For metrics: every delivery (ok) and every failed attempt that will be retried. */
  onDelivery(listener: (platform: Platform, ok: boolean) => void): void {
    this.deliveryListeners.push(listener);
  }

  register(platform: Platform, sender: Sender): void {
    this.senders.set(platform, sender);
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
      await this.attempt(id);
      return id;
    }
    const item: OutboxItem = { id, address, reply, attempts: 0, nextAttemptAt: now, createdAt: now };
    await this.store.ns<OutboxItem>("outbox").set(item.id, item);
    await listAdd(this.store, "outbox", PENDING, item.id);
    await this.attempt(item.id);
    return item.id;
  }

  /** Delivers everything that is due; called by the timer and after a restart. */
  async flush(): Promise<void> {
    const now = this.clock.now().getTime();
    const space = this.store.ns<OutboxItem>("outbox");
    for (const id of await listGet(this.store, "outbox", PENDING)) {
      const item = await space.get(id);
      if (!item) {
        await listRemove(this.store, "outbox", PENDING, id);
        continue;
      }
      if (item.nextAttemptAt <= now) await this.attempt(id);
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
    for (;;) {
      const pending = await listGet(this.store, "outbox", PENDING);
      if (!pending.length || Date.now() >= deadline) return pending.length;
      for (const id of pending) {
        if (Date.now() >= deadline) break;
        await this.attempt(id);
      }
      if ((await this.backlog()) === pending.length) return pending.length; // nothing moved: do not spin
    }
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

  private async attempt(id: string): Promise<void> {
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    try {
      const space = this.store.ns<OutboxItem>("outbox");
      const item = await space.get(id);
      if (!item) return;
      const sender = this.senders.get(item.address.platform);
      if (!sender) return; // stays queued until an adapter for this platform runs
      try {
        const ref = await sender.send(item.address, item.reply);
        // Kept when asked for, so a later change can edit this message in place (meeting reminders).
        if (ref && item.reply.meta?.refKey) await this.store.ns<string>("meta").set(`ref:${item.reply.meta.refKey}`, ref, 60 * 86_400_000);
        if (id.startsWith("k:")) await this.store.ns<number>("outbox").set(`done:${id}`, Date.now(), DELIVERED_TTL_MS);
        await listRemove(this.store, "outbox", PENDING, id);
        await space.delete(id);
        this.logger.debug({ id, platform: item.address.platform, attempts: item.attempts + 1 }, "outbox delivered");
        for (const listener of this.deliveryListeners) listener(item.address.platform, true);
      } catch (error) {
        item.attempts += 1;
        const permanent = error instanceof PermanentDeliveryError || item.attempts >= this.maxAttempts;
        if (permanent) {
          await listRemove(this.store, "outbox", PENDING, id);
          await listAdd(this.store, "outbox", DEAD, id);
          await space.set(id, item);
          this.logger.error({ id, platform: item.address.platform, attempts: item.attempts, err: errorSummary(error) }, "outbox gave up on a message");
          return;
        }
        const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (item.attempts - 1));
        const wait = error instanceof RetryLaterError ? Math.max(error.retryAfterMs, 0) : backoff;
        item.nextAttemptAt = this.clock.now().getTime() + wait;
        for (const listener of this.deliveryListeners) listener(item.address.platform, false);
        await space.set(id, item);
        this.logger.warn({ id, platform: item.address.platform, attempts: item.attempts, retryInMs: wait, err: errorSummary(error) }, "outbox delivery failed, will retry");
      }
    } finally {
      this.inFlight.delete(id);
    }
  }
}

/** Error name and message only: a stack or a request body could carry message text. */
function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message.slice(0, 200) } : { name: "Error", message: String(error).slice(0, 200) };
}
