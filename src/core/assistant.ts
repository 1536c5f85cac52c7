import type { Config } from "../config.js";
import type { Routing } from "../escalation/routing.js";
import { TicketError, type Ticket, type Tickets } from "../escalation/tickets.js";
import { redact } from "../escalation/redact.js";
import { detectLanguage, detectLanguageConfidently, isUiLanguage, UI_LANGUAGES, type UiLanguage } from "../i18n/detect.js";
import type { Translate } from "../i18n/i18n.js";
import type { Logger } from "../logger.js";
import type { Triage, Decision } from "../knowledge/triage.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Store } from "../store/store.js";
import { EVENT_TYPES, type Calendar } from "../events/calendar.js";
import { meetingBlocks, setSubscription } from "../events/reminders.js";
import type { Clock } from "./clock.js";
import {
  contactBlocks,
  disclaimerBlock,
  entryBlocks,
  localeBlocks,
  localeSpans,
  operatorName,
  pickEntry,
  regionLabel,
  topicTitle,
} from "./compose.js";
import { markdownToBlocks } from "./richtext.js";
import { addressKey, type Action, type Address, type Block, type Button, type Incoming, type Reply } from "./message.js";
import { eraseUserData, exportUserData } from "./personal-data.js";
import { RateLimiter } from "./rate-limit.js";
import { randomBytes } from "node:crypto";
import { registerButton, resolveButton, UserState, type ButtonAction, type Conversation, type Profile } from "./state.js";

export const COMMANDS = ["start", "help", "language", "region", "events", "subscribe", "unsubscribe", "contact", "privacy", "my_data", "delete_me"] as const;

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
  config: Pick<Config, "DEFAULT_LANGUAGE" | "MAX_MESSAGE_LENGTH" | "RATE_LIMIT_PER_MINUTE" | "CONVERSATION_TTL_DAYS" | "TICKET_RETENTION_DAYS" | "OPERATOR_NAME" | "OPERATOR_CONTACT" | "PRIVACY_AUTHORITY">;
}

interface Turn {
  address: Address;
  profile: Profile | undefined;
  lang: UiLanguage;
  conversation: Conversation;
  /** Set when the user's data was erased in this turn: nothing may be written back. */
  erased?: boolean;
}

/** Topics whose answer is completed with live data of the user's region. */
const CONTACT_TOPIC = "ansprechperson-hauptamt";

/**
 * The conversation logic, the same on every platform: commands, onboarding,
 * answering with search + triage, and the hand-over to the contact person.
 */
export class Assistant {
  private readonly state: UserState;
  private readonly limiter: RateLimiter;

  constructor(private readonly deps: AssistantDeps) {
    this.state = new UserState(deps.store, deps.config.CONVERSATION_TTL_DAYS * 24 * 3600 * 1000);
    this.limiter = new RateLimiter(deps.store, deps.clock, deps.config.RATE_LIMIT_PER_MINUTE);
  }

