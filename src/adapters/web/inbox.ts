import type { Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox.js";
import type { Store } from "../../store/store.js";

export interface InboxMessage {
  seq: number;
  reply: Reply;
}

interface Inbox {
  next: number;
  messages: InboxMessage[];
}

const KEEP = 100;

/**
 * The web chat's mailbox: the outbox delivers into it, the page reads from it. Messages
 * that arrive later (a coordinator's answer) wait here until the page polls.
 */
export class WebInbox implements Sender {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  async send(address: { userId: string }, reply: Reply): Promise<void> {
    await this.store.withLock(`inbox:${address.userId}`, async () => {
      const space = this.store.ns<Inbox>("inbox");
      const inbox = (await space.get(address.userId)) ?? { next: 1, messages: [] };
      inbox.messages.push({ seq: inbox.next++, reply });
      if (inbox.messages.length > KEEP) inbox.messages.splice(0, inbox.messages.length - KEEP);
      await space.set(address.userId, inbox, this.ttlMs);
    });
  }

  async after(userId: string, seq: number): Promise<InboxMessage[]> {
    const inbox = await this.store.ns<Inbox>("inbox").get(userId);
    return (inbox?.messages ?? []).filter((m) => m.seq > seq);
  }
}
