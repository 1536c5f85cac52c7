// A small stand-in for the Slack Web API that real Bolt talks to over HTTP
// (`clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }`), plus helpers that
// send Bolt's HTTP endpoint requests signed the way Slack signs them. See PLATFORM-FAKES.md (Slack).
// Socket Mode: apps.connections.open hands out a ws:// URL on the same port, where the fake greets
// with "hello" and pushes envelopes that the client acks by envelope_id.
import { createHmac, randomUUID } from "node:crypto";
import { listenAgain, stopListening } from "./listening.js";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

type Obj = Record<string, unknown>;
export interface SlackCall { method: string; body: Obj; token?: string; at: number; }
interface Message { ts: string; thread_ts?: string; text?: string; blocks?: unknown[]; user?: string; }

const [TEAM, BOT_USER, BOT_ID, APP_ID] = ["T_LOTSE", "U_LOTSE", "B_LOTSE", "A_LOTSE"] as const;
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
/** What handle() returns for a call during an outage: answered by answerOutage, not as JSON 200. */
const DOWN: Obj = Object.freeze({});
const now = () => Math.floor(Date.now() / 1000);

let tsSeq = 0;
/** A fresh message ts: "seconds.micros", unique and increasing within a test run. */
const freshTs = () => `${now()}.${String(++tsSeq % 1_000_000).padStart(6, "0")}`;

/** web-api sends every non-scalar argument (blocks, view, …) as a JSON string in a form body. */
const decodeField = (v: string): unknown => {
  try { return /^[[{]/.test(v) ? JSON.parse(v) : v; } catch { return v; } // text that merely starts with a bracket
};

/** The message fields a chat.postMessage / chat.update sets. */
const content = (body: Obj): Partial<Message> =>
  ({ ...(body.text !== undefined ? { text: String(body.text) } : {}), ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}) });

