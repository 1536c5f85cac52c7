import { createHash, randomBytes } from "node:crypto";
import type { Store } from "../store/store.js";
import type { Clock } from "../core/clock.js";
import { addressKey, type Address } from "../core/message.js";
import { mergeQuestions, questionRecordKey, splitQuestions, type LoadedQuestions, type QuestionRecord } from "./question-memory.js";

/** What a button does when pressed. Stored server-side: the button itself carries only an id. */
export type ButtonAction =
  /** `lang`: show that language version (the German original of a translation). */
  | { do: "topic"; topic: string; replace?: boolean; lang?: string }
  /** The same answer again in place, its "Mehr" details unfolded (`open`) or folded; `handover`: false when it came without that button. */
  | { do: "more"; topic: string; open: boolean; lang?: string; handover?: boolean }
  /** /topics: the list of areas, or one area's topics from `page` on (both shown in place of the list pressed). */
  | { do: "areas" }
  | { do: "area"; area: string; page: number }
  | { do: "feedback"; topic: string; value: "up" | "down"; group: string }
  /** Without `confirmed`: show what would be sent and ask; with it: create the ticket. `preview`: the preview that showed it. */
  | { do: "handover"; topic: string | null; question: string; priority: "normal" | "urgent"; confirmed?: boolean; preview?: string; keepSpecial?: boolean }
  /** The preview again, with the special-category details (health, religion…) kept or generalised. */
  | { do: "handoverSpecial"; preview: string; topic: string | null; question: string; priority: "normal" | "urgent"; keep: boolean }
  /** The preview's other buttons: write the question anew, or send nothing. */
  | { do: "handoverEdit"; preview: string; topic: string | null; priority: "normal" | "urgent" }
  | { do: "handoverCancel"; preview: string }
  | { do: "lang"; lang: string }
  | { do: "land"; land: string }
  | { do: "region"; region: string }
  | { do: "none"; question: string }
  | { do: "followup"; ticket: string }
  | { do: "resolve"; ticket: string }
  /** `/events`: the meetings near the user, or `all` of them (of `type`, when the list was asked for one type). */
  | { do: "events"; all: boolean; type?: string }
  /** A listed meeting's "remind me": its reminders through the personal subscription. */
  | { do: "remind"; event: string }
  /** `/delete_me`, confirmed or not. */
  | { do: "erase" }
  | { do: "keep" };

export interface Profile {
  lang?: string;
  region?: string;
  createdAt: string;
  updatedAt: string;
}

/** A registered button: what it does, and the chat its message was shown in. */
export type IssuedButton = ButtonAction & { chat?: string };

/** Short-lived conversation state; expires after CONVERSATION_TTL_DAYS. */
export interface Conversation {
  buttons: Record<string, IssuedButton>;
  /**
   * The last question, redacted, for a follow-up ("ask my contact person" after an answer). Stored,
   * with the buttons that carry question text, in a record of its own that expires within an hour
   * (question-memory.ts), not with the conversation.
   */
  lastQuestion?: string;
  lastTopic?: string;
  /** Set during /start: continue with the region after the language. */
  onboarding?: boolean;
  /** The next text message is a follow-up to this ticket. */
  followUp?: string;
  /** The next text message replaces the question of a hand-over preview (shown again before anything is sent). */
  handoverEdit?: { topic: string | null; priority: "normal" | "urgent" };
}

const MAX_BUTTONS = 60;

export class UserState {
  constructor(
    private readonly store: Store,
    private readonly conversationTtlMs: number,
    private readonly clock: Clock,
  ) {}

  async profile(address: Address): Promise<Profile | undefined> {
    return this.store.ns<Profile>("profiles").get(addressKey(address));
  }

  async saveProfile(address: Address, changes: Partial<Profile>, now: Date): Promise<Profile> {
    const key = addressKey(address);
    return this.store.withLock(`profile:${key}`, async () => {
      const current = await this.store.ns<Profile>("profiles").get(key);
      const next: Profile = { createdAt: now.toISOString(), ...current, ...changes, updatedAt: now.toISOString() };
      await this.store.ns<Profile>("profiles").set(key, next);
      return next;
    });
  }

