import { afterEach, describe, expect, it } from "vitest";
import { DiscordAdapter, DISCORD_COMMANDS } from "../../../src/adapters/discord/adapter.js";
import { ManualClock } from "../../../src/core/clock.js";
import { FakeDiscord } from "../../fakes/discord-api.js";
import type { Block } from "../../../src/core/message.js";
import { testLotse } from "../../helpers.js";

/** The first words of an entry's "Mehr" details, as a reader sees them. */
function firstDetail(blocks: Block[]): string {
  const first = blocks[0]!;
  const spans = first.type === "list" ? first.items[0]! : first.type === "more" ? [] : first.spans;
  return spans.map((s) => s.text).join("").slice(0, 20);
}

/** /topics, the folded "Mehr" and typing on Discord: real discord.js against the local fake. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup() {
  const fake = await FakeDiscord.start();
  const { lotse } = await testLotse({ clock: new ManualClock(new Date("2026-11-05T17:00:00Z")) });
  const adapter = new DiscordAdapter(lotse, { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
  await adapter.start();
  cleanups.push(async () => {
    await adapter.stop();
    await fake.stop();
  });
  return { fake, lotse };
}

type Component = { custom_id?: string; label: string };
type Data = { embeds?: { title?: string; description?: string }[]; components?: { components: Component[] }[]; flags?: number };
type Response = { type?: number; data?: Data };

/** The n-th response to an interaction (the callback first, then edits and follow-ups). */
async function response(fake: FakeDiscord, id: string, index = 0): Promise<Response> {
  await expect.poll(() => fake.interactionResponses(id).length, { timeout: 10_000 }).toBeGreaterThan(index);
  return fake.interactionResponses(id)[index] as Response;
}

const buttons = (data: Data | undefined) => (data?.components ?? []).flatMap((row) => row.components);

/** Discord's limits: at most 5 rows of at most 5 buttons, custom ids of at most 100 characters. */
function expectWithinLimits(data: Data | undefined) {
  expect(data?.components?.length ?? 0).toBeLessThanOrEqual(5);
  for (const row of data?.components ?? []) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const b of row.components) if (b.custom_id) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  }
}

describe("Discord: /topics", () => {
  it("registers /topics with its description from the locales", () => {
    const topics = DISCORD_COMMANDS.find((c) => c.name === "topics") as { description: string; description_localizations: Record<string, string> };
    expect(topics.description).toBe("Themen durchsehen / Browse topics");
    expect(topics.description_localizations).toMatchObject({ de: "Themen durchsehen", "en-US": "Browse topics", uk: "Переглянути теми", ru: "Просмотреть темы", tr: "Konulara göz at" });
  });

  it("browses areas and an area's pages in place, and a topic gets its answer", async () => {
    const { fake } = await setup();
    const command = fake.slashCommand({ name: "topics", userId: "4002" });
    const list = await response(fake, command.id);
    expect(list.type).toBe(4);
    expectWithinLimits(list.data);
    // All eight areas, packed into Discord's rows, none cut.
    expect(buttons(list.data).map((b) => b.label)).toHaveLength(8);
    const listMessage = fake.messagesIn("3001").at(-1)!.id;

    const asyl = buttons(list.data).find((b) => b.label.startsWith("Asylverfahren"))!;
    const press = fake.button({ customId: asyl.custom_id!, userId: "4002", messageId: listMessage });
    const page1 = await response(fake, press.id);
    expect(page1.type).toBe(7); // the list message is updated in place
    expectWithinLimits(page1.data);
    expect(JSON.stringify(page1.data)).toMatch(/Seite 1 von 2/);
    const labels = buttons(page1.data).map((b) => b.label);
    expect(labels).toHaveLength(9 + 2); // nine topics, "Weiter", "Alle Bereiche"
    expect(labels.slice(-2)).toEqual(["Weiter →", "↑ Alle Bereiche"]);

    const topic = buttons(page1.data)[0]!;
    const choose = fake.button({ customId: topic.custom_id!, userId: "4002", messageId: listMessage });
    const answer = await response(fake, choose.id);
    expect(answer.type).toBe(4); // a new message with the answer
    expect(answer.data!.embeds![0]!.title).toBe(topic.label);
    expect(answer.data!.embeds![0]!.description).toMatch(/Stand: /);
    expectWithinLimits(answer.data);

    // Someone else's press acts on nothing and is told so, only to them.
    const foreign = fake.button({ customId: asyl.custom_id!, userId: "4001", messageId: listMessage });
    const notYours = await response(fake, foreign.id);
    expect(JSON.stringify(notYours)).toMatch(/jemand anderen/);
    expect(notYours.data!.flags! & 64).toBe(64);
  });
});

describe("Discord: the folded 'Mehr' and typing", () => {
  it("answers /ask with 'typing' first, the main text and a 'Mehr' button that shows the details in place", async () => {
    const { fake, lotse } = await setup();
    const ask = fake.slashCommand({ name: "ask", userId: "4002", options: [{ name: "frage", type: 3, value: "Wie finde ich einen Kita-Platz für ein Kind?" }] });
    const answer = await response(fake, ask.id);
    const typing = fake.calls.filter((c) => c.method === "POST" && c.path === "/channels/3001/typing");
    expect(typing).toHaveLength(1);
    expect(typing[0]!.at).toBeLessThanOrEqual(fake.calls.find((c) => c.path.startsWith(`/interactions/${ask.id}/`))!.at);

    const entry = lotse.knowledge.kb.topics.get("kita")!.entries.get("de")!;
    const detail = firstDetail(entry.moreBlocks);
    expect(answer.data!.embeds![0]!.description).not.toContain(detail);
    expect(answer.data!.components![0]!.components.map((b) => b.label)).toEqual(["▼ Mehr"]);
    expectWithinLimits(answer.data);

    const message = fake.messagesIn("3001").at(-1)!.id;
    const more = fake.button({ customId: buttons(answer.data).find((b) => b.label === "▼ Mehr")!.custom_id!, userId: "4002", messageId: message });
    const unfolded = await response(fake, more.id);
    expect(unfolded.type).toBe(7);
    expect(unfolded.data!.embeds![0]!.description).toContain(detail);
    expect(buttons(unfolded.data)[0]!.label).toBe("▲ Weniger");
    expect(JSON.stringify(fake.messagesIn("3001").find((m) => m.id === message)!.embeds)).toContain(detail);
    // Presses are not questions: no further typing.
    expect(fake.calls.filter((c) => c.path === "/channels/3001/typing")).toHaveLength(1);
  });

  it("answers even when the typing call fails", async () => {
    const { fake } = await setup();
    fake.failNext("POST", /\/channels\/3001\/typing/, 500);
    const ask = fake.slashCommand({ name: "ask", userId: "4003", options: [{ name: "frage", type: 3, value: "Wie finde ich einen Kita-Platz?" }] });
    const answer = await response(fake, ask.id);
    expect(answer.data!.embeds![0]!.title).toMatch(/Kita/);
  });
});
