import { createHash, randomUUID } from "node:crypto";
import type { Logger } from "../../logger.js";
import type { QueueItem } from "../../store/backend.js";
import type { Store } from "../../store/store.js";
import { currentUnitAfterCommit } from "../../store/unit.js";
import { errorSummary } from "../errors.js";
import { PermanentDeliveryError, retryDelay, type DeliveryReport, type Sender } from "./delivery.js";
import type { Clock } from "../clock.js";
import { addressKey, type Address, type Platform, type Reply } from "../message.js";

/**
 * The one way anything leaves the core. `enqueue` only queues: the message is stored with the
 * work that caused it (in the same unit of work, so both happen or neither) and the caller goes
 * on at once. Delivery runs apart from it, so no webhook, Slack event or button press waits for
 * a platform or a throttler. A message is removed only after its sender confirmed delivery.
 *
 * Messages to one chat leave in the order they were queued: only a chat's earliest pending
 * message is ever claimed, so a later one cannot overtake it during an outage or a backoff.
 * Several instances share the queue; a claimed message is leased to one of them, renewed while
 * its send runs, and taken over by another when the lease lapses (its holder died).
 */

export { PermanentDeliveryError, RetryLaterError, type DeliveryReport, type Sender } from "./delivery.js";

export interface OutboxOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  pollMs?: number;
  /** Sends running at once (each to a different chat). */
  concurrency?: number;
}

export interface EnqueueOptions {
  /** The same message queued again (a retried job, a restart mid-run) is accepted once; delivered keys are remembered 30 days. */
  dedupeKey?: string;
  /** Whose personal data the message carries, if not its recipient's (a volunteer's text relayed to coordinators). */
  subject?: string;
}

interface Payload {
  address: Address;
  reply: Reply;
}

const DELIVERED_TTL_MS = 30 * 86_400_000;
const REF_TTL_MS = 60 * 86_400_000;
/** A crashed instance's claim on a message lapses after this; a live one renews it while sending. */
const SEND_LEASE_MS = 60_000;
/** The chat a message belongs to, for ordering. */
export const chatOf = (address: Address) => `${address.platform}:${address.chatId}`;

