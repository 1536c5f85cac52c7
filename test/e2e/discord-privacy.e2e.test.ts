import { describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../src/adapters/discord/adapter.js";
import type { Lotse } from "../../src/app.js";
import { ERASED_TEXT, type UserDataExport } from "../../src/privacy/personal-data.js";
import type { Ticket } from "../../src/escalation/tickets.js";
import { FakeDiscord } from "../fakes/discord-api.js";
import { testLotse } from "../helpers.js";
import { OPERATOR_ENV, cleanupsAfterEach } from "./privacy-fixtures.js";

// /privacy, /my_data and /delete_me through the real discord.js client against the local fake.

const onCleanup = cleanupsAfterEach();
const [VOLUNTEER, OTHER, STRANGER] = ["4002", "4003", "4004"];

async function setup() {
  const fake = await FakeDiscord.start();
  const { lotse } = await testLotse({ env: OPERATOR_ENV });
  const adapter = new DiscordAdapter(lotse, { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
  await adapter.start();
  onCleanup(async () => {
    await adapter.stop();
    await fake.stop();
  });
  return { fake, lotse };
}

interface Answer {
  data?: { flags?: number; embeds?: { title?: string; description?: string }[]; components?: { components: { custom_id?: string; label: string; style: number }[] }[] };
  /** Files of a multipart reply, as the fake parsed them. */
  files?: { filename: string; data: string }[];
}

/** Lotse's first answer to an interaction (the fake stores it just after recording the call: poll). */
async function answerTo(fake: FakeDiscord, sent: { id: string }): Promise<Answer> {
  await expect.poll(() => fake.interactionResponses(sent.id).length, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
  return fake.interactionResponses(sent.id)[0] as Answer;
}

const isEphemeral = (a: Answer) => ((a.data?.flags ?? 0) & 64) === 64;
/** The embeds' text as the user reads it: without the backslashes that escape Markdown (and "@"). */
const shown = (a: Answer) => (a.data?.embeds ?? []).map((e) => `${e.title ?? ""}\n${e.description ?? ""}`).join("\n").replace(/\\(.)/g, "$1");
const buttonsOf = (a: Answer) => a.data?.components?.flatMap((row) => row.components) ?? [];
/** The message a button sits on: Discord sends it with every press. */
const messageWith = (fake: FakeDiscord, channel: string, customId: string) =>
  fake.messagesIn(channel).findLast((m) => JSON.stringify(m.components).includes(`"${customId}"`))!.id;

function exported(a: Answer): UserDataExport {
  expect(a.files?.map((f) => f.filename)).toEqual(["lotse-discord-data.json"]);
  return JSON.parse(a.files![0]!.data) as UserDataExport;
}

/** A hand-over in the bot's direct messages (a server channel refuses them): the user opens a ticket. */
async function openTicket(fake: FakeDiscord, lotse: Lotse, userId: string, question: string): Promise<Ticket> {
  const asked = fake.slashCommand({ name: "ask", userId, dm: true, options: [{ name: "frage", type: 3, value: question }] });
  // The offer (the general information on the topic may come before it): the answer with the primary button.
  // The interaction's reply is {type, data}; a follow-up message is the payload itself.
  const offered = () => (fake.interactionResponses(asked.id) as (Answer & Answer["data"])[]).map((a): Answer => (a.data ? a : { data: a })).find((a) => buttonsOf(a).some((b) => b.style === 1));
  await expect.poll(offered, { timeout: 5000 }).toBeDefined();
  const send = buttonsOf(offered()!).find((b) => b.style === 1)!; // primary: "send to the contact person"
  const dm = fake.dmChannelId(userId);
  await answerTo(fake, fake.button({ customId: send.custom_id!, userId, dm: true, messageId: messageWith(fake, dm, send.custom_id!) }));
  const ticket = (await lotse.tickets.all()).find((t) => t.origin.userId === userId);
  expect(ticket?.question).toContain(question.slice(0, 40));
  return ticket!;
}

const subscribersOf = async (lotse: Lotse) =>
  ((await lotse.store.ns<{ address: { userId: string } }[]>("subscriptions").get("all")) ?? []).map((s) => s.address.userId).sort();

describe("privacy commands on Discord", () => {
  it("/privacy shows the configured operator and contact, only to the user who asked", async () => {
    const { fake } = await setup();
    const answer = await answerTo(fake, fake.slashCommand({ name: "privacy", userId: VOLUNTEER }));
    expect(isEphemeral(answer)).toBe(true);
    expect(shown(answer)).toContain(OPERATOR_ENV.OPERATOR_NAME);
    expect(shown(answer)).toContain(OPERATOR_ENV.OPERATOR_CONTACT);
  });

  it("/my_data exports the user's own data as a file; /delete_me erases it only after the user's own confirmation", async () => {
    const { fake, lotse } = await setup();
    // Discord has no command that stores a profile (no /start, /language or /region there); one is
    // seeded under the user's key so the test shows export and erasure cover it all the same.
    const now = lotse.clock.now().toISOString();
    await lotse.store.ns("profiles").set(`discord:${VOLUNTEER}`, { region: "berlin-pankow", createdAt: now, updatedAt: now });
    const mine = await openTicket(fake, lotse, VOLUNTEER, "Kann ich bitte mit einem Menschen sprechen? Es geht um einen Brief vom Sozialamt.");
    const theirs = await openTicket(fake, lotse, OTHER, "Kann ich bitte mit einem Menschen sprechen? Es geht um Post von der Ausländerbehörde.");
    for (const userId of [VOLUNTEER, OTHER]) {
      await answerTo(fake, fake.slashCommand({ name: "subscribe", userId, options: [{ name: "typ", type: 3, value: "jour-fixe" }] }));
    }

    // The export: an ephemeral reply with a JSON file of this user's data, and of nobody else's.
    const exportAnswer = await answerTo(fake, fake.slashCommand({ name: "my_data", userId: VOLUNTEER }));
    expect(isEphemeral(exportAnswer)).toBe(true);
    const data = exported(exportAnswer);
    expect(data.user).toEqual({ platform: "discord", userId: VOLUNTEER });
    expect(data.profile?.region).toBe("berlin-pankow");
    expect(data.conversation?.lastQuestion).toMatch(/Sozialamt/);
    expect(data.subscriptions).toEqual([expect.objectContaining({ types: ["jour-fixe"] })]);
    expect(data.tickets.map((t) => t.id)).toEqual([mine.id]);
    expect(data.tickets[0]!.messages[0]!.text).toMatch(/Sozialamt/);
    expect(JSON.stringify(data)).not.toMatch(new RegExp(`${OTHER}|${theirs.id}|Ausländerbehörde`));

    // In a server channel, erasure is not offered: it happens only in a direct message.
    const inServer = await answerTo(fake, fake.slashCommand({ name: "delete_me", userId: VOLUNTEER }));
    expect(isEphemeral(inServer)).toBe(true);
    expect(shown(inServer)).toMatch(/nur im privaten Chat/);
    expect(buttonsOf(inServer)).toEqual([]);

    // The question, in the direct message: a danger (erase) and a secondary (keep) button.
    const ask = await answerTo(fake, fake.slashCommand({ name: "delete_me", userId: VOLUNTEER, dm: true }));
    const erase = buttonsOf(ask).find((b) => b.style === 4)!.custom_id!;
    const keep = buttonsOf(ask).find((b) => b.style === 2)!.custom_id!;
    const question = messageWith(fake, fake.dmChannelId(VOLUNTEER), erase);
    const untouched = async () => {
      expect(await lotse.store.ns("profiles").get(`discord:${VOLUNTEER}`)).toBeDefined();
      expect(await lotse.store.ns("conversations").get(`discord:${VOLUNTEER}`)).toBeDefined();
      expect(await subscribersOf(lotse)).toEqual([VOLUNTEER, OTHER]);
      expect((await lotse.tickets.get(mine.id))?.question).toMatch(/Sozialamt/);
    };

    const kept = await answerTo(fake, fake.button({ customId: keep, userId: VOLUNTEER, messageId: question, dm: true }));
    expect(isEphemeral(kept)).toBe(true);
    expect(shown(kept)).toMatch(/nichts gelöscht/);
    await untouched();

    // Someone else pressing the real button (its id, in their own chat), or a made-up id naming the
    // volunteer: resolved against the presser's own state, they act on nothing.
    for (const [customId, why] of [[erase, /für jemand anderen/], [`erase:${VOLUNTEER}`, /abgelaufen/]] as const) {
      const refused = await answerTo(fake, fake.button({ customId, userId: STRANGER, messageId: question, dm: true }));
      expect(isEphemeral(refused)).toBe(true);
      expect(shown(refused)).toMatch(why);
    }
    await untouched();

    const done = await answerTo(fake, fake.button({ customId: erase, userId: VOLUNTEER, messageId: question, dm: true }));
    expect(isEphemeral(done)).toBe(true);
    expect(shown(done)).toMatch(/gelöscht/);
    expect(await lotse.store.ns("profiles").get(`discord:${VOLUNTEER}`)).toBeUndefined();
    expect(await lotse.store.ns("conversations").get(`discord:${VOLUNTEER}`)).toBeUndefined();
    expect(await subscribersOf(lotse)).toEqual([OTHER]);
    const erased = (await lotse.tickets.get(mine.id))!;
    expect(erased.question).toBe(ERASED_TEXT);
    expect(erased.messages.filter((m) => m.from === "volunteer").map((m) => m.text)).toEqual([ERASED_TEXT]);
    expect(erased.status).toBe("resolved");
    expect(JSON.stringify(erased)).not.toMatch(new RegExp(`${VOLUNTEER}|Sozialamt`));
    expect((await lotse.tickets.get(theirs.id))?.question).toMatch(/Ausländerbehörde/); // the other user's ticket stays

    // Nothing is left to export.
    const after = exported(await answerTo(fake, fake.slashCommand({ name: "my_data", userId: VOLUNTEER })));
    expect(after.profile).toBeNull();
    expect(after.conversation?.lastQuestion).toBeUndefined();
    expect(after.subscriptions).toEqual([]);
    expect(after.tickets).toEqual([]);
  });
});
