import type { Reply } from "../../core/message.js";
import { RESUME_CODE_KIND } from "../../conversation/resume-codes.js";
import type { InboxMessage } from "./sender.js";

/**
 * What the web page receives. The page renders a `Reply` itself (as text only: app.js never sets
 * HTML from it), so the server's part is choosing what is kept in the inbox and numbering it.
 */

/** A message as the page reads it: inbox messages carry their number, transient ones 0. */
export type PageMessage = InboxMessage & { transient?: true };

/**
 * Never stored in the inbox, handed to the page in the HTTP answer only: a resume code (shown once),
 * and private replies such as the answers to /my_data and /delete_me (an export would keep a copy
 * of everything in the inbox, and the next export would contain the last one).
 */
export function isTransient(reply: Reply): boolean {
  return reply.meta?.kind === RESUME_CODE_KIND || reply.private === true;
}

/** The page's messages: what the inbox holds after its last number, then this answer's transient replies. */
export function pageMessages(stored: InboxMessage[], replies: Reply[]): PageMessage[] {
  return [...stored, ...replies.filter(isTransient).map((reply): PageMessage => ({ seq: 0, transient: true, reply }))];
}

/** Every reply handed straight to the page (the store is down: nothing could be kept). */
export function unstoredMessages(replies: Reply[]): PageMessage[] {
  return replies.map((reply): PageMessage => ({ seq: 0, transient: true, reply }));
}
