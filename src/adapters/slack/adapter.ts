import { App, HTTPModuleFunctions, HTTPReceiver, LogLevel, SocketModeReceiver, isRawBodyError, webApi } from "@slack/bolt";
import { boltLogger } from "./bolt-logger.js";
import type { Context as HonoContext } from "hono";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Lotse } from "../../app.js";
import type { Address, Reply } from "../../core/message.js";
import { PermanentDeliveryError, RetryLaterError, type Sender } from "../../core/outbox.js";
import { localeBlocks, operatorName, regionLabel, topicTitle } from "../../core/compose.js";
import { TicketError, type Ticket } from "../../escalation/tickets.js";
import { businessMillisBetween } from "../../escalation/routing.js";
import { Drafts } from "../../escalation/drafts.js";
import { addressKey } from "../../core/message.js";
import { plainEcho } from "../../core/sanitize.js";
import { errorSummary } from "../../core/errors.js";
import { currentUnitAfterCommit } from "../../store/unit.js";
import { slackToMarkdown } from "./decode.js";
import { ACTIONS, ANSWER_MODAL, SERVICES, answerModal, ticketCard } from "./card.js";
import { meetingFromCommand } from "../../events/add-command.js";
import { escapeMrkdwn, replyToMrkdwn } from "./mrkdwn.js";
import { isSlackRequestBody } from "./request-shape.js";
import { eraseCoordinatorData, exportCoordinatorData } from "../../core/personal-data.js";
import { ERASE_ACTION, eraseConfirmation } from "./erase-confirmation.js";
import { RESPONSES_PER_URL, codeBlocks } from "./code-blocks.js";
import { RejectedCredentials } from "../start-within.js";


export interface SlackOptions {
  botToken: string;
  signingSecret?: string;
  /** Socket Mode instead of HTTP events (no public URL needed). */
  appToken?: string;
  apiUrl?: string;
  /** User ids allowed to act on every ticket, besides the members of its channel. */
  coordinators?: string[];
  /** Public base URL of the knowledge entries (links on the card), if any. */
  publicUrl?: string;
}

export const SLACK_EVENTS_PATH = "/slack/events";
const SLACK_BODY_LIMIT = 512 * 1024;
/** Thread replies relayed to the volunteer: plain ones, those also sent to the channel, those with a file. */
const RELAYED_SUBTYPES = new Set(["thread_broadcast", "file_share"]);

interface SlackMessageEvent {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  thread_ts?: string;
  ts: string;
  parent_user_id?: string;
  files?: unknown[];
}
const MEMBERS_TTL_MS = 5 * 60_000;
/** auth.test errors that mean the token itself is wrong, not that Slack is away. */
const REJECTED_TOKEN = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"]);
const INTERACTIVE_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 };

/**
 * Slack adapter (Bolt): the coordinators' side of the hand-over. Tickets appear as cards in the
 * team channel of the volunteer's region; replies in the card's thread (or through the modal)
 * travel back to the volunteer through the outbox. The volunteer's identity never reaches Slack.
 */
export class SlackAdapter {
  readonly app: App;
  private readonly receiver: HTTPReceiver | undefined;
  private readonly socket: SocketModeReceiver | undefined;
  private botUserId: string | undefined;
  private readonly members = new Map<string, { at: number; ids: Set<string> }>();
  /**
   * The outbox sender's own client. Bolt's would retry a failing call inside web-api for about
   * 30 minutes (and wait out a 429 itself), holding the outbox and the handler that queued the
   * message; this one fails at once so the outbox retries durably, across restarts.
   */
  private readonly outboxClient: webApi.WebClient;

