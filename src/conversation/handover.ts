import { randomBytes } from "node:crypto";
import type { Routing } from "../escalation/routing.js";
import type { Tickets } from "../escalation/tickets.js";
import { previewRedaction, redact } from "../privacy/redact.js";
import type { Translate } from "../i18n/i18n.js";
import type { Clock } from "../core/clock.js";
import { contactBlocks, localeBlocks, localeSpans } from "./compose.js";
import type { Block, Button, Reply } from "../core/message.js";
import { resumeCodeReply, type ResumeCodes } from "./resume-codes.js";
import { registerButton, type ButtonAction, type Conversation } from "./state.js";
import { isShared, reply, type Turn } from "./turn.js";
import type { Feature } from "./feature.js";

/**
 * The hand-over to the contact person, up to the ticket: the preview of exactly what would be
 * sent (redacted), and its three buttons: send, edit the question, cancel. Nothing leaves the
 * chat before the volunteer presses "send", and each preview sends at most once.
 */

export type HandoverKind = "human" | "individual" | "urgent";
/** The button actions of a preview (and the "ask my contact person" button that opens one). */
export type HandoverAction = Extract<ButtonAction, { do: "handover" | "handoverEdit" | "handoverCancel" | "handoverSpecial" }>;

export interface HandoverDeps {
  routing: Routing;
  tickets: Pick<Tickets, "create">;
  t: Translate;
  clock: Clock;
  /** Resume codes for tickets opened from the web chat (a browser session is all a web volunteer has). */
  codes: Pick<ResumeCodes, "issue">;
  /** Whether a coordinator can see a hand-over from this region; without it, assumed. */
  reachable?: (region: string | null) => Promise<boolean>;
}

/** A preview's question is shown cut at this length (the ticket keeps all of it). */
const PREVIEW_CHARS = 600;

export class Handover {
  constructor(private readonly deps: HandoverDeps) {}

  /**
   * Explains why a person should look at this and shows what would be sent. `kind` null: a preview
   * after an edit, whose explanation the volunteer has already read.
   */
  async offer(turn: Turn, question: string, topic: string | null, kind: HandoverKind | null, priority: "normal" | "urgent" = "normal", keepSpecial = false): Promise<Reply[]> {
    const { t, routing } = this.deps;
    if (isShared(turn.address)) return [reply(turn.lang, localeBlocks(t, turn.lang, "handover.privateOnly"), undefined, "escalate", topic)];
    const route = routing.route(turn.profile?.region);
    const blocks: Block[] = kind ? localeBlocks(t, turn.lang, `handover.offer.${kind}`) : [];
    // Personal data is removed before anything leaves the chat; the volunteer sees exactly what would be sent.
    // Special categories (health, religion, origin…) are generalised unless the volunteer keeps them.
    const lang = turn.lang === "de" ? "de" : "en";
    const special = previewRedaction(question, { lang }).findings.filter((f) => f.category === "special");
    const withSpecial = redact(question, { lang, special: "keep" }).text;
    question = keepSpecial ? withSpecial : redact(question, { lang }).text;
    if (question) {
      blocks.push({ type: "paragraph", spans: [{ text: t(turn.lang, "handover.willSend"), bold: true }] });
      // Cut, but not between the two halves of an emoji (half of one is not valid text on any platform).
      const shown = question.length > PREVIEW_CHARS ? `${question.slice(0, PREVIEW_CHARS).replace(/[\ud800-\udbff]$/, "")} …` : question;
      blocks.push({ type: "note", spans: [{ text: shown }] });
      blocks.push({ type: "note", spans: localeSpans(t, turn.lang, "handover.privacyHint") });
    }
    if (special.length) {
      const details = special.map((f) => `„${f.value}“`).join(", ");
      blocks.push({ type: "note", spans: localeSpans(t, turn.lang, keepSpecial ? "handover.specialKept" : "handover.specialGeneralised", { details }) });
    }
    if (!route.land) blocks.push({ type: "note", spans: localeSpans(t, turn.lang, "handover.regionUnknown") });
    // One id for the preview's buttons: any one of them pressed retires them all.
    const preview = randomBytes(6).toString("base64url");
    const c = turn.conversation;
    const buttons: Button[][] = [
      [{ id: registerButton(c, { do: "handover", topic, question, priority, confirmed: true, preview, ...(keepSpecial && special.length ? { keepSpecial: true } : {}) }), label: t(turn.lang, "buttons.sendToContact"), style: "primary" }],
      [
        { id: registerButton(c, { do: "handoverEdit", preview, topic, priority }), label: t(turn.lang, "buttons.editQuestion") },
        { id: registerButton(c, { do: "handoverCancel", preview }), label: t(turn.lang, "buttons.cancelHandover") },
      ],
    ];
    // The volunteer decides whether the coordinator needs the detail (a diagnosis may matter for the question).
    if (special.length) buttons.push([{ id: registerButton(c, { do: "handoverSpecial", preview, topic, question: withSpecial, priority, keep: !keepSpecial }), label: t(turn.lang, keepSpecial ? "buttons.generaliseSpecial" : "buttons.keepSpecial") }]);
    if (!route.land) buttons.push([{ id: registerButton(c, { do: "land", land: routing.lands[0]?.id ?? "" }), label: t(turn.lang, "buttons.setRegion") }]);
    return [reply(turn.lang, blocks, buttons, "escalate", topic)];
  }

