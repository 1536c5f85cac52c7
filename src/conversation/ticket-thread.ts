import type { Routing } from "../escalation/routing.js";
import { CLOSED, TicketError, type Ticket, type Tickets } from "../escalation/tickets.js";
import { redact } from "../privacy/redact.js";
import { isUiLanguage, type UiLanguage } from "../i18n/detect.js";
import type { Translate } from "../i18n/i18n.js";
import type { Clock } from "../core/clock.js";
import { contactBlocks, localeBlocks, localeSpans } from "./compose.js";
import { addressKey, type Address, type Block, type Button, type Reply } from "../core/message.js";
import { markdownToBlocks } from "../core/richtext.js";
import { resumeCodeReply, type ResumeCodes } from "./resume-codes.js";
import { registerButton, type Conversation, type Profile, type UserState } from "./state.js";
import { errorReply, reply, type Turn } from "./turn.js";
import type { Feature } from "./feature.js";

/**
 * The volunteer's side of a ticket once it exists: a coordinator's answers, follow-up questions,
 * closing it, and (in the web chat) taking it to another browser with a resume code.
 */

export interface TicketThreadDeps {
  routing: Routing;
  tickets: Pick<Tickets, "get" | "followUp" | "transition" | "rebindOrigin">;
  t: Translate;
  clock: Clock;
  state: UserState;
  codes: Pick<ResumeCodes, "issue" | "redeem">;
  defaultLanguage: UiLanguage;
}

export type Resumed = { replies: Reply[] } | { refused: "invalid" | "limited" };

export class TicketThread {
  constructor(private readonly deps: TicketThreadDeps) {}