export class Outbox {
  private readonly senders = new Map<Platform, Sender>();
  /** Senders that only write to the store (the web chat's inbox): they deliver inside the caller's unit. */
  private readonly inUnit = new Set<Platform>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly owner = randomUUID();
  private readonly deliveryListeners: ((platform: Platform, ok: boolean, report: DeliveryReport) => void)[] = [];
  private readonly options: Required<OutboxOptions>;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pumping: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: OutboxOptions = {},
  ) {
    this.options = { maxAttempts: 25, baseDelayMs: 1000, maxDelayMs: 10 * 60_000, pollMs: 2000, concurrency: 32, ...options };
    store.onEnqueued(() => this.kick());
  }

  /** For metrics: every delivery (ok) and every failed attempt that will be retried. */
  onDelivery(listener: (platform: Platform, ok: boolean, report: DeliveryReport) => void): void {
    this.deliveryListeners.push(listener);
  }

  /** `inUnit`: the sender only writes to the store, so it delivers as part of the queueing unit. */
  register(platform: Platform, sender: Sender, options: { inUnit?: boolean } = {}): void {
    this.senders.set(platform, sender);
    if (options.inUnit) this.inUnit.add(platform);
    this.kick();
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
    if (!sender || this.inUnit.has(address.platform)) return false;
    try {
      await sender.send(address, reply);
      return true;
    } catch {
      return false;
    }
  }

  /** Queues a message (with the current unit of work, if any) and returns its id. Never waits for delivery. */
  async enqueue(address: Address, reply: Reply, options: EnqueueOptions = {}): Promise<string> {
    const id = options.dedupeKey ? `k:${createHash("sha256").update(options.dedupeKey).digest("hex").slice(0, 32)}` : randomUUID();
    const sender = this.senders.get(address.platform);
    if (sender && this.inUnit.has(address.platform)) {
      await this.store.unit(async () => {
        await sender.send(address, reply);
        currentUnitAfterCommit(() => {
          for (const listener of this.deliveryListeners) listener(address.platform, true, { id, attempts: 1 });
        });
      });
      return id;
    }
    const now = this.clock.now().getTime();
    const subject = options.subject ?? (address.platform === "slack" ? "" : addressKey(address));
    await this.store.enqueue({ id, chat: chatOf(address), platform: address.platform, subject, payload: JSON.stringify({ address, reply } satisfies Payload), dueAt: now, createdAt: now });
    return id;
  }

  start(): void {
    this.running = true;
    this.timer ??= setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops claiming new work; resolves when the sends already running have settled (at most `withinMs`). */
  async stop(withinMs = 5_000): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
    await Promise.race([Promise.allSettled([...this.inFlight.values()]), expired]).finally(() => clearTimeout(timer));
  }

  /** Starts a delivery pass soon (coalesced): after a commit that queued messages, a finished send, the poll. */
  private kick(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => (this.pumping = undefined));
  }

  private async pump(): Promise<void> {
    do {
      this.again = false;
      try {
        const launched = await this.launchDue();
        if (launched && this.inFlight.size < this.options.concurrency) this.again = true;
      } catch (error) {
        this.logger.warn({ err: errorSummary(error) }, "outbox delivery pass failed");
        return;
      }
    } while (this.again && this.running);
  }

  /** Claims what is due (up to the free send slots) and starts sending it; returns how many. */
  private async launchDue(): Promise<number> {
    const free = this.options.concurrency - this.inFlight.size;
    const platforms = [...this.senders.keys()].filter((p) => !this.inUnit.has(p));
    if (free <= 0 || !platforms.length) return 0;
    const items = await this.store.live().claim(platforms, this.clock.now().getTime(), free, this.owner, SEND_LEASE_MS);
    for (const item of items) {
      if (this.inFlight.has(item.id)) continue; // already being sent here (its claim was renewed by this claim)
      const sending = this.deliver(item).finally(() => {
        this.inFlight.delete(item.id);
        this.kick();
      });
      this.inFlight.set(item.id, sending);
    }
    return items.length;
  }

  /**
   * Delivers everything due now and waits for it (tests, the CLI, shutdown); a chat whose
   * message is delivered goes on with its next one in the same call.
   */
  async flush(): Promise<void> {
    for (;;) {
      // A pass of the background loop may have claimed a message and not started sending it yet:
      // the store shows it leased to us, `inFlight` does not have it. Wait for the pass to end.
      if (this.pumping) await this.pumping;
      const launched = await this.launchDue();
      if (!launched && !this.inFlight.size && !this.pumping) return;
      if (this.inFlight.size) await Promise.race([...this.inFlight.values()]);
    }
  }

  /**
   * On shutdown: keeps delivering until nothing is left that this instance can send within
   * `withinMs` (a message in backoff is sent when its time comes inside the bound, not before);
   * waits for sends already running within that bound. What is left stays queued for the next
   * start. Returns how many messages are still pending.
   */
  async drain(withinMs: number): Promise<number> {
    const deadline = Date.now() + withinMs;
    const platforms = [...this.senders.keys()].filter((p) => !this.inUnit.has(p));
    const work = (async () => {
      for (;;) {
        await this.flush();
        const next = platforms.length ? await this.store.live().nextDue(platforms) : null;
        const wait = next === null ? Infinity : next - this.clock.now().getTime();
        if (wait >= deadline - Date.now()) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 20)));
      }
    })().catch((error: unknown) => this.logger.warn({ err: errorSummary(error) }, "outbox drain failed"));
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
    await Promise.race([work, expired]).finally(() => clearTimeout(timer));
    return this.backlog().catch(() => -1);
  }

  private async deliver(item: QueueItem): Promise<void> {
    const db = this.store.live();
    const renewal = setInterval(() => void db.renew(item.id, this.owner, this.clock.now().getTime() + SEND_LEASE_MS).catch(() => undefined), SEND_LEASE_MS / 3);
    renewal.unref();
    const platform = item.platform as Platform;
    const attempts = item.attempts + 1;
    try {
      const sender = this.senders.get(platform);
      if (!sender) return await db.reschedule(item.id, item.attempts, this.clock.now().getTime() + this.options.pollMs);
      const { address, reply } = JSON.parse(item.payload) as Payload;
      let ref: string | void;
      try {
        ref = await sender.send(address, reply);
      } catch (error) {
        return await this.failed(item, attempts, error);
      }
      // Marks expire by the system clock, as every record in the store does.
      await db.complete(item.id, item.id.startsWith("k:") ? Date.now() + DELIVERED_TTL_MS : null);
      // Kept when asked for, so a later change can edit this message in place (meeting reminders).
      if (ref && reply.meta?.refKey) await this.store.ns<string>("meta").set(`ref:${reply.meta.refKey}`, ref, REF_TTL_MS);
      this.logger.debug({ id: item.id, platform, attempts }, "outbox delivered");
      for (const listener of this.deliveryListeners) listener(platform, true, { id: item.id, attempts });
    } catch (error) {
      this.logger.warn({ id: item.id, platform, err: errorSummary(error) }, "outbox bookkeeping failed");
    } finally {
      clearInterval(renewal);
    }
  }

  private async failed(item: QueueItem, attempts: number, error: unknown): Promise<void> {
    const db = this.store.live();
    const platform = item.platform as Platform;
    const now = this.clock.now().getTime();
    if (error instanceof PermanentDeliveryError || attempts >= this.options.maxAttempts) {
      await db.kill(item.id, attempts, now, error instanceof PermanentDeliveryError ? "refused" : "attempts");
      this.logger.error({ id: item.id, platform, attempts, err: errorSummary(error) }, "outbox gave up on a message");
      return;
    }
    const wait = retryDelay(error, attempts, this.options);
    await db.reschedule(item.id, attempts, now + wait);
    for (const listener of this.deliveryListeners) listener(platform, false, { id: item.id, attempts, retryInMs: wait });
    this.logger.warn({ id: item.id, platform, attempts, retryInMs: wait, err: errorSummary(error) }, "outbox delivery failed, will retry");
  }

  /** The platform reference stored for a message sent with `meta.refKey`. */
  refOf(refKey: string): Promise<string | undefined> {
    return this.store.ns<string>("meta").get(`ref:${refKey}`);
  }

  async backlog(): Promise<number> {
    return this.store.live().pendingCount();
  }
}
