// A small stand-in for the Discord API that a real discord.js Client talks to: REST under /api/v10
// (`new Client({ intents, rest: { api: fake.apiUrl } })`) and the gateway WebSocket at /gateway,
// which GET /gateway/bot hands out. See PLATFORM-FAKES.md (Discord). Plain JSON text frames only:
// discord.js asks for zlib-stream only when zlib-sync is installed.
import { randomUUID } from "node:crypto";
import { listenAgain, stopListening } from "./listening.js";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

type Obj = Record<string, unknown>;
export interface DiscordCall { method: string; path: string; body: unknown; auth?: string; at: number; }
export interface FakeMessage extends Obj { id: string; channel_id: string; content?: string; embeds?: unknown[]; components?: unknown[]; }
interface Reply { status: number; body?: unknown; headers?: Record<string, string>; /** sent as is instead of JSON */ raw?: string; }
interface Pending { id: string; channelId: string; componentMessage?: string; original?: string; acked: boolean; responses: unknown[]; }
interface Failure { method: string; pattern: RegExp; status: number; body?: unknown; times: number; }
type Route = [method: string, path: RegExp, botAuth: boolean, handle: (p: Record<string, string>, body: Obj, query: URLSearchParams) => Reply];

const EPOCH = 1_420_070_400_000n;
let lastSnowflake = 0n;
/** Real-shaped snowflakes (discord.js derives createdAt from them), strictly increasing within a run. */
const snowflake = () => {
  const next = (BigInt(Date.now()) - EPOCH) << 22n;
  lastSnowflake = next > lastSnowflake ? next : lastSnowflake + 1n;
  return String(lastSnowflake);
};
// What an invited bot typically holds: view, send, embed, attach, read history, manage events.
const BOT_PERMISSIONS = String([10n, 11n, 14n, 15n, 16n, 33n].reduce((acc, bit) => acc | (1n << bit), 0n));
const [ADMIN_ROLE, BOT_ROLE] = ["5001", "5002"];
const ok = (body?: unknown): Reply => (body === undefined ? { status: 204 } : { status: 200, body });
const error = (status: number, message: string, code = 0): Reply => ({ status, body: { message, code } });
const arr = (v: unknown) => (Array.isArray(v) ? v : []);
const user = (id: string, username: string, bot = false) =>
  ({ id, username, discriminator: bot ? "0000" : "0", global_name: bot ? null : username, avatar: null, bot, flags: 0 });

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return undefined;
  const boundary = /^multipart\/form-data;.*boundary=("?)([^";]+)\1/.exec(req.headers["content-type"] ?? "")?.[2];
  return boundary ? multipart(raw.toString("latin1"), boundary) : JSON.parse(raw.toString("utf8")) as unknown;
}

/** Messages with files come as multipart: the JSON is the payload_json part, each file a files[n] part. */
function multipart(raw: string, boundary: string): Obj {
  const body: Obj = {};
  const files: { name: string; filename: string; data: string }[] = [];
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    const head = part.slice(0, split);
    const data = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ""), "latin1").toString("utf8");
    const name = /name="([^"]+)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name === "payload_json") Object.assign(body, JSON.parse(data));
    else if (name && filename !== undefined) files.push({ name, filename, data });
  }
  return { ...body, files };
}

export class FakeDiscord {
  readonly calls: DiscordCall[] = [];
  readonly botUser: ReturnType<typeof user>;
  private readonly failures: Failure[] = [];
  private readonly waiters = new Set<(c: DiscordCall) => void>();
  private readonly messages = new Map<string, FakeMessage[]>();
  private readonly interactions = new Map<string, Pending>(); // by token
  private readonly commands = new Map<string, Obj[]>(); // "global" or guild id
  private readonly events: Obj[] = [];
  private readonly sockets = new Map<WebSocket, { seq: number; identified: boolean }>();
  private readonly dmChannels = new Map<string, string>(); // user id -> DM channel id
  private readyWaiters: (() => void)[] = [];
  private readonly routes: Route[];

