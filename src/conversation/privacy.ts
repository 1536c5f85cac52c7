import type { Config } from "../config.js";
import type { Translate } from "../i18n/i18n.js";
import type { Logger } from "../logger.js";
import { localeBlocks, operatorName } from "./compose.js";
import type { Button, Reply } from "../core/message.js";
import type { PersonalData } from "../privacy/personal-data.js";
import { registerButton } from "./state.js";
import { isShared, reply, type Turn } from "./turn.js";
import type { Feature } from "./feature.js";

/** The user's rights in the chat: `/privacy`, `/my_data` (Art. 15 DSGVO) and `/delete_me` (Art. 17). */

export interface PrivacyCommandsDeps {
  personalData: PersonalData;
  t: Translate;
  logger: Logger;
  config: Pick<Config, "OPERATOR_NAME" | "OPERATOR_CONTACT" | "PRIVACY_AUTHORITY" | "CONVERSATION_TTL_DAYS" | "TICKET_RETENTION_DAYS">;
}

export class PrivacyCommands {
  constructor(private readonly deps: PrivacyCommandsDeps) {}

  /** `/privacy`: who runs this instance, what is kept and for how long (from configuration). */
  notice(lang: string): Reply {
    const c = this.deps.config;
    return reply(
      lang,
      localeBlocks(this.deps.t, lang, "privacy.text", {
        operator: operatorName(c.OPERATOR_NAME),
        contact: c.OPERATOR_CONTACT,
        authority: c.PRIVACY_AUTHORITY ?? this.deps.t(lang, "privacy.authorityDefault"),
        conversationDays: c.CONVERSATION_TTL_DAYS,
        ticketDays: c.TICKET_RETENTION_DAYS,
      }),
    );
  }

  /** `/my_data`: everything Lotse holds about the user, as a JSON file (Art. 15 DSGVO). */
  async myData(turn: Turn): Promise<Reply> {
    // The conversation as it will be saved at the end of this turn, not as it was before.
    const data = await this.deps.personalData.export(turn.address, turn.lang, { conversation: turn.conversation });
    const exported = reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.export"), undefined, "private");
    exported.attachment = { name: `lotse-${turn.address.platform}-data.json`, mime: "application/json", content: JSON.stringify(data, null, 2) };
    return exported;
  }

  /** `/delete_me` asks first: erasure cannot be undone. */
  private confirmErasure(turn: Turn): Reply {
    const buttons: Button[][] = [
      [{ id: registerButton(turn.conversation, { do: "erase" }), label: this.deps.t(turn.lang, "privacy.deleteYes"), style: "danger" }],
      [{ id: registerButton(turn.conversation, { do: "keep" }), label: this.deps.t(turn.lang, "privacy.deleteNo") }],
    ];
    return reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.deleteConfirm", { context: turn.address.platform }), buttons, "private");
  }

  /** The erasure confirmed; refused in a shared chat, as the question was. */
  async erase(turn: Turn): Promise<Reply[]> {
    if (isShared(turn.address)) return [this.privateOnly(turn)];
    const counts = await this.deps.personalData.erase(turn.address);
    turn.erased = true;
    // Counts per holder only: no ids, no content.
    this.deps.logger.info({ platform: turn.address.platform, ...counts }, "user data erased");
    const tickets = counts.tickets ?? 0;
    return [reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.deleted", { tickets, count: tickets }), undefined, "private")];
  }

  /** `/delete_me`: asked for and confirmed only where nobody else reads along. */
  deleteMe(turn: Turn): Reply {
    return isShared(turn.address) ? this.privateOnly(turn) : this.confirmErasure(turn);
  }

  /** The "keep my data" button: nothing happens, and the question's buttons go. */
  keep(buttonId: string, turn: Turn): Reply {
    delete turn.conversation.buttons[buttonId];
    return reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.kept"), undefined, "private");
  }

  private privateOnly(turn: Turn): Reply {
    return reply(turn.lang, localeBlocks(this.deps.t, turn.lang, "privacy.privateOnly"), undefined, "private");
  }

  /** /privacy, /my_data, /delete_me, and the erase and keep buttons. */
  feature(): Feature {
    return {
      name: "privacy",
      commands: {
        privacy: (_args, turn) => [this.notice(turn.lang)],
        my_data: async (_args, turn) => [await this.myData(turn)],
        delete_me: (_args, turn) => [this.deleteMe(turn)],
      },
      buttons: {
        erase: (_action, turn) => this.erase(turn),
        keep: (_action, turn, press) => [this.keep(press.buttonId, turn)],
      },
    };
  }
}