async function readBody(req: IncomingMessage): Promise<Obj> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  if ((req.headers["content-type"] ?? "").startsWith("application/json")) return JSON.parse(raw) as Obj;
  const body: Obj = {};
  for (const [k, v] of new URLSearchParams(raw)) body[k] = decodeField(v);
  return body;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  private readonly failures = new Map<string, { error: string; times: number }>();
  private readonly waiters = new Set<(c: SlackCall) => void>();
  private readonly messages = new Map<string, Message[]>();
  private seq = 0;
  private viewSeq = 0;
  /** Socket Mode clients that were greeted, and envelopes still waiting for their ack. */
  private readonly sockets = new Set<WebSocket>();
  private readonly pendingAcks = new Map<string, () => void>();

  private constructor(
    private readonly server: Server, private readonly wss: WebSocketServer, readonly apiUrl: string, readonly botToken: string, readonly appToken: string,
    private readonly teamId: string, private readonly botUserId: string, private readonly channels: Record<string, string[]>,
  ) {
    wss.on("connection", (ws) => {
      ws.on("message", (data) => {
        let ack: { envelope_id?: unknown };
        try { ack = JSON.parse(String(data)) as typeof ack; } catch { return; }
        const id = str(ack.envelope_id);
        if (id) this.pendingAcks.get(id)?.();
      });
      ws.on("close", () => this.sockets.delete(ws));
      // The client counts as connected only after "hello"; it sends nothing before that.
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake-slack", approximate_connection_time: 18060 },
        connection_info: { app_id: APP_ID } }));
      this.sockets.add(ws);
    });
  }

  static async start(options: { botToken?: string; appToken?: string; teamId?: string; botUserId?: string; channels?: Record<string, string[]> } = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      // Slack answers HTTP 200 even for errors; web-api would retry any other status.
      const reply = (answer: Obj) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      fake!.handle(req).then((answer) => (answer === DOWN ? fake!.answerOutage(res) : reply(answer)),
        (err: unknown) => reply({ ok: false, error: `fake_error: ${String(err)}` }));
    });
    // Upgrades on /socket become Socket Mode connections; ws answers the client's pings itself.
    const wss = new WebSocketServer({ server, path: "/socket" });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, wss, `http://127.0.0.1:${port}/api/`, options.botToken ?? "xoxb-test-token", options.appToken ?? "xapp-1-test", options.teamId ?? TEAM,
      options.botUserId ?? BOT_USER, options.channels ?? { C_BERLIN: ["U_COORD1"], C_BAYERN: ["U_COORD2"], C_ZENTRALE: ["U_COORD3"] });
    return fake;
  }

  failNext(method: string, error: string, times = 1): void { this.failures.set(method, { error, times }); }

  // ---- Outages (test/faults): a platform that is down for a while ----
  private outage: { status: number; html: boolean; error?: string } | undefined;

  /**
   * Until comeBack(): every Web API call is recorded, then answered with HTTP `status` (default 500;
   * with `html` a proxy's HTML page, e.g. 502/503), or, with `error`, HTTP 200 and `{ok:false,error}`
   * the way Slack reports its own trouble ("internal_error", "fatal_error", "service_unavailable").
   */
  goDown(options: { status?: number; html?: boolean; error?: string } = {}): void {
    this.outage = { status: options.error ? 200 : options.status ?? 500, html: options.html ?? false, ...(options.error ? { error: options.error } : {}) };
  }

  /** Stops listening and drops open connections (Socket Mode too): clients get ECONNREFUSED until comeBack(). */
  async refuseConnections(): Promise<void> {
    if (!this.server.listening) return;
    for (const ws of this.sockets) ws.terminate(); // upgraded sockets are not the HTTP server's any more
    await stopListening(this.server);
  }

  /** Ends goDown() and refuseConnections(): listens again on the same port, answers normally. */
  async comeBack(): Promise<void> {
    this.outage = undefined;
    await listenAgain(this.server, Number(new URL(this.apiUrl).port));
  }

  // ---- Hanging calls (test/faults): a Slack API that is slow to answer one instance ----
  private readonly hangs = new Map<string, number>();
  private readonly held = new Set<() => void>();

  /** The next `times` calls of `method` are recorded, then held unanswered until release() (answered as usual then). */
  hang(method: string, times = 1): void { this.hangs.set(method, (this.hangs.get(method) ?? 0) + times); }

  /** Calls held now. */
  get hanging(): number { return this.held.size; }

  /** Answers the held calls as usual. */
  release(): void { for (const go of [...this.held]) go(); }

  private pause(method: string): Promise<void> | undefined {
    if ((this.hangs.get(method) ?? 0) <= 0) return undefined;
    this.hangs.set(method, this.hangs.get(method)! - 1);
    return new Promise((resolve) => {
      const go = () => { this.held.delete(go); resolve(); };
      this.held.add(go);
    });
  }

  private answerOutage(res: ServerResponse): void {
    const { status, html, error } = this.outage ?? { status: 500, html: false };
    if (html) res.writeHead(status, { "content-type": "text/html" }).end(`<html><body><h1>${status} Service Unavailable</h1></body></html>`);
    else res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: error ?? "internal_error" }));
  }

  waitFor(predicate: (c: SlackCall) => boolean, timeoutMs = 2000): Promise<SlackCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`FakeSlack.waitFor timed out after ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(", ") || "none"}`));
      }, timeoutMs);
      const waiter = (c: SlackCall) => { if (predicate(c)) { clearTimeout(timer); this.waiters.delete(waiter); resolve(c); } };
      this.waiters.add(waiter);
    });
  }

  messagesIn(channel: string): Message[] { return (this.messages.get(channel) ?? []).map((m) => ({ ...m })); }

  /** Resolves once a Socket Mode client is connected and was greeted with "hello". */
  async socketConnected(timeoutMs = 5000): Promise<void> {
    if (this.sockets.size === 0) await once(this.wss, "connection", { signal: AbortSignal.timeout(timeoutMs) });
  }

  /**
   * Pushes an envelope ("events_api", "interactive", "slash_commands") to the newest Socket Mode
   * client; resolves when the client acks it. Bolt acks events_api before its listener runs.
   */
  socketEnvelope(type: string, payload: Obj, timeoutMs = 5000): Promise<void> {
    const ws = [...this.sockets].at(-1);
    if (!ws) return Promise.reject(new Error("FakeSlack.socketEnvelope: no Socket Mode client connected"));
    const envelopeId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(envelopeId);
        reject(new Error(`FakeSlack.socketEnvelope: ${type} envelope not acked within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pendingAcks.set(envelopeId, () => { clearTimeout(timer); this.pendingAcks.delete(envelopeId); resolve(); });
      // Only slash commands and view submissions may answer through the ack.
      ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload,
        accepts_response_payload: type === "slash_commands" || payload.type === "view_submission",
        ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}) }));
    });
  }

  async stop(): Promise<void> {
    this.hangs.clear();
    this.release();
    // Upgraded sockets are no longer the HTTP server's connections: close them here, or close() waits for them.
    // Finish the close handshake first (Bolt's stop() does not wait for it): a bare terminate shows up as a WebSocket error.
    await Promise.all([...this.sockets].map(async (ws) => {
      if (ws.readyState === ws.OPEN) ws.close(1001, "fake stopping");
      await once(ws, "close", { signal: AbortSignal.timeout(1000) }).catch(() => undefined);
      ws.terminate();
    }));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections(); // web-api keeps connections alive; don't wait for them to idle out
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<Obj> {
    const method = /^\/api\/([\w.]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname)?.[1];
    if (req.method !== "POST" || !method) return { ok: false, error: "unknown_method" };
    const body = await readBody(req);
    // web-api sends the token as a Bearer header; older clients put it in the body.
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? str(body.token);
    const call: SlackCall = { method, body, ...(token !== undefined ? { token } : {}), at: Date.now() };
    this.calls.push(call);
    for (const w of [...this.waiters]) w(call);
    if (this.outage) return DOWN;
    if (token === undefined) return { ok: false, error: "not_authed" };
    // Socket Mode's apps.connections.open takes only the app-level token; every other method the bot token.
    const [expected, other] = method === "apps.connections.open" ? [this.appToken, this.botToken] : [this.botToken, this.appToken];
    if (token !== expected) return { ok: false, error: token === other ? "not_allowed_token_type" : "invalid_auth" };
    const failure = this.failures.get(method);
    if (failure && --failure.times <= 0) this.failures.delete(method);
    if (failure) return { ok: false, error: failure.error };
    const paused = this.pause(method);
    if (paused) await paused; // only then: callers that waitFor() a call expect its effect right after it
    return this.answer(method, body);
  }

  /** The next message ts: like Slack's "1700000000.000100", always increasing. */
  private nextTs(): string {
    const n = ++this.seq;
    return `${1_700_000_000 + Math.floor(n / 10_000)}.${String((n % 10_000) * 100).padStart(6, "0")}`;
  }

  private answer(method: string, body: Obj): Obj {
    const channel = str(body.channel) ?? "";
    const list = this.messages.get(channel) ?? [];
    const find = () => list.find((m) => m.ts === str(body.ts));
    switch (method) {
      case "apps.connections.open": {
        const { port } = this.server.address() as AddressInfo;
        return { ok: true, url: `ws://127.0.0.1:${port}/socket?ticket=${randomUUID()}&app_id=${APP_ID}` };
      }
      case "auth.test":
        return { ok: true, url: "https://lotse-test.slack.com/", team: "Lotse Test", team_id: this.teamId, user: "lotse",
          user_id: this.botUserId, bot_id: BOT_ID, is_enterprise_install: false };
      case "chat.postMessage": {
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (body.text === undefined && body.blocks === undefined) return { ok: false, error: "no_text" };
        const message: Message = { ts: this.nextTs(), user: this.botUserId, ...content(body),
          ...(str(body.thread_ts) ? { thread_ts: str(body.thread_ts) } : {}) };
        this.messages.set(channel, [...list, message]);
        return { ok: true, channel, ts: message.ts, message: { type: "message", bot_id: BOT_ID, app_id: APP_ID, team: this.teamId, ...message } };
      }
      case "chat.update": {
        const message = find();
        if (!message) return { ok: false, error: "message_not_found" };
        Object.assign(message, content(body));
        return { ok: true, channel, ts: message.ts, text: message.text ?? "", message: { type: "message", bot_id: BOT_ID, ...message } };
      }
      case "chat.delete": {
        const message = find();
        if (!message) return { ok: false, error: "message_not_found" };
        this.messages.set(channel, list.filter((m) => m !== message));
        return { ok: true, channel, ts: message.ts };
      }
      case "chat.postEphemeral": // only the one user sees it, so it stays out of messagesIn
        return channel ? { ok: true, message_ts: this.nextTs() } : { ok: false, error: "channel_not_found" };
      case "views.open": case "views.push": case "views.update": {
        const id = str(body.view_id) ?? `V${String(++this.viewSeq).padStart(8, "0")}`;
        return { ok: true, view: { ...(body.view as Obj | undefined), id, team_id: this.teamId, app_id: APP_ID, bot_id: BOT_ID, hash: `${now()}.hash${this.viewSeq}` } };
      }
      case "conversations.members": {
        const members = this.channels[channel];
        return members ? { ok: true, members, response_metadata: { next_cursor: "" } } : { ok: false, error: "channel_not_found" };
      }
      case "conversations.info":
        return channel in this.channels
          ? { ok: true, channel: { id: channel, name: channel.replace(/^C_/, "").toLowerCase(), is_channel: true, is_private: false, is_member: true } }
          : { ok: false, error: "channel_not_found" };
      case "users.info": {
        const id = str(body.user);
        if (!id) return { ok: false, error: "user_not_found" };
        const realName = `Test ${id}`;
        return { ok: true, user: { id, team_id: this.teamId, name: id.toLowerCase(), real_name: realName, tz: "Europe/Berlin", is_bot: false,
          profile: { real_name: realName, display_name: realName } } };
      }
      default: // reactions.add and anything else this fake does not model
        return { ok: true };
    }
  }
}

