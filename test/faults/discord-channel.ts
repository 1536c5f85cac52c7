// What a Discord channel must show after an outage, shared by the platform-down tests.
import { expect } from "vitest";
import { renderDiscord } from "../../src/adapters/discord/render.js";
import type { Lotse } from "../../src/app.js";
import type { Reply } from "../../src/core/message.js";
import type { FakeDiscord } from "../fakes/discord-api.js";

const json = (x: unknown) => JSON.parse(JSON.stringify(x ?? null)) as unknown;
const embedsOf = (lotse: Lotse, reply: Reply) => json(renderDiscord(reply, lotse.t(reply.lang, "web.sources")).embeds);
/** The bot's own posts in a channel (interaction answers, which the fake keeps there too, aside). */
export const posts = (discord: FakeDiscord, channel: string) => discord.messagesIn(channel).filter((m) => !m.webhook_id);
/** The REST calls on a channel's messages (posts and edits), from call number `from` on. */
export const messageCalls = (discord: FakeDiscord, channel: string, from = 0) => discord.calls.slice(from).filter((c) => c.path.startsWith(`/channels/${channel}/messages`));

/**
 * What a channel must show: each promised post once, in order, with its edits applied in place.
 * Posts take the ids the fake gave them in order, so a missing or doubled post shows as a mismatch.
 */
export function expectChannel(lotse: Lotse, discord: FakeDiscord, channel: string, owed: { reply: Reply }[]): void {
  const actual = posts(discord, channel);
  const model: { ref: string; embeds: unknown }[] = [];
  for (const { reply } of owed) {
    const edited = reply.replaces ? model.find((m) => m.ref === reply.replaces) : undefined;
    if (edited) edited.embeds = embedsOf(lotse, reply);
    else model.push({ ref: `${channel}:${actual[model.length]?.id ?? "missing"}`, embeds: embedsOf(lotse, reply) });
  }
  expect(actual.map((m) => json(m.embeds))).toEqual(model.map((m) => m.embeds));
}

/** After recovery every call succeeds, so a channel's calls show its delivery order: posts and edits as they were queued. */
export function expectCallOrder(lotse: Lotse, discord: FakeDiscord, channel: string, from: number, owed: { reply: Reply }[]): void {
  expect(messageCalls(discord, channel, from).map((c) => [c.method, json((c.body as { embeds?: unknown }).embeds)]))
    .toEqual(owed.map(({ reply }) => [reply.replaces ? "PATCH" : "POST", embedsOf(lotse, reply)]));
}