  constructor(
    private readonly lotse: Lotse,
    private readonly options: SlackOptions,
  ) {
    // Bolt's client serves calls that answer a person now (ephemeral notices, the answer modal, whose
    // trigger expires after 3 s; channel members): a few quick retries, not web-api's half hour.
    const clientOptions = { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), retryConfig: INTERACTIVE_RETRIES };
    const logger = boltLogger(lotse.logger);
    this.outboxClient = new webApi.WebClient(options.botToken, { ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR, logger });
    if (options.appToken) {
      // Our own receiver, so stop() can wait until the socket is closed. Note: in Socket Mode Bolt
      // acknowledges Events API envelopes before the handler runs, so a crash in that instant can
      // lose a coordinator's reply; HTTP mode acknowledges only after the reply is in the outbox.
      this.socket = new SocketModeReceiver({ appToken: options.appToken, logLevel: LogLevel.ERROR, logger, installerOptions: { clientOptions } });
      this.app = new App({ token: options.botToken, receiver: this.socket, clientOptions, logLevel: LogLevel.ERROR, logger, tokenVerificationEnabled: false });
    } else {
      // Acknowledge only after the handler ran: a coordinator's reply is in the outbox before Slack
      // hears "ok", so a crash before that makes Slack retry instead of losing the reply.
      this.receiver = new HTTPReceiver({ signingSecret: options.signingSecret ?? "", endpoints: SLACK_EVENTS_PATH, logLevel: LogLevel.ERROR, logger, processBeforeResponse: true });
      this.app = new App({ token: options.botToken, receiver: this.receiver, clientOptions, logLevel: LogLevel.ERROR, logger, tokenVerificationEnabled: false });
    }
    lotse.outbox.register("slack", this.sender);
    lotse.tickets.on((event, ticket, detail) => this.onTicket(event, ticket, detail?.text));
    this.registerHandlers();
  }

  /** For Lotse's HTTP server: Bolt verifies the signature (401 when bad, missing or older than 5 minutes). */
  eventsHandler(): (c: HonoContext) => Promise<Response> {
    return async (c) => {
      const env = c.env as { incoming: IncomingMessage; outgoing: ServerResponse };
      // Bolt trusts a verified body: one of another shape makes it throw (a 500, or for `null` an
      // unhandled rejection and no answer at all). Verify and parse it here as Bolt does, and
      // turn such bodies away; Bolt reuses the buffered body and answers everything else itself
      // (401 for a bad signature, 400 for broken JSON).
      let verified: { body: unknown } | undefined;
      try {
        // Slack's documented maximum payload is 512 KB: nothing larger is buffered (Bolt's own limit is 4 MB).
        const buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest({ signingSecret: this.options.signingSecret ?? "", bodyLimit: SLACK_BODY_LIMIT }, env.incoming);
        verified = { body: HTTPModuleFunctions.parseHTTPRequestBody(buffered) };
      } catch (error) {
        if (isRawBodyError(error)) return c.body(null, error.statusCode === 413 ? 413 : 400); // the body could not be read
      }
      if (verified && !isSlackRequestBody(verified.body)) return c.body(null, 400);
      this.receiver!.requestListener(env.incoming, env.outgoing);
      return RESPONSE_ALREADY_SENT;
    };
  }

  async start(): Promise<void> {
    // The non-retrying client: an unreachable Slack fails this start attempt at once (it is retried).
    const auth = await this.outboxClient.auth.test().catch((error: unknown) => {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code && REJECTED_TOKEN.has(code)) throw new RejectedCredentials("SLACK_BOT_TOKEN", code);
      throw error;
    });
    this.botUserId = auth.user_id as string | undefined;
    if (this.options.appToken) await this.app.start();
    this.lotse.logger.info({ mode: this.options.appToken ? "socket" : "http", path: this.options.appToken ? undefined : SLACK_EVENTS_PATH }, "slack adapter ready");
  }

  async stop(): Promise<void> {
    if (this.socket) await this.socket.client.disconnect();
  }

  private get lang(): string {
    return this.lotse.config.DEFAULT_LANGUAGE;
  }

  private channelFor(ticket: Ticket): string {
    return this.lotse.routing.route(ticket.region).contact.team_channel ?? this.lotse.routing.contacts.default.team_channel ?? "#lotse";
  }

  private card(ticket: Ticket) {
    const { lotse } = this;
    const entryUrl = ticket.topic && this.options.publicUrl ? `${this.options.publicUrl.replace(/\/$/, "")}/kb/${ticket.topic}` : undefined;
    return ticketCard(ticket, {
      t: lotse.t,
      lang: this.lang,
      now: lotse.clock.now(),
      topicTitle: ticket.topic ? topicTitle(lotse.knowledge.kb, ticket.topic, this.lang) : undefined,
      topicUrl: entryUrl,
      regionLabel: regionLabel(lotse.routing, ticket.region ?? undefined),
    });
  }

  /** Cards and thread messages go out through the outbox, so they survive a Slack outage and a restart. */
  private readonly sender: Sender = {
    send: async (address: Address, reply: Reply) => {
      try {
        if (reply.meta?.kind === "ticket-card" && reply.meta.ticketId) {
          const ticket = await this.lotse.tickets.get(reply.meta.ticketId);
          if (!ticket) return; // deleted meanwhile: nothing to show
          const card = this.card(ticket);
          if (ticket.external) {
            await this.outboxClient.chat.update({ channel: ticket.external.channel, ts: ticket.external.ref, ...card } as never);
            return;
          }
          const posted = await this.outboxClient.chat.postMessage({ channel: address.chatId, ...card } as never);
          await this.lotse.tickets.setExternal(ticket.id, String(posted.channel), String(posted.ts));
          return;
        }
        const text = replyToMrkdwn(reply);
        if (reply.meta?.kind === "ephemeral") {
          // A notice for one coordinator (refused, closed, undeliverable): gone when they reload, which is fine.
          await this.outboxClient.chat.postEphemeral({ channel: address.chatId, user: address.userId, text, ...(address.threadId ? { thread_ts: address.threadId } : {}) } as never);
          return;
        }
        const posted = await this.outboxClient.chat.postMessage({ channel: address.chatId, thread_ts: address.threadId, text, unfurl_links: false } as never);
        return `${String(posted.channel)}:${String(posted.ts)}`;
      } catch (error) {
        throw translateSlackError(error);
      }
    },
  };

  private async onTicket(event: string, ticket: Ticket, text?: string): Promise<void> {
    if (event === "created") {
      await this.lotse.outbox.enqueue({ platform: "slack", chatId: this.channelFor(ticket), userId: "coordinators" }, { lang: this.lang, blocks: [], meta: { kind: "ticket-card", ticketId: ticket.id } });
      return;
    }
    if (!ticket.external) return;
    if (event === "followUp" && text) {
      // The volunteer's (redacted) text: erased with their data if it is still queued.
      await this.lotse.outbox.enqueue(
        { platform: "slack", chatId: ticket.external.channel, threadId: ticket.external.ref, userId: "coordinators" },
        { lang: this.lang, blocks: [{ type: "paragraph", spans: [{ text: this.lotse.t(this.lang, "slack.followUp"), bold: true }] }, { type: "paragraph", spans: [{ text }] }] },
        { subject: addressKey(ticket.origin) },
      );
    }
    await this.updateCard(ticket);
  }

  /**
   * Through the outbox, like the card itself: a change must reach the card after a Slack outage,
   * and must not hold up whoever changed the ticket (a volunteer's follow-up or erasure, a
   * coordinator's button). The sender renders the ticket as it is then, so the latest state wins.
   */
  private async updateCard(ticket: Ticket): Promise<void> {
    if (!ticket.external) return;
    await this.lotse.outbox.enqueue({ platform: "slack", chatId: ticket.external.channel, userId: "coordinators" }, { lang: this.lang, blocks: [], meta: { kind: "ticket-card", ticketId: ticket.id } });
  }

  /** How mentions in a coordinator's message are shown to the volunteer: the contact's role, the team channel. */
  private mentionNames(ticket: Ticket): { person: string; channel: string } {
    const contact = this.lotse.routing.route(ticket.region).contact;
    return { person: contact.role, channel: this.lotse.t(ticket.lang, "slack.teamChannel") };
  }

  /** Members of the ticket's channel, or configured coordinators, may act on it. */
  private async mayAct(user: string, channel: string): Promise<boolean> {
    if (this.options.coordinators?.includes(user)) return true;
    const cached = this.members.get(channel);
    if (cached && Date.now() - cached.at < MEMBERS_TTL_MS) return cached.ids.has(user);
    const result = await this.app.client.conversations.members({ channel });
    const ids = new Set((result.members as string[] | undefined) ?? []);
    this.members.set(channel, { at: Date.now(), ids });
    return ids.has(user);
  }

  /** The ticket behind an action, if the action comes from that ticket's own channel and the user may act. */
  private async authorised(ticketId: string, channel: string | undefined, user: string): Promise<Ticket | undefined> {
    const ticket = /^L-[A-Z0-9]{6}$/.test(ticketId) ? await this.lotse.tickets.get(ticketId) : undefined;
    if (!ticket?.external || !channel || ticket.external.channel !== channel) return undefined;
    return (await this.mayAct(user, channel)) ? ticket : undefined;
  }

  private async refuse(channel: string | undefined, user: string): Promise<void> {
    await this.notice(channel, user, this.lotse.t(this.lang, "slack.refused"));
  }

  /** An ephemeral notice for one coordinator, through the outbox (never holding Slack's acknowledgement). */
  private async notice(channel: string | undefined, user: string, text: string, thread?: string): Promise<void> {
    if (!channel) return;
    await this.lotse.outbox.enqueue({ platform: "slack", chatId: channel, userId: user, ...(thread ? { threadId: thread } : {}) }, { lang: this.lang, blocks: [{ type: "paragraph", spans: [{ text }] }], meta: { kind: "ephemeral" } });
  }

  /**
   * Runs a Slack event's work as one unit keyed by the platform's id of the cause: a retry by
   * Slack (at any retry number, at the same time or after a restart), a replayed submission or a
   * second instance finds the cause committed and does nothing again.
   */
  private async once(cause: string, handle: () => Promise<void>): Promise<void> {
    await this.lotse.store.unit(handle, { cause: `slack:${cause}` });
  }

  /** Reminds the channel of tickets nobody claimed within TICKET_REMINDER_HOURS office hours. */
  async remindUnclaimed(): Promise<number> {
    const { lotse } = this;
    const limit = lotse.config.TICKET_REMINDER_HOURS * 3600_000;
    let reminded = 0;
    for (const ticket of await lotse.tickets.all()) {
      if (ticket.status !== "open" || !ticket.external || ticket.remindedAt) continue;
      const contact = lotse.routing.route(ticket.region).contact;
      if (businessMillisBetween(contact, new Date(ticket.createdAt), lotse.clock.now()) < limit) continue;
      await lotse.tickets.markReminded(ticket.id);
      await lotse.outbox.enqueue(
        { platform: "slack", chatId: ticket.external.channel, threadId: ticket.external.ref, userId: "coordinators" },
        { lang: this.lang, blocks: [{ type: "paragraph", spans: [{ text: lotse.t(this.lang, "slack.reminder", { ticket: ticket.id, hours: lotse.config.TICKET_REMINDER_HOURS }), bold: true }] }] },
      );
      reminded++;
    }
    return reminded;
  }

  private registerHandlers(): void {
    const { app, lotse } = this;
    const t = (key: string, vars?: Record<string, unknown>) => lotse.t(this.lang, key, vars);

    app.event("message", async ({ event }) => {
      const message = event as SlackMessageEvent;
      // Replies in a thread, also those sent to the channel too or with a file; never the bot's own.
      if ((message.subtype && !RELAYED_SUBTYPES.has(message.subtype)) || message.bot_id || !message.user || message.user === this.botUserId || !message.thread_ts || message.thread_ts === message.ts) return;
      const files = message.files?.length ?? 0;
      const raw = (message.text ?? "").trim();
      if ((!raw && !files) || /^note:/i.test(raw)) return; // internal notes stay in Slack
      const user = message.user;
      // Channel and ts identify the message itself: every retry of the event carries them.
      await this.once(`msg:${message.channel}:${message.ts}`, async () => {
        const ticket = await lotse.tickets.byExternal(message.channel, message.thread_ts!);
        if (!ticket) {
          // A thread under a card of ours whose ticket is gone (deleted after its retention time).
          if (message.parent_user_id && message.parent_user_id === this.botUserId) await this.notice(message.channel, user, t("slack.ticketGone"), message.thread_ts);
          return;
        }
        if (!(await this.mayAct(user, message.channel))) return this.refuse(message.channel, user);
        if (ticket.erased) return this.notice(message.channel, user, t("slack.volunteerErased", { ticket: ticket.id }), message.thread_ts);
        const text = slackToMarkdown(raw, this.mentionNames(ticket));
        try {
          await lotse.tickets.answer(ticket.id, text, user, `slack:${message.channel}:${message.ts}`, files);
        } catch (error) {
          if (!(error instanceof TicketError)) throw error;
          await this.notice(message.channel, user, t("slack.closed", { ticket: ticket.id }), message.thread_ts);
        }
      });
    });

    const action = (id: string, handle: (ticket: Ticket, user: string, body: Record<string, unknown>, value: string) => Promise<void>) =>
      app.action(id, async ({ ack, body, action: pressed }) => {
        await ack();
        const b = body as unknown as { user: { id: string }; channel?: { id: string }; trigger_id?: string };
        const raw = "value" in pressed && typeof pressed.value === "string" ? pressed.value : "selected_option" in pressed ? String((pressed as { selected_option?: { value?: string } }).selected_option?.value ?? "") : "";
        const [ticketId = "", extra = ""] = raw.split("|");
        // Slack does not retry a button press, but a replayed request (within the signature's 5 minutes) must not act twice.
        await this.once(`action:${b.trigger_id ?? (pressed as { action_ts?: string }).action_ts ?? ""}:${id}`, async () => {
          const ticket = await this.authorised(ticketId, b.channel?.id, b.user.id);
          if (!ticket) return this.refuse(b.channel?.id, b.user.id);
          try {
            await handle(ticket, b.user.id, body as unknown as Record<string, unknown>, extra);
          } catch (error) {
            if (!(error instanceof TicketError)) throw error;
            await this.notice(b.channel?.id, b.user.id, t("slack.closed", { ticket: ticket.id }));
          }
        });
      });

    action(ACTIONS.claim, async (ticket, user) => {
      await lotse.tickets.transition(ticket.id, "claimed", user, { claimedBy: user });
    });
    action(ACTIONS.answer, async (ticket, _user, body) => {
      // A modal opens only within 3 s of the press (its trigger): called at once, after the unit's commit.
      const view = answerModal(ticket.id, ticket.external!.channel, lotse.t, this.lang);
      currentUnitAfterCommit(() => void app.client.views.open({ trigger_id: String(body.trigger_id), view: view as never }).catch((error: unknown) => lotse.logger.warn({ err: errorSummary(error) }, "slack answer modal failed")));
    });
    action(ACTIONS.refer, async (ticket, user, _body, service) => {
      if (!(SERVICES as readonly string[]).includes(service)) return;
      await lotse.tickets.transition(ticket.id, "referred", user, { referredTo: service });
      const lang = ticket.lang;
      await lotse.outbox.enqueue(ticket.origin, { lang, blocks: localeBlocks(lotse.t, lang, `referral.${service}.route`, { ticket: ticket.id }), meta: { kind: "referral", ticketId: ticket.id } });
    });
    action(ACTIONS.faq, async (ticket, user, body) => {
      const answer = [...ticket.messages].reverse().find((m) => m.from === "coordinator")?.text ?? "";
      await new Drafts(lotse.store).save({ ticket: ticket.id, topic: ticket.topic, question: ticket.question, answer, by: user, at: lotse.clock.now().toISOString() });
      await this.notice((body.channel as { id: string }).id, user, t("slack.faqSaved", { ticket: ticket.id }));
    });
    action(ACTIONS.close, async (ticket, user) => {
      await lotse.tickets.transition(ticket.id, "resolved", user);
    });

    app.view(ANSWER_MODAL, async ({ ack, view, body }) => {
      const text = String((view.state.values.answer?.text as { value?: string } | undefined)?.value ?? "").trim();
      if (!text) {
        await ack({ response_action: "errors", errors: { answer: t("slack.emptyAnswer") } } as never);
        return;
      }
      await ack();
      let meta: { ticket?: string; channel?: string } = {};
      try {
        meta = JSON.parse(view.private_metadata) as typeof meta;
      } catch {
        return;
      }
      // A submitted view is submitted once: its id is the cause (a replayed submission finds it done).
      await this.once(`view:${view.id}`, async () => {
        const ticket = await this.authorised(meta.ticket ?? "", meta.channel, body.user.id);
        if (!ticket) return this.refuse(meta.channel, body.user.id);
        if (ticket.erased) return this.notice(meta.channel, body.user.id, t("slack.volunteerErased", { ticket: ticket.id }));
        // The modal's plain text input carries no Slack markup, but may carry invisible controls.
        const answer = plainEcho(text);
        try {
          await lotse.tickets.answer(ticket.id, answer, body.user.id, `slack-view:${view.id}`);
        } catch (error) {
          if (!(error instanceof TicketError)) throw error;
          return this.notice(meta.channel, body.user.id, t("slack.closed", { ticket: ticket.id }));
        }
        // The thread keeps the record of what the volunteer received.
        await lotse.outbox.enqueue(
          { platform: "slack", chatId: ticket.external!.channel, threadId: ticket.external!.ref, userId: "coordinators" },
          { lang: this.lang, blocks: [{ type: "paragraph", spans: [{ text: t("slack.answerSent"), bold: true }] }, { type: "paragraph", spans: [{ text: answer }] }] },
        );
      });
    });

    app.action(ERASE_ACTION, async ({ ack, body, respond }) => {
      await ack();
      // The user comes from Slack's signed payload, never from the button's value.
      const b = body as { user: { id: string }; channel?: { id?: string }; container?: { channel_id?: string }; trigger_id?: string };
      const user = b.user.id;
      let tickets = 0;
      await this.once(`erase:${b.trigger_id ?? user}`, async () => {
        tickets = await eraseCoordinatorData(lotse.store, lotse.tickets, user);
      });
      lotse.logger.info({ tickets }, "coordinator data erased");
      // The data is gone either way; only the notice may fail. Some surfaces send no response_url
      // (Bolt then gives no respond), and an expired one makes respond throw: then an ephemeral
      // message in the channel, if there is one. Never a 500 for an erasure that happened.
      const text = t("slack.deleted", { tickets });
      const responded = respond ? await respond({ response_type: "ephemeral", replace_original: true, text }).then(() => true, () => false) : false;
      const channel = b.channel?.id ?? b.container?.channel_id;
      if (responded || !channel) return;
      // The outbox's client fails at once: Slack is still waiting for this request's answer (processBeforeResponse).
      await this.outboxClient.chat.postEphemeral({ channel, user, text }).catch((error: unknown) => {
        lotse.logger.warn({ err: { message: (error as Error).message.slice(0, 200) } }, "slack erasure notice failed");
      });
    });

    app.command("/lotse", async ({ ack, command, respond }) => {
      await ack();
      const [sub = "", ...args] = command.text.trim().split(/\s+/);
      let text: string;
      switch (sub.toLowerCase()) {
        case "open":
          text = await this.openTickets(command.user_id);
          break;
        case "stats":
          text = await this.stats();
          break;
        case "events":
          text = await this.upcomingMeetings(args[0]);
          break;
        case "event":
          text = await this.changeMeeting(command.user_id, command.channel_id, args);
          break;
        case "privacy":
          text = t("slack.privacy", { operator: operatorName(lotse.config.OPERATOR_NAME), contact: lotse.config.OPERATOR_CONTACT, ticketDays: lotse.config.TICKET_RETENTION_DAYS });
          break;
        case "my_data":
          await this.sendExport(command.user_id, command.channel_id, respond);
          return;
        case "delete_me":
          // Slack's own confirmation dialog guards the button; the action erases only the presser's data.
          await respond({ response_type: "ephemeral", text: t("slack.deleteConfirm"), blocks: eraseConfirmation(t) });
          return;
        default:
          text = t("slack.help");
      }
      await respond({ response_type: "ephemeral", text });
    });
  }

  /**
   * `/lotse my_data`: the complete export, in as many ephemeral messages as it needs. A
   * response_url takes five; should a huge export need more, the rest go as ephemeral bot
   * messages in the channel (which fail where the bot is not a member: logged).
   */
  private async sendExport(user: string, channel: string, respond: (message: { response_type: "ephemeral"; text: string }) => Promise<unknown>): Promise<void> {
    const { lotse } = this;
    const data = await exportCoordinatorData(lotse.store, lotse.tickets, "slack", user, lotse.clock);
    const [first = "", ...rest] = codeBlocks(JSON.stringify(data, null, 1));
    const parts = [`${lotse.t(this.lang, "privacy.export")}\n${first}`, ...rest];
    for (const text of parts.slice(0, RESPONSES_PER_URL)) await respond({ response_type: "ephemeral", text });
    for (const text of parts.slice(RESPONSES_PER_URL)) {
      try {
        await this.outboxClient.chat.postEphemeral({ channel, user, text });
      } catch (error) {
        lotse.logger.warn({ parts: parts.length, err: { message: (error as Error).message.slice(0, 200) } }, "slack export incomplete");
        return;
      }
    }
  }

  /** `/lotse events [region]`: the next meetings, as mrkdwn. */
  private async upcomingMeetings(region?: string): Promise<string> {
    const next = await this.lotse.calendar.upcoming(8, region ? { regions: [region] } : {});
    if (!next.length) return this.lotse.t(this.lang, "events.none");
    return next
      .map((o) => `• *${escapeMrkdwn(o.event.title[this.lang] ?? o.event.title.de!)}* – ${new Intl.DateTimeFormat(this.lang, { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Berlin" }).format(o.start)} (\`${o.eventId}\` ${o.originalLocal})`)
      .join("\n");
  }

  /**
   * `/lotse event cancel <id> <YYYY-MM-DDTHH:MM>` and `/lotse event move <id> <from> <to>`:
   * for configured coordinators and members of a team channel (where the command is used).
   */
  private async changeMeeting(user: string, channel: string, args: string[]): Promise<string> {
    const t = (key: string, vars?: Record<string, unknown>) => this.lotse.t(this.lang, key, vars);
    const teamChannels = new Set([this.lotse.routing.contacts.default.team_channel, ...this.lotse.routing.lands.flatMap((l) => [l.contact?.team_channel, ...l.regions.map((r) => r.contact?.team_channel)])].filter(Boolean));
    // A channel Slack will not list members of (private, without the bot) allows nothing, rather than failing the command.
    const allowed = this.options.coordinators?.includes(user) || ((teamChannels.has(channel) || (await this.channelName(channel)).some((n) => teamChannels.has(n))) && (await this.mayAct(user, channel).catch(() => false)));
    if (!allowed) return t("slack.refused");
    const [action, id = "", when = "", to = ""] = args;
    if (action === "add") {
      // /lotse event add <id> <YYYY-MM-DDTHH:MM> <minutes> <type> <region> <title …>
      const [, , , minutes = "", type = "", region = "", ...title] = args;
      const event = meetingFromCommand({ id, start: when, minutes, type, region, title: title.join(" "), lang: this.lang });
      if (typeof event === "string") return `${t("discord.badEvent")} ${event}`;
      if (await this.lotse.calendar.findEvent(id)) return `${t("discord.badEvent")} id`;
      await this.lotse.calendar.add(event);
      this.lotse.logger.info({ event: id, change: "add", by: user }, "meeting changed");
      return t("discord.added", { id, when });
    }
    const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
    if (!(await this.lotse.calendar.findEvent(id)) || !local.test(when) || (action === "move" && !local.test(to)) || (action !== "cancel" && action !== "move")) return t("discord.badEvent");
    if (action === "cancel") await this.lotse.calendar.cancel(id, when);
    else await this.lotse.calendar.move(id, when, to);
    this.lotse.logger.info({ event: id, change: action, by: user }, "meeting changed");
    return t(action === "cancel" ? "discord.cancelled" : "discord.moved", { id, when });
  }

  private async channelName(channel: string): Promise<string[]> {
    try {
      const info = await this.app.client.conversations.info({ channel });
      const name = (info.channel as { name?: string } | undefined)?.name;
      return name ? [`#${name}`, name] : [];
    } catch {
      return [];
    }
  }

  /** Open tickets in the channels the user belongs to (or all, for configured coordinators). */
  private async openTickets(user: string): Promise<string> {
    const lines: string[] = [];
    for (const ticket of await this.lotse.tickets.all()) {
      if (ticket.status === "resolved" || ticket.status === "referred" || !ticket.external) continue;
      if (!(await this.mayAct(user, ticket.external.channel))) continue;
      lines.push(`• ${ticket.id} – ${this.lotse.t(this.lang, `slack.status.${ticket.status}`)} – ${ticket.topic ? topicTitle(this.lotse.knowledge.kb, ticket.topic, this.lang) : "?"}`);
    }
    return lines.length ? lines.join("\n") : this.lotse.t(this.lang, "slack.noOpen");
  }

  /** Counts by state, topic and region for 30 days: numbers only, no text. */
  private async stats(): Promise<string> {
    const since = this.lotse.clock.now().getTime() - 30 * 86_400_000;
    const count = (key: (t: Ticket) => string, tickets: Ticket[]) => {
      const m = new Map<string, number>();
      for (const ticket of tickets) m.set(key(ticket), (m.get(key(ticket)) ?? 0) + 1);
      return [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}: ${n}`).join(", ") || "–";
    };
    const recent = (await this.lotse.tickets.all()).filter((t) => Date.parse(t.createdAt) >= since);
    const t = (key: string) => this.lotse.t(this.lang, key);
    return [
      `*${t("slack.statsTitle")}* (${recent.length})`,
      `${t("slack.statusLabel")}: ${count((x) => t(`slack.status.${x.status}`), recent)}`,
      `${t("slack.topic")}: ${count((x) => x.topic ?? "–", recent)}`,
      `${t("slack.region")}: ${count((x) => x.region ?? "–", recent)}`,
    ].join("\n");
  }
}

/** Errors Slack answers with HTTP 200 when the trouble is on its side: retrying can fix them. */
const TRANSIENT_SLACK_ERRORS = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

function translateSlackError(error: unknown): Error {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  const message = `Slack: ${e.data?.error ?? e.message ?? String(error)}`.slice(0, 200);
  if (e.code === "slack_webapi_rate_limited_error") return new RetryLaterError(message, (e.retryAfter ?? 5) * 1000);
  // A rejected token is the instance's problem, not the message's: keep it for when the token is fixed.
  if (e.code === "slack_webapi_platform_error" && !TRANSIENT_SLACK_ERRORS.has(e.data?.error ?? "") && !REJECTED_TOKEN.has(e.data?.error ?? "")) return new PermanentDeliveryError(message);
  return new Error(message);
}
