import { createHash, randomInt } from "node:crypto";
import type { Tickets } from "../escalation/tickets.js";
import type { Translate } from "../i18n/i18n.js";
import type { Store } from "../store/store.js";
import type { Clock } from "../core/clock.js";
import { localeBlocks } from "./compose.js";
import { addressKey, type Reply } from "../core/message.js";
import type { PersonalDataHolder } from "../privacy/personal-data.js";

/**
 * Resume codes of the web chat: a web volunteer has no account, only a browser cookie. The code
 * shown once after a hand-over lets them take the ticket to another browser (another device, or
 * after clearing this one). Only a hash of the code is stored, so the store never holds what
 * would let someone else take the ticket; a code works once.
 */

// As ticket numbers: no 0/O, 1/I/L, so a code copied from paper or read out is typed right.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH = 8;
/** Wrong codes one browser session may enter per window: 31^8 codes make guessing hopeless at this pace. */
export const RESUME_GUESSES = 5;
export const RESUME_GUESS_WINDOW_MS = 10 * 60_000;
/** The reply carrying a code: web adapters hand it to the page directly, never into a stored inbox. */
export const RESUME_CODE_KIND = "resume-code";

interface CodeRecord {
  ticket: string;
}
interface Tries {
  count: number;
  since: number;
}
/** The codes issued for one ticket (their record keys): export and erasure find them from the ticket. */
type TicketCodes = string[];

export type Redeemed = { ticket: string } | { refused: "invalid" | "limited" };

export class ResumeCodes {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** As long as the ticket may be kept: a code must not outlive it by much, nor die before it. */
    private readonly ttlMs: number,
  ) {}

  /** A new code for `ticket`, grouped for reading (`K7M4-Q2XP`); the store keeps only its hash. */
  async issue(ticket: string): Promise<string> {
    const code = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    await this.store.ns<CodeRecord>("resume").set(codeKey(code), { ticket }, this.ttlMs);
    const index = this.store.ns<TicketCodes>("resume");
    await index.set(ticketKey(ticket), [...((await index.get(ticketKey(ticket))) ?? []), codeKey(code)], this.ttlMs);
    return `${code.slice(0, 4)}-${code.slice(4)}`;
  }

  /**
   * Takes a code: the ticket it was for, once. Run inside a unit of work: the code's record is read
   * and deleted there, so of two sessions racing with the same code only one commit succeeds (the
   * other runs again and finds it gone). Wrong codes count against `session`.
   */
  async redeem(code: string, session: string): Promise<Redeemed> {
    const tries = this.store.ns<Tries>("resume");
    const wrongKey = triesKey(session);
    const now = this.clock.now().getTime();
    const before = await tries.get(wrongKey);
    const current = before && now - before.since < RESUME_GUESS_WINDOW_MS ? before : { count: 0, since: now };
    if (current.count >= RESUME_GUESSES) return { refused: "limited" };
    const normal = normalise(code);
    const codes = this.store.ns<CodeRecord>("resume");
    const found = normal ? await codes.get(codeKey(normal)) : undefined;
    if (!found) {
      await tries.set(wrongKey, { count: current.count + 1, since: current.since }, Math.max(1, RESUME_GUESS_WINDOW_MS - (now - current.since)));
      return { refused: "invalid" };
    }
    await codes.delete(codeKey(normal!));
    return { ticket: found.ticket };
  }
}

/** The code as typed (lower case, spaces, no dash) to its canonical form; undefined if it cannot be one. */
function normalise(code: string): string | undefined {
  const plain = code.toUpperCase().replace(/[\s-]/g, "");
  return plain.length === LENGTH && [...plain].every((c) => ALPHABET.includes(c)) ? plain : undefined;
}

function codeKey(code: string): string {
  return `code:${createHash("sha256").update(code).digest("hex")}`;
}

const ticketKey = (ticket: string) => `ticket:${ticket}`;
const triesKey = (session: string) => `tries:${session}`;

/**
 * What the resume codes hold about a volunteer, for `/my_data` and `/delete_me`: the codes (as
 * hashes: the code itself is never stored) of the tickets they opened, and their wrong guesses.
 * Runs before the tickets' erasure, which takes the tickets out of the volunteer's index.
 */
export function resumeCodeData(store: Store, tickets: Pick<Tickets, "of">): PersonalDataHolder {
  const space = store.ns<CodeRecord | TicketCodes | Tries>("resume");
  const codesOf = async (ticket: string) => {
    const live: string[] = [];
    for (const key of ((await space.get(ticketKey(ticket))) as TicketCodes | undefined) ?? []) if (await space.get(key)) live.push(key);
    return live;
  };
  return {
    name: "resumeCodes",
    covers: ["resume"],
    order: -1,
    note: "privacy.exportNotes.resumeCodes",
    async export(who) {
      const resumeCodes = [];
      for (const ticket of await tickets.of(who)) {
        for (const key of await codesOf(ticket.id)) resumeCodes.push({ ticket: ticket.id, codeSha256: key.slice("code:".length) });
      }
      const tries = (await space.get(triesKey(addressKey(who)))) as Tries | undefined;
      return { resumeCodes, wrongResumeCodes: tries ? { count: tries.count, since: new Date(tries.since).toISOString() } : null };
    },
    async erase(who) {
      let erased = 0;
      for (const ticket of await tickets.of(who)) {
        for (const key of await codesOf(ticket.id)) erased += Number(await space.delete(key));
        await space.delete(ticketKey(ticket.id));
      }
      return erased + Number(await space.delete(triesKey(addressKey(who))));
    },
  };
}

/** Shows a code once; the page keeps it out of its stored history (see RESUME_CODE_KIND). */
export function resumeCodeReply(t: Translate, lang: string, code: string): Reply {
  return { lang, blocks: localeBlocks(t, lang, "handover.resumeCode", { code }), meta: { kind: RESUME_CODE_KIND } };
}
