import type { Translate } from "../i18n/i18n.js";
import type { Clock } from "../core/clock.js";
import type { Address } from "../core/message.js";
import { VOLUNTEER_KINDS, type StoredKind } from "./record-of-processing.js";
import type { Conversation, Profile } from "../conversation/state.js";

/**
 * Everything Lotse holds about one chat user, for `/my_data` (Art. 15 and 20 DSGVO, export) and
 * `/delete_me` (Art. 17, erasure). Each module that keeps records about a volunteer provides a
 * holder that knows its own record layout; this class only runs them. `uncovered()` names the
 * namespaces of the record of processing (record-of-processing.ts) that no holder covers.
 */

/** What stays of a ticket's text after its volunteer erased their data. */
export const ERASED_TEXT = "[deleted by the user]";

export interface ExportContext {
  /** The conversation as the current turn will save it (the turn asking may have changed it). */
  conversation?: Conversation;
}

/** One module's share of a volunteer's data. */
export interface PersonalDataHolder {
  /** A short name: the erasure's counts are reported under it. */
  name: string;
  /** The namespaces (record-of-processing.ts) whose records about one volunteer it exports and erases. */
  covers: readonly StoredKind[];
  /**
   * Erasure runs holders by ascending `order` (default 0): one that finds its records through another
   * holder's (resume codes through the tickets) runs before it; the outbox runs last, so that nothing
   * queued by the steps before it is missed.
   */
  order?: number;
  /** Locale key of a note shown in the export when this holder exported anything. */
  note?: string;
  /** Its sections of the export file, with contents; an empty section is null, [] or {}. */
  export(who: Address, context: ExportContext): Promise<Record<string, unknown>>;
  /** Erases what it holds about `who`; returns how many records or items it removed or changed. */
  erase(who: Address): Promise<number>;
}

/** The export file. The sections are those of the holders; the core's own ones are typed here. */
export interface UserDataExport {
  exportedAt: string;
  user: { platform: string; userId: string };
  /** Explanations in the user's language (for example that resume codes are kept only as hashes). */
  notes: string[];
  profile: Profile | null;
  conversation: { lastQuestion?: string; lastQuestionUntil?: string; lastTopic?: string; followUpTicket?: string; expiresAfterDays: number } | null;
  subscriptions: { lang: string; regions: string[]; types: string[] }[];
  tickets: { id: string; status: string; question: string; messages: { from: string; text: string; at: string }[] }[];
  [section: string]: unknown;
}

/** Whether an export section holds nothing: null, an empty list, or an object of such. */
export function isEmptySection(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isEmptySection);
  return false;
}

export class PersonalData {
  private readonly holders: PersonalDataHolder[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly t: Translate,
  ) {}

  /** Adds a holder (one of the same name is replaced); an adapter adds the one for records it keeps itself (the web chat's inbox). */
  add(holder: PersonalDataHolder): void {
    const same = this.holders.findIndex((h) => h.name === holder.name);
    if (same >= 0) this.holders[same] = holder;
    else this.holders.push(holder);
  }

  /** Namespaces holding volunteers' data that no holder covers: export and erasure would miss them. */
  uncovered(): StoredKind[] {
    const covered = new Set(this.holders.flatMap((h) => h.covers));
    return VOLUNTEER_KINDS.filter((kind) => !covered.has(kind));
  }

  async export(who: Address, lang: string, context: ExportContext = {}): Promise<UserDataExport> {
    const data = { exportedAt: this.clock.now().toISOString(), user: { platform: who.platform, userId: who.userId }, notes: [] } as unknown as UserDataExport;
    for (const holder of this.holders) {
      const sections = await holder.export(who, context);
      Object.assign(data, sections);
      if (holder.note && !Object.values(sections).every(isEmptySection)) data.notes.push(this.t(lang, holder.note));
    }
    return data;
  }

  /** Erases everything every holder keeps about `who`; the counts per holder name. */
  async erase(who: Address): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const ordered = [...this.holders].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    for (const holder of ordered) counts[holder.name] = (counts[holder.name] ?? 0) + (await holder.erase(who));
    return counts;
  }
}
