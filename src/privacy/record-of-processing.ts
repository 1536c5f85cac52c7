import type { MARKS } from "../store/backend.js";
import type { Namespace } from "../store/store.js";

/**
 * Every place Lotse keeps data, in one list: whose data it is, why, what, on which legal basis and
 * for how long. `/my_data` and `/delete_me` must cover every place whose owner is "volunteer"
 * (personal-data.ts checks it, test/privacy/record-of-processing.test.ts compares this list with the
 * namespaces the code opens), and the operator guide's record of processing activities (VVT,
 * Art. 30 DSGVO) is generated from it. A new namespace cannot be typed without an entry here.
 *
 * The legal bases are suggestions for the operator and their data protection officer, not advice.
 */

/** Keyv namespaces, the idempotency marks, and what the shared backends keep besides them. */
export type StoredKind = Namespace | typeof MARKS | "locks" | "send-windows";

/**
 * - volunteer: records about one chat user, found by their `platform:userId`: exported and erased.
 * - coordinator: about a coordinator (Slack user, web desk account): `/lotse my_data|delete_me`, `lotse desk revoke`.
 * - keys only: a user's id appears in a key (no content) for a few seconds to days; neither exported nor erased.
 * - nobody: no personal data.
 */
export type Owner = "volunteer" | "coordinator" | "keys only" | "nobody";

export interface StoredData {
  owner: Owner;
  purpose: string;
  contents: string;
  legalBasis: string;
  retention: string;
}

const SERVICE = "Art. 6 (1) b: the service the volunteer asks for";

