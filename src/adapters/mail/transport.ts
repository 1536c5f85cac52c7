import { createTransport, type Transporter } from "nodemailer";
import type { Config } from "../../config.js";
import { PermanentDeliveryError } from "../../core/outbox/outbox.js";

/**
 * The SMTP side of mail notices: one transport built from SMTP_URL, and the translation of
 * nodemailer's errors for the outbox.
 */

export interface Mail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

export interface MailTransport {
  send(mail: Mail): Promise<void>;
}

/**
 * Bounded waits: a hanging server must fail the attempt (and let the outbox retry) well within
 * the outbox's send lease, not after nodemailer's default of minutes. Values given in SMTP_URL's
 * query win.
 */
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 40_000 };

export function smtpTransport(config: Pick<Config, "SMTP_URL" | "SMTP_FROM">): MailTransport {
  if (!config.SMTP_URL) throw new Error("SMTP_URL is not set: mail is switched off");
  const url = new URL(config.SMTP_URL);
  for (const [key, value] of Object.entries(TIMEOUTS)) if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
  const transporter: Transporter = createTransport(url.toString());
  return {
    async send(mail) {
      try {
        await transporter.sendMail({ from: config.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text });
      } catch (error) {
        throw translateSmtpError(error);
      }
    },
  };
}

/** E-mail addresses never go into an error message: those end up in logs. */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, "<address>");
}

/**
 * SMTP 5xx (a rejected recipient, a refused message) is permanent: retrying cannot fix it. 4xx,
 * connection and timeout errors are transient. A rejected login (535) is retried too: it is the
 * operator's configuration, not this mail's fault, and the mail should survive until it is fixed.
 */
export function translateSmtpError(error: unknown): Error {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const message = `SMTP ${e.code ?? "error"}${e.responseCode ? ` ${e.responseCode}` : ""}: ${withoutAddresses(String(e.message ?? error)).slice(0, 160)}`;
  if (typeof e.responseCode === "number" && e.responseCode >= 500 && e.code !== "EAUTH") return new PermanentDeliveryError(message);
  return new Error(message);
}
