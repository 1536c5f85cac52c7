// The web chat's sender: the inbox in the store is its "platform", read back as the page reads it.
import { replyToPlainText } from "../../../src/core/message.js";
import { WebInbox } from "../../../src/adapters/web/sender.js";
import { Store } from "../../../src/store/store.js";
import type { SenderRig, SenderTraits } from "../sender.contract.js";

export const webTraits: SenderTraits = {
  notApplicable: {
    refusals: "no remote platform, the inbox is a record in Lotse's own store",
    edit: "the inbox keeps every reply as a new message and returns no reference",
  },
};

const noPlatform = () => {
  throw new Error("the web inbox has no platform that could refuse");
};

export async function webRig(): Promise<SenderRig> {
  const store = Store.memory();
  const inbox = new WebInbox(store, 86_400_000);
  const userId = "web-contract";
  return {
    sender: inbox,
    address: { platform: "web", chatId: userId, userId },
    refuseNext: noPlatform,
    goDown: noPlatform,
    comeBack: async () => noPlatform(),
    delivered: async () => (await inbox.after(userId, 0)).map((m) => ({ text: replyToPlainText(m.reply) })),
    stop: () => store.close(),
  };
}
