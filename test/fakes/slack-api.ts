// A small stand-in for the Slack Web API that real Bolt talks to over HTTP
// (`clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }`), plus helpers that
// send Bolt's HTTP endpoint requests signed the way Slack signs them. See PLATFORM-FAKES.md (Slack).
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Obj = Record<string, unknown>;
export interface SlackCall { method: string; body: Obj; token?: string; at: number; }
interface Message { ts: string; thread_ts?: string; text?: string; blocks?: unknown[]; user?: string; }

const [TEAM, BOT_USER, BOT_ID, APP_ID] = ["T_LOTSE", "U_LOTSE", "B_LOTSE", "A_LOTSE"] as const;
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
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

  private constructor(
    private readonly server: Server, readonly apiUrl: string, readonly botToken: string,
    private readonly teamId: string, private readonly botUserId: string, private readonly channels: Record<string, string[]>,
  ) {}

  static async start(options: { botToken?: string; teamId?: string; botUserId?: string; channels?: Record<string, string[]> } = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      // Slack answers HTTP 200 even for errors; web-api would retry any other status.
      const reply = (answer: Obj) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      fake!.handle(req).then(reply, (err: unknown) => reply({ ok: false, error: `fake_error: ${String(err)}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}/api/`, options.botToken ?? "xoxb-test-token", options.teamId ?? TEAM,
      options.botUserId ?? BOT_USER, options.channels ?? { C_BERLIN: ["U_COORD1"], C_BAYERN: ["U_COORD2"], C_ZENTRALE: ["U_COORD3"] });
    return fake;
  }

  failNext(method: string, error: string, times = 1): void { this.failures.set(method, { error, times }); }

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

  async stop(): Promise<void> {
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
    if (token === undefined) return { ok: false, error: "not_authed" };
    if (token !== this.botToken) return { ok: false, error: "invalid_auth" };
    const failure = this.failures.get(method);
    if (failure && --failure.times <= 0) this.failures.delete(method);
    if (failure) return { ok: false, error: failure.error };
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

export function sendEvent(url: string, signingSecret: string, event: Obj,
  options: { eventId?: string; retryNum?: number; timestamp?: number; signature?: string | null } = {}): Promise<number> {
  const teamId = str(event.team) ?? TEAM;
  const body = JSON.stringify({
    token: "legacy-verification-token", team_id: teamId, api_app_id: APP_ID, event, type: "event_callback",
    event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`, event_time: now(),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false, event_context: "4-fake",
  });
  const signed = signBody(signingSecret, body, options.timestamp);
  const headers: Record<string, string> = options.signature === null ? {}
    : { ...signed, ...(options.signature !== undefined ? { "x-slack-signature": options.signature } : {}) };
  if (options.retryNum !== undefined) Object.assign(headers, { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" });
  return post(url, body, "application/json", headers);
}

export function sendAction(url: string, signingSecret: string, payload: Obj, options: { timestamp?: number } = {}): Promise<number> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return post(url, body, FORM, signBody(signingSecret, body, options.timestamp));
}

export function sendCommand(url: string, signingSecret: string, fields: Record<string, string>, options: { timestamp?: number } = {}): Promise<number> {
  const body = new URLSearchParams({
    token: "legacy-verification-token", team_id: TEAM, team_domain: "lotse-test", channel_id: "C_BERLIN", channel_name: "berlin",
    user_id: "U_VOLUNTEER", user_name: "volunteer", command: "/lotse", text: "", api_app_id: APP_ID, is_enterprise_install: "false",
    response_url: "https://hooks.slack.com/commands/T_LOTSE/1/fake", trigger_id: `${now()}.1.fake`, ...fields,
  }).toString();
  return post(url, body, FORM, signBody(signingSecret, body, options.timestamp));
}

// ---- Payload builders, shaped like what Slack sends ----

const userOf = (id: string, teamId: string = TEAM) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: teamId });

export function blockAction(o: { userId: string; channelId: string; messageTs: string; actionId: string; value: string; triggerId?: string; teamId?: string }): Obj {
  const teamId = o.teamId ?? TEAM;
  return {
    type: "block_actions", user: userOf(o.userId, teamId), api_app_id: APP_ID, token: "legacy-verification-token",
    container: { type: "message", message_ts: o.messageTs, channel_id: o.channelId, is_ephemeral: false },
    trigger_id: o.triggerId ?? `${now()}.1.fake`, team: { id: teamId, domain: "lotse-test" }, enterprise: null, is_enterprise_install: false,
    channel: { id: o.channelId, name: o.channelId.toLowerCase() },
    message: { type: "message", ts: o.messageTs, user: BOT_USER, bot_id: BOT_ID, text: "", blocks: [] },
    state: { values: {} }, response_url: `https://hooks.slack.com/actions/${teamId}/1/fake`,
    actions: [{ type: "button", action_id: o.actionId, block_id: "fake_block", value: o.value, text: { type: "plain_text", text: o.actionId, emoji: true }, action_ts: `${now()}.000001` }],
  };
}

export function viewSubmission(o: { userId: string; callbackId: string; privateMetadata: string;
  values: Record<string, Record<string, { type: string; value?: string; selected_option?: { value: string } }>> }): Obj {
  return {
    type: "view_submission", team: { id: TEAM, domain: "lotse-test" }, user: userOf(o.userId), api_app_id: APP_ID,
    token: "legacy-verification-token", trigger_id: `${now()}.1.fake`, is_enterprise_install: false, enterprise: null, response_urls: [],
    view: {
      id: "V_FAKE", team_id: TEAM, type: "modal", callback_id: o.callbackId, private_metadata: o.privateMetadata, blocks: [],
      state: { values: o.values }, hash: `${now()}.fake`, title: { type: "plain_text", text: "Lotse" }, clear_on_close: false,
      notify_on_close: false, close: null, submit: { type: "plain_text", text: "OK" }, previous_view_id: null, root_view_id: "V_FAKE",
      app_id: APP_ID, external_id: "", app_installed_team_id: TEAM, bot_id: BOT_ID,
    },
  };
}

export function threadMessage(o: { userId: string; channelId: string; threadTs: string; text: string; ts?: string }): Obj {
  const ts = o.ts ?? freshTs();
  return {
    type: "message", user: o.userId, text: o.text, ts, thread_ts: o.threadTs, channel: o.channelId, event_ts: ts,
    channel_type: "channel", team: TEAM, client_msg_id: randomUUID(),
    blocks: [{ type: "rich_text", block_id: "rt", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: o.text }] }] }],
  };
}
