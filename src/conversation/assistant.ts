import type { Config } from "../config.js";
import type { Calendar } from "../events/calendar.js";
import type { Routing } from "../escalation/routing.js";
import type { Ticket, Tickets } from "../escalation/tickets.js";
import { isUiLanguage, type UiLanguage } from "../i18n/detect.js";
import type { Translate } from "../i18n/i18n.js";
import { loadAreas } from "../knowledge/areas.js";
import type { Triage } from "../knowledge/triage.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Logger } from "../logger.js";
import type { PersonalData } from "../privacy/personal-data.js";
import type { Store } from "../store/store.js";
import type { Clock } from "../core/clock.js";
import { addressKey, type Address, type Incoming, type Reply } from "../core/message.js";
import { RateLimiter } from "../core/rate-limit.js";
import { Answers } from "./answering.js";
import { Asking } from "./asking.js";
import { localeBlocks } from "./compose.js";
import { FeatureTable } from "./feature.js";
import { feedbackFeature } from "./feedback.js";
import { Handover } from "./handover.js";
import { EventCommands } from "./meetings.js";
import { Onboarding } from "./onboarding.js";
import { PrivacyCommands } from "./privacy.js";
import { ResumeCodes } from "./resume-codes.js";
import { resolveButton, UserState, type Profile } from "./state.js";
import { TicketThread, type Resumed } from "./ticket-thread.js";
import { TopicsBrowse } from "./topics-browse.js";
import { errorReply, reply, type Turn } from "./turn.js";
import { volunteerData } from "./volunteer-data.js";

export interface AssistantDeps {
  kb: KnowledgeBase;
  triage: Triage;
  routing: Routing;
  tickets: Tickets;
  store: Store;
  t: Translate;
  clock: Clock;
  logger: Logger;
  calendar: Calendar;
  config: Pick<Config, "DEFAULT_LANGUAGE" | "MAX_MESSAGE_LENGTH" | "RATE_LIMIT_PER_MINUTE" | "CONVERSATION_TTL_DAYS" | "TICKET_RETENTION_DAYS" | "OPERATOR_NAME" | "OPERATOR_CONTACT" | "PRIVACY_AUTHORITY" | "PUBLIC_URL">;
  /** Whether a coordinator (Slack, the web desk) can see a hand-over from this region; without it, assumed. */
  reachable?: (region: string | null) => Promise<boolean>;
}

/**
 * The conversation, the same on every platform: takes one message at a time (under the user's
 * lock, with their state) and hands it to the feature that deals with it. Commands and buttons are
 * looked up in the features' tables (feature.ts); text goes to the questions feature (asking.ts).
 */
export class Assistant {
  private readonly state: UserState;
  private readonly limiter: RateLimiter;
  private readonly table: FeatureTable;
  private readonly asking: Asking;
  private readonly thread: TicketThread;
  /** What is held about a volunteer (`/my_data`, `/delete_me`); adapters add the records they keep themselves. */
  readonly personalData: PersonalData;

  constructor(private readonly deps: AssistantDeps) {
    const { kb, triage, routing, tickets, t, clock, store, logger, calendar, config } = deps;
    this.state = new UserState(store, config.CONVERSATION_TTL_DAYS * 24 * 3600 * 1000, clock);
    this.limiter = new RateLimiter(store, clock, config.RATE_LIMIT_PER_MINUTE);
    this.personalData = volunteerData({ store, tickets, clock, t, calendar, conversationTtlDays: config.CONVERSATION_TTL_DAYS });
    const codes = new ResumeCodes(store, clock, config.TICKET_RETENTION_DAYS * 86_400_000);
    const answers = new Answers({ kb, routing, t, clock, publicUrl: config.PUBLIC_URL });
    const handover = new Handover({ routing, tickets, t, clock, codes, reachable: deps.reachable });
    this.thread = new TicketThread({ routing, tickets, t, clock, state: this.state, codes, defaultLanguage: config.DEFAULT_LANGUAGE });
    this.asking = new Asking({ kb, triage, t, logger, config, answers, handover, thread: this.thread });
    // The order of the features is the order of the commands in the platforms' menus.
    this.table = new FeatureTable([
      new Onboarding({ routing, t, clock, state: this.state }).feature(),
      // The areas are read once, with the knowledge base; a broken areas.yaml only loses their titles.
      new TopicsBrowse({ kb, t, areas: loadAreas(kb.dir) }).feature(),
      new EventCommands({ routing, t, store, calendar, publicUrl: config.PUBLIC_URL }).feature(),
      handover.feature(),
      new PrivacyCommands({ personalData: this.personalData, t, logger, config }).feature(),
      answers.feature(),
      feedbackFeature({ store, t }),
      this.thread.feature(),
    ]);
  }

