import type { UiLanguage } from "../i18n/detect.js";
import type { Action, Address, Block, Button, Reply, ReplyKind } from "../core/message.js";
import type { Translate } from "../i18n/i18n.js";
import { localeBlocks } from "./compose.js";
import type { Conversation, Profile } from "./state.js";

/** One incoming message being handled: who, in which language, with which conversation state. */
export interface Turn {
  address: Address;
  profile: Profile | undefined;
  lang: UiLanguage;
  conversation: Conversation;
  /** Set when the user's data was erased in this turn: nothing may be written back. */
  erased?: boolean;
}

/** A reply with its metadata filled in the same way everywhere (metrics and tests read `meta`). */
export function reply(lang: string, blocks: Block[], buttons?: Button[][], kind?: ReplyKind, topic?: string | null): Reply {
  const out: Reply = { lang, blocks };
  if (buttons?.length) out.buttons = buttons;
  if (kind === "private") out.private = true;
  if ((kind === "feedback" || kind === "error") && !out.buttons) out.acknowledgement = true;
  const action = kind === "escalate" || kind === "clarify" || kind === "fallback" || kind === "emergency" ? (kind as Action) : undefined;
  out.meta = { kind, ...(action ? { action } : {}), ...(topic !== undefined ? { topic } : {}) };
  return out;
}

/** A short error notice from the locales ("this button has expired", "unknown command"), the same from every feature. */
export function errorReply(t: Translate, turn: Turn, key: string, values?: Record<string, unknown>): Reply {
  return reply(turn.lang, localeBlocks(t, turn.lang, key, values), undefined, "error");
}

export function rows<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A chat shared with others (a group, a server channel): chat and user differ. Case details and a
 * coordinator's answer must not land there, so hand-overs happen in a private chat only.
 */
export function isShared(address: Address): boolean {
  return address.chatId !== address.userId;
}
