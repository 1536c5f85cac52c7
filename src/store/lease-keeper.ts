import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import type { Store } from "./store.js";
import { errorSummary } from "../core/errors.js";

export interface LeaseKeeperOptions {
  /** How long a lease outlives a holder that stopped renewing (crashed, frozen, cut off). */
  ttlMs?: number;
  /** Called when this instance got the lease: start the exclusive work. */
  onAcquired: () => Promise<void>;
  /** Called when this instance lost the lease (or stops): end the exclusive work. */
  onLost: () => Promise<void>;
}

/**
 * Keeps trying to hold a named lease; renews it every third of its lifetime. Only the holder
 * runs the exclusive work, and when the holder dies another instance takes over after `ttlMs`.
 * Used for the Discord gateway: two connections with one bot token would answer every
 * interaction twice (and fight over the session).
 */
export class LeaseKeeper {
  readonly holder = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private holding = false;
  private stopped = false;
  private readonly ttlMs: number;

  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly options: LeaseKeeperOptions,
    private readonly logger: Logger,
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
  }

  get isHolding(): boolean {
    return this.holding;
  }

  async start(): Promise<void> {
    await this.tick();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    let has = false;
    try {
      has = await this.store.tryLease(this.name, this.holder, this.ttlMs);
    } catch (error) {
      // The store is unreachable: we cannot prove we still hold the lease, so act as if we did not.
      this.logger.warn({ lease: this.name, err: errorSummary(error) }, "lease could not be renewed");
    }
    try {
      if (has && !this.holding) {
        this.holding = true;
        this.logger.info({ lease: this.name }, "lease acquired");
        await this.options.onAcquired();
      } else if (!has && this.holding) {
        this.holding = false;
        this.logger.warn({ lease: this.name }, "lease lost");
        await this.options.onLost();
      }
    } catch (error) {
      this.logger.warn({ lease: this.name, err: errorSummary(error) }, "lease work failed to start or stop");
      if (this.holding) {
        // Could not start the work: give the lease to someone who can.
        this.holding = false;
        await this.store.releaseLease(this.name, this.holder).catch(() => undefined);
      }
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), Math.max(50, Math.floor(this.ttlMs / 3))).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.holding) {
      this.holding = false;
      await this.options.onLost().catch(() => undefined);
      await this.store.releaseLease(this.name, this.holder).catch(() => undefined);
    }
  }
}
