// The Discord sender on discord.js's REST client, pointed at the Discord fake as the adapter's client is.
import { REST } from "discord.js";
import { DiscordSender } from "../../../src/adapters/discord/sender.js";
import { FakeDiscord, type FakeMessage } from "../../fakes/discord-api.js";
import type { Refusal, SenderRig, SenderTraits } from "../sender.contract.js";
import { translate } from "./translate.js";

/** An embed's description holds at most 4,096 characters (Discord's limit); the sender puts a reply's text there. */
export const discordTraits: SenderTraits = { rateLimit: "waits", maxLength: 4096 };

/** Discord's status and JSON error for each refusal (a 429 gets its Retry-After from the fake). */
function discordError(refusal: Refusal): [status: number, body: unknown] {
  switch (refusal.kind) {
    case "rate-limited":
      return [429, { retry_after: refusal.retryAfterSeconds }];
    case "chat-gone":
      return [404, { message: "Unknown Channel", code: 10003 }];
    case "forbidden":
      return [403, { message: "Missing Access", code: 50001 }];
    case "bad-token":
      return [401, { message: "401: Unauthorized", code: 0 }];
  }
}

/** The text a message shows: its content and its embeds' titles, descriptions and fields. */
function shownText(m: FakeMessage): string {
  const embeds = (m.embeds ?? []) as { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  const parts = embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`)]);
  return [m.content, ...parts].filter(Boolean).join("\n\n");
}

export async function discordRig(): Promise<SenderRig> {
  const fake = await FakeDiscord.start();
  const channel = fake.channels[0]!.id;
  const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
  return {
    // As the adapter builds it: with the token, which discord.js forgets after a 401.
    sender: new DiscordSender(rest, translate(), { token: fake.token }),
    // A server channel (chat ≠ user); a direct message would first open a DM channel, which the fake does not offer.
    address: { platform: "discord", chatId: channel, userId: "4002" },
    refuseNext: (refusal) => fake.failNext("POST", new RegExp(`^/channels/${channel}/messages$`), ...discordError(refusal)),
    goDown: (status) => fake.goDown({ status }),
    comeBack: () => fake.comeBack(),
    delivered: async () => fake.messagesIn(channel).map((m) => ({ ref: `${channel}:${m.id}`, text: shownText(m) })),
    stop: () => fake.stop(),
  };
}