  /** Handles one incoming message and returns the replies, in order. Never throws for bad input. */
  async handle(incoming: Incoming): Promise<Reply[]> {
    return this.state.withUser(incoming.address, async () => {
      const verdict = await this.limiter.hit(addressKey(incoming.address));
      if (verdict === "drop") return [];
      const profile = await this.state.profile(incoming.address);
      if (verdict === "warn") {
        const lang = this.uiLanguage(profile, incoming);
        return [this.reply(lang, localeBlocks(this.deps.t, lang, "errors.rateLimited", { perMinute: this.deps.config.RATE_LIMIT_PER_MINUTE }), undefined, "error")];
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

  private async dispatch(incoming: Incoming, turn: Turn): Promise<Reply[]> {
    switch (incoming.kind) {
      case "command":
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
        return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "start.welcome")), this.languageQuestion(turn)];
      case "help":
        return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "help.text"))];
      case "language": {
        const wanted = args.trim().toLowerCase();
        return wanted ? this.setLanguage(wanted, turn) : [this.languageQuestion(turn)];
      }
      case "region": {
        const wanted = this.findRegion(args);
        if (wanted) return this.setRegion(wanted, turn);
        return [this.landQuestion(turn)];
      }
      case "privacy":
        return [this.privacy(turn.lang)];
      case "my_data":
        return [await this.myData(turn)];
      case "delete_me":
        // Erasure is asked for and confirmed only where nobody else reads along.
        if (this.isShared(turn)) return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.privateOnly"), undefined, "private")];
        return [this.confirmErasure(turn)];
      case "events":
        return [await this.events(turn, args)];
      case "subscribe":
      case "unsubscribe":
        return [await this.subscribe(turn, command === "subscribe", args)];
      case "contact":
        return this.offerHandover(turn, args.trim() || turn.conversation.lastQuestion || "", null, "human");
      default:
        return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.unknownCommand", { command: `/${command.slice(0, 32)}` }), undefined, "error")];
    }
  }

  private languageQuestion(turn: Turn): Reply {
    const buttons = UI_LANGUAGES.map((lang) => ({
      id: registerButton(turn.conversation, { do: "lang", lang }),
      label: this.deps.t(lang, "language.self"),
    }));
    return this.reply(turn.lang, [{ type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.chooseLanguage") }], rows(buttons, 2), "onboarding");
  }

  private landQuestion(turn: Turn): Reply {
    const buttons = this.deps.routing.lands.map((land) => ({
      id: registerButton(turn.conversation, { do: "land", land: land.id }),
      label: land.name,
    }));
    return this.reply(turn.lang, [{ type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.chooseLand") }], rows(buttons, 2), "onboarding");
  }

  /** The user's region and its Land: meetings of either concern them. */
  private regionsOf(turn: Turn): string[] {
    const route = this.deps.routing.route(turn.profile?.region);
    return [turn.profile?.region, route.land?.id].filter((r): r is string => Boolean(r));
  }

  /** `/events [type]`: the next meetings of the user's region. */
  private async events(turn: Turn, args: string): Promise<Reply> {
    const type = args.trim().toLowerCase();
    const types = (EVENT_TYPES as readonly string[]).includes(type) ? [type] : [];
    const regions = this.regionsOf(turn);
    const next = await this.deps.calendar.upcoming(5, { regions, types });
    if (!next.length) return this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "events.none"), undefined, "events");
    const blocks = meetingBlocks(this.deps.t, turn.lang, next, "events.heading");
    if (!regions.length) blocks.push({ type: "note", spans: localeSpans(this.deps.t, turn.lang, "events.setRegion") });
    return this.reply(turn.lang, blocks, undefined, "events");
  }

  /** `/subscribe [type]` personal reminders for the user's region; `/unsubscribe` stops them. */
  private async subscribe(turn: Turn, on: boolean, args: string): Promise<Reply> {
    if (!on) {
      await setSubscription(this.deps.store, { address: turn.address, remove: true });
      return this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "events.unsubscribed"), undefined, "events");
    }
    const type = args.trim().toLowerCase();
    const types = (EVENT_TYPES as readonly string[]).includes(type) ? [type] : [];
    const regions = this.regionsOf(turn);
    await setSubscription(this.deps.store, { address: turn.address, lang: turn.lang, regions, types });
    return this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, regions.length ? "events.subscribed" : "events.subscribedAll"), undefined, "events");
  }

  /** `/region Neukölln` or `/region berlin-neukoelln`: a region by id or name; undefined when none fits. */
  private findRegion(args: string): string | undefined {
    const wanted = args.trim().toLowerCase();
    if (!wanted) return undefined;
    for (const land of this.deps.routing.lands) {
      if (land.id === wanted || land.name.toLowerCase() === wanted) return land.id;
      const region = land.regions.find((r) => r.id === wanted || r.name.toLowerCase() === wanted);
      if (region) return region.id;
    }
    return undefined;
  }

  private privacy(lang: string): Reply {
    const c = this.deps.config;
    return this.reply(
      lang,
      localeBlocks(this.deps.t, lang, "privacy.text", {
        operator: operatorName(c.OPERATOR_NAME),
        contact: c.OPERATOR_CONTACT,
        authority: c.PRIVACY_AUTHORITY,
        conversationDays: c.CONVERSATION_TTL_DAYS,
        ticketDays: c.TICKET_RETENTION_DAYS,
      }),
    );
  }

  /** `/my_data`: everything Lotse holds about the user, as a JSON file (Art. 15 DSGVO). */
  private async myData(turn: Turn): Promise<Reply> {
    // The conversation as it will be saved at the end of this turn, not as it was before.
    const data = await exportUserData(this.deps.store, this.deps.tickets, turn.address, this.deps.clock, turn.conversation, this.deps.config.CONVERSATION_TTL_DAYS);
    const reply = this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.export"), undefined, "private");
    reply.attachment = { name: `lotse-${turn.address.platform}-data.json`, mime: "application/json", content: JSON.stringify(data, null, 2) };
    return reply;
  }

  /** `/delete_me` asks first: erasure cannot be undone. */
  private confirmErasure(turn: Turn): Reply {
    const buttons: Button[][] = [
      [{ id: registerButton(turn.conversation, { do: "erase" }), label: this.deps.t(turn.lang, "privacy.deleteYes"), style: "danger" }],
      [{ id: registerButton(turn.conversation, { do: "keep" }), label: this.deps.t(turn.lang, "privacy.deleteNo") }],
    ];
    return this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.deleteConfirm"), buttons, "private");
  }

  private async erase(turn: Turn): Promise<Reply[]> {
    const result = await eraseUserData(this.deps.store, this.deps.tickets, turn.address);
    turn.erased = true;
    this.deps.logger.info({ platform: turn.address.platform, tickets: result.tickets, subscriptions: result.subscriptions, queued: result.queued }, "user data erased");
    return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.deleted", { tickets: result.tickets }), undefined, "private")];
  }

  // ---- buttons --------------------------------------------------------------------------

  private async button(buttonId: string, turn: Turn, messageRef?: string): Promise<Reply[]> {
    // Ids resolve only against the presser's own state, in the chat they were shown in: a forged
    // id finds nothing, and a press under someone else's message acts for nobody.
    const resolved = resolveButton(turn.conversation, buttonId, turn.address);
    if ("refused" in resolved) return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, resolved.refused === "foreign" ? "errors.notYourButton" : "errors.buttonExpired"), undefined, "error")];
    const { action } = resolved;
    switch (action.do) {
      case "lang":
        return this.setLanguage(action.lang, turn);
      case "land":
        return this.setLand(action.land, turn);
      case "region":
        return this.setRegion(action.region, turn);
      case "topic": {
        // A choice among candidates (clarify) replaces the question in place.
        const answer = await this.answer(action.topic, turn, "answer");
        if (action.replace && messageRef) answer.replaces = messageRef;
        return [answer];
      }
      case "feedback":
        return this.feedback(action, turn);
      case "handover":
        if (!action.confirmed) return this.offerHandover(turn, action.question, action.topic, "human", action.priority);
        return this.createTicket(action.question, action.topic, action.priority, turn);
      case "none":
        return [this.fallback(turn, action.question, [])];
      case "followup":
        return this.startFollowUp(action.ticket, turn);
      case "resolve":
        return this.resolveTicket(action.ticket, turn);
      case "erase":
        if (this.isShared(turn)) return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.privateOnly"), undefined, "private")];
        return this.erase(turn);
      case "keep":
        delete turn.conversation.buttons[buttonId];
        return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.kept"), undefined, "private")];
    }
  }

  /** Only the volunteer who opened a ticket can write to it or close it. */
  private async ownTicket(id: string, turn: Turn): Promise<Ticket | undefined> {
    const ticket = await this.deps.tickets.get(id);
    const origin = ticket?.origin;
    return origin && origin.platform === turn.address.platform && origin.userId === turn.address.userId ? ticket : undefined;
  }

  private async startFollowUp(id: string, turn: Turn): Promise<Reply[]> {
    const ticket = await this.ownTicket(id, turn);
    if (!ticket || ticket.status === "resolved" || ticket.status === "referred") {
      return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
    }
    turn.conversation.followUp = id;
    return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "handover.followUpPrompt", { ticket: id }))];
  }

  private async resolveTicket(id: string, turn: Turn): Promise<Reply[]> {
    const ticket = await this.ownTicket(id, turn);
    if (!ticket) return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
    try {
      await this.deps.tickets.transition(id, "resolved", "volunteer");
    } catch (error) {
      if (!(error instanceof TicketError)) throw error;
    }
    return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "handover.resolved", { ticket: id }), undefined, "feedback")];
  }

  /** Sends a follow-up (redacted) to the ticket's coordinators and says what was sent. */
  private async sendFollowUp(id: string, text: string, turn: Turn): Promise<Reply[]> {
    turn.conversation.followUp = undefined;
    const ticket = await this.ownTicket(id, turn);
    if (!ticket) return this.text(text, turn);
    const redacted = redact(text).text;
    try {
      await this.deps.tickets.followUp(id, redacted);
    } catch (error) {
      if (!(error instanceof TicketError)) throw error;
      return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
    }
    const blocks = localeBlocks(this.deps.t, turn.lang, "handover.followUpSent", { ticket: id });
    blocks.push({ type: "note", spans: [{ text: redacted }] });
    return [this.reply(turn.lang, blocks, undefined, "escalate")];
  }

  /**
   * A coordinator's answer to a ticket, for the volunteer who opened it: shown with the contact's
   * role, with buttons to ask back or to close. Called outside a conversation turn.
   */
  async answerFromCoordinator(ticket: Ticket, text: string, files = 0): Promise<Reply> {
    return this.state.withUser(ticket.origin, async () => {
      const conversation = await this.state.conversation(ticket.origin);
      const profile = await this.state.profile(ticket.origin);
      const lang = isUiLanguage(profile?.lang) ? profile.lang : isUiLanguage(ticket.lang) ? ticket.lang : this.deps.config.DEFAULT_LANGUAGE;
      const role = this.deps.routing.route(ticket.region).contact.role;
      // The coordinator's text is the neutral Markdown subset (adapters decode their platform's markup into it).
      const blocks: Block[] = [{ type: "paragraph", spans: localeSpans(this.deps.t, lang, "handover.answerFrom", { role, ticket: ticket.id }) }, ...markdownToBlocks(text)];
      if (files) {
        // Files stay on the coordinators' side: where to ask for them instead.
        blocks.push({ type: "note", spans: localeSpans(this.deps.t, lang, "handover.fileAttached", { role, count: files }) });
        blocks.push(...contactBlocks(this.deps.t, lang, this.deps.routing.route(ticket.region).contact, this.deps.clock.now()));
      }
      const buttons: Button[][] = [
        [
          { id: registerButton(conversation, { do: "followup", ticket: ticket.id }), label: this.deps.t(lang, "buttons.followUp") },
          { id: registerButton(conversation, { do: "resolve", ticket: ticket.id }), label: this.deps.t(lang, "buttons.resolve") },
        ],
      ];
      await this.state.saveConversation(ticket.origin, conversation);
      return { lang, blocks, buttons, meta: { kind: "coordinator-answer", ticketId: ticket.id } };
    });
  }

  private async setLanguage(lang: string, turn: Turn): Promise<Reply[]> {
    if (!isUiLanguage(lang)) return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
    turn.profile = await this.state.saveProfile(turn.address, { lang }, this.deps.clock.now());
    turn.lang = lang;
    const done = this.reply(lang, localeBlocks(this.deps.t, lang, "start.languageSet"));
    if (turn.conversation.onboarding) return [done, this.landQuestion(turn)];
    return [done];
  }

  private setLand(landId: string, turn: Turn): Promise<Reply[]> {
    const land = this.deps.routing.land(landId);
    if (!land) return Promise.resolve([this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")]);
    if (land.regions.length === 0) return this.setRegion(land.id, turn);
    const buttons: Button[] = land.regions.map((r) => ({ id: registerButton(turn.conversation, { do: "region", region: r.id }), label: r.name }));
    buttons.push({ id: registerButton(turn.conversation, { do: "region", region: land.id }), label: this.deps.t(turn.lang, "start.wholeLand", { land: land.name }) });
    const question = this.reply(turn.lang, [{ type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.chooseRegion", { land: land.name }) }], rows(buttons, 2), "onboarding");
    return Promise.resolve([question]);
  }

  private async setRegion(regionId: string, turn: Turn): Promise<Reply[]> {
    const route = this.deps.routing.route(regionId);
    if (!route.land) return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.buttonExpired"), undefined, "error")];
    turn.profile = await this.state.saveProfile(turn.address, { region: regionId }, this.deps.clock.now());
    const label = regionLabel(this.deps.routing, regionId) ?? route.land.name;
    const blocks: Block[] = [
      { type: "paragraph", spans: localeSpans(this.deps.t, turn.lang, "start.regionSet", { region: label }) },
      ...contactBlocks(this.deps.t, turn.lang, route.contact, this.deps.clock.now()),
    ];
    if (turn.conversation.onboarding) {
      turn.conversation.onboarding = false;
      blocks.push(...localeBlocks(this.deps.t, turn.lang, "start.done"));
    }
    return [this.reply(turn.lang, blocks, undefined, "onboarding")];
  }

  private async feedback(action: Extract<ButtonAction, { do: "feedback" }>, turn: Turn): Promise<Reply[]> {
    // One vote per answer: pressing removes both feedback buttons of that answer.
    for (const [id, other] of Object.entries(turn.conversation.buttons)) {
      if (other.do === "feedback" && other.group === action.group) delete turn.conversation.buttons[id];
    }
    await this.deps.store.withLock(`feedback:${action.topic}`, async () => {
      const space = this.deps.store.ns<{ up: number; down: number }>("feedback");
      const counts = (await space.get(action.topic)) ?? { up: 0, down: 0 };
      counts[action.value] += 1;
      await space.set(action.topic, counts);
    });
    const key = action.value === "up" ? "feedback.thanks" : "feedback.sorry";
    const buttons =
      action.value === "down"
        ? [[{ id: registerButton(turn.conversation, { do: "handover", topic: action.topic, question: turn.conversation.lastQuestion ?? "", priority: "normal" }), label: this.deps.t(turn.lang, "buttons.askContact") }]]
        : undefined;
    return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, key), buttons, "feedback")];
  }

  // ---- questions ------------------------------------------------------------------------

  private async text(raw: string, turn: Turn): Promise<Reply[]> {
    const text = (raw ?? "").trim();
    if (!text) return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.empty"), undefined, "error")];
    if (text.length > this.deps.config.MAX_MESSAGE_LENGTH) {
      return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.tooLong", { max: this.deps.config.MAX_MESSAGE_LENGTH, length: text.length }), undefined, "error")];
    }
    if (!/[\p{L}\p{N}]/u.test(text)) {
      return [this.reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "errors.noWords"), undefined, "error")];
    }
    if (turn.conversation.followUp) return this.sendFollowUp(turn.conversation.followUp, text, turn);
    const decision = this.deps.triage.decide(text);
    this.deps.logger.info({ action: decision.action, topic: decision.topic, reason: decision.reason, score: round(decision.score) }, "question triaged");
    turn.lang = answerLanguage(text, turn.lang, isUiLanguage(turn.profile?.lang));
    // A bare request for a person ("Ich möchte mit jemandem sprechen") is about the question before it;
    // one that also describes the case is handed over itself.
    if (!this.isBareRequest(decision, text) || !turn.conversation.lastQuestion) turn.conversation.lastQuestion = text;
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
        return [this.emergencyNumbers(turn.lang), ...(decision.topic ? [await this.answer(decision.topic, turn, "emergency")] : [])];
      case "answer":
        return [await this.answer(decision.topic!, turn, "answer")];
      case "clarify":
        return [this.clarify(decision, text, turn)];
      case "fallback":
        return [this.fallback(turn, text, decision.alternatives)];
      case "escalate": {
        const question = this.isBareRequest(decision, text) ? (turn.conversation.lastQuestion ?? text) : text;
        const replies: Reply[] = [];
        // The general information first where a topic is clear (an urgent topic, an individual case or a request
        // for a person about a known topic): the volunteer has it at once, and a question read as a case by
        // mistake still gets its answer.
        if ((decision.reason === "urgent-topic" || ((decision.reason === "individual" || decision.reason === "person") && decision.confident)) && decision.topic) {
          replies.push(await this.answer(decision.topic, turn, "escalate", false));
        }
        const priority = decision.reason === "urgent-topic" || this.deps.kb.topics.get(decision.topic ?? "")?.handling === "urgent" ? "urgent" : "normal";
        const kind = decision.reason === "person" ? "human" : decision.reason === "individual" ? "individual" : "urgent";
        replies.push(...(await this.offerHandover(turn, question, decision.topic, kind, priority)));
        return replies;
      }
    }
  }

  /** Numbers first, in the user's language, before anything else. */
  private emergencyNumbers(lang: string): Reply {
    return this.reply(lang, localeBlocks(this.deps.t, lang, "emergency.numbers"), undefined, "emergency");
  }

  private async answer(topicId: string, turn: Turn, action: Action, withHandover = true): Promise<Reply> {
    const { kb, t, routing, clock } = this.deps;
    const topic = kb.topics.get(topicId);
    const entry = topic && pickEntry(topic, turn.lang);
    if (!topic || !entry) return this.fallback(turn, turn.conversation.lastQuestion ?? "", []);
    turn.conversation.lastTopic = topicId;
    const route = routing.route(turn.profile?.region);
    const blocks = entryBlocks(t, entry, turn.lang, route.land?.id, route.land?.name);
    if (topicId === CONTACT_TOPIC) {
      blocks.push({ type: "paragraph", spans: localeSpans(t, turn.lang, route.land ? "contact.yours" : "contact.noRegion", { region: regionLabel(routing, turn.profile?.region) ?? "" }) });
      if (route.land) blocks.push(...contactBlocks(t, turn.lang, route.contact, clock.now()));
    }
    if (topic.handling === "refer" || topic.handling === "urgent") blocks.push({ type: "note", spans: localeSpans(t, turn.lang, `answer.${topic.handling}Note`) });
    blocks.push(disclaimerBlock(t, turn.lang, entry.reviewed));

    const group = randomBytes(4).toString("base64url");
    const question = turn.conversation.lastQuestion ?? entry.title;
    const buttons: Button[][] = [
      [
        { id: registerButton(turn.conversation, { do: "feedback", topic: topicId, value: "up", group }), label: t(turn.lang, "buttons.helpful") },
        { id: registerButton(turn.conversation, { do: "feedback", topic: topicId, value: "down", group }), label: t(turn.lang, "buttons.notHelpful") },
      ],
    ];
    if (withHandover) {
      const priority = topic.handling === "urgent" ? "urgent" : "normal";
      buttons.push([{ id: registerButton(turn.conversation, { do: "handover", topic: topicId, question, priority }), label: t(turn.lang, "buttons.askContact"), style: topic.handling === "refer" ? "primary" : undefined } as Button]);
    }
    const related = topic.related.filter((id) => kb.topics.has(id)).slice(0, 3);
    if (related.length) {
      buttons.push(related.map((id) => ({ id: registerButton(turn.conversation, { do: "topic", topic: id }), label: `→ ${topicTitle(kb, id, turn.lang)}` })));
    }
    return { lang: entry.lang === turn.lang ? turn.lang : entry.lang, blocks, links: entry.sources.map((s) => ({ title: s.title, url: s.url })), buttons, meta: { action, topic: topicId } };
  }

  private clarify(decision: Decision, text: string, turn: Turn): Reply {
    const { kb, t } = this.deps;
    const candidates = [decision.topic!, ...decision.alternatives].filter((id, i, all) => kb.topics.has(id) && all.indexOf(id) === i).slice(0, 3);
    const buttons: Button[] = candidates.map((id) => ({ id: registerButton(turn.conversation, { do: "topic", topic: id, replace: true }), label: topicTitle(kb, id, turn.lang) }));
    buttons.push({ id: registerButton(turn.conversation, { do: "none", question: text }), label: t(turn.lang, "clarify.none") });
    return this.reply(turn.lang, [{ type: "paragraph", spans: localeSpans(t, turn.lang, "clarify.question") }], rows(buttons, 1), "clarify", decision.topic);
  }

  /** No answer: rephrase, pick one of at most two near topics (when the search found any), or ask a person. */
  private fallback(turn: Turn, question: string, suggestions: string[]): Reply {
    const { t, kb } = this.deps;
    const near = suggestions.filter((id) => kb.topics.has(id)).slice(0, 2);
    const buttons: Button[][] = near.map((id) => [{ id: registerButton(turn.conversation, { do: "topic", topic: id }), label: `→ ${topicTitle(kb, id, turn.lang)}` }]);
    buttons.push([{ id: registerButton(turn.conversation, { do: "handover", topic: null, question, priority: "normal" }), label: t(turn.lang, "buttons.askContact") }]);
    const blocks = [...localeBlocks(t, turn.lang, "fallback.text"), ...(near.length ? localeBlocks(t, turn.lang, "fallback.maybe") : [])];
    return this.reply(turn.lang, blocks, buttons, "fallback", null);
  }

  /**
   * A chat shared with others (a group, a server channel): chat and user differ. Case details and a
   * coordinator's answer must not land there, so hand-overs happen in a private chat only.
   */
  private isShared(turn: Turn): boolean {
    return turn.address.chatId !== turn.address.userId;
  }

  /** Explains why a person should look at this and offers the hand-over; nothing leaves before the volunteer agrees. */
  private async offerHandover(turn: Turn, question: string, topic: string | null, kind: "human" | "individual" | "urgent", priority: "normal" | "urgent" = "normal"): Promise<Reply[]> {
    const { t, routing } = this.deps;
    if (this.isShared(turn)) return [this.reply(turn.lang, localeBlocks(t, turn.lang, "handover.privateOnly"), undefined, "escalate", topic)];
    const route = routing.route(turn.profile?.region);
    const blocks: Block[] = localeBlocks(t, turn.lang, `handover.offer.${kind}`);
    // Personal data is removed before anything leaves the chat; the volunteer sees exactly what would be sent.
    question = redact(question).text;
    if (question) {
      blocks.push({ type: "paragraph", spans: [{ text: t(turn.lang, "handover.willSend"), bold: true }] });
      // Cut at 600 characters, but not between the two halves of an emoji (half of one is not valid text on any platform).
      blocks.push({ type: "note", spans: [{ text: question.length > 600 ? `${question.slice(0, 600).replace(/[\ud800-\udbff]$/, "")} …` : question }] });
      blocks.push({ type: "note", spans: localeSpans(t, turn.lang, "handover.privacyHint") });
    }
    if (!route.land) blocks.push({ type: "note", spans: localeSpans(t, turn.lang, "handover.regionUnknown") });
    const buttons: Button[][] = [[{ id: registerButton(turn.conversation, { do: "handover", topic, question, priority, confirmed: true }), label: t(turn.lang, "buttons.sendToContact"), style: "primary" }]];
    if (!route.land) buttons.push([{ id: registerButton(turn.conversation, { do: "land", land: routing.lands[0]?.id ?? "" }), label: t(turn.lang, "buttons.setRegion") }]);
    return [this.reply(turn.lang, blocks, buttons, "escalate", topic)];
  }

  private async createTicket(question: string, topic: string | null, priority: "normal" | "urgent", turn: Turn): Promise<Reply[]> {
    const { t, routing, clock, tickets } = this.deps;
    if (this.isShared(turn)) return [this.reply(turn.lang, localeBlocks(t, turn.lang, "handover.privateOnly"), undefined, "escalate", topic)];
    // Pressing twice must not open two tickets for the same question.
    for (const [id, action] of Object.entries(turn.conversation.buttons)) {
      if (action.do === "handover" && action.question === question) delete turn.conversation.buttons[id];
    }
    const route = routing.route(turn.profile?.region);
    const ticket = await tickets.create({ question: redact(question).text, topic, region: turn.profile?.region ?? null, lang: turn.lang, origin: turn.address, priority });
    const blocks: Block[] = [
      ...localeBlocks(t, turn.lang, "handover.created", { ticket: ticket.id }),
      ...contactBlocks(t, turn.lang, route.contact, clock.now()),
    ];
    const reply = this.reply(turn.lang, blocks, undefined, "escalate", topic);
    reply.meta = { ...reply.meta, ticketId: ticket.id };
    return [reply];
  }

  private reply(lang: string, blocks: Block[], buttons?: Button[][], kind?: string, topic?: string | null): Reply {
    const reply: Reply = { lang, blocks };
    if (buttons?.length) reply.buttons = buttons;
    const action = kind === "escalate" || kind === "clarify" || kind === "fallback" || kind === "emergency" ? (kind as Action) : undefined;
    reply.meta = { kind, ...(action ? { action } : {}), ...(topic !== undefined ? { topic } : {}) };
    return reply;
  }
}

function rows<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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
