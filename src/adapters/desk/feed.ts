import type { Context } from "hono";
import { streamSSE, type SSEStreamingApi } from "hono/streaming";
import type { Lotse } from "../../app.js";
import type { DeskAccount } from "../../escalation/accounts.js";
import type { Coordinator } from "../../escalation/desk.js";
import type { Ticket } from "../../escalation/tickets.js";
import { errorSummary } from "../../core/errors.js";

/**
 * The web desk's live feed (server-sent events). An event only says which ticket changed, never
 * its text: the page fetches it again through the authenticated API, so the feed cannot leak
 * what the coordinator may not see, and a dropped event costs nothing but a refetch.
 *
 * Two sources: a push from this instance's desk front once the change is committed, and a cheap
 * periodic check of what each subscriber sees (status and updatedAt per ticket), for changes
 * made by another instance sharing the store. The check also ends streams whose session ended.
 */

export interface FeedOptions {
  /** How often the shared store is checked for changes made elsewhere (and sessions for expiry). */
  pollMs?: number;
  /** Comment lines that keep proxies from closing an idle stream. */
  keepAliveMs?: number;
}

interface Subscriber {
  coordinator: Coordinator;
  session: string;
  /** What this subscriber last saw: ticket id -> fingerprint. */
  seen: Map<string, string>;
  send: (ticketId: string) => void;
  end: () => void;
}

/** What makes a ticket look different in the list or in its view (no text). */
const fingerprint = (t: Ticket) => `${t.status}|${t.updatedAt}|${t.messages.length}|${t.remindedAt ?? ""}|${t.erased ? 1 : 0}`;

export class DeskFeed {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;
  /** The tickets' change marker at the last check that looked at tickets. */
  private lastMarker: string | undefined;
  /** A subscriber joined since: its baseline may be older than the marker, so the next check looks anyway. */
  private unsettled = false;
  private readonly pollMs: number;
  private readonly keepAliveMs: number;

  constructor(private readonly lotse: Lotse, options: FeedOptions = {}) {
    this.pollMs = options.pollMs ?? 3_000;
    this.keepAliveMs = options.keepAliveMs ?? 25_000;
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** A committed change on this instance: tells every subscriber who may see the ticket. */
  async push(ticket: Ticket): Promise<void> {
    for (const subscriber of this.subscribers) {
      if (!(await subscriber.coordinator.sees(ticket))) continue;
      // Remembered, so the next check does not announce the same change again.
      subscriber.seen.set(ticket.id, fingerprint(ticket));
      subscriber.send(ticket.id);
    }
  }

  /**
   * One check of the shared store: announces tickets that changed since each subscriber's last
   * look (also those that appeared or went away), and ends streams whose session is over.
   */
  poll(): Promise<void> {
    // One check at a time: a slow store must not pile checks up.
    this.polling ??= this.check().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async check(): Promise<void> {
    if (!this.subscribers.size) return;
    let tickets: Ticket[] | undefined;
    try {
      // The marker is read before the tickets: a change made while they load moves it again, and
      // the next check looks. While it stays, a check costs one read instead of loading every ticket.
      const marker = await this.lotse.tickets.changeMarker();
      if (marker !== this.lastMarker || this.unsettled) {
        tickets = await this.lotse.tickets.all();
        this.lastMarker = marker;
        this.unsettled = false;
      }
    } catch (error) {
      this.lotse.logger.warn({ err: errorSummary(error) }, "desk feed check failed");
      return;
    }
    for (const subscriber of [...this.subscribers]) {
      if (!(await this.lotse.accounts.session(subscriber.session).catch(() => undefined))) {
        subscriber.end();
        continue;
      }
      if (!tickets) continue;
      const now = new Map<string, string>();
      for (const ticket of tickets) if (await subscriber.coordinator.sees(ticket)) now.set(ticket.id, fingerprint(ticket));
      const changed = [...now].filter(([id, print]) => subscriber.seen.get(id) !== print).map(([id]) => id);
      const gone = [...subscriber.seen.keys()].filter((id) => !now.has(id));
      subscriber.seen = now;
      for (const id of [...changed, ...gone]) subscriber.send(id);
    }
  }

  /** The SSE response for a signed-in coordinator; `session` is their session token (re-checked on every poll). */
  stream(c: Context, account: DeskAccount, session: string): Response {
    const coordinator = this.lotse.accounts.coordinator(account);
    return streamSSE(c, async (stream) => {
      // What the coordinator sees now; "ready" then tells the page to load it once.
      const seen = await this.baseline(coordinator);
      if (this.closed || stream.aborted) return;
      await new Promise<void>((resolve) => {
        const subscriber = this.subscribe(stream, coordinator, session, seen, resolve);
        stream.onAbort(() => subscriber.end());
      });
    });
  }

  private subscribe(stream: SSEStreamingApi, coordinator: Coordinator, session: string, seen: Map<string, string>, done: () => void): Subscriber {
    let writing: Promise<unknown> = stream.writeSSE({ event: "ready", data: "{}", retry: 5_000 });
    const write = (message: Parameters<SSEStreamingApi["writeSSE"]>[0] | string) => {
      // Writes in order; a client gone away only makes them fail quietly.
      writing = writing.then(async () => void (typeof message === "string" ? await stream.write(message) : await stream.writeSSE(message))).catch(() => undefined);
    };
    const keepAlive = setInterval(() => write(": keep-alive\n\n"), this.keepAliveMs).unref();
    const subscriber: Subscriber = {
      coordinator,
      session,
      seen,
      send: (ticketId) => write({ event: "changed", data: JSON.stringify({ ticket: ticketId }) }),
      end: () => {
        if (!this.subscribers.delete(subscriber)) return;
        clearInterval(keepAlive);
        if (!this.subscribers.size) this.stopTimer();
        void writing.then(() => stream.close()).finally(done);
      },
    };
    this.subscribers.add(subscriber);
    this.unsettled = true;
    this.timer ??= setInterval(() => void this.poll(), this.pollMs).unref();
    return subscriber;
  }

  private async baseline(coordinator: Coordinator): Promise<Map<string, string>> {
    const seen = new Map<string, string>();
    try {
      for (const ticket of await this.lotse.tickets.all()) if (await coordinator.sees(ticket)) seen.set(ticket.id, fingerprint(ticket));
    } catch {
      // The next check fills it in (and announces what it finds: a refetch, nothing worse).
    }
    return seen;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Ends every stream (shutdown); later subscriptions end at once. */
  close(): void {
    this.closed = true;
    for (const subscriber of [...this.subscribers]) subscriber.end();
    this.stopTimer();
  }
}

const feeds = new WeakMap<Lotse, DeskFeed>();

/** The one feed of this Lotse: the desk front pushes into it, the routes stream from it. */
export function deskFeed(lotse: Lotse, options?: FeedOptions): DeskFeed {
  let feed = feeds.get(lotse);
  if (!feed) feeds.set(lotse, (feed = new DeskFeed(lotse, options)));
  return feed;
}
