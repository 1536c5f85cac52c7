import type { Config } from "./config.js";
import { Assistant } from "./conversation/assistant.js";
import { systemClock, type Clock } from "./core/clock.js";
import { addressKey, type Incoming, type Reply } from "./core/message.js";
import { errorSummary } from "./core/errors.js";
import { Outbox } from "./core/outbox/outbox.js";
import { localeBlocks } from "./conversation/compose.js";
import { Routing } from "./escalation/routing.js";
import { Tickets } from "./escalation/tickets.js";
import { Drafts } from "./escalation/drafts.js";
import { Desk } from "./escalation/desk.js";
import { Relay } from "./escalation/relay.js";
import { DeskAccounts } from "./escalation/accounts.js";
import { createI18n, type Translate } from "./i18n/i18n.js";
import { openKnowledge, type Knowledge } from "./knowledge/index.js";
import { openUnderstanding, type UnderstoodKnowledge } from "./knowledge/understanding.js";
import type { Logger } from "./logger.js";
import { Store } from "./store/store.js";
import { Calendar, loadEvents } from "./events/calendar.js";
import { Reminders } from "./events/reminders.js";
import { Metrics } from "./metrics.js";
import type { Problem } from "./knowledge/load.js";

export interface ReceiveOptions {
  /** The idempotency key of the platform event (e.g. "telegram:<bot>:<update_id>"): handled once. */
  cause?: string;
  /** Replies the adapter delivers itself (returned, not queued). */
  keep?: (reply: Reply) => boolean;
}

/**
 * The platform-neutral core, assembled: knowledge, store, assistant, tickets, outbox.
 * Adapters receive it and call `receive`; replies leave only through the outbox.
 */
export class Lotse {
  private constructor(
    readonly config: Config,
    readonly logger: Logger,
    readonly clock: Clock,
    readonly knowledge: UnderstoodKnowledge,
    readonly store: Store,
    readonly t: Translate,
    readonly routing: Routing,
    readonly tickets: Tickets,
    readonly outbox: Outbox,
    readonly assistant: Assistant,
    readonly calendar: Calendar,
    readonly reminders: Reminders,
    readonly metrics: Metrics,
    /** The coordinators' desk (claim, answer, refer, close…), shared by Slack and the web desk. */
    readonly desk: Desk,
    /** Ticket changes → the desk front-ends and the volunteer. Front-ends add themselves. */
    readonly relay: Relay,
    readonly drafts: Drafts,
    /** Coordinators of the web desk and of mail notices (invites, sessions, regions). */
    readonly accounts: DeskAccounts,
  ) {}

  static async create(config: Config, logger: Logger, options: { clock?: Clock; store?: Store; knowledge?: Knowledge } = {}): Promise<Lotse> {
    const clock = options.clock ?? systemClock;
    const cacheDir = config.CACHE_DIR;
    const opened = options.knowledge ?? openKnowledge(config.KNOWLEDGE_DIR, { cacheDir });
    const errors = opened.problems.filter((p) => p.severity === "error");
    if (errors.length) {
      throw new Error(`The knowledge base has ${errors.length} error(s); run "npx lotse kb check". First: ${errors[0]!.file} ${errors[0]!.field}: ${errors[0]!.reason}`);
    }
    const knowledge = await openUnderstanding(opened, { cacheDir, onTrain: () => logger.info("training the question classifiers (once per content change, about half a minute)") });
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
    const reminders = new Reminders(calendar, store, outbox, clock, t, logger, config.DEFAULT_LANGUAGE, config.PUBLIC_URL, routing.lands);
    calendar.onChange(async ({ eventId, originalLocal, kind }) => {
      if (kind !== "added") await reminders.notifyChange(eventId, originalLocal, kind);
    });
    // The assistant asks the relay whether anyone will see a hand-over; the relay needs the assistant's words.
    let relay: Relay | undefined;
    const reachable = (region: string | null) => relay?.reachable(region) ?? Promise.resolve(false);
    const assistant = new Assistant({ kb: knowledge.kb, triage: knowledge.triage, routing, tickets, store, t, clock, logger, config, calendar, reachable });
    relay = new Relay({ tickets, logger, enqueue: (address, reply) => outbox.enqueue(address, reply), answerFromCoordinator: (ticket, text, files) => assistant.answerFromCoordinator(ticket, text, files) });
    const drafts = new Drafts(store);
    const desk = new Desk({
      tickets,
      drafts,
      routing,
      clock,
      logger,
      config,
      notifyReferral: async (ticket, service) => {
        await outbox.enqueue(ticket.origin, { lang: ticket.lang, blocks: localeBlocks(t, ticket.lang, `referral.${service}.route`, { ticket: ticket.id }), meta: { kind: "referral", ticketId: ticket.id } });
      },
    });
    logger.info({ topics: knowledge.kb.topics.size }, "knowledge loaded");
    const metrics = new Metrics({
      backlog: () => outbox.backlog(),
      ticketsByState: () => tickets.countByState(),
    });
    outbox.onDelivery((platform, ok) => (ok ? metrics.messagesOut.inc({ platform }) : metrics.retries.inc({ platform })));
    reminders.onSent((n) => metrics.remindersSent.inc(n));
    // Delivery runs apart from the work that queues: it starts now and sends whatever a platform's
    // sender is registered for (what is queued for another platform waits for its adapter).
    outbox.start();
    return new Lotse(config, logger, clock, knowledge, store, t, routing, tickets, outbox, assistant, calendar, reminders, metrics, desk, relay, drafts, new DeskAccounts(store, clock, routing));
  }

