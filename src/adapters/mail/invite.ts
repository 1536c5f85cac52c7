import type { Config } from "../../config.js";
import { createI18n } from "../../i18n/i18n.js";
import type { Logger } from "../../logger.js";
import { renderMail } from "./sender.js";
import { smtpTransport } from "./transport.js";

const MAIL_LANGUAGES = new Set(["de", "en"]);

/**
 * Sends a coordinator their sign-in link, directly (not queued): the operator runs
 * `lotse desk invite` and must learn at once whether the mail went out. Throws when SMTP_URL is
 * not set or the server refuses; the error names neither the address nor the link.
 */
export async function mailInvite(config: Config, logger: Logger, to: { email: string; name: string }, link: string, validHours: number): Promise<void> {
  const { t } = createI18n();
  const lang = MAIL_LANGUAGES.has(config.DEFAULT_LANGUAGE) ? config.DEFAULT_LANGUAGE : "en";
  const mail = renderMail(
    {
      lang,
      blocks: [
        { type: "heading", spans: [{ text: t(lang, "mail.invite.subject") }] },
        { type: "paragraph", spans: [{ text: t(lang, "mail.invite.greeting", { name: to.name }) }] },
        { type: "paragraph", spans: [{ text: t(lang, "mail.invite.body", { hours: validHours }) }] },
        { type: "paragraph", spans: [{ text: link, href: link }] },
        { type: "note", spans: [{ text: t(lang, "mail.invite.ignore") }] },
      ],
    },
    { name: to.name, address: to.email },
  );
  await smtpTransport(config).send(mail);
  // Neither the address nor the link at info level: the link signs in whoever holds it.
  logger.info({ validHours }, "desk invite mail sent");
}
