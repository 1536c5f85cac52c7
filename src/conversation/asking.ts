import type { Config } from "../config.js";
import type { Reply } from "../core/message.js";
import { detectLanguage, detectLanguageConfidently, isUiLanguage, type UiLanguage } from "../i18n/detect.js";
import type { Translate } from "../i18n/i18n.js";
import type { Decision, Triage } from "../knowledge/triage.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Logger } from "../logger.js";
import { redact } from "../privacy/redact.js";
import type { Answers } from "./answering.js";
import { localeBlocks } from "./compose.js";
import type { Handover } from "./handover.js";
import type { TicketThread } from "./ticket-thread.js";
import { reply, type Turn } from "./turn.js";

export interface AskingDeps {
  kb: KnowledgeBase;
  triage: Triage;
  t: Translate;
  logger: Logger;
  config: Pick<Config, "MAX_MESSAGE_LENGTH">;
  answers: Answers;
  handover: Handover;
  thread: TicketThread;
}

/** Fewer words than this, and no topic: a request for a person with no case of its own. */
const BARE_REQUEST_WORDS = 10;

/**
 * A text message: checked, then, unless it continues a hand-over preview or a ticket's follow-up,
 * read by the triage (search + trained model) and acted on: an answer, a choice of topics, the
 * emergency numbers, a hand-over to the contact person, or "I have no answer".
 */
export class Asking {
  constructor(private readonly deps: AskingDeps) {}

  async text(raw: string, turn: Turn): Promise<Reply[]> {
    const { t, config, handover, thread } = this.deps;
    const text = (raw ?? "").trim();
    if (!text) return [reply(turn.lang, localeBlocks(t, turn.lang, "errors.empty"), undefined, "error")];
    if (text.length > config.MAX_MESSAGE_LENGTH) {
      return [reply(turn.lang, localeBlocks(t, turn.lang, "errors.tooLong", { max: config.MAX_MESSAGE_LENGTH, length: text.length }), undefined, "error")];
    }
    if (!/[\p{L}\p{N}]/u.test(text)) return [reply(turn.lang, localeBlocks(t, turn.lang, "errors.noWords"), undefined, "error")];
    if (handover.editing(turn)) return handover.edited(text, turn);
    if (turn.conversation.followUp) {
      const sent = await thread.sendFollowUp(turn.conversation.followUp, text, turn);
      if (sent) return sent;
    }
    const decision = this.deps.triage.decide(text);
    this.deps.logger.info({ action: decision.action, topic: decision.topic, reason: decision.reason, score: round(decision.score) }, "question triaged");
    turn.lang = answerLanguage(text, turn.lang, isUiLanguage(turn.profile?.lang));
    // A bare request for a person ("Ich möchte mit jemandem sprechen") is about the question before it;
    // one that also describes the case is handed over itself.
    // Kept for the conversation's time (a later "ask my contact person" hands it over): in its redacted
    // form only, special categories generalised; the volunteer can edit the preview to add what matters.
    if (!isBareRequest(decision, text) || !turn.conversation.lastQuestion) turn.conversation.lastQuestion = redact(text).text;
    if (decision.topic) turn.conversation.lastTopic = decision.topic;
    return this.act(decision, text, turn);
  }

  private async act(decision: Decision, text: string, turn: Turn): Promise<Reply[]> {
    const { answers, handover, kb } = this.deps;
    switch (decision.action) {
      case "emergency":
        return [answers.emergencyNumbers(turn.lang), ...(decision.topic ? [await answers.answer(decision.topic, turn, "emergency")] : [])];
      case "answer":
        return [await answers.answer(decision.topic!, turn, "answer")];
      case "clarify":
        return [answers.clarify(decision, text, turn)];
      case "fallback":
        return [answers.fallback(turn, text, decision.alternatives)];
      case "escalate": {
        const question = isBareRequest(decision, text) ? (turn.conversation.lastQuestion ?? text) : text;
        const replies: Reply[] = [];
        // The general information first where a topic is clear (an urgent topic, an individual case or a request
        // for a person about a known topic): the volunteer has it at once, and a question read as a case by
        // mistake still gets its answer.
        if ((decision.reason === "urgent-topic" || ((decision.reason === "individual" || decision.reason === "person") && decision.confident)) && decision.topic) {
          replies.push(await answers.answer(decision.topic, turn, "escalate", false));
        }
        const priority = decision.reason === "urgent-topic" || kb.topics.get(decision.topic ?? "")?.handling === "urgent" ? "urgent" : "normal";
        const kind = decision.reason === "person" ? "human" : decision.reason === "individual" ? "individual" : "urgent";
        replies.push(...(await handover.offer(turn, question, decision.topic, kind, priority)));
        return replies;
      }
    }
  }
}

/** A request for a person without a case of its own: no topic found, and only a few words. */
function isBareRequest(decision: Decision, text: string): boolean {
  return decision.reason === "person" && decision.topic === null && (text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < BARE_REQUEST_WORDS;
}

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
