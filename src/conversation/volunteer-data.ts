import { Drafts } from "../escalation/drafts.js";
import { CLOSED, type Tickets } from "../escalation/tickets.js";
import type { Calendar } from "../events/calendar.js";
import { reminderData } from "../events/reminder-data.js";
import type { Subscription } from "../events/reminders.js";
import type { Translate } from "../i18n/i18n.js";
import type { Store } from "../store/store.js";
import type { Clock } from "../core/clock.js";
import { addressKey, type Address } from "../core/message.js";
import { eraseQueued, queuedFor } from "../core/outbox/admin.js";
import { ERASED_TEXT, PersonalData, type PersonalDataHolder } from "../privacy/personal-data.js";
import { RATE_WINDOW_MS } from "../core/rate-limit.js";
import { resumeCodeData } from "./resume-codes.js";
import { mergeQuestions, questionRecordKey, type QuestionRecord } from "./question-memory.js";
import type { Conversation, Profile } from "./state.js";

/**
 * The holders of the core's own records about a volunteer (profile, conversation, subscriptions,
 * rate limit, tickets and FAQ drafts, resume codes, reminders, the outbox). Adapters add theirs
 * (the web chat's inbox) to the same PersonalData.
 */

export interface VolunteerDataDeps {
  store: Store;
  tickets: Tickets;
  clock: Clock;
  t: Translate;
  calendar: Calendar;
  conversationTtlDays: number;
}

const isUser = (a: Address, who: Address) => a.platform === who.platform && a.userId === who.userId;

export function volunteerData(deps: VolunteerDataDeps): PersonalData {
  const data = new PersonalData(deps.clock, deps.t);
  for (const holder of [profile(deps), conversation(deps), subscriptions(deps), rateLimit(deps), tickets(deps), queued(deps)]) data.add(holder);
  data.add(resumeCodeData(deps.store, deps.tickets));
  data.add(reminderData(deps.store, deps.calendar, deps.clock));
  return data;
}

function profile({ store }: VolunteerDataDeps): PersonalDataHolder {
  return {
    name: "profile",
    covers: ["profiles"],
    export: async (who) => ({ profile: (await store.ns<Profile>("profiles").get(addressKey(who))) ?? null }),
    erase: async (who) => Number(await store.ns("profiles").delete(addressKey(who))),
  };
}

function conversation({ store, clock, conversationTtlDays }: VolunteerDataDeps): PersonalDataHolder {
  return {
    name: "conversation",
    covers: ["conversations"],
    async export(who, context) {
      const key = addressKey(who);
      const record = await store.ns<QuestionRecord>("conversations").get(questionRecordKey(key));
      let c = context.conversation;
      if (!c) {
        // Outside a turn: the stored conversation with its live question text, as a turn would load it.
        c = (await store.ns<Conversation>("conversations").get(key)) ?? { buttons: {} };
        mergeQuestions(c, record, clock.now().getTime());
      }
      const question = record?.lastQuestion;
      // Button ids are plumbing; what each button would do is held, and may carry question text.
      const pendingButtons = Object.values(c?.buttons ?? {}).map(({ chat: _chat, ...action }) => action);
      const held = c && (c.lastQuestion || c.lastTopic || c.followUp || c.handoverEdit || c.onboarding || pendingButtons.length);
      if (!held) return { conversation: null };
      return {
        conversation: {
          lastQuestion: c.lastQuestion,
          ...(c.lastQuestion && question?.text === c.lastQuestion ? { lastQuestionUntil: question.until } : {}),
          lastTopic: c.lastTopic,
          followUpTicket: c.followUp,
          editingHandover: c.handoverEdit,
          pendingButtons,
          expiresAfterDays: conversationTtlDays,
        },
      };
    },
    async erase(who) {
      const key = addressKey(who);
      const space = store.ns("conversations");
      return Number(await space.delete(key)) + Number(await space.delete(questionRecordKey(key)));
    },
  };
}

function subscriptions({ store }: VolunteerDataDeps): PersonalDataHolder {
  return {
    name: "subscriptions",
    covers: ["subscriptions"],
    async export(who) {
      const all = (await store.ns<Subscription[]>("subscriptions").get("all")) ?? [];
      return { subscriptions: all.filter((s) => isUser(s.address, who)).map(({ address: _address, ...rest }) => rest) };
    },
    async erase(who) {
      return store.withLock("subscriptions", async () => {
        const space = store.ns<Subscription[]>("subscriptions");
        const all = (await space.get("all")) ?? [];
        const kept = all.filter((s) => !isUser(s.address, who));
        if (kept.length !== all.length) await space.set("all", kept);
        return all.length - kept.length;
      });
    },
  };
}

/** The rate limit's count; the message asking for the export is counted in it too. */
function rateLimit({ store }: VolunteerDataDeps): PersonalDataHolder {
  return {
    name: "rateLimit",
    covers: ["limits"],
    async export(who) {
      const window = await store.ns<{ window: number; count: number }>("limits").get(addressKey(who));
      return { rateLimit: window ? { minuteFrom: new Date(window.window * RATE_WINDOW_MS).toISOString(), messages: window.count } : null };
    },
    erase: async (who) => Number(await store.ns("limits").delete(addressKey(who))),
  };
}

/**
 * The tickets the volunteer opened, as they see them (their text, the answers, status and times;
 * not the coordinators' ids), and FAQ drafts made from them. Erasure keeps the policy: the text
 * becomes ERASED_TEXT, open tickets close, the metadata stays for statistics.
 */
function tickets({ store, tickets }: VolunteerDataDeps): PersonalDataHolder {
  const drafts = new Drafts(store);
  return {
    name: "tickets",
    covers: ["tickets", "drafts"],
    async export(who) {
      const own = await tickets.of(who);
      const faqDrafts = [];
      for (const t of own) {
        const draft = await drafts.get(t.id);
        if (draft) faqDrafts.push({ ticket: draft.ticket, question: draft.question, answer: draft.answer, at: draft.at });
      }
      return {
        tickets: own.map((t) => ({
          id: t.id,
          status: t.status,
          priority: t.priority,
          topic: t.topic,
          region: t.region,
          lang: t.lang,
          question: t.question,
          ...(t.special ? { special: true } : {}),
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          messages: t.messages.map(({ from, text, at, files }) => ({ from, text, at, ...(files ? { files } : {}) })),
          history: t.history.map(({ status, at }) => ({ status, at })),
        })),
        faqDrafts,
      };
    },
    async erase(who) {
      const own = await tickets.of(who);
      for (const ticket of own) {
        await tickets.erase(ticket.id, ERASED_TEXT);
        if (!CLOSED.has(ticket.status)) await tickets.transition(ticket.id, "resolved", "volunteer:erased");
        await drafts.update(ticket.id, { question: ERASED_TEXT });
      }
      return own.length;
    },
  };
}

/** Messages to the volunteer, or carrying their text to coordinators, waiting or given up on. */
function queued({ store }: VolunteerDataDeps): PersonalDataHolder {
  return {
    name: "queued",
    covers: ["outbox"],
    order: 100,
    export: async (who) => ({ queuedMessages: await queuedFor(store, addressKey(who)) }),
    erase: (who) => eraseQueued(store, addressKey(who)),
  };
}