// ---- Requests to a Bolt HTTP endpoint, signed like Slack's ----

/** Slack's v0 signature: HMAC-SHA256 over "v0:{timestamp}:{raw body}". */
export function signBody(signingSecret: string, body: string, timestamp = now()): { "x-slack-signature": string; "x-slack-request-timestamp": string } {
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-signature": `v0=${digest}`, "x-slack-request-timestamp": String(timestamp) };
}

async function post(url: string, body: string, contentType: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { method: "POST", body, headers: { "content-type": contentType, ...headers } });
  await res.arrayBuffer(); // drain, so the connection is released
  return res.status;
}

/** Bolt compares the content type with "application/x-www-form-urlencoded" exactly: no charset suffix. */
const FORM = "application/x-www-form-urlencoded";

/** The event_callback body Slack wraps an event in: posted over HTTP, or the payload of an events_api envelope. */
export function eventCallback(event: Obj, options: { eventId?: string } = {}): Obj {
  const teamId = str(event.team) ?? TEAM;
  return {
    token: "legacy-verification-token", team_id: teamId, api_app_id: APP_ID, event, type: "event_callback",
    event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`, event_time: now(),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false, event_context: "4-fake",
  };
}

/** What a request is signed with: right (default), with `signature` instead of the right one, or (`null`) not at all. */
interface Signing { timestamp?: number; signature?: string | null }

function signatureHeaders(signingSecret: string, body: string, options: Signing): Record<string, string> {
  if (options.signature === null) return {};
  const signed = signBody(signingSecret, body, options.timestamp);
  return { ...signed, ...(options.signature !== undefined ? { "x-slack-signature": options.signature } : {}) };
}

export function sendEvent(url: string, signingSecret: string, event: Obj,
  options: { eventId?: string; retryNum?: number } & Signing = {}): Promise<number> {
  const body = JSON.stringify(eventCallback(event, options));
  const headers = signatureHeaders(signingSecret, body, options);
  if (options.retryNum !== undefined) Object.assign(headers, { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" });
  return post(url, body, "application/json", headers);
}

export function sendAction(url: string, signingSecret: string, payload: Obj, options: Signing = {}): Promise<number> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(url, body, FORM, signatureHeaders(signingSecret, body, options));
}

/** A slash command's fields: form-encoded over HTTP, or the payload of a slash_commands envelope. */
export function commandFields(fields: Record<string, string>): Record<string, string> {
  return {
    token: "legacy-verification-token", team_id: TEAM, team_domain: "lotse-test", channel_id: "C_BERLIN", channel_name: "berlin",
    user_id: "U_VOLUNTEER", user_name: "volunteer", command: "/lotse", text: "", api_app_id: APP_ID, is_enterprise_install: "false",
    response_url: "https://hooks.slack.com/commands/T_LOTSE/1/fake", trigger_id: triggerId(), ...fields,
  };
}

export function sendCommand(url: string, signingSecret: string, fields: Record<string, string>, options: { timestamp?: number } = {}): Promise<number> {
  const body = new URLSearchParams(commandFields(fields)).toString();
  return post(url, body, FORM, signBody(signingSecret, body, options.timestamp));
}

// ---- Payload builders, shaped like what Slack sends ----

const userOf = (id: string, teamId: string = TEAM) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: teamId });

export function blockAction(o: { userId: string; channelId: string; messageTs: string; actionId: string; value: string; triggerId?: string; teamId?: string }): Obj {
  const teamId = o.teamId ?? TEAM;
  return {
    type: "block_actions", user: userOf(o.userId, teamId), api_app_id: APP_ID, token: "legacy-verification-token",
    container: { type: "message", message_ts: o.messageTs, channel_id: o.channelId, is_ephemeral: false },
    trigger_id: o.triggerId ?? triggerId(), team: { id: teamId, domain: "lotse-test" }, enterprise: null, is_enterprise_install: false,
    channel: { id: o.channelId, name: o.channelId.toLowerCase() },
    message: { type: "message", ts: o.messageTs, user: BOT_USER, bot_id: BOT_ID, text: "", blocks: [] },
    state: { values: {} }, response_url: `https://hooks.slack.com/actions/${teamId}/1/fake`,
    actions: [{ type: "button", action_id: o.actionId, block_id: "fake_block", value: o.value, text: { type: "plain_text", text: o.actionId, emoji: true }, action_ts: `${now()}.000001` }],
  };
}