export const RECORD_OF_PROCESSING: Record<StoredKind, StoredData> = {
  profiles: {
    owner: "volunteer",
    purpose: "Answer in the volunteer's language; route hand-overs to their region's contact person",
    contents: "Chosen language and region, created/updated time",
    legalBasis: SERVICE,
    retention: "Until `/delete_me` (profiles don't expire)",
  },
  conversations: {
    owner: "volunteer",
    purpose: "Buttons and follow-ups within a conversation",
    contents: "The last topic, the ticket a follow-up goes to, what the pending buttons do. In a record of its own: the last question and the buttons that carry question text, **redacted** (a hand-over preview's; its \"keep\" button holds the special-category details, so that keeping them is possible)",
    legalBasis: SERVICE,
    retention: "`CONVERSATION_TTL_DAYS` after the last activity; question text 1 hour after it was stored",
  },
  inbox: {
    owner: "volunteer",
    purpose: "Web chat only: deliver replies to the browser page, also those that come later (a coordinator's answer)",
    contents: "The last 100 replies to a browser session, including coordinators' answers. Not data exports, erasure notices or resume codes: those go to the page directly",
    legalBasis: SERVICE,
    retention: "`CONVERSATION_TTL_DAYS` after the last reply; emptied at `/delete_me`",
  },
  tickets: {
    owner: "volunteer",
    purpose: "Hand a question to the volunteer's contact person and bring the answer back",
    contents: "Ticket number, status, priority, topic, region, language, times. The **redacted** question and follow-ups (special categories generalised unless the volunteer kept them: then the ticket is marked). Coordinators' answers. The status history with coordinators' ids. The Slack channel and message. The volunteer's address (platform, chat id, user id), so the answer can reach them",
    legalBasis: `${SERVICE} (they confirm each hand-over); Art. 6 (1) f for third persons named in it. Kept special-category details need an exception of Art. 9 (2): clarify with your DSB`,
    retention: "Closed tickets: `TICKET_RETENTION_DAYS` after the last change; answered ones with no activity close after `TICKET_IDLE_DAYS`; open and claimed ones stay until closed. At `/delete_me` the volunteer's text and address are replaced and the ticket is closed",
  },
  drafts: {
    owner: "volunteer",
    purpose: "FAQ suggestions (**Als FAQ vorschlagen**) for the knowledge base",
    contents: "Ticket number, topic, the **redacted** question, the coordinator's answer, the id of whoever suggested it",
    legalBasis: "Art. 6 (1) f: improving the answers for everyone",
    retention: "`TICKET_RETENTION_DAYS` after the suggestion; the question is replaced at `/delete_me`",
  },
  outbox: {
    owner: "volunteer",
    purpose: "Deliver every message durably, in order, with retries (a table or Redis sorted sets, not a keyv namespace)",
    contents: "Messages waiting or given up on: address and content, and whose data each carries (the recipient, or the volunteer whose follow-up goes to Slack)",
    legalBasis: SERVICE,
    retention: "Until delivered. Given up (a permanent error, or 25 failed attempts): `CONVERSATION_TTL_DAYS`. Removed at `/delete_me`",
  },
  subscriptions: {
    owner: "volunteer",
    purpose: "Meeting reminders the volunteer asked for with `/subscribe`",
    contents: "Address, language, regions, meeting types",
    legalBasis: SERVICE,
    retention: "`/unsubscribe` or `/delete_me`",
  },
  reminders: {
    owner: "volunteer",
    purpose: "Send each meeting reminder once; update posted reminders when a meeting is cancelled or moved",
    contents: "Which reminder went to which chat (meeting, offset, chat id), and the addresses of posted reminders",
    legalBasis: SERVICE,
    retention: "60 days; a volunteer's entries at `/delete_me`",
  },
  meta: {
    owner: "volunteer",
    purpose: "Edit a posted reminder in place; send a long Telegram message's parts once; check the store",
    contents: "The platform's message reference of each posted reminder. How many parts of a long Telegram message went out (a hash, no content). A health-check value",
    legalBasis: SERVICE,
    retention: "Reminder references 60 days (a volunteer's at `/delete_me`); message parts 24 hours",
  },
  resume: {
    owner: "volunteer",
    purpose: "Web chat: take a ticket to another browser with the code shown after the hand-over",
    contents: "A SHA-256 hash of each code (never the code) and its ticket number; wrong codes per browser session (count, since when)",
    legalBasis: SERVICE,
    retention: "A code: until used, or `TICKET_RETENTION_DAYS`. Wrong codes: 10 minutes. Removed at `/delete_me`",
  },
  limits: {
    owner: "volunteer",
    purpose: "Rate limit (`RATE_LIMIT_PER_MINUTE`): a flood must not make Lotse flood back",
    contents: "Messages per user in the current minute",
    legalBasis: "Art. 6 (1) f: keeping the service available",
    retention: "1 minute",
  },
  feedback: {
    owner: "nobody",
    purpose: "Which answers help",
    contents: "👍/👎 counts per topic, with no reference to a user",
    legalBasis: "Not personal data",
    retention: "Kept",
  },
  events: {
    owner: "nobody",
    purpose: "Meetings changed at runtime",
    contents: "Meetings that coordinators or moderators added, cancelled or moved; the ids of Discord scheduled events",
    legalBasis: "Not personal data (who changed a meeting is only logged)",
    retention: "Kept",
  },
  leases: {
    owner: "nobody",
    purpose: "One instance holds the Discord gateway",
    contents: "The holding instance's id",
    legalBasis: "Not personal data",
    retention: "When the holder stops renewing it",
  },
  mail: {
    owner: "nobody",
    purpose: "Reserved for mail notices (they travel the outbox)",
    contents: "Nothing today",
    legalBasis: "—",
    retention: "—",
  },
  desk: {
    owner: "coordinator",
    purpose: "Web desk: the list of accounts and each account's sessions",
    contents: "Account ids, hashes of session tokens",
    legalBasis: "Art. 6 (1) b or f: the coordinator's work at the desk",
    retention: "Until `lotse desk revoke`; a session until it ends",
  },
  "desk-accounts": {
    owner: "coordinator",
    purpose: "Web desk: who may see which region's tickets",
    contents: "Name, regions, e-mail address (for invite links), created time",
    legalBasis: "Art. 6 (1) b or f: the coordinator's work at the desk",
    retention: "Until `lotse desk revoke`",
  },
  "desk-invites": {
    owner: "coordinator",
    purpose: "Web desk: one-time sign-in links",
    contents: "A hash of the link's token, the account, the expiry",
    legalBasis: "Art. 6 (1) b or f: the coordinator's work at the desk",
    retention: "`DESK_INVITE_HOURS`, or until used",
  },
  "desk-sessions": {
    owner: "coordinator",
    purpose: "Web desk: signed-in browsers",
    contents: "A hash of the session token, the account, the expiry",
    legalBasis: "Art. 6 (1) b or f: the coordinator's work at the desk",
    retention: "`DESK_SESSION_HOURS`, sign-out or `lotse desk revoke`",
  },
  marks: {
    owner: "keys only",
    purpose: "Handle each platform event once (idempotency)",
    contents: "Keys of handled events: Telegram update ids, Slack channel and message ts, Discord interaction ids, web chat session id and message id, reminder (meeting, offset, chat id). No content",
    legalBasis: "Art. 6 (1) f: answering each message exactly once",
    retention: "7 days (reminders 60 days; delivered messages with a dedupe key 30 days)",
  },
  locks: {
    owner: "keys only",
    purpose: "Redis and PostgreSQL: one instance at a time handles a user's message",
    contents: "A key naming the user (`platform:userId`) and the holding instance",
    legalBasis: "Art. 6 (1) f: keeping a user's messages in order",
    retention: "Seconds (released after the message, or expiring)",
  },
  "send-windows": {
    owner: "keys only",
    purpose: "Redis and PostgreSQL: platforms' send limits, shared by instances",
    contents: "Times of recent sends per bot, per Telegram chat id or group",
    legalBasis: "Art. 6 (1) f: staying within the platforms' limits",
    retention: "The window: 1 second to 1 minute",
  },
};

export const STORED_KINDS = Object.keys(RECORD_OF_PROCESSING) as StoredKind[];

/** The namespaces a volunteer's `/my_data` and `/delete_me` must cover. */
export const VOLUNTEER_KINDS = STORED_KINDS.filter((kind) => RECORD_OF_PROCESSING[kind].owner === "volunteer");

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The record of processing as the Markdown table in docs/OPERATOR-GUIDE.md (generated, checked by a test). */
export function recordOfProcessingTable(): string {
  const rows = STORED_KINDS.map((kind) => {
    const d = RECORD_OF_PROCESSING[kind];
    return `| \`${kind}\` | ${d.owner} | ${cell(d.purpose)} | ${cell(d.contents)} | ${cell(d.legalBasis)} | ${cell(d.retention)} |`;
  });
  return ["| Namespace | Whose data | Purpose | Contents | Legal basis (suggested) | Deleted |", "| --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}