  private constructor(
    private readonly server: Server, private readonly wss: WebSocketServer, readonly apiUrl: string, private readonly gatewayUrl: string,
    readonly token: string, readonly applicationId: string, readonly guildId: string,
    readonly channels: { id: string; name: string }[], readonly adminUserId: string,
  ) {
    this.botUser = user(applicationId, "Lotse", true); // new apps share the id of their bot user
    wss.on("connection", (ws) => this.greet(ws));
    const app = `(?<app>\\d+)`, guild = `(?<guild>\\d+)`, channel = `/channels/(?<channel>\\d+)`;
    const hook = `/webhooks/${app}/(?<token>[^/]+)`;
    const re = (path: string) => new RegExp(`^${path}$`);
    this.routes = [
      ["GET", re("/gateway/bot"), true, () => ok({ url: gatewayUrl, shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } })],
      ["GET", re("/users/@me"), true, () => ok(this.botUser)],
      ["GET", re("/applications/@me"), true, () => ok({ id: applicationId, name: "Lotse", description: "", icon: null, bot_public: false,
        bot_require_code_grant: false, flags: 0, team: null, verify_key: "0".repeat(64), bot: this.botUser, owner: this.user(adminUserId) })],
      ["GET", re(`/applications/${app}(?:/guilds/${guild})?/commands`), true, (p) => ok(this.commands.get(p.guild ?? "global") ?? [])],
      ["PUT", re(`/applications/${app}(?:/guilds/${guild})?/commands`), true, (p, body) => ok(this.overwriteCommands(p.guild, body))],
      ["GET", re(`/guilds/${guild}`), true, (p) => (p.guild === guildId ? ok(this.guild()) : error(404, "Unknown Guild", 10004))],
      ["GET", re(`/guilds/${guild}/members/(?<user>\\d+)`), true, (p) => ok(this.member(p.user!))],
      ["GET", re(channel), true, (p) => this.withChannel(p.channel!, (c) => ok(c))],
      ["POST", re(`${channel}/messages`), true, (p, body) => this.withChannel(p.channel!, () => ok(this.post(p.channel!, body)))],
      // "Bot is typing…" (channel.sendTyping()): 204, in server channels and direct messages alike.
      ["POST", re(`${channel}/typing`), true, (p) => (this.channel(p.channel!) || [...this.dmChannels.values()].includes(p.channel!) ? ok() : error(404, "Unknown Channel", 10003))],
      ["GET", re(`${channel}/messages/(?<id>\\d+)`), true, (p) => this.withMessage(p.channel!, p.id!, (m) => ok(m))],
      ["PATCH", re(`${channel}/messages/(?<id>\\d+)`), true, (p, body) => this.withMessage(p.channel!, p.id!, (m) => ok(this.edit(m, body)))],
      ["DELETE", re(`${channel}/messages/(?<id>\\d+)`), true, (p) => this.withMessage(p.channel!, p.id!, (m) => ok(this.remove(m)))],
      ["POST", re(`/interactions/(?<id>\\d+)/(?<token>[^/]+)/callback`), false, (p, body, q) => this.callback(p.id!, p.token!, body, q)],
      ["POST", re(hook), false, (p, body) => this.withInteraction(p, (it) => {
        it.responses.push(body);
        return ok(this.post(it.channelId, body, { webhook_id: applicationId, application_id: applicationId }));
      })],
      ...(["GET", "PATCH", "DELETE"] as const).map((method): Route => [method, re(`${hook}/messages/(?<id>@original|\\d+)`), false,
        (p, body) => this.withInteraction(p, (it) => this.withMessage(it.channelId, p.id === "@original" ? it.original ?? "" : p.id!, (m) => {
          if (method === "GET") return ok(m);
          if (method === "DELETE") return ok(this.remove(m));
          it.responses.push(body);
          return ok(this.edit(m, body));
        }))]),
      ["GET", re(`/guilds/${guild}/scheduled-events`), true, () => ok(this.events)],
      ["POST", re(`/guilds/${guild}/scheduled-events`), true, (p, body) => {
        const event = { id: snowflake(), guild_id: p.guild, channel_id: null, creator_id: this.botUser.id, creator: this.botUser,
          description: null, scheduled_end_time: null, entity_id: null, entity_metadata: null, privacy_level: 2, status: 1,
          user_count: 0, image: null, ...body };
        this.events.push(event);
        return ok(event);
      }],
      ...(["GET", "PATCH", "DELETE"] as const).map((method): Route => [method, re(`/guilds/${guild}/scheduled-events/(?<id>\\d+)`), true, (p, body) => {
        const event = this.events.find((e) => e.id === p.id);
        if (!event) return error(404, "Unknown Guild Scheduled Event", 10070);
        if (method === "DELETE") this.events.splice(this.events.indexOf(event), 1);
        return ok(method === "DELETE" ? undefined : Object.assign(event, body));
      }]),
    ];
  }

  static async start(options: { token?: string; applicationId?: string; guildId?: string; channels?: { id: string; name: string }[]; adminUserId?: string } = {}): Promise<FakeDiscord> {
    let fake: FakeDiscord | undefined;
    const server = createServer((req, res) => {
      fake!.handle(req).then(
        ({ status, body, headers, raw }) => res.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers })
          .end(raw ?? (body === undefined ? undefined : JSON.stringify(body))),
        (err: unknown) => res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ message: `fake error: ${String(err)}`, code: 0 })));
    });
    const wss = new WebSocketServer({ server, path: "/gateway" });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeDiscord(server, wss, `http://127.0.0.1:${port}/api`, `ws://127.0.0.1:${port}/gateway`,
      options.token ?? "fake-discord-token", options.applicationId ?? "1000", options.guildId ?? "2000",
      options.channels ?? [{ id: "3001", name: "allgemein" }, { id: "3002", name: "termine" }], options.adminUserId ?? "4001");
    return fake;
  }

  /** Resolves once a connected client identified and got READY + GUILD_CREATE. */
  ready(timeoutMs = 5000): Promise<void> {
    if ([...this.sockets.values()].some((s) => s.identified)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`FakeDiscord.ready: no client identified within ${timeoutMs} ms`)), timeoutMs);
      this.readyWaiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  /** `dm`: sent in the user's direct messages with the bot (no guild, no member), not in a server channel. */
  slashCommand(o: { name: string; userId: string; channelId?: string; options?: unknown[]; admin?: boolean; dm?: boolean }): { id: string; token: string } {
    // Use the id the bot got back from its bulk overwrite, so commandId lookups work; guild commands win.
    const guildCommand = this.commands.get(this.guildId)?.find((c) => c.name === o.name);
    const command = guildCommand ?? this.commands.get("global")?.find((c) => c.name === o.name);
    return this.interact(2, { id: command?.id ?? snowflake(), name: o.name, type: 1, ...(guildCommand ? { guild_id: this.guildId } : {}),
      ...(o.options ? { options: o.options } : {}) }, o);
  }

  button(o: { customId: string; userId: string; channelId?: string; messageId: string; admin?: boolean; dm?: boolean }): { id: string; token: string } {
    const channelId = o.dm ? this.dmChannelId(o.userId) : o.channelId ?? this.channels[0]!.id;
    // Discord always sends the message the button sits on; make one up if the bot never posted it here.
    const message = this.messages.get(channelId)?.find((m) => m.id === o.messageId) ?? this.message(channelId, {}, { id: o.messageId });
    return this.interact(3, { custom_id: o.customId, component_type: 2 }, { ...o, channelId }, message);
  }

  /** The next `times` requests matching method and path (like "/channels/3001/messages") get `status`; a 429 comes with Retry-After. */
  failNext(method: string, pathPattern: RegExp, status: number, body?: unknown, times = 1): void {
    this.failures.push({ method: method.toUpperCase(), pattern: pathPattern, status, body, times });
  }

  // ---- Outages (test/faults): a platform that is down for a while ----
  private outage: { status: number; html: boolean } | undefined;

  /**
   * Until comeBack(): every REST call is recorded, then answered with `status` (default 500) and
   * Discord's JSON error, or with `html` an HTML page like the proxy's in front of Discord (502/503).
   * The gateway stays connected: this is the REST API going down.
   */
  goDown(options: { status?: number; html?: boolean } = {}): void {
    this.outage = { status: options.status ?? 500, html: options.html ?? false };
  }

  /** Stops listening and drops every connection, gateway included: ECONNREFUSED until comeBack(). */
  async refuseConnections(): Promise<void> {
    if (!this.server.listening) return;
    for (const ws of this.sockets.keys()) ws.terminate(); // upgraded sockets are not the HTTP server's any more
    await stopListening(this.server);
  }

  /** Ends goDown() and refuseConnections(): listens again on the same port, answers normally. */
  async comeBack(): Promise<void> {
    this.outage = undefined;
    await listenAgain(this.server, Number(new URL(this.apiUrl).port));
  }

  /** Gateway connections that identified or resumed since the fake started (a reconnect adds one). */
  sessionsStarted = 0;

  private outageReply({ status, html }: { status: number; html: boolean }): Reply {
    return html ? { status, headers: { "content-type": "text/html" }, raw: `<html><body><h1>${status} Service Unavailable</h1></body></html>` }
      : error(status, `${status}: Internal Server Error`);
  }

  waitFor(predicate: (c: DiscordCall) => boolean, timeoutMs = 2000): Promise<DiscordCall> {
    const seen = this.calls.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`FakeDiscord.waitFor timed out after ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(", ") || "none"}`));
      }, timeoutMs);
      const waiter = (c: DiscordCall) => { if (predicate(c)) { clearTimeout(timer); this.waiters.delete(waiter); resolve(c); } };
      this.waiters.add(waiter);
    });
  }

  /** Messages now in a channel, from channel REST calls and interaction replies alike (those carry webhook_id). */
  messagesIn(channelId: string): FakeMessage[] { return (this.messages.get(channelId) ?? []).map((m) => structuredClone(m)); }

  /** Request bodies for one interaction, in order: the callback ({type, data}), then webhook edits and follow-ups. */
  interactionResponses(id: string): unknown[] { return [...this.interactions.values()].find((i) => i.id === id)?.responses ?? []; }

  scheduledEvents(): Obj[] { return structuredClone(this.events); }

  /** The id of the bot's direct-message channel with this user (made up on first use, then stable). */
  dmChannelId(userId: string): string {
    if (!this.dmChannels.has(userId)) this.dmChannels.set(userId, snowflake());
    return this.dmChannels.get(userId)!;
  }

  async stop(): Promise<void> {
    // Upgraded sockets are no longer the HTTP server's connections, so close() would wait for them.
    for (const ws of this.sockets.keys()) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections(); // undici keeps connections alive
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- gateway ---

  private greet(ws: WebSocket): void {
    const state = { seq: 0, identified: false };
    this.sockets.set(ws, state);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: { token?: string } | null };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (payload.op === 6) {
        this.sessionsStarted++;
        this.dispatch(ws, "RESUMED", {});
      }
      else if (payload.op === 2) {
        if (payload.d?.token !== this.token) return ws.close(4004, "Authentication failed.");
        this.dispatch(ws, "READY", { v: 10, user: this.botUser, guilds: [{ id: this.guildId, unavailable: true }], session_id: randomUUID().replaceAll("-", ""),
          resume_gateway_url: this.gatewayUrl, application: { id: this.applicationId, flags: 0 }, private_channels: [], presences: [] });
        // discord.js holds back "clientReady" until every guild from READY arrived (or waitGuildTimeout, 15 s, ran out).
        this.dispatch(ws, "GUILD_CREATE", this.guild());
        state.identified = true;
        this.sessionsStarted++;
        for (const resolve of this.readyWaiters.splice(0)) resolve();
      }
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
  }

  private dispatch(ws: WebSocket, t: string, d: unknown): void {
    const state = this.sockets.get(ws)!;
    ws.send(JSON.stringify({ op: 0, t, s: ++state.seq, d }));
  }

  private interact(type: 2 | 3, data: Obj, o: { userId: string; channelId?: string; admin?: boolean; dm?: boolean }, message?: FakeMessage): { id: string; token: string } {
    const ws = [...this.sockets].filter(([, s]) => s.identified).at(-1)?.[0];
    if (!ws) throw new Error("FakeDiscord: no identified gateway client to send the interaction to");
    const channel = o.dm ? this.dmChannel(o.userId) : this.channel(o.channelId ?? this.channels[0]!.id);
    if (!channel) throw new Error(`FakeDiscord: unknown channel ${o.channelId}`);
    const id = snowflake();
    const token = `fake-interaction-token-${randomUUID()}`;
    this.interactions.set(token, { id, channelId: channel.id, acked: false, responses: [], ...(message ? { componentMessage: message.id } : {}) });
    // In a direct message there is no guild: Discord sends the `user` instead of a guild `member`, and context 1 (bot DM).
    const where = o.dm ? { user: this.user(o.userId), context: 1 }
      : { guild_id: this.guildId, member: this.member(o.userId, o.admin), guild_locale: "de", context: 0 };
    this.dispatch(ws, "INTERACTION_CREATE", { id, token, type, application_id: this.applicationId, data, ...where,
      channel, channel_id: channel.id, app_permissions: BOT_PERMISSIONS, locale: "de",
      entitlements: [], authorizing_integration_owners: { 0: this.guildId }, version: 1, attachment_size_limit: 26_214_400,
      ...(message ? { message } : {}) });
    return { id, token };
  }

  // --- REST ---

  private async handle(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? "/", "http://x");
    const body = await readBody(req);
    // Routes are matched on the decoded path: discord.js sends @original as %40original.
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10(?=\/)/, "");
    const auth = req.headers.authorization;
    const call: DiscordCall = { method: req.method ?? "GET", path, body, ...(auth !== undefined ? { auth } : {}), at: Date.now() };
    this.calls.push(call);
    for (const w of [...this.waiters]) w(call);
    if (this.outage) return this.outageReply(this.outage);
    for (const [method, pattern, botAuth, handle] of this.routes) {
      const params = method === call.method ? pattern.exec(path) : null;
      if (!params) continue;
      if (botAuth && auth !== `Bot ${this.token}`) return error(401, "401: Unauthorized");
      return this.failure(call) ?? handle(params.groups ?? {}, (body ?? {}) as Obj, url.searchParams);
    }
    return error(404, "Unknown");
  }

  private failure(call: DiscordCall): Reply | undefined {
    const failure = this.failures.find((f) => f.method === call.method && f.pattern.test(call.path));
    if (!failure) return undefined;
    if (--failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
    if (failure.status !== 429) return { status: failure.status, body: failure.body ?? { message: `${failure.status}: fake failure`, code: 0 } };
    const body = { message: "You are being rate limited.", retry_after: 0.05, global: false, ...(failure.body as Obj | undefined) };
    // @discordjs/rest waits Number(Retry-After) seconds, fractions included, then retries the request itself.
    return { status: 429, body, headers: { "retry-after": String(body.retry_after), "x-ratelimit-scope": body.global ? "global" : "user",
      ...(body.global ? { "x-ratelimit-global": "true" } : {}) } };
  }

  private callback(id: string, token: string, body: Obj, query: URLSearchParams): Reply {
    const it = this.interactions.get(token);
    if (!it || it.id !== id) return error(404, "Unknown interaction", 10062);
    if (it.acked) return error(400, "Interaction has already been acknowledged.", 40060);
    it.acked = true;
    it.responses.push(body);
    const data = (body.data ?? {}) as Obj;
    const extra = { webhook_id: this.applicationId, application_id: this.applicationId, type: it.componentMessage ? 0 : 20 };
    if (body.type === 4) it.original = this.post(it.channelId, data, extra).id;
    // A deferred reply shows as a LOADING (128) message until the first edit of @original.
    if (body.type === 5) it.original = this.post(it.channelId, { ...data, flags: Number(data.flags ?? 0) | 128 }, extra).id;
    // Component updates (6, 7) make @original the message the button sits on.
    if (body.type === 6 || body.type === 7) it.original = it.componentMessage;
    const original = this.messages.get(it.channelId)?.find((m) => m.id === it.original);
    if (body.type === 7 && original) this.edit(original, data);
    if (query.get("with_response") !== "true") return ok();
    return ok({ interaction: { id, type: it.componentMessage ? 3 : 2, activity_instance_id: null, response_message_id: original?.id ?? null,
      response_message_loading: body.type === 5, response_message_ephemeral: (Number(data.flags ?? 0) & 64) !== 0 },
    resource: { type: body.type, ...(original ? { message: original } : {}) } });
  }

  private withInteraction(p: Record<string, string>, then: (it: Pending) => Reply): Reply {
    const it = p.app === this.applicationId ? this.interactions.get(p.token!) : undefined;
    return it ? then(it) : error(404, "Unknown Webhook", 10015);
  }

  private withChannel(id: string, then: (c: Obj & { id: string }) => Reply): Reply {
    const channel = this.channel(id);
    return channel ? then(channel) : error(404, "Unknown Channel", 10003);
  }

  private withMessage(channelId: string, id: string, then: (m: FakeMessage) => Reply): Reply {
    const message = this.messages.get(channelId)?.find((m) => m.id === id);
    return message ? then(message) : error(404, "Unknown Message", 10008);
  }

  private overwriteCommands(guild: string | undefined, body: unknown): Obj[] {
    const old = this.commands.get(guild ?? "global") ?? [];
    // Like Discord, a command keeps its id when a new overwrite contains the same name.
    const commands = arr(body).map((c: Obj) => ({ type: 1, description: "", options: [], default_member_permissions: null, nsfw: false, ...c,
      id: old.find((o) => o.name === c.name)?.id ?? snowflake(), application_id: this.applicationId, version: snowflake(), ...(guild ? { guild_id: guild } : {}) }));
    this.commands.set(guild ?? "global", commands);
    return commands;
  }

  // --- state ---

  private message(channelId: string, body: Obj, extra: Obj = {}): FakeMessage {
    const guild = [...this.dmChannels.values()].includes(channelId) ? {} : { guild_id: this.guildId };
    return { id: snowflake(), channel_id: channelId, ...guild, author: this.botUser, content: "", embeds: [], components: [],
      timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [],
      attachments: this.attachments(body), pinned: false, type: 0, flags: 0,
      ...Object.fromEntries(["content", "embeds", "components", "flags"].filter((k) => body[k] != null).map((k) => [k, body[k]])), ...extra };
  }

  private post(channelId: string, body: Obj, extra: Obj = {}): FakeMessage {
    const message = this.message(channelId, body, extra);
    this.messages.set(channelId, [...(this.messages.get(channelId) ?? []), message]);
    return message;
  }

  private edit(message: FakeMessage, body: Obj): FakeMessage {
    for (const key of ["content", "embeds", "components", "flags"]) if (key in body) message[key] = body[key] ?? (key === "content" ? "" : []);
    message.flags = Number(message.flags ?? 0) & ~128; // a deferred reply stops loading once edited
    // `attachments` lists the ones to keep; new files come in this request's multipart body.
    if (Array.isArray(body.attachments)) {
      const keep = new Set(body.attachments.map((a: Obj) => a.id));
      message.attachments = [...arr(message.attachments).filter((a: Obj) => keep.has(a.id)), ...this.attachments(body)];
    }
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  private remove(message: FakeMessage): undefined {
    const list = this.messages.get(message.channel_id) ?? [];
    this.messages.set(message.channel_id, list.filter((m) => m !== message));
    return undefined;
  }

  private attachments(body: Obj): Obj[] {
    return arr(body.files).map((f: { filename: string; data: string }) => ({ id: snowflake(), filename: f.filename, size: Buffer.byteLength(f.data),
      url: `https://cdn.discordapp.invalid/${f.filename}`, proxy_url: `https://media.discordapp.invalid/${f.filename}`, content: f.data }));
  }

  private user(id: string) {
    const names: Record<string, string> = { [this.adminUserId]: "koordination", "4002": "helferin" };
    return user(id, names[id] ?? `user${id}`);
  }

  private member(userId: string, admin = userId === this.adminUserId) {
    return { user: this.user(userId), roles: admin ? [ADMIN_ROLE] : [], permissions: admin ? "8" : "0", nick: null, avatar: null, flags: 0,
      joined_at: "2024-01-01T00:00:00.000Z", premium_since: null, deaf: false, mute: false, pending: false, communication_disabled_until: null };
  }

  private dmChannel(userId: string): Obj & { id: string } {
    return { id: this.dmChannelId(userId), type: 1, recipients: [this.user(userId)], last_message_id: null, flags: 0 };
  }

  private channel(id: string): (Obj & { id: string }) | undefined {
    const index = this.channels.findIndex((c) => c.id === id);
    const c = this.channels[index];
    return c && { id: c.id, type: 0, guild_id: this.guildId, name: c.name, position: index, permission_overwrites: [], topic: null,
      nsfw: false, last_message_id: null, rate_limit_per_user: 0, parent_id: null, flags: 0 };
  }

  private guild(): Obj {
    const role = (id: string, name: string, permissions: string, position: number, managed = false) => ({ id, name, permissions, position, managed,
      color: 0, hoist: false, mentionable: false, icon: null, unicode_emoji: null, flags: 0 });
    return { id: this.guildId, name: "Lotse Test", icon: null, owner_id: this.adminUserId, preferred_locale: "de", afk_timeout: 300,
      verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0,
      roles: [role(this.guildId, "@everyone", "0", 0), role(ADMIN_ROLE, "Admin", "8", 2), role(BOT_ROLE, "Lotse", BOT_PERMISSIONS, 1, true)],
      channels: this.channels.map((c) => this.channel(c.id)),
      // The bot's own member is in every real GUILD_CREATE; guild.members.me depends on it.
      members: [{ ...this.member(this.botUser.id, false), user: this.botUser, roles: [BOT_ROLE] }], member_count: 3,
      unavailable: false, large: false, joined_at: "2024-01-01T00:00:00.000Z", features: [], emojis: [], stickers: [], voice_states: [],
      presences: [], threads: [], stage_instances: [], guild_scheduled_events: [...this.events], soundboard_sounds: [] };
  }
}
