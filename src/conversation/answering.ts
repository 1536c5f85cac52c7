import { randomBytes } from "node:crypto";
import type { Routing } from "../escalation/routing.js";
import type { Decision } from "../knowledge/triage.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Translate } from "../i18n/i18n.js";
import type { Clock } from "../core/clock.js";
import { contactBlocks, disclaimerBlock, entryBlocks, entrySources, localeBlocks, localeSpans, pickEntry, placeName, regionLabel, topicTitle } from "./compose.js";
import type { Action, Button, Reply } from "../core/message.js";
import { registerButton, type ButtonAction } from "./state.js";
import { reply, rows, type Turn } from "./turn.js";
import { addMoreToggle, shareLink, withShareLink } from "./answer-extras.js";
import type { Feature } from "./feature.js";

/**
 * The replies to a question the knowledge base can take: an entry with its sources and buttons,
 * a choice among close topics, the way out when nothing fits, and the emergency numbers.
 */

export interface AnswersDeps {
  kb: KnowledgeBase;
  routing: Routing;
  t: Translate;
  clock: Clock;
  /** PUBLIC_URL: the base of every answer's shareable /kb link. */
  publicUrl?: string;
}

/** Topics whose answer is completed with live data of the user's region. */
const CONTACT_TOPIC = "ansprechperson-hauptamt";

export class Answers {
  constructor(private readonly deps: AnswersDeps) {}

  /** Numbers first, in the user's language, before anything else. */
  emergencyNumbers(lang: string): Reply {
    return reply(lang, localeBlocks(this.deps.t, lang, "emergency.numbers"), undefined, "emergency");
  }

  /**
   * The answer's own buttons: a topic chosen among candidates (clarify), which replaces the
   * question in place; "Mehr"/"Weniger", the same answer unfolded or folded in place of the one
   * pressed (a new message where nothing can be edited).
   */
  async press(action: Extract<ButtonAction, { do: "topic" | "more" }>, turn: Turn, messageRef?: string): Promise<Reply> {
    if (action.do === "topic") {
      const answer = await this.answer(action.topic, turn, "answer", true, action.lang);
      if (action.replace && messageRef) answer.replaces = messageRef;
      return answer;
    }
    const answer = await this.answer(action.topic, turn, "answer", action.handover ?? true, action.lang, action.open);
    if (messageRef) answer.replaces = messageRef;
    answer.meta = { kind: "more", topic: action.topic };
    return answer;
  }

  /**
   * `inLanguage`: that language version (the German original of a translation), else the user's.
   * `unfolded`: the "Mehr" details shown (after their toggle was pressed), not folded.
   */
  async answer(topicId: string, turn: Turn, action: Action, withHandover = true, inLanguage?: string, unfolded = false): Promise<Reply> {
    const { kb, t, routing, clock } = this.deps;
    const topic = kb.topics.get(topicId);
    const entry = topic && ((inLanguage ? topic.entries.get(inLanguage) : undefined) ?? pickEntry(topic, turn.lang));
    if (!topic || !entry) return this.fallback(turn, turn.conversation.lastQuestion ?? "", []);
    turn.conversation.lastTopic = topicId;
    const route = routing.route(turn.profile?.region);
    const blocks = entryBlocks(t, entry, turn.lang, route.land?.id, route.land && placeName(route.land, t, entry.lang));
    if (topicId === CONTACT_TOPIC) {
      blocks.push({ type: "paragraph", spans: localeSpans(t, turn.lang, route.land ? "contact.yours" : "contact.noRegion", { region: regionLabel(routing, turn.profile?.region, t, turn.lang) ?? "" }) });
      if (route.land) blocks.push(...contactBlocks(t, turn.lang, route.contact, clock.now()));
    }
    if (topic.handling === "refer" || topic.handling === "urgent") blocks.push({ type: "note", spans: localeSpans(t, turn.lang, `answer.${topic.handling}Note`) });
    const share = shareLink(this.deps.publicUrl, turn.address.platform, topicId, inLanguage ?? turn.lang);
    blocks.push(withShareLink(disclaimerBlock(t, turn.lang, entry.reviewed), t, turn.lang, share));
    addMoreToggle(blocks, turn, t, { topic: topicId, open: !unfolded, ...(inLanguage ? { lang: inLanguage } : {}), ...(withHandover ? {} : { handover: false }) });

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
    // A translation: the German wording, which is the binding one, one press away.
    if (entry.translatedFrom && topic.entries.has("de")) {
      buttons.push([{ id: registerButton(turn.conversation, { do: "topic", topic: topicId, lang: "de" }), label: t(turn.lang, "original.button") }]);
    }
    const related = topic.related.filter((id) => kb.topics.has(id)).slice(0, 3);
    if (related.length) {
      buttons.push(related.map((id) => ({ id: registerButton(turn.conversation, { do: "topic", topic: id }), label: `→ ${topicTitle(kb, id, turn.lang)}` })));
    }
    return { lang: entry.lang === turn.lang ? turn.lang : entry.lang, blocks, links: entrySources(entry, route.land?.id).map((s) => ({ title: s.title, url: s.url })), buttons, meta: { action, topic: topicId } };
  }

  clarify(decision: Decision, text: string, turn: Turn): Reply {
    const { kb, t } = this.deps;
    const candidates = [decision.topic!, ...decision.alternatives].filter((id, i, all) => kb.topics.has(id) && all.indexOf(id) === i).slice(0, 3);
    const buttons: Button[] = candidates.map((id) => ({ id: registerButton(turn.conversation, { do: "topic", topic: id, replace: true }), label: topicTitle(kb, id, turn.lang) }));
    buttons.push({ id: registerButton(turn.conversation, { do: "none", question: text }), label: t(turn.lang, "clarify.none") });
    return reply(turn.lang, [{ type: "paragraph", spans: localeSpans(t, turn.lang, "clarify.question") }], rows(buttons, 1), "clarify", decision.topic);
  }

  /** No answer: rephrase, pick one of at most two near topics (when the search found any), or ask a person. */
  fallback(turn: Turn, question: string, suggestions: string[]): Reply {
    const { t, kb } = this.deps;
    const near = suggestions.filter((id) => kb.topics.has(id)).slice(0, 2);
    const buttons: Button[][] = near.map((id) => [{ id: registerButton(turn.conversation, { do: "topic", topic: id }), label: `→ ${topicTitle(kb, id, turn.lang)}` }]);
    buttons.push([{ id: registerButton(turn.conversation, { do: "handover", topic: null, question, priority: "normal" }), label: t(turn.lang, "buttons.askContact") }]);
    const blocks = [...localeBlocks(t, turn.lang, "fallback.text"), ...(near.length ? localeBlocks(t, turn.lang, "fallback.maybe") : [])];
    return reply(turn.lang, blocks, buttons, "fallback", null);
  }

  /** The buttons under answers: a topic chosen from a choice, "Mehr", and "none of these". */
  feature(): Feature {
    return {
      name: "answers",
      buttons: {
        more: async (action, turn, press) => [await this.press(action, turn, press.messageRef)],
        topic: async (action, turn, press) => [await this.press(action, turn, press.messageRef)],
        none: (action, turn) => [this.fallback(turn, action.question, [])],
      },
    };
  }
}
