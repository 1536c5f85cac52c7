import type { Address } from "../core/message.js";

/** What a ticket is: its states and their allowed transitions, its record, and the events about it. */

/**
 * `answered` is the state after a coordinator's answer: the ticket waits for the volunteer. Their
 * follow-up makes it `claimed` again; with no reply for TICKET_IDLE_DAYS it closes (`resolved`).
 */
export type TicketStatus = "open" | "claimed" | "answered" | "resolved" | "referred";
export const TICKET_STATES: readonly TicketStatus[] = ["open", "claimed", "answered", "resolved", "referred"];
export const CLOSED: ReadonlySet<TicketStatus> = new Set(["resolved", "referred"]);

/** Allowed transitions. Closing is possible from every open state; a follow-up reopens an answered ticket; a coordinator may reopen a closed one. */
export const TRANSITIONS: Record<TicketStatus, TicketStatus[]> = {
  open: ["claimed", "answered", "resolved", "referred"],
  claimed: ["answered", "resolved", "referred", "open"],
  answered: ["claimed", "resolved", "referred"],
  resolved: ["open"],
  referred: ["open"],
};

export interface TicketMessage {
  from: "volunteer" | "coordinator";
  /** Redacted text (volunteer) or the coordinator's answer. */
  text: string;
  at: string;
  /** The platform's id of the message (e.g. Slack channel and ts): the same message is stored once. */
  ref?: string;
  /** Files attached on the coordinators' side (not forwarded: the volunteer is told to ask for them). */
  files?: number;
}

export interface Ticket {
  id: string;
  status: TicketStatus;
  priority: "normal" | "urgent";
  /** The redacted question. */
  question: string;
  /** The volunteer chose to keep special-category details (health, religion…) in the question: coordinators see a mark. */
  special?: boolean;
  topic: string | null;
  region: string | null;
  lang: string;
  origin: Address;
  createdAt: string;
  updatedAt: string;
  claimedBy?: string;
  referredTo?: string;
  messages: TicketMessage[];
  history: { status: TicketStatus; at: string; by: string }[];
  /** Where the coordination platform shows this ticket (e.g. Slack channel and card ts). */
  external?: { channel: string; ref: string };
  remindedAt?: string;
  /** The volunteer erased their data (`/delete_me`): no text, no address left. */
  erased?: boolean;
}

/** `reminder`: nobody claimed the ticket within TICKET_REMINDER_HOURS office hours. */
export type TicketEvent = "created" | "changed" | "followUp" | "answered" | "reminder";
export interface TicketEventDetail {
  text?: string;
  by?: string;
  files?: number;
}
export type TicketListener = (event: TicketEvent, ticket: Ticket, detail?: TicketEventDetail) => Promise<void> | void;
