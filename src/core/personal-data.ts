import type { Ticket, Tickets } from "../escalation/tickets.js";
import { CLOSED } from "../escalation/tickets.js";
import type { Subscription } from "../events/reminders.js";
import type { Store } from "../store/store.js";
import { Drafts } from "../escalation/drafts.js";
import type { Clock } from "./clock.js";
import { eraseQueued, queuedFor, type QueuedForSubject } from "./outbox-admin.js";
import { addressKey, type Address } from "./message.js";
import type { Conversation, Profile } from "./state.js";

/**
 * Everything Lotse holds about one chat user, found in one place: for `/my_data` (Art. 15 DSGVO,
 * export) and `/delete_me` (Art. 17, erasure). Whatever starts holding user data must be added here.
 */

/** What stays of a ticket's text after its volunteer erased their data. */
export const ERASED_TEXT = "[deleted by the user]";

export interface UserDataExport {
  exportedAt: string;
  user: { platform: string; userId: string };
  profile: Profile | null;
  conversation: { lastQuestion?: string; lastTopic?: string; followUpTicket?: string; expiresAfterDays: number } | null;
  subscriptions: Omit<Subscription, "address">[];
  tickets: Pick<Ticket, "id" | "status" | "topic" | "region" | "createdAt" | "updatedAt" | "messages">[];
  webChatMessages: number;
  /** Messages to the user, or carrying their text to coordinators, still waiting in the outbox (or given up on). */
  queuedMessages: QueuedForSubject[];
}

const isUser = (a: Address, who: Address) => a.platform === who.platform && a.userId === who.userId;

/** Tickets the user opened (an index per user). */
function ticketsOf(tickets: Tickets, who: Address): Promise<Ticket[]> {
  return tickets.of(who);
}

/** `conversation` is the caller's current state (the turn that asks for the export may have changed it). */
export async function exportUserData(store: Store, tickets: Tickets, who: Address, clock: Clock, conversation: Conversation | undefined, conversationTtlDays: number): Promise<UserDataExport> {
  const key = addressKey(who);
  const subscriptions = ((await store.ns<Subscription[]>("subscriptions").get("all")) ?? []).filter((s) => isUser(s.address, who));
  const inbox = who.platform === "web" ? await store.ns<{ messages: unknown[] }>("inbox").get(who.userId) : undefined;
  return {
    exportedAt: clock.now().toISOString(),
    user: { platform: who.platform, userId: who.userId },
    profile: (await store.ns<Profile>("profiles").get(key)) ?? null,
    // Button ids are internal plumbing; what matters is what the user wrote and what Lotse remembers.
    conversation: conversation
      ? { lastQuestion: conversation.lastQuestion, lastTopic: conversation.lastTopic, followUpTicket: conversation.followUp, expiresAfterDays: conversationTtlDays }
      : null,
    subscriptions: subscriptions.map(({ address: _address, ...rest }) => rest),
    tickets: (await ticketsOf(tickets, who)).map(({ id, status, topic, region, createdAt, updatedAt, messages }) => ({ id, status, topic, region, createdAt, updatedAt, messages })),
    webChatMessages: inbox?.messages.length ?? 0,
    queuedMessages: await queuedFor(store, key),
  };
}

export interface ErasureResult {
  tickets: number;
  subscriptions: number;
  /** Queued or given-up messages to the user, or carrying their text (a follow-up still waiting for Slack). */
  queued: number;
}

/**
 * Erases profile, conversation state, web inbox and subscriptions, and strips the user's text
 * from their tickets (and FAQ drafts made from them). Open tickets are closed, so coordinators
 * see that the volunteer is gone; ticket metadata (status, times, topic, region) stays for statistics.
 */
export async function eraseUserData(store: Store, tickets: Tickets, who: Address): Promise<ErasureResult> {
  const key = addressKey(who);
  await store.ns("profiles").delete(key);
  await store.ns("conversations").delete(key);
  if (who.platform === "web") {
    await store.withLock(`inbox:${who.userId}`, async () => {
      const space = store.ns<{ next?: number; messages: unknown[] }>("inbox");
      const inbox = await space.get(who.userId);
      // The open page asks for messages after the last number it saw: keep the counter (no personal
      // data), or the confirmation of this erasure and everything after it would never show.
      if (inbox) await space.set(who.userId, { next: inbox.next ?? 1, messages: [] }, 86_400_000);
    });
  }
  let subscriptions = 0;
  await store.withLock("subscriptions", async () => {
    const space = store.ns<Subscription[]>("subscriptions");
    const all = (await space.get("all")) ?? [];
    const kept = all.filter((s) => !isUser(s.address, who));
    subscriptions = all.length - kept.length;
    if (subscriptions) await space.set("all", kept);
  });
  const own = await ticketsOf(tickets, who);
  const drafts = new Drafts(store);
  for (const ticket of own) {
    await tickets.erase(ticket.id, ERASED_TEXT);
    if (!CLOSED.has(ticket.status)) await tickets.transition(ticket.id, "resolved", "volunteer:erased");
    await drafts.update(ticket.id, { question: ERASED_TEXT });
  }
  // Last, so that nothing queued by the steps above (a card update carries no text) is missed.
  const queued = await eraseQueued(store, key);
  return { tickets: own.length, subscriptions, queued };
}
