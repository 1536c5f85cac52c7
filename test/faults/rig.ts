// Real Lotse processes (node dist/src/main.js, webhook mode) against the platform fakes, for the
// delivery and button fault tests of issue 13: start, kill -9, restart on the same storage, two
// instances on one Redis or PostgreSQL. A volunteer talks to Telegram's webhook, coordinators send
// signed Slack requests, and the test reads the storage the processes write (never through them).
// Needs a current build (npm run build).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { Ticket } from "../../src/escalation/tickets.js";
import { Store } from "../../src/store/store.js";
import { cleanupsAfterEach as stepsAfterEach } from "../e2e/privacy-fixtures.js";
import { FakeDiscord } from "../fakes/discord-api.js";
import { FakeSlack, sendEvent, threadMessage } from "../fakes/slack-api.js";
import { FakeTelegram } from "../fakes/telegram-api.js";
import type { IsolatedStore } from "../isolated-store.js";
import { NO_EVENTS, knowledgeWithEvents } from "../knowledge-copy.js";
import { fakePlatformEnv, startLotse, until, type LotseProcess } from "../process-harness.js";

export const SLACK_SECRET = "slack-signing-secret-for-fault-tests";
export const WEBHOOK_SECRET = "webhook-secret-for-fault-tests";
/** Pankow's team channel and contact person in knowledge/contacts.yaml. */
export const NORD = "#lotse-berlin-nord";
export const NORD_ROLE = "BfE-Regionalkoordination Nord (Beispiel)";
export const COORDINATOR = "U_COORD1";
export const BOT_USER = "U_LOTSE"; // the Slack fake's bot user: it posted the cards, so it is every thread's parent
/** Generous: processes and the test share two busy cores. */
export const WAIT = 30_000;
export const QUESTION = "Herr Yilmaz hat die Ablehnung vom Jobcenter bekommen. Soll er Widerspruch einlegen?";

export type Cleanup = ReturnType<typeof stepsAfterEach>;