  /** A press on a preview's button, or on an "ask my contact person" button (which opens a preview). */
  async press(action: HandoverAction, turn: Turn): Promise<Reply[]> {
    const { t } = this.deps;
    switch (action.do) {
      case "handover":
        if (!action.confirmed) return this.offer(turn, action.question, action.topic, "human", action.priority);
        return this.confirm(action, turn);
      case "handoverEdit":
        retire(turn.conversation, action.preview);
        // The next text message is the new question, not a follow-up to some earlier ticket.
        turn.conversation.followUp = undefined;
        turn.conversation.handoverEdit = { topic: action.topic, priority: action.priority };
        return [reply(turn.lang, localeBlocks(t, turn.lang, "handover.editPrompt"), undefined, "handover", action.topic)];
      case "handoverSpecial":
        retire(turn.conversation, action.preview);
        return this.offer(turn, action.question, action.topic, null, action.priority, action.keep);
      case "handoverCancel":
        retire(turn.conversation, action.preview);
        turn.conversation.handoverEdit = undefined;
        return [reply(turn.lang, localeBlocks(t, turn.lang, "handover.cancelled"), undefined, "handover")];
    }
  }

  /** Whether the next text message is a rewritten question (after "edit"). */
  editing(turn: Turn): boolean {
    return turn.conversation.handoverEdit !== undefined;
  }

  /** The rewritten question: redacted again (an edit is as untrusted as the first text) and previewed anew. */
  async edited(text: string, turn: Turn): Promise<Reply[]> {
    const draft = turn.conversation.handoverEdit ?? { topic: null, priority: "normal" as const };
    turn.conversation.handoverEdit = undefined;
    turn.conversation.lastQuestion = redact(text).text;
    return this.offer(turn, text, draft.topic, null, draft.priority);
  }

  private async confirm(action: Extract<HandoverAction, { do: "handover" }>, turn: Turn): Promise<Reply[]> {
    const { t, routing, clock, tickets } = this.deps;
    const { question, topic, priority } = action;
    if (isShared(turn.address)) return [reply(turn.lang, localeBlocks(t, turn.lang, "handover.privateOnly"), undefined, "escalate", topic)];
    // Pressing twice must not open two tickets: this preview's buttons go, and so does any other offer
    // of the same question. The conversation is saved in the same unit of work as the ticket.
    if (action.preview) retire(turn.conversation, action.preview);
    for (const [id, other] of Object.entries(turn.conversation.buttons)) {
      if (other.do === "handover" && other.question === question) delete turn.conversation.buttons[id];
    }
    turn.conversation.handoverEdit = undefined;
    const route = routing.route(turn.profile?.region);
    const region = turn.profile?.region ?? null;
    // Redacted again: the button's text was redacted when shown, but stored state is never trusted.
    const lang = turn.lang === "de" ? "de" : "en";
    const redacted = redact(question, { lang, special: action.keepSpecial ? "keep" : "generalise" });
    const special = action.keepSpecial === true && redacted.findings.some((f) => f.category === "special" && f.kept);
    const ticket = await tickets.create({ question: redacted.text, topic, region, lang: turn.lang, origin: turn.address, priority, ...(special ? { special: true } : {}) });
    // Promise only what happens: with no desk that shows this region's hand-overs, the contact's own route.
    const reached = (await this.deps.reachable?.(region)) ?? true;
    const blocks: Block[] = reached
      ? [...localeBlocks(t, turn.lang, "handover.created", { ticket: ticket.id }), ...contactBlocks(t, turn.lang, route.contact, clock.now())]
      : [...localeBlocks(t, turn.lang, "handover.createdUnreached", { ticket: ticket.id }), contactBlocks(t, turn.lang, route.contact, clock.now())[0]!];
    const confirmation = reply(turn.lang, blocks, undefined, "escalate", topic);
    confirmation.meta = { ...confirmation.meta, ticketId: ticket.id };
    if (turn.address.platform !== "web") return [confirmation];
    return [confirmation, resumeCodeReply(t, turn.lang, await this.deps.codes.issue(ticket.id))];
  }

  /** /contact (the text after it, or the last question) and the buttons of the hand-over preview. */
  feature(): Feature {
    const press = (action: HandoverAction, turn: Turn) => this.press(action, turn);
    return {
      name: "handover",
      commands: { contact: (args, turn) => this.offer(turn, args.trim() || turn.conversation.lastQuestion || "", null, "human") },
      buttons: { handover: press, handoverEdit: press, handoverCancel: press, handoverSpecial: press },
    };
  }
}

/** Removes every button of one preview: a press on any of them afterwards is "expired". */
function retire(conversation: Conversation, preview: string): void {
  for (const [id, action] of Object.entries(conversation.buttons)) {
    if ("preview" in action && action.preview === preview) delete conversation.buttons[id];
  }
}
