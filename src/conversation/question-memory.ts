/** The parts of a conversation (state.ts) this file deals with; kept apart to import nothing from there. */
interface HoldsQuestions {
  buttons: Record<string, object>;
  lastQuestion?: string;
}

/**
 * What a conversation holds of a volunteer's question text: the last question (for "ask my
 * contact person" after an answer, or a bare "I want to talk to someone") and the buttons whose
 * action carries question text (a hand-over preview's send and keep buttons, a fallback's). They
 * live in a record of their own that expires LAST_QUESTION_TTL_MS after they were stored, on
 * disk too, while the rest of the conversation (language flow, topic, feedback buttons) lives
 * CONVERSATION_TTL_DAYS. Everything here is already redacted; the short life is data
 * minimisation (Art. 5 (1) c and e DSGVO): a follow-up comes within minutes, not weeks.
 */

/**
 * How long question text is remembered. Pressing a preview's button later than this says
 * "expired", and the volunteer asks again.
 */
export const LAST_QUESTION_TTL_MS = 3_600_000;

/** The record key of a user's question text, in the "conversations" namespace. */
export const questionRecordKey = (userKey: string) => `question:${userKey}`;

type Timed<T> = T & { until: string };

/** The stored record: each entry with its own expiry (clock time, ISO). */
export interface QuestionRecord {
  lastQuestion?: Timed<{ text: string }>;
  buttons?: Record<string, Timed<object>>;
}

/** What was loaded, kept with the conversation (not stored) so saving knows what is new. */
export interface LoadedQuestions {
  stored: boolean;
  question?: Timed<{ text: string }>;
  untils: Map<string, string>;
}

const carriesText = (action: object) => "question" in action && typeof action.question === "string" && action.question !== "";

/** Puts the live parts of `record` into `conversation`; what has expired is left out. */
export function mergeQuestions(conversation: HoldsQuestions, record: QuestionRecord | undefined, now: number): LoadedQuestions {
  const live = (until: string) => Date.parse(until) > now;
  // Records written before the question text had a record of its own carried it inside: dropped.
  delete conversation.lastQuestion;
  const loaded: LoadedQuestions = { stored: record !== undefined, untils: new Map() };
  if (record?.lastQuestion && live(record.lastQuestion.until)) {
    conversation.lastQuestion = record.lastQuestion.text;
    loaded.question = record.lastQuestion;
  }
  for (const [id, { until, ...action }] of Object.entries(record?.buttons ?? {})) {
    if (!live(until)) continue;
    conversation.buttons[id] = action;
    loaded.untils.set(id, until);
  }
  return loaded;
}

/**
 * Splits `conversation` for saving: the conversation without question text, and the question
 * record (undefined when there is none) with the milliseconds it must be kept on disk.
 */
export function splitQuestions<C extends HoldsQuestions>(conversation: C, loaded: LoadedQuestions | undefined, now: number): { rest: C; record?: QuestionRecord; ttlMs: number } {
  const fresh = new Date(now + LAST_QUESTION_TTL_MS).toISOString();
  const { lastQuestion, buttons, ...others } = conversation;
  const rest = { ...others, buttons: {} as Record<string, object> };
  const record: QuestionRecord = {};
  for (const [id, action] of Object.entries(buttons)) {
    if (!carriesText(action)) rest.buttons[id] = action;
    else (record.buttons ??= {})[id] = { ...action, until: loaded?.untils.get(id) ?? fresh };
  }
  // The same question as loaded keeps its time: using it does not make it live longer.
  if (lastQuestion !== undefined) record.lastQuestion = { text: lastQuestion, until: lastQuestion === loaded?.question?.text ? loaded.question.until : fresh };
  const untils = [record.lastQuestion?.until, ...Object.values(record.buttons ?? {}).map((b) => b.until)].filter((u): u is string => u !== undefined);
  if (!untils.length) return { rest: rest as unknown as C, ttlMs: 0 };
  return { rest: rest as unknown as C, record, ttlMs: Math.max(1, Math.max(...untils.map((u) => Date.parse(u))) - now) };
}
