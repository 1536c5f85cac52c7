import { replyToPlainText, type Address, type Block, type Reply } from "../../core/message.js";
import type { Sender } from "../../core/outbox/outbox.js";
import type { DeskAccount } from "../../escalation/accounts.js";
import type { Logger } from "../../logger.js";
import type { Mail, MailTransport } from "./transport.js";

/**
 * Delivers queued mail notices. The queue holds only the account id (`chatId`): the address is
 * looked up now, so a revoked account gets nothing and no e-mail address is copied into the queue.
 */
export class MailSender implements Sender {
  constructor(
    private readonly accounts: { get(id: string): Promise<DeskAccount | undefined> },
    private readonly transport: MailTransport,
    private readonly logger: Logger,
  ) {}

  async send(address: Address, reply: Reply): Promise<void> {
    const account = await this.accounts.get(address.chatId);
    if (!account?.email) {
      // Nothing to retry: the notice is done with (the account id is a random id, not personal data).
      this.logger.info({ account: address.chatId }, "mail notice dropped: account revoked or without e-mail");
      return;
    }
    await this.transport.send(renderMail(reply, { name: account.name, address: account.email }));
  }
}

/** The reply's first heading is the subject; the rest is the plain-text body. */
export function renderMail(reply: Reply, to: Mail["to"]): Mail {
  const first = reply.blocks[0];
  const heading = first?.type === "heading" ? first : undefined;
  const rest: Block[] = heading ? reply.blocks.slice(1) : reply.blocks;
  const subject = heading ? heading.spans.map((s) => s.text).join("") : "Lotse";
  return { to, subject, text: `${replyToPlainText({ ...reply, blocks: rest })}\n` };
}
