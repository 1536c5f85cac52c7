import { redact } from "../privacy/redact.js";
import type { Config } from "../config.js";
import type { Routing } from "../escalation/routing.js";
import type { Ticket, Tickets } from "../escalation/tickets.js";
import { detectLanguage, detectLanguageConfidently, isUiLanguage, type UiLanguage } from "../i18n/detect.js";
import type { Translate } from "../i18n/i18n.js";
import type { Logger } from "../logger.js";
import type { Triage, Decision } from "../knowledge/triage.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Store } from "../store/store.js";
import type { Calendar } from "../events/calendar.js";
import type { Clock } from "../core/clock.js";
import { localeBlocks } from "./compose.js";
import { addressKey, type Address, type Incoming, type Reply } from "../core/message.js";
import { RateLimiter } from "../core/rate-limit.js";
import { resolveButton, UserState, type Profile } from "./state.js";
import { Answers } from "./answering.js";
import { TopicsBrowse } from "./topics-browse.js";
import { loadAreas } from "../knowledge/areas.js";
import { EventCommands } from "./meetings.js";
import { Handover } from "./handover.js";
import { Onboarding } from "./onboarding.js";
import { PrivacyCommands } from "./privacy.js";
import type { PersonalData } from "../privacy/personal-data.js";
import { volunteerData } from "./volunteer-data.js";
import { ResumeCodes } from "./resume-codes.js";
import { TicketThread, type Resumed } from "./ticket-thread.js";
import { reply, type Turn } from "./turn.js";
import { vote } from "./feedback.js";

