import { join } from "node:path";
import type { Config } from "./config.js";
import { Assistant } from "./core/assistant.js";
import { systemClock, type Clock } from "./core/clock.js";
import type { Incoming, Reply } from "./core/message.js";
import { Outbox } from "./core/outbox.js";
import { localeBlocks } from "./core/compose.js";
import { Routing } from "./escalation/routing.js";
import { Tickets } from "./escalation/tickets.js";
import { createI18n, type Translate } from "./i18n/i18n.js";
import { openKnowledge, type Knowledge } from "./knowledge/index.js";
import type { Logger } from "./logger.js";
import { Store } from "./store/store.js";
import { Calendar, loadEvents } from "./events/calendar.js";
import { Reminders } from "./events/reminders.js";
import { Metrics } from "./metrics.js";
import type { Problem } from "./knowledge/load.js";

/**
 * The platform-neutral core, assembled: knowledge, store, assistant, tickets, outbox.
 * Adapters receive it and call `receive`; replies leave only through the outbox.
 */
export class Lotse {
  private constructor(
    readonly config: Config,
    readonly logger: Logger,
    readonly clock: Clock,
    readonly knowledge: Knowledge,
    readonly store: Store,
    readonly t: Translate,
    readonly routing: Routing,
    readonly tickets: Tickets,
    readonly outbox: Outbox,
    readonly assistant: Assistant,
    readonly calendar: Calendar,
    readonly reminders: Reminders,
    readonly metrics: Metrics,
  ) {}

  static async create(config: Config, logger: Logger, options: { clock?: Clock; store?: Store; knowledge?: Knowledge } = {}): Promise<Lotse> {
    const clock = options.clock ?? systemClock;
    const knowledge = options.knowledge ?? openKnowledge(config.KNOWLEDGE_DIR, { cacheDir: join(config.DATA_DIR, "cache") });
    const errors = knowledge.problems.filter((p) => p.severity === "error");
    if (errors.length) {
      throw new Error(`The knowledge base has ${errors.length} error(s); run "npx lotse kb check". First: ${errors[0]!.file} ${errors[0]!.field}: ${errors[0]!.reason}`);
    }
    const store =
      options.store ?? (await Store.open({ dataDir: config.DATA_DIR, redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL }, logger));
    const { t } = createI18n();
    const routing = new Routing(knowledge.contacts);
    const tickets = new Tickets(store, clock, logger);
    const outbox = new Outbox(store, clock, logger);
    const eventProblems: Problem[] = [];
    const { events, targets } = loadEvents(config.KNOWLEDGE_DIR, eventProblems);
    if (eventProblems.length) throw new Error(`knowledge/events.yaml: ${eventProblems[0]!.field}: ${eventProblems[0]!.reason}`);
    const calendar = new Calendar(events, targets, store, clock);
    const reminders = new Reminders(calendar, store, outbox, clock, t, logger, config.DEFAULT_LANGUAGE, config.PUBLIC_URL);
    calendar.onChange(async ({ eventId, originalLocal, kind }) => {
      if (kind !== "added") await reminders.notifyChange(eventId, originalLocal, kind);
    });
    const assistant = new Assistant({ kb: knowledge.kb, triage: knowledge.triage, routing, tickets, store, t, clock, logger, config, calendar });
    // A coordinator's answer travels back to the volunteer on their own platform, through the outbox.
    tickets.on(async (event, ticket, detail) => {
      if (event !== "answered" || !detail?.text) return;
      await outbox.enqueue(ticket.origin, await assistant.answerFromCoordinator(ticket, detail.text));
    });
    logger.info({ topics: knowledge.kb.topics.size }, "knowledge loaded");
    const metrics = new Metrics({
      backlog: () => outbox.backlog(),
      ticketsByState: async () => {
        const counts: Record<string, number> = {};
        for (const ticket of await tickets.all()) counts[ticket.status] = (counts[ticket.status] ?? 0) + 1;
        return counts;
      },
    });
    outbox.onDelivery((platform, ok) => (ok ? metrics.messagesOut.inc({ platform }) : metrics.retries.inc({ platform })));
    reminders.onSent((n) => metrics.remindersSent.inc(n));
    return new Lotse(config, logger, clock, knowledge, store, t, routing, tickets, outbox, assistant, calendar, reminders, metrics);
  }

  /**
   * Handles a message and sends every reply through the outbox. Resolves once replies are queued
   * and first tried. `keep` lets an adapter take some replies itself (e.g. a Telegram toast).
   */
  async receive(incoming: Incoming, keep?: (reply: Reply) => boolean): Promise<Reply[]> {
    this.metrics.messagesIn.inc({ platform: incoming.address.platform });
    const stopTimer = this.metrics.latency.startTimer();
    let replies: Reply[];
    let storeDown = false;
    try {
      replies = await this.assistant.handle(incoming);
    } catch (error) {
      storeDown = !(await this.store.healthy());
      this.logger.error({ err: { name: (error as Error).name, message: (error as Error).message.slice(0, 200) }, platform: incoming.address.platform, storeDown }, "handling a message failed");
      const lang = this.config.DEFAULT_LANGUAGE;
      replies = [{ lang, blocks: localeBlocks(this.t, lang, storeDown ? "errors.unavailable" : "errors.generic"), meta: { kind: "error" } }];
    }
    for (const reply of replies) {
      if (reply.meta?.action) this.metrics.answers.inc({ action: reply.meta.action });
      if (keep?.(reply)) continue;
      try {
        if (storeDown) throw new Error("store unavailable");
        await this.outbox.enqueue(incoming.address, reply);
      } catch {
        // The store is down: nothing can be queued, so tell the user directly (best effort).
        // Checked once: the replies after this one skip the queue without asking again.
        storeDown ||= !(await this.store.healthy());
        if (storeDown) reply.blocks = localeBlocks(this.t, reply.lang, "errors.unavailable");
        const sent = await this.outbox.sendDirect(incoming.address, reply);
        this.logger.warn({ platform: incoming.address.platform, sent }, "reply not queued: store unavailable");
        reply.meta = { ...reply.meta, kind: "error", undelivered: !sent };
      }
    }
    stopTimer();
    return replies;
  }

  async close(): Promise<void> {
    this.outbox.stop();
    await this.store.close();
  }
}
