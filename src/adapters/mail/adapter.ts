import type { Lotse } from "../../app.js";
import { MailFront } from "./notices.js";
import { MailSender } from "./sender.js";
import type { PlatformAdapter } from "../types.js";
import { smtpTransport, type MailTransport } from "./transport.js";

export { mailDigest } from "./digest.js";

/**
 * Switches mail notices on (SMTP_URL set): every instance delivers queued mail, and new or overdue
 * tickets queue notices for the coordinators whose regions they are in.
 */
export function registerMail(lotse: Lotse, transport: MailTransport = smtpTransport(lotse.config)): PlatformAdapter {
  const sender = new MailSender(lotse.accounts, transport, lotse.logger);
  lotse.outbox.register("mail", sender);
  lotse.relay.add(new MailFront(lotse));
  if (!lotse.config.PUBLIC_URL) lotse.logger.warn("PUBLIC_URL is not set: desk links in mail notices point to localhost");
  return { platform: "mail", sender };
}