  /** The user's conversation, set up to issue buttons for `address` (its chat and its user). */
  async conversation(address: Address): Promise<Conversation> {
    const key = addressKey(address);
    const conversation = (await this.store.ns<Conversation>("conversations").get(key)) ?? { buttons: {} };
    // Question text past its time is left out, whatever the store's own expiry says (its clock may differ).
    const record = await this.store.ns<QuestionRecord>("conversations").get(questionRecordKey(key));
    const loaded = mergeQuestions(conversation, record, this.clock.now().getTime());
    // Not stored: where buttons registered in this turn are shown, and whose they are; the question text as loaded.
    Object.defineProperty(conversation, ISSUER, { value: { chat: address.chatId, tag: ownerTag(address) }, enumerable: false });
    Object.defineProperty(conversation, LOADED_QUESTIONS, { value: loaded, enumerable: false });
    return conversation;
  }

  async saveConversation(address: Address, conversation: Conversation): Promise<void> {
    const ids = Object.keys(conversation.buttons);
    if (ids.length > MAX_BUTTONS) {
      for (const id of ids.slice(0, ids.length - MAX_BUTTONS)) delete conversation.buttons[id];
    }
    const key = addressKey(address);
    const loaded = (conversation as Conversation & { [LOADED_QUESTIONS]?: LoadedQuestions })[LOADED_QUESTIONS];
    const { rest, record, ttlMs } = splitQuestions(conversation, loaded, this.clock.now().getTime());
    const questions = this.store.ns<QuestionRecord>("conversations");
    if (record) await questions.set(questionRecordKey(key), record, ttlMs);
    else if (loaded?.stored !== false) await questions.delete(questionRecordKey(key));
    await this.store.ns<Conversation>("conversations").set(key, rest, this.conversationTtlMs);
  }

  /** Serialises all work on one user's state, so two quick presses cannot interleave. */
  withUser<T>(address: Address, fn: () => Promise<T>): Promise<T> {
    return this.store.withLock(`user:${addressKey(address)}`, fn);
  }
}

const ISSUER = Symbol("issuer");
const LOADED_QUESTIONS = Symbol("loadedQuestions");

/**
 * Whose a button id is, in four characters at its end: a press by someone else can then be told
 * "not for you" (their own state has no such id). Not a secret: the id's random part is what
 * cannot be guessed.
 */
export function ownerTag(address: Pick<Address, "platform" | "userId">): string {
  return createHash("sha256").update(addressKey(address)).digest("base64url").slice(0, 4);
}

/**
 * Registers a button action in the conversation and returns its id: 64 random bits and the
 * owner's tag (13 characters, well within Telegram's 64 bytes). Random, because ids numbered per
 * user collided between users: another user's press found an action of the presser's own.
 * The action remembers the chat it was shown in; a press elsewhere does nothing.
 */
export function registerButton(conversation: Conversation, action: ButtonAction): string {
  const issuer = (conversation as Conversation & { [ISSUER]?: { chat: string; tag: string } })[ISSUER];
  const id = `${randomBytes(6).toString("base64url")}${issuer?.tag ?? ""}`;
  conversation.buttons[id] = issuer ? { ...action, chat: issuer.chat } : action;
  return id;
}

/** What a press of `id` by `presser` in `chat` may do: the action, or why not. */
export function resolveButton(conversation: Conversation, id: unknown, presser: Address): { action: IssuedButton } | { refused: "expired" | "foreign" } {
  const known = typeof id === "string" && id.length <= 24 && Object.hasOwn(conversation.buttons, id);
  if (!known) {
    // Not in the presser's own state: someone else's button (their tag), or simply gone.
    const foreign = typeof id === "string" && id.length === 12 && !id.endsWith(ownerTag(presser));
    return { refused: foreign ? "foreign" : "expired" };
  }
  const action = conversation.buttons[id as string]!;
  if (action.chat !== undefined && action.chat !== presser.chatId) return { refused: "foreign" };
  return { action };
}
