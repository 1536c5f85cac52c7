import type { Translate } from "../i18n/i18n.js";
import type { Block, Platform } from "../core/message.js";
import { registerButton, type ButtonAction } from "./state.js";
import type { Turn } from "./turn.js";

/**
 * What an answer carries besides its text: the link to share it, and the toggle that folds its
 * "Mehr" details on platforms that fold with a button.
 */

/**
 * The answer's page to share (/kb/<topic>?lang=<lang>): absolute under PUBLIC_URL; without it only
 * the web chat can link, relative to the page it runs on. Elsewhere: none.
 */
export function shareLink(publicUrl: string | undefined, platform: Platform, topic: string, lang: string): string | undefined {
  const path = `/kb/${encodeURIComponent(topic)}?lang=${encodeURIComponent(lang)}`;
  if (publicUrl) return `${publicUrl.replace(/\/+$/, "")}${path}`;
  return platform === "web" ? path : undefined;
}

/** Adds the share link to the answer's footer line (the Stand date and "not legal advice"). */
export function withShareLink(footer: Block, t: Translate, lang: string, href: string | undefined): Block {
  if (!href || footer.type !== "note") return footer;
  return { ...footer, spans: [...footer.spans, { text: " · " }, { text: t(lang, "browse.share"), href }] };
}

/**
 * Gives the answer's "Mehr" details their toggle: a button that shows the same answer again in
 * place, unfolded (or folded again). Registered like every button, so only its owner can press it.
 */
export function addMoreToggle(blocks: Block[], turn: Turn, t: Translate, action: Omit<Extract<ButtonAction, { do: "more" }>, "do">): void {
  const index = blocks.findIndex((b) => b.type === "more");
  const more = blocks[index];
  if (!more || more.type !== "more") return;
  const open = !action.open; // shown now: the button folds; hidden now: it unfolds
  const id = registerButton(turn.conversation, { do: "more", ...action });
  blocks[index] = { ...more, toggle: { id, label: t(turn.lang, open ? "browse.less" : "browse.more"), open } };
}