  /** The commands, in menu order: Telegram's command menu is built from them. */
  get commands(): string[] {
    return this.table.commandNames;
  }

  /** Handles one incoming message and returns the replies, in order. Never throws for bad input. */
  async handle(incoming: Incoming): Promise<Reply[]> {
    return this.state.withUser(incoming.address, async () => {
      const verdict = await this.limiter.hit(addressKey(incoming.address));
      if (verdict === "drop") return [];
      const profile = await this.state.profile(incoming.address);
      if (verdict === "warn") {
        const lang = this.uiLanguage(profile, incoming);
        return [reply(lang, localeBlocks(this.deps.t, lang, "errors.rateLimited", { perMinute: this.deps.config.RATE_LIMIT_PER_MINUTE }), undefined, "error")];
      }
      const conversation = await this.state.conversation(incoming.address);
      const turn: Turn = { address: incoming.address, profile, conversation, lang: this.uiLanguage(profile, incoming) };
      const replies = await this.dispatch(incoming, turn);
      if (!turn.erased) await this.state.saveConversation(incoming.address, turn.conversation);
      return replies;
    });
  }

  private uiLanguage(profile: Profile | undefined, incoming: Incoming): UiLanguage {
    if (isUiLanguage(profile?.lang)) return profile.lang;
    const platform = incoming.platformLanguage?.slice(0, 2).toLowerCase();
    if (isUiLanguage(platform)) return platform;
    return this.deps.config.DEFAULT_LANGUAGE;
  }

  /**
   * A coordinator's answer to a ticket, for the volunteer who opened it (the relay queues it).
   * Called outside a conversation turn.
   */
  answerFromCoordinator(ticket: Ticket, text: string, files = 0): Promise<Reply> {
    return this.thread.answerFromCoordinator(ticket, text, files);
  }

  /** A web chat's resume code, entered in the browser session `address`; run inside a unit of work. */
  resume(address: Address, code: string): Promise<Resumed> {
    return this.thread.resume(address, code);
  }

  private async dispatch(incoming: Incoming, turn: Turn): Promise<Reply[]> {
    switch (incoming.kind) {
      case "command": {
        // "Edit" applies to the very next text message: another step leaves the preview behind.
        turn.conversation.handoverEdit = undefined;
        const command = incoming.command.toLowerCase();
        const handler = this.table.command(command);
        if (handler) return handler(incoming.args, turn);
        return [this.error(turn, "errors.unknownCommand", { command: `/${command.slice(0, 32)}` })];
      }
      case "button": {
        // Ids resolve only against the presser's own state, in the chat they were shown in: a forged
        // id finds nothing, and a press under someone else's message acts for nobody.
        const resolved = resolveButton(turn.conversation, incoming.buttonId, turn.address);
        if ("refused" in resolved) return [this.error(turn, resolved.refused === "foreign" ? "errors.notYourButton" : "errors.buttonExpired")];
        // As for a command (an expired button, pressed by mistake, leaves the edit be).
        turn.conversation.handoverEdit = undefined;
        return this.table.press(resolved.action, turn, { buttonId: incoming.buttonId, ...(incoming.messageRef ? { messageRef: incoming.messageRef } : {}) });
      }
      case "text":
        return this.asking.text(incoming.text, turn);
    }
  }

  private error(turn: Turn, key: string, values?: Record<string, unknown>): Reply {
    return errorReply(this.deps.t, turn, key, values);
  }
}