export const COMMANDS = ["start", "help", "topics", "language", "region", "events", "subscribe", "unsubscribe", "contact", "privacy", "my_data", "delete_me"] as const;

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
 * The conversation logic, the same on every platform: takes one message at a time (under the
 * user's lock, with their state) and hands it to the part that deals with it: commands,
 * onboarding, answers by search + triage, the hand-over to the contact person, and the ticket.
 */
export class Assistant {
  private readonly state: UserState;
  private readonly limiter: RateLimiter;
  private readonly onboarding: Onboarding;
  private readonly answers: Answers;
  private readonly privacy: PrivacyCommands;
  /** What is held about a volunteer (`/my_data`, `/delete_me`); adapters add the records they keep themselves. */
  readonly personalData: PersonalData;
  private readonly events: EventCommands;
  private readonly handover: Handover;
  private readonly thread: TicketThread;
  private readonly browse: TopicsBrowse;

  constructor(private readonly deps: AssistantDeps) {
    this.state = new UserState(deps.store, deps.config.CONVERSATION_TTL_DAYS * 24 * 3600 * 1000, deps.clock);
    this.limiter = new RateLimiter(deps.store, deps.clock, deps.config.RATE_LIMIT_PER_MINUTE);
    const { kb, routing, tickets, t, clock, store, logger, calendar, config } = deps;
    this.onboarding = new Onboarding({ routing, t, clock, state: this.state });
    this.answers = new Answers({ kb, routing, t, clock, publicUrl: config.PUBLIC_URL });
    // The areas are read once, with the knowledge base; a broken areas.yaml only loses their titles.
    this.browse = new TopicsBrowse({ kb, t, areas: loadAreas(kb.dir) });
    this.personalData = volunteerData({ store, tickets, clock, t, calendar, conversationTtlDays: config.CONVERSATION_TTL_DAYS });
    this.privacy = new PrivacyCommands({ personalData: this.personalData, t, logger, config });
    this.events = new EventCommands({ routing, t, store, calendar, publicUrl: config.PUBLIC_URL });
    const codes = new ResumeCodes(deps.store, clock, deps.config.TICKET_RETENTION_DAYS * 86_400_000);
    this.handover = new Handover({ routing, tickets, t, clock, codes, reachable: deps.reachable });
    this.thread = new TicketThread({ routing, tickets, t, clock, state: this.state, codes, defaultLanguage: deps.config.DEFAULT_LANGUAGE });
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
      case "command":
        // "Edit" applies to the very next text message: another step leaves the preview behind.
        turn.conversation.handoverEdit = undefined;
        return this.command(incoming.command.toLowerCase(), incoming.args, turn);
      case "button":
        return this.button(incoming.buttonId, turn, incoming.messageRef);
      case "text":
        return this.text(incoming.text, turn);
    }
  }

  // ---- commands -------------------------------------------------------------------------

  private async command(command: string, args: string, turn: Turn): Promise<Reply[]> {
    switch (command) {
      case "start":
        turn.conversation.onboarding = true;
        return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "start.welcome")), this.onboarding.languageQuestion(turn)];
      case "help":
        return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "help.text"))];
      case "language": {
        const wanted = args.trim().toLowerCase();
        return wanted ? this.onboarding.setLanguage(wanted, turn) : [this.onboarding.languageQuestion(turn)];
      }
      case "region": {
        const wanted = this.onboarding.findRegion(args);
        return wanted ? this.onboarding.setRegion(wanted, turn) : [this.onboarding.landQuestion(turn)];
      }
      case "privacy":
        return [this.privacy.notice(turn.lang)];
      case "my_data":
        return [await this.privacy.myData(turn)];
      case "delete_me":
        return [this.privacy.deleteMe(turn)];
      case "events":
        return [await this.events.list(turn, args)];
      case "subscribe":
      case "unsubscribe":
        return [await this.events.subscribe(turn, command === "subscribe", args)];
      case "topics":
        return [this.browse.areas(turn)];
      case "contact":
        return this.handover.offer(turn, args.trim() || turn.conversation.lastQuestion || "", null, "human");
      default:
        return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.unknownCommand", { command: `/${command.slice(0, 32)}` }), undefined, "error")];
    }
  }

  // ---- buttons --------------------------------------------------------------------------

  private async button(buttonId: string, turn: Turn, messageRef?: string): Promise<Reply[]> {
    // Ids resolve only against the presser's own state, in the chat they were shown in: a forged
    // id finds nothing, and a press under someone else's message acts for nobody.
    const resolved = resolveButton(turn.conversation, buttonId, turn.address);
    if ("refused" in resolved) return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, resolved.refused === "foreign" ? "errors.notYourButton" : "errors.buttonExpired"), undefined, "error")];
    const { action } = resolved;
    // As for a command (an expired button, pressed by mistake, leaves the edit be).
    turn.conversation.handoverEdit = undefined;
    switch (action.do) {
      case "lang":
        return this.onboarding.setLanguage(action.lang, turn);
      case "land":
        return this.onboarding.setLand(action.land, turn);
      case "region":
        return this.onboarding.setRegion(action.region, turn);
      case "more":
      case "topic":
        return [await this.answers.press(action, turn, messageRef)];
      case "areas":
      case "area":
        return [this.browse.press(action, turn, messageRef) ?? reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
      case "feedback":
        return vote(this.deps, action, turn);
      case "handover":
      case "handoverEdit":
      case "handoverCancel":
      case "handoverSpecial":
        return this.handover.press(action, turn);
      case "none":
        return [this.answers.fallback(turn, action.question, [])];
      case "followup":
        return this.thread.startFollowUp(action.ticket, turn);
      case "resolve":
        return this.thread.resolve(action.ticket, turn);
      case "events":
        return [await this.events.listing(turn, { all: action.all, ...(action.type ? { type: action.type } : {}) }, messageRef)];
      case "remind":
        return [await this.events.remind(action.event, turn)];
      case "erase":
        return this.privacy.erase(turn);
      case "keep":
        return [this.privacy.keep(buttonId, turn)];
    }
  }

  // ---- questions ------------------------------------------------------------------------

  private async text(raw: string, turn: Turn): Promise<Reply[]> {
    const text = (raw ?? "").trim();
    if (!text) return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.empty"), undefined, "error")];
    if (text.length > this.deps.config.MAX_MESSAGE_LENGTH) {
      return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.tooLong", { max: this.deps.config.MAX_MESSAGE_LENGTH, length: text.length }), undefined, "error")];
    }
    if (!/[\p{L}\p{N}]/u.test(text)) {
      return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.noWords"), undefined, "error")];
    }
    if (this.handover.editing(turn)) return this.handover.edited(text, turn);
    if (turn.conversation.followUp) {
      const sent = await this.thread.sendFollowUp(turn.conversation.followUp, text, turn);
      if (sent) return sent;
    }
    const decision = this.deps.triage.decide(text);
    this.deps.logger.info({ action: decision.action, topic: decision.topic, reason: decision.reason, score: round(decision.score) }, "question triaged");
    turn.lang = answerLanguage(text, turn.lang, isUiLanguage(turn.profile?.lang));
    // A bare request for a person ("Ich möchte mit jemandem sprechen") is about the question before it;
    // one that also describes the case is handed over itself.
    // Kept for the conversation's time (a later "ask my contact person" hands it over): in its redacted
    // form only, special categories generalised; the volunteer can edit the preview to add what matters.
    if (!this.isBareRequest(decision, text) || !turn.conversation.lastQuestion) turn.conversation.lastQuestion = redact(text).text;
    if (decision.topic) turn.conversation.lastTopic = decision.topic;
    return this.act(decision, text, turn);
  }

  /** A request for a person without a case of its own: no topic found, and only a few words. */
  private isBareRequest(decision: Decision, text: string): boolean {
    return decision.reason === "person" && decision.topic === null && (text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < BARE_REQUEST_WORDS;
  }

  private async act(decision: Decision, text: string, turn: Turn): Promise<Reply[]> {
    switch (decision.action) {
      case "emergency":
        return [this.answers.emergencyNumbers(turn.lang), ...(decision.topic ? [await this.answers.answer(decision.topic, turn, "emergency")] : [])];
      case "answer":
        return [await this.answers.answer(decision.topic!, turn, "answer")];
      case "clarify":
        return [this.answers.clarify(decision, text, turn)];
      case "fallback":
        return [this.answers.fallback(turn, text, decision.alternatives)];
      case "escalate": {
        const question = this.isBareRequest(decision, text) ? (turn.conversation.lastQuestion ?? text) : text;
        const replies: Reply[] = [];
        // The general information first where a topic is clear (an urgent topic, an individual case or a request
        // for a person about a known topic): the volunteer has it at once, and a question read as a case by
        // mistake still gets its answer.
        if ((decision.reason === "urgent-topic" || ((decision.reason === "individual" || decision.reason === "person") && decision.confident)) && decision.topic) {
          replies.push(await this.answers.answer(decision.topic, turn, "escalate", false));
        }
        const priority = decision.reason === "urgent-topic" || this.deps.kb.topics.get(decision.topic ?? "")?.handling === "urgent" ? "urgent" : "normal";
        const kind = decision.reason === "person" ? "human" : decision.reason === "individual" ? "individual" : "urgent";
        replies.push(...(await this.handover.offer(turn, question, decision.topic, kind, priority)));
        return replies;
      }
    }
  }
}

/** Fewer words than this, and no topic: a request for a person with no case of its own. */
const BARE_REQUEST_WORDS = 10;

/**
 * The language of this answer: the profile's (or the platform's) language, unless the question is
 * clearly written in another one. Without a chosen language, the question's language whenever it
 * can be told. With German or English chosen, a confidently detected question in the other of the
 * two switches this answer (both have complete entries); other chosen languages stay, since their
 * speakers often type German or English terms into their own questions.
 */
function answerLanguage(text: string, current: UiLanguage, chosen: boolean): UiLanguage {
  if (!chosen) return detectLanguage(text, current);
  if (current !== "de" && current !== "en") return current;
  const detected = detectLanguageConfidently(text);
  return detected === "de" || detected === "en" ? detected : current;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
