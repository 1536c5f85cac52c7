import type { Store } from "../store/store.js";

/**
 * FAQ drafts: a coordinator suggests a ticket's question and answer for the knowledge base. They
 * are reviewed into knowledge/ by hand (`lotse kb drafts`) and deleted with the ticket's retention.
 */
export interface Draft {
  ticket: string;
  topic: string | null;
  question: string;
  answer: string;
  by: string;
  at: string;
}

const INDEX = "all";

export class Drafts {
  constructor(private readonly store: Store) {}

  async save(draft: Draft): Promise<void> {
    await this.store.ns<Draft>("drafts").set(draft.ticket, draft);
    await this.store.sets("drafts").add(INDEX, draft.ticket);
  }

  get(ticket: string): Promise<Draft | undefined> {
    return this.store.ns<Draft>("drafts").get(ticket);
  }

  async all(): Promise<Draft[]> {
    const drafts = await Promise.all((await this.store.sets("drafts").members(INDEX)).map((id) => this.get(id)));
    return drafts.filter((d): d is Draft => d !== undefined);
  }

  async update(ticket: string, changes: Partial<Pick<Draft, "question" | "by">>): Promise<void> {
    const draft = await this.get(ticket);
    if (draft) await this.store.ns<Draft>("drafts").set(ticket, { ...draft, ...changes });
  }

  async remove(ticket: string): Promise<void> {
    await this.store.ns("drafts").delete(ticket);
    await this.store.sets("drafts").remove(INDEX, ticket);
  }

  /** Drafts older than `cutoff` (ms); a draft without a readable date is kept rather than lost. Returns how many went. */
  async prune(cutoff: number): Promise<number> {
    let pruned = 0;
    for (const id of await this.store.sets("drafts").members(INDEX)) {
      const draft = await this.get(id);
      const at = draft?.at ? Date.parse(draft.at) : Number.NaN;
      if (draft && !(at < cutoff)) continue;
      await this.remove(id);
      pruned++;
    }
    return pruned;
  }
}
