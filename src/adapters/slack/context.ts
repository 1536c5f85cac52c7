import type { App, webApi } from "@slack/bolt";
import type { Lotse } from "../../app.js";
import { DeskError } from "../../escalation/desk.js";
import type { SlackCoordinators } from "./coordinators.js";

/** What the Slack handlers and commands share: one instance per adapter. */
export class SlackContext {
  constructor(
    readonly lotse: Lotse,
    readonly app: App,
    /** The non-retrying client (see adapter.ts): for calls made while Slack waits for our answer. */
    readonly outboxClient: webApi.WebClient,
    readonly coordinators: SlackCoordinators,
    readonly botUserId: () => string | undefined,
  ) {}

  /** Coordinators read Lotse in the deployment's language. */
  get lang(): string {
    return this.lotse.config.DEFAULT_LANGUAGE;
  }

  readonly t = (key: string, vars?: Record<string, unknown>): string => this.lotse.t(this.lang, key, vars);

  /** An ephemeral notice for one coordinator, through the outbox (never holding Slack's acknowledgement). */
  async notice(channel: string | undefined, user: string, text: string, thread?: string): Promise<void> {
    if (!channel) return;
    await this.lotse.outbox.enqueue({ platform: "slack", chatId: channel, userId: user, ...(thread ? { threadId: thread } : {}) }, { lang: this.lang, blocks: [{ type: "paragraph", spans: [{ text }] }], visibility: "recipient", meta: { kind: "ephemeral" } });
  }

  /**
   * Runs a Slack event's work as one unit keyed by the platform's id of the cause: a retry by
   * Slack (at any retry number, at the same time or after a restart), a replayed submission or a
   * second instance finds the cause committed and does nothing again.
   */
  async once(cause: string, handle: () => Promise<void>): Promise<void> {
    await this.lotse.store.unit(handle, { cause: `slack:${cause}` });
  }

  /** A desk action; what the desk refuses becomes a notice for the coordinator who tried. */
  async atDesk(where: { channel: string | undefined; user: string; thread?: string }, act: () => Promise<unknown>): Promise<boolean> {
    try {
      await act();
      return true;
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      const key = { notFound: "slack.refused", closed: "slack.closed", erased: "slack.volunteerErased", invalid: "slack.notPossible" }[error.reason];
      await this.notice(where.channel, where.user, this.t(key, { ticket: error.ticket }), where.thread);
      return false;
    }
  }
}