/** `viewId`: the modal's id, unique per opened modal as Slack's (give the same one to replay a submission). */
/** Unique per interaction, as Slack's (which Lotse uses as the interaction's idempotency key). */
function triggerId(): string {
  return `${now()}.${randomUUID().replace(/-/g, "").slice(0, 12)}.fake`;
}

export function viewSubmission(o: { userId: string; callbackId: string; privateMetadata: string; viewId?: string;
  values: Record<string, Record<string, { type: string; value?: string; selected_option?: { value: string } }>> }): Obj {
  const viewId = o.viewId ?? `V${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
  return {
    type: "view_submission", team: { id: TEAM, domain: "lotse-test" }, user: userOf(o.userId), api_app_id: APP_ID,
    token: "legacy-verification-token", trigger_id: triggerId(), is_enterprise_install: false, enterprise: null, response_urls: [],
    view: {
      id: viewId, team_id: TEAM, type: "modal", callback_id: o.callbackId, private_metadata: o.privateMetadata, blocks: [],
      state: { values: o.values }, hash: `${now()}.fake`, title: { type: "plain_text", text: "Lotse" }, clear_on_close: false,
      notify_on_close: false, close: null, submit: { type: "plain_text", text: "OK" }, previous_view_id: null, root_view_id: viewId,
      app_id: APP_ID, external_id: "", app_installed_team_id: TEAM, bot_id: BOT_ID,
    },
  };
}

/**
 * A reply in a thread. Optional, as Slack sends them: `parentUserId` (who posted the thread's first
 * message, e.g. the bot's "U_LOTSE"), `subtype` "thread_broadcast" (also sent to the channel) or
 * "file_share" with `files` (names of the attached files).
 */
export function threadMessage(o: { userId: string; channelId: string; threadTs: string; text: string; ts?: string;
  parentUserId?: string; subtype?: "thread_broadcast" | "file_share"; files?: string[] }): Obj {
  const ts = o.ts ?? freshTs();
  return {
    type: "message", user: o.userId, text: o.text, ts, thread_ts: o.threadTs, channel: o.channelId, event_ts: ts,
    channel_type: "channel", team: TEAM, client_msg_id: randomUUID(),
    blocks: [{ type: "rich_text", block_id: "rt", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: o.text }] }] }],
    ...(o.parentUserId ? { parent_user_id: o.parentUserId } : {}),
    ...(o.subtype ? { subtype: o.subtype } : {}),
    ...(o.subtype === "thread_broadcast" ? { root: { type: "message", ts: o.threadTs, thread_ts: o.threadTs, user: o.parentUserId ?? BOT_USER } } : {}),
    ...(o.files ? { upload: false, display_as_bot: false, files: o.files.map((name, i) => ({ id: `F${String(i + 1).padStart(8, "0")}`, name, title: name,
      mimetype: "application/pdf", filetype: "pdf", size: 1024, user: o.userId, url_private: `https://files.slack.invalid/${name}` })) } : {}),
  };
}