  /** The "ask a follow-up question" button: the next text message goes to the ticket. */
  async startFollowUp(id: string, turn: Turn): Promise<Reply[]> {
    const ticket = await this.ownTicket(id, turn);
    if (!ticket || CLOSED.has(ticket.status)) return [this.expired(turn)];
    turn.conversation.followUp = id;
    turn.conversation.handoverEdit = undefined;
    return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "handover.followUpPrompt", { ticket: id }))];
  }

  async resolve(id: string, turn: Turn): Promise<Reply[]> {
    const ticket = await this.ownTicket(id, turn);
    if (!ticket) return [this.expired(turn)];
    try {
      await this.deps.tickets.transition(id, "resolved", "volunteer");
    } catch (error) {
      if (!(error instanceof TicketError)) throw error;
    }
    return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "handover.resolved", { ticket: id }), undefined, "feedback")];
  }

  /**
   * Sends a follow-up (redacted) to the ticket's coordinators and says what was sent. Undefined
   * when the ticket is no longer the volunteer's: the text is then an ordinary question.
   */
  async sendFollowUp(id: string, text: string, turn: Turn): Promise<Reply[] | undefined> {
    turn.conversation.followUp = undefined;
    if (!(await this.ownTicket(id, turn))) return undefined;
    const redacted = redact(text).text;
    try {
      await this.deps.tickets.followUp(id, redacted);
    } catch (error) {
      if (!(error instanceof TicketError)) throw error;
      return [this.expired(turn)];
    }
    const blocks = localeBlocks(this.deps.t, turn.lang, "handover.followUpSent", { ticket: id });
    blocks.push({ type: "note", spans: [{ text: redacted }] });
    return [reply(turn.lang, blocks, undefined, "escalate")];
  }

  /**
   * A coordinator's answer to a ticket, for the volunteer who opened it: shown with the contact's
   * role, with buttons to ask back or to close. Called outside a conversation turn.
   */
  async answerFromCoordinator(ticket: Ticket, text: string, files = 0): Promise<Reply> {
    const { state } = this.deps;
    return state.withUser(ticket.origin, async () => {
      const conversation = await state.conversation(ticket.origin);
      const lang = this.languageOf(await state.profile(ticket.origin), ticket);
      const answer: Reply = { lang, blocks: this.answerBlocks(ticket, lang, text, files), buttons: this.answerButtons(conversation, lang, ticket.id), meta: { kind: "coordinator-answer", ticketId: ticket.id } };
      await state.saveConversation(ticket.origin, conversation);
      return answer;
    });
  }

  /**
   * A web volunteer's resume code, entered in another browser session (`address`): the ticket's
   * answers go there from now on, the answers so far are shown again, and a fresh code replaces
   * the used one. Runs inside the caller's unit of work (the code is taken once).
   */
  async resume(address: Address, code: string): Promise<Resumed> {
    const { tickets, state, t, codes } = this.deps;
    const redeemed = await codes.redeem(code, addressKey(address));
    if ("refused" in redeemed) return redeemed;
    let ticket: Ticket;
    try {
      ticket = await tickets.rebindOrigin(redeemed.ticket, address);
    } catch (error) {
      // Gone (swept after its retention) or erased by its volunteer: the code leads nowhere.
      if (error instanceof TicketError) return { refused: "invalid" };
      throw error;
    }
    return state.withUser(address, async () => {
      const conversation = await state.conversation(address);
      const lang = this.languageOf(await state.profile(address), ticket);
      const answers = ticket.messages.filter((m) => m.from === "coordinator");
      const replies: Reply[] = [reply(lang, localeBlocks(t, lang, answers.length ? "handover.resumed" : "handover.resumedWaiting", { ticket: ticket.id }), undefined, "resumed")];
      for (const m of answers) replies.push({ lang, blocks: this.answerBlocks(ticket, lang, m.text, m.files ?? 0), meta: { kind: "coordinator-answer", ticketId: ticket.id } });
      // The buttons once, under the latest message: older ones would only repeat them.
      if (!CLOSED.has(ticket.status)) replies.at(-1)!.buttons = this.answerButtons(conversation, lang, ticket.id);
      await state.saveConversation(address, conversation);
      replies.push(resumeCodeReply(t, lang, await codes.issue(ticket.id)));
      return { replies };
    });
  }

  private answerBlocks(ticket: Ticket, lang: string, text: string, files: number): Block[] {
    const { t, routing, clock } = this.deps;
    const contact = routing.route(ticket.region).contact;
    // The coordinator's text is the neutral Markdown subset (adapters decode their platform's markup into it).
    const blocks: Block[] = [{ type: "paragraph", spans: localeSpans(t, lang, "handover.answerFrom", { role: contact.role, ticket: ticket.id }) }, ...markdownToBlocks(text)];
    if (files) {
      // Files stay on the coordinators' side: where to ask for them instead.
      blocks.push({ type: "note", spans: localeSpans(t, lang, "handover.fileAttached", { role: contact.role, count: files }) });
      blocks.push(...contactBlocks(t, lang, contact, clock.now()));
    }
    return blocks;
  }

  private answerButtons(conversation: Conversation, lang: string, ticket: string): Button[][] {
    const { t } = this.deps;
    return [
      [
        { id: registerButton(conversation, { do: "followup", ticket }), label: t(lang, "buttons.followUp") },
        { id: registerButton(conversation, { do: "resolve", ticket }), label: t(lang, "buttons.resolve") },
      ],
    ];
  }

  private languageOf(profile: Profile | undefined, ticket: Ticket): UiLanguage {
    if (isUiLanguage(profile?.lang)) return profile.lang;
    return isUiLanguage(ticket.lang) ? ticket.lang : this.deps.defaultLanguage;
  }

  /** Only the volunteer who opened a ticket (or took it over with a resume code) can write to it or close it. */
  private async ownTicket(id: string, turn: Turn): Promise<Ticket | undefined> {
    const ticket = await this.deps.tickets.get(id);
    const origin = ticket?.origin;
    return origin && origin.platform === turn.address.platform && origin.userId === turn.address.userId ? ticket : undefined;
  }

  private expired(turn: Turn): Reply {
    return errorReply(this.deps.t, turn, "errors.buttonExpired");
  }

  /** The buttons under a coordinator's answer: write back, or mark the case solved. */
  feature(): Feature {
    return {
      name: "ticket",
      buttons: {
        followup: (action, turn) => this.startFollowUp(action.ticket, turn),
        resolve: (action, turn) => this.resolve(action.ticket, turn),
      },
    };
  }
}