export interface TgMessage { message_id: number; text: string; entities?: { type: string; offset: number; length: number; url?: string }[]; reply_markup?: unknown }
export const keyboard = (m: { reply_markup?: unknown }) =>
  ((m.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

/**
 * Teardown steps after each test (last added first, also after a failure). The search index and the
 * trained classifiers come from the package's CACHE_DIR, which every process shares whatever its
 * DATA_DIR: a process starts in well under a second.
 */
export function cleanupsAfterEach(): Cleanup {
  return stepsAfterEach();
}

/** The rig's processes, fakes, storage and directories; everything goes in the test's clean-up. */
export class Rig {
  private nextUpdate = 1;
  private view: Store | undefined;
  private readonly dataDir: string;

  private constructor(
    private readonly cleanup: Cleanup,
    readonly telegram: FakeTelegram,
    readonly slack: FakeSlack,
    readonly discord: FakeDiscord | undefined,
    private readonly knowledgeDir: string,
    private readonly shared: IsolatedStore | undefined,
  ) {
    this.dataDir = this.dir();
  }

  /** `shared`: Redis or PostgreSQL (each process then gets a DATA_DIR of its own); else SQLite in one DATA_DIR for every life. */
  static async open(cleanup: Cleanup, options: { shared?: () => Promise<IsolatedStore>; discord?: boolean } = {}): Promise<Rig> {
    const telegram = await FakeTelegram.start({ token: "123456:AAH-fault-test-token" });
    const slack = await FakeSlack.start({ channels: { [NORD]: [COORDINATOR] } });
    const discord = options.discord ? await FakeDiscord.start({ token: "fake-discord-bot-token-for-fault-tests" }) : undefined; // config wants 20+ characters
    const shared = await options.shared?.();
    const knowledgeDir = knowledgeWithEvents(NO_EVENTS); // no meeting reminders among the counted messages
    cleanup(async () => {
      rmSync(knowledgeDir, { recursive: true, force: true });
      await shared?.drop();
    });
    cleanup(() => Promise.all([telegram.stop(), slack.stop(), discord?.stop()]).then(() => undefined));
    const rig = new Rig(cleanup, telegram, slack, discord, knowledgeDir, shared);
    cleanup(async () => rig.view?.close());
    return rig;
  }

  private dir(): string {
    const dir = mkdtempSync(join(tmpdir(), "lotse-faults-"));
    this.cleanup(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    const { telegram, slack, discord } = this;
    return {
      ...(this.shared?.env ?? {}),
      DATA_DIR: this.shared ? this.dir() : this.dataDir,
      KNOWLEDGE_DIR: this.knowledgeDir,
      ...fakePlatformEnv({ telegram, slack, discord, webhookSecret: WEBHOOK_SECRET, slackSecret: SLACK_SECRET }),
      ...extra,
    };
  }

  /** A process on the rig's storage; killed (SIGKILL) in the clean-up if still running. */
  async start(extra: Record<string, string> = {}): Promise<LotseProcess> {
    const env = this.env(extra);
    // Generous: a cold start builds the knowledge index (more on a loaded machine).
    const starting = startLotse(env, { readyTimeoutMs: 120_000 });
    // Registered before the start settles: a process that becomes ready after its test failed
    // (e.g. the other of two started together) is killed too, not left running.
    this.cleanup(async () => {
      const proc = await starting.catch(() => undefined);
      proc?.kill();
      await proc?.exited;
    });
    const proc = await starting;
    return proc;
  }

  /** kill -9, and wait until the process is gone. */
  async crash(proc: LotseProcess): Promise<void> {
    proc.kill();
    expect((await proc.exited).signal).toBe("SIGKILL");
  }

  /** The storage the processes use, opened by the test (reads only what they committed). */
  async store(): Promise<Store> {
    this.view ??= await Store.open(this.shared ? { dataDir: "unused", ...("REDIS_URL" in this.shared.env ? { redisUrl: this.shared.env.REDIS_URL } : { databaseUrl: this.shared.env.DATABASE_URL }) } : { dataDir: this.dataDir });
    return this.view;
  }

  async ticket(id: string): Promise<Ticket | undefined> {
    return (await this.store()).ns<Ticket>("tickets").get(id);
  }

  /** Until every given process's outbox is empty (on shared storage each sees the whole queue). */
  async idle(...procs: LotseProcess[]): Promise<void> {
    await until(async () => {
      for (const proc of procs) if ((await proc.metric("lotse_outbox_backlog")) !== 0) return false;
      return true;
    }, "an empty outbox", WAIT);
  }

  // ---- the volunteer, on Telegram (webhook) ----

  update(body: Record<string, unknown>): Record<string, unknown> {
    return { update_id: this.nextUpdate++, ...body };
  }

  deliver(proc: LotseProcess, update: Record<string, unknown>): Promise<number> {
    return this.telegram.deliverWebhook(`${proc.url}/telegram/webhook`, update, WEBHOOK_SECRET);
  }

  /** A text message (private chat `chat` unless `userId` differs, e.g. in a group); returns the update, for redelivery. */
  async say(proc: LotseProcess, chat: number, text: string, o: { userId?: number; chatType?: "group" | "supergroup"; mention?: boolean } = {}) {
    const update = this.update(this.telegram.message({ chatId: chat, userId: o.userId ?? chat, text, languageCode: "de", ...(o.chatType ? { chatType: o.chatType } : {}), ...(o.mention ? { mention: true } : {}) }));
    expect(await this.deliver(proc, update)).toBe(200);
    return update;
  }

  messages(chat: number): TgMessage[] {
    return this.telegram.messagesIn(chat) as unknown as TgMessage[];
  }

  /** Waits until chat `chat` holds at least `count` messages from the bot. */
  async messagesAtLeast(chat: number, count: number): Promise<TgMessage[]> {
    await until(() => this.messages(chat).length >= count, `${count} messages in chat ${chat}`, WAIT);
    return this.messages(chat);
  }

  /** Presses the button labelled `label` on the latest message of `chat` that has one (as `userId`, default the chat). */
  async press(proc: LotseProcess, chat: number, label: string | RegExp, userId = chat): Promise<void> {
    const matches = (text: string) => (typeof label === "string" ? text === label : label.test(text));
    const message = this.messages(chat).findLast((m) => keyboard(m).some((b) => matches(b.text)));
    expect(message, `a button ${String(label)} in chat ${chat}`).toBeDefined();
    const data = keyboard(message!).find((b) => matches(b.text))!.callback_data!;
    expect(await this.deliver(proc, this.update(this.telegram.callback({ chatId: chat, userId, messageId: message!.message_id, data })))).toBe(200);
  }

  /** Region Pankow, a question only a person can answer, "yes, hand it over": the card in Slack, its ts recorded. */
  async handOver(proc: LotseProcess, chat: number): Promise<{ ticketId: string; ts: string }> {
    const cards = this.slack.messagesIn(NORD).length;
    await this.say(proc, chat, "/region berlin-pankow");
    await this.messagesAtLeast(chat, 1);
    await this.say(proc, chat, QUESTION);
    await until(() => this.messages(chat).some((m) => keyboard(m).some((b) => b.text === "Ja, an Ansprechperson weitergeben")), "the hand-over offer", WAIT);
    await this.press(proc, chat, "Ja, an Ansprechperson weitergeben");
    await until(() => this.slack.messagesIn(NORD).length > cards, "the ticket card in Slack", WAIT);
    const card = this.slack.messagesIn(NORD)[cards]!;
    const ticketId = /L-[A-Z0-9]{6}/.exec(JSON.stringify(card.blocks))![0];
    // The card's ts is stored once Slack answered the post: the thread's replies are found by it.
    await until(async () => (await this.ticket(ticketId))?.external?.ref === card.ts, "the card's ts stored", WAIT);
    await this.idle(proc); // the volunteer's confirmation too: nothing of the hand-over is left to send
    return { ticketId, ts: card.ts };
  }

  /** Bot messages in `chat` whose text contains `needle` (what the volunteer sees). */
  shown(chat: number, needle: string): TgMessage[] {
    return this.messages(chat).filter((m) => m.text.includes(needle));
  }

  /** sendMessage calls to `chat` carrying `needle` (held and abandoned ones included). */
  sends(chat: number, needle: string) {
    return this.telegram.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) === chat && String(c.body.text).includes(needle));
  }

  // ---- the coordinators, on Slack ----

  /** A thread reply under the card `ts`, sent (as Slack does) with an event id and, for a retry, its number. */
  reply(proc: LotseProcess, event: Record<string, unknown>, o: { eventId: string; retryNum?: number }): Promise<number> {
    return sendEvent(`${proc.url}/slack/events`, SLACK_SECRET, event, o);
  }

  threadReply(ts: string, text: string, extra: Partial<Parameters<typeof threadMessage>[0]> = {}): Record<string, unknown> {
    return threadMessage({ userId: COORDINATOR, channelId: NORD, threadTs: ts, text, parentUserId: BOT_USER, ...extra });
  }

  /** The coordinator's messages stored on the ticket that contain `needle`. */
  async stored(ticketId: string, needle: string): Promise<number> {
    return ((await this.ticket(ticketId))?.messages ?? []).filter((m) => m.from === "coordinator" && m.text.includes(needle)).length;
  }
}

/** p50 and p99 (nearest rank) of a sample, in whole milliseconds. */
export function percentiles(ms: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50: Math.round(rank(50)), p99: Math.round(rank(99)), max: Math.round(sorted.at(-1)!) };
}
