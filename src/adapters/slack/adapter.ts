import { App, HTTPModuleFunctions, HTTPReceiver, LogLevel, SocketModeReceiver, isRawBodyError, webApi } from "@slack/bolt";
import type { Context as HonoContext } from "hono";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Lotse } from "../../app.js";
import { RejectedCredentials } from "../start-within.js";
import { boltLogger } from "./bolt-logger.js";
import { registerSlackCommands } from "./commands.js";
import { SlackContext } from "./context.js";
import { SlackCoordinators } from "./coordinators.js";
import { SlackDeskFront } from "./desk-front.js";
import { registerSlackHandlers } from "./handlers.js";
import { isSlackRequestBody } from "./request-shape.js";
import { slackSender } from "./sender.js";
import { REJECTED_TOKEN } from "../delivery-errors.js";
import type { PlatformAdapter } from "../types.js";
import type { MountRoutes } from "../../http/server.js";
import type { Sender } from "../../core/outbox/outbox.js";

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
const INTERACTIVE_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000 };

/**
 * Slack adapter (Bolt): the coordinators' side of the hand-over. Tickets appear as cards in the
 * team channel of the volunteer's region; replies in the card's thread (or through the modal)
 * travel back to the volunteer through the outbox. The volunteer's identity never reaches Slack.
 */
export class SlackAdapter implements PlatformAdapter {
  readonly platform = "slack";
  readonly sender: Sender;
  readonly ephemeral = true;
  readonly app: App;
  private readonly receiver: HTTPReceiver | undefined;
  private readonly socket: SocketModeReceiver | undefined;
  private botUserId: string | undefined;
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
    this.sender = slackSender(lotse, this.outboxClient, options.publicUrl);
    lotse.outbox.register("slack", this.sender);
    lotse.relay.add(new SlackDeskFront(lotse));
    const context = new SlackContext(lotse, this.app, this.outboxClient, new SlackCoordinators(this.app.client, options.coordinators), () => this.botUserId);
    registerSlackHandlers(context);
    registerSlackCommands(context);
  }

  /** In HTTP mode (no SLACK_APP_TOKEN), the Events API endpoint. */
  readonly routes: MountRoutes = (app) => {
    if (!this.options.appToken) app.post(SLACK_EVENTS_PATH, this.eventsHandler());
  };

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
}