  /**
   * Handles a message as one unit of work: state changes, tickets and every reply in the outbox
   * are committed together, with the cause's idempotency key, so a retried update, a second
   * instance or a crash half-way cannot make them happen twice or half. Resolves once the replies
   * are queued (not sent). `keep` lets an adapter take some replies itself (a Telegram toast).
   * A cause already handled resolves with no replies.
   */
  async receive(incoming: Incoming, options: ReceiveOptions = {}): Promise<Reply[]> {
    const { address } = incoming;
    this.metrics.messagesIn.inc({ platform: address.platform });
    const stopTimer = this.metrics.latency.startTimer();
    try {
      // The user's lock keeps one user's messages in order across instances (and spares the unit conflicts).
      const result = await this.store.withLock(`user:${addressKey(address)}`, () =>
        this.store.unit(async () => {
          const replies = await this.assistant.handle(incoming);
          for (const reply of replies) if (!options.keep?.(reply)) await this.outbox.enqueue(address, reply);
          return replies;
        }, { cause: options.cause }),
      );
      if (result.duplicate) return [];
      for (const reply of result.value) if (reply.meta?.action) this.metrics.answers.inc({ action: reply.meta.action });
      return result.value;
    } catch (error) {
      return await this.failed(incoming, error, options);
    } finally {
      stopTimer();
    }
  }

  /**
   * The handling failed. With the store up, the user hears so through the outbox (once per cause);
   * with the store down nothing can be queued: the "temporarily unavailable" notice goes directly.
   */
  private async failed(incoming: Incoming, error: unknown, options: ReceiveOptions): Promise<Reply[]> {
    const storeDown = !(await this.store.healthy());
    this.logger.error({ err: errorSummary(error), platform: incoming.address.platform, storeDown }, "handling a message failed");
    const lang = this.config.DEFAULT_LANGUAGE;
    const reply: Reply = { lang, blocks: localeBlocks(this.t, lang, storeDown ? "errors.unavailable" : "errors.generic"), acknowledgement: true, meta: { kind: "error" } };
    if (!storeDown) {
      try {
        const queued = await this.store.unit(async () => {
          if (!options.keep?.(reply)) await this.outbox.enqueue(incoming.address, reply);
        }, { cause: options.cause });
        return queued.duplicate ? [] : [reply];
      } catch {
        // fall through: tell the user directly
      }
    }
    // An adapter that answers this reply itself (a Discord interaction, a Telegram button's notice)
    // shows it; sending it as well would say it twice.
    if (options.keep?.(reply)) return [reply];
    const sent = await this.outbox.sendDirect(incoming.address, reply);
    this.logger.warn({ platform: incoming.address.platform, sent }, "reply not queued: store unavailable");
    reply.meta = { ...reply.meta, undelivered: !sent };
    return [reply];
  }

  /** `settleMs`: how long sends still running may take to be recorded before the store closes. */
  async close(settleMs = 5_000): Promise<void> {
    await this.outbox.stop(settleMs);
    await this.store.close();
  }
}
