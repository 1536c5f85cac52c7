/**
 * Platform-neutral messages. Adapters translate platform events into `Incoming`
 * and render `Reply` in their own markup; the core never sees a platform type.
 */

/** "mail": coordinators' notices (chatId and userId are the desk account id, resolved to an address at send time). */
export type Platform = "web" | "console" | "telegram" | "slack" | "discord" | "mail";

/** Where a message came from or goes to. `threadId` is a forum topic or Slack thread. */
export interface Address {
  platform: Platform;
  chatId: string;
  threadId?: string;
  userId: string;
}

export type Incoming =
  | { kind: "text"; address: Address; text: string; platformLanguage?: string }
  | { kind: "command"; address: Address; command: string; args: string; platformLanguage?: string }
  /** `messageRef`: the platform's reference of the message that carried the button, so a reply can replace it. */
  | { kind: "button"; address: Address; buttonId: string; messageRef?: string; platformLanguage?: string };

/** An inline piece of text: plain, bold, or a link. Adapters escape `text` for their markup. */
export interface Span {
  text: string;
  bold?: boolean;
  href?: string;
}

export type Block =
  | { type: "heading"; spans: Span[] }
  | { type: "paragraph"; spans: Span[] }
  | { type: "list"; items: Span[][] }
  /** Secondary text shown smaller or folded (details, the "not legal advice" line, dates). */
  | { type: "note"; spans: Span[] }
  /** Details the platform may fold away ("Mehr" / "More"). */
  | { type: "more"; title: string; blocks: Block[]; toggle?: MoreToggle };

/**
 * For platforms that fold with a button (Telegram, Discord): the button that unfolds the details
 * in place (`open` false: they are hidden) or folds them again (`open` true: they are shown).
 * Platforms with a fold of their own (the web chat's <details>) ignore it.
 */
export interface MoreToggle {
  id: string;
  label: string;
  open: boolean;
}

export interface Link {
  title: string;
  url: string;
}

export interface Button {
  /** Opaque id; the core resolves it against the presser's own conversation state. */
  id: string;
  label: string;
  style?: "primary" | "danger";
  /** A link button: opens this URL instead of sending the id back. */
  url?: string;
}

export interface Attachment {
  name: string;
  mime: string;
  content: string;
}

export type Action = "answer" | "clarify" | "escalate" | "emergency" | "fallback";

/**
 * Which part of Lotse made a reply, for metrics, tests and the few platform choices that depend on
 * it (a Slack ticket card is updated in place; a Discord reminder may mention a role).
 */
export type ReplyKind =
  | Action
  | "error"
  | "private"
  | "feedback"
  | "more"
  | "browse"
  | "events"
  | "onboarding"
  | "handover"
  | "resumed"
  | "resume-code"
  | "coordinator-answer"
  | "ticket-card"
  | "referral"
  | "reminder"
  | "reminder-update"
  | "ephemeral"
  | "mail-digest"
  | "mail-created"
  | "mail-reminder"
  | "info";

export interface Reply {
  /** Language of the text, for direction (rtl) and platform hints. */
  lang: string;
  blocks: Block[];
  links?: Link[];
  /** Rows of buttons. */
  buttons?: Button[][];
  /** A file sent with the reply (the `/my_data` export); platforms without files show it as text. */
  attachment?: Attachment;
  /** Platform reference of a message this reply replaces in place (where the platform can edit). */
  replaces?: string;
  /**
   * The recipient's own personal data (their export, the erasure steps): shown only to them where
   * the platform can (Discord: ephemeral) and never kept in a stored chat history (web chat).
   */
  private?: boolean;
  /**
   * A short acknowledgement without buttons (thanks for a vote, an expired button, an error): after
   * a button press a platform may show it as a passing notice on the button instead of a message.
   */
  acknowledgement?: boolean;
  /** Who in a shared chat sees it: everyone (default), or only the addressed user (Slack's and Discord's ephemeral messages). */
  visibility?: "chat" | "recipient";
  /** What the core decided, for metrics and tests; never shown. */
  meta?: {
    action?: Action;
    topic?: string | null;
    ticketId?: string;
    kind?: ReplyKind;
    /** Ask the outbox to keep the platform's message reference under this key (for later edits). */
    refKey?: string;
    /** Set by the core when the reply could be neither queued nor sent (the store was down). */
    undelivered?: boolean;
    /** A meeting's start (ISO), for platforms that show times in the reader's zone (Discord). */
    at?: string;
  };
}

const RTL_LANGUAGES = new Set(["ar", "fa"]);

export function textDirection(lang: string): "rtl" | "ltr" {
  return RTL_LANGUAGES.has(lang) ? "rtl" : "ltr";
}

export function addressKey(address: Pick<Address, "platform" | "userId">): string {
  return `${address.platform}:${address.userId}`;
}

/** Flattens a reply to plain text (terminal chat, logs at debug level, tests). */
export function replyToPlainText(reply: Reply): string {
  const spans = (s: Span[]) => s.map((x) => (x.href && x.href !== x.text ? `${x.text} (${x.href})` : x.text)).join("");
  const block = (b: Block): string => {
    switch (b.type) {
      case "heading":
        return spans(b.spans).toUpperCase();
      case "paragraph":
      case "note":
        return spans(b.spans);
      case "list":
        return b.items.map((i) => `  • ${spans(i)}`).join("\n");
      case "more":
        return [`— ${b.title} —`, ...b.blocks.map(block)].join("\n");
    }
  };
  const parts = reply.blocks.map(block);
  if (reply.links?.length) parts.push(reply.links.map((l) => `  → ${l.title}: ${l.url}`).join("\n"));
  if (reply.attachment) parts.push(`[${reply.attachment.name}]\n${reply.attachment.content}`);
  return parts.join("\n\n");
}
