import { replyToPlainText, type Address, type Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox/outbox.js";
import type { PersonalDataHolder } from "../../privacy/personal-data.js";
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

/**
 * The inbox's share of a web volunteer's data (`/my_data`, `/delete_me`): the replies waiting for
 * or already shown on their page, with their text. The web chat adds it when it starts.
 */
export function webInboxData(store: Store): PersonalDataHolder {
  const space = store.ns<Inbox>("inbox");
  return {
    name: "webChat",
    covers: ["inbox"],
    async export(who: Address) {
      if (who.platform !== "web") return {};
      const inbox = await space.get(who.userId);
      return { webChat: { messages: (inbox?.messages ?? []).map((m) => ({ seq: m.seq, text: replyToPlainText(m.reply), reply: m.reply })) } };
    },
    async erase(who: Address) {
      if (who.platform !== "web") return 0;
      return store.withLock(`inbox:${who.userId}`, async () => {
        const inbox = await space.get(who.userId);
        if (!inbox) return 0;
        // The open page asks for messages after the last number it saw: the counter (no personal
        // data) stays, or whatever comes after this erasure would never show.
        await space.set(who.userId, { next: inbox.next ?? 1, messages: [] }, 86_400_000);
        return inbox.messages.length;
      });
    },
  };
}
