import type { Store } from "../store/store.js";
import { addressKey, type Address } from "./message.js";

/** What a button does when pressed. Stored server-side: the button itself carries only an id. */
export type ButtonAction =
  | { do: "topic"; topic: string; replace?: boolean }
  | { do: "feedback"; topic: string; value: "up" | "down"; group: string }
  /** Without `confirmed`: show what would be sent and ask; with it: create the ticket. */
  | { do: "handover"; topic: string | null; question: string; priority: "normal" | "urgent"; confirmed?: boolean }
  | { do: "lang"; lang: string }
  | { do: "land"; land: string }
  | { do: "region"; region: string }
  | { do: "none"; question: string }
  | { do: "followup"; ticket: string }
  | { do: "resolve"; ticket: string }
  /** `/delete_me`, confirmed or not. */
  | { do: "erase" }
  | { do: "keep" };

export interface Profile {
  lang?: string;
  region?: string;
  createdAt: string;
  updatedAt: string;
}

/** Short-lived conversation state; expires after CONVERSATION_TTL_DAYS. */
export interface Conversation {
  buttons: Record<string, ButtonAction>;
  nextButton: number;
  lastQuestion?: string;
  lastTopic?: string;
  /** Set during /start: continue with the region after the language. */
  onboarding?: boolean;
  /** The next text message is a follow-up to this ticket. */
  followUp?: string;
}

const MAX_BUTTONS = 60;

export class UserState {
  constructor(
    private readonly store: Store,
    private readonly conversationTtlMs: number,
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

  async conversation(address: Address): Promise<Conversation> {
    return (await this.store.ns<Conversation>("conversations").get(addressKey(address))) ?? { buttons: {}, nextButton: 1 };
  }

  async saveConversation(address: Address, conversation: Conversation): Promise<void> {
    const ids = Object.keys(conversation.buttons);
    if (ids.length > MAX_BUTTONS) {
      for (const id of ids.slice(0, ids.length - MAX_BUTTONS)) delete conversation.buttons[id];
    }
    await this.store.ns<Conversation>("conversations").set(addressKey(address), conversation, this.conversationTtlMs);
  }

  /** Serialises all work on one user's state, so two quick presses cannot interleave. */
  withUser<T>(address: Address, fn: () => Promise<T>): Promise<T> {
    return this.store.withLock(`user:${addressKey(address)}`, fn);
  }
}

/** Registers a button action in the conversation and returns its short id (fits Telegram's 64 bytes). */
export function registerButton(conversation: Conversation, action: ButtonAction): string {
  const id = `b${(conversation.nextButton++).toString(36)}`;
  conversation.buttons[id] = action;
  return id;
}
