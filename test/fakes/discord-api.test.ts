// Checks the Discord fake against a real discord.js Client (gateway login, interactions, REST),
// so adapter tests can trust it.
import {
  ActionRowBuilder, AttachmentBuilder, ButtonBuilder, ButtonStyle, Client, EmbedBuilder, Events, GatewayIntentBits, type Interaction, type TextChannel,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "./discord-api.js";

let fake: FakeDiscord;
let client: Client;

beforeEach(async () => {
  fake = await FakeDiscord.start();
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
});

afterEach(async () => {
  await client.destroy(); // before stop(): discord.js would otherwise try to reconnect
  await fake.stop();
});

async function login(): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login("fake-discord-token");
  await ready;
  await fake.ready();
}

/** The next interaction the client emits, handled by `handle` (whose promise the test awaits). */
function nextInteraction<T>(handle: (i: Interaction) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => client.once(Events.InteractionCreate, (i) => { handle(i).then(resolve, reject); }));
}

const row = (customId: string) => new ActionRowBuilder<ButtonBuilder>()
  .addComponents(new ButtonBuilder().setCustomId(customId).setLabel("Übernehmen").setStyle(ButtonStyle.Primary));

describe("FakeDiscord with real discord.js", () => {
  it("logs in over the gateway and caches the guild with its channels and roles", async () => {
    await login();
    expect(client.user?.username).toBe("Lotse");
    expect(client.application?.id).toBe("1000");
    const guild = client.guilds.cache.get("2000");
    expect(guild?.channels.cache.map((c) => c.name)).toEqual(["allgemein", "termine"]);
    expect(guild?.roles.cache.find((r) => r.name === "Admin")?.permissions.has("Administrator")).toBe(true);
    expect(guild?.members.me?.permissions.has("SendMessages")).toBe(true);
    expect(fake.calls[0]).toMatchObject({ method: "GET", path: "/gateway/bot", auth: "Bot fake-discord-token" });
  });

  it("rejects a wrong token with 401", async () => {
    await expect(client.login("wrong-token")).rejects.toThrow();
    expect((await fake.waitFor((c) => c.path === "/gateway/bot")).auth).toBe("Bot wrong-token");
  });

  it("registers commands and delivers a slash command whose reply arrives as callback type 4", async () => {
    await login();
    const [registered] = [...(await client.guilds.cache.get("2000")!.commands.set([
      { name: "frage", description: "Eine Frage stellen", options: [{ name: "text", description: "Frage", type: 3, required: true }] },
    ])).values()];
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error(`unexpected ${i.type}`);
      await i.reply({ content: `Antwort auf: ${i.options.getString("text", true)}`, components: [row("claim:1")] });
      return { command: i.commandName, commandId: i.commandId, channel: i.channelId, user: i.user.id, locale: i.locale };
    });
    const { id } = fake.slashCommand({ name: "frage", userId: "4002", options: [{ name: "text", type: 3, value: "Wo ist das Amt?" }] });

    expect(await handled).toEqual({ command: "frage", commandId: registered?.id, channel: "3001", user: "4002", locale: "de" });
    const callback = await fake.waitFor((c) => c.path.startsWith(`/interactions/${id}/`));
    expect(callback.auth).toBeUndefined();
    expect(fake.interactionResponses(id)).toMatchObject([
      { type: 4, data: { content: "Antwort auf: Wo ist das Amt?", components: [{ type: 1, components: [{ custom_id: "claim:1", type: 2 }] }] } },
    ]);
    expect(fake.messagesIn("3001")).toMatchObject([{ content: "Antwort auf: Wo ist das Amt?", webhook_id: "1000" }]);
  });

  it("supports deferReply + editReply + followUp through the interaction webhook", async () => {
    await login();
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("not a command");
      await i.deferReply();
      const edited = await i.editReply({ content: "Fertig" });
      const followUp = await i.followUp({ content: "Noch etwas" });
      return [edited.content, followUp.content];
    });
    const { id } = fake.slashCommand({ name: "status", userId: "4002", channelId: "3002" });

    expect(await handled).toEqual(["Fertig", "Noch etwas"]);
    expect(fake.calls.map((c) => `${c.method} ${c.path.replace(/\d{6,}|fake-interaction-token-[\w-]+/g, ":x")}`).slice(-3)).toEqual([
      "POST /interactions/:x/:x/callback", "PATCH /webhooks/1000/:x/messages/@original", "POST /webhooks/1000/:x",
    ]);
    expect(fake.interactionResponses(id)).toMatchObject([{ type: 5 }, { content: "Fertig" }, { content: "Noch etwas" }]);
    expect(fake.messagesIn("3002")).toMatchObject([{ content: "Fertig", flags: 0 }, { content: "Noch etwas" }]);
  });

  it("delivers a button press and records interaction.update as callback type 7", async () => {
    await login();
    const channel = client.channels.cache.get("3001") as TextChannel;
    const sent = await channel.send({ content: "Neue Frage", components: [row("claim:42")] });
    const handled = nextInteraction(async (i) => {
      if (!i.isButton()) throw new Error("not a button");
      await i.update({ content: `Übernommen von ${i.user.username}`, components: [] });
      return { customId: i.customId, messageId: i.message.id };
    });
    const { id } = fake.button({ customId: "claim:42", userId: "4001", messageId: sent.id });

    expect(await handled).toEqual({ customId: "claim:42", messageId: sent.id });
    expect(fake.interactionResponses(id)).toMatchObject([{ type: 7, data: { content: "Übernommen von koordination", components: [] } }]);
    expect(fake.messagesIn("3001")).toMatchObject([{ id: sent.id, content: "Übernommen von koordination", components: [] }]);
  });

  it("records channel.send with embeds as POST and message.edit as PATCH, and delete", async () => {
    await login();
    const channel = client.channels.cache.get("3002") as TextChannel;
    const message = await channel.send({ embeds: [new EmbedBuilder().setTitle("Netzwerktreffen").setDescription("Dienstag 18 Uhr")] });
    expect(message.author.id).toBe(client.user?.id);
    await message.edit({ content: "verschoben" });
    expect(fake.calls.filter((c) => c.path.startsWith("/channels/3002/messages")).map((c) => c.method)).toEqual(["POST", "PATCH"]);
    expect(fake.messagesIn("3002")).toMatchObject([{ content: "verschoben", embeds: [{ title: "Netzwerktreffen", description: "Dienstag 18 Uhr" }] }]);
    await message.delete();
    expect(fake.messagesIn("3002")).toEqual([]);
  });

  it("parses multipart sends: payload_json plus the attached file", async () => {
    await login();
    const ics = "BEGIN:VCALENDAR\r\nSUMMARY:Netzwerktreffen Ü\r\nEND:VCALENDAR\r\n";
    const sent = await (client.channels.cache.get("3002") as TextChannel).send({
      content: "Termin", files: [new AttachmentBuilder(Buffer.from(ics), { name: "treffen.ics" })] });
    expect(sent.attachments.first()?.name).toBe("treffen.ics");
    expect(fake.messagesIn("3002")).toMatchObject([{ content: "Termin", attachments: [{ filename: "treffen.ics", content: ics }] }]);
  });

  it("answers with_response replies with the created message", async () => {
    await login();
    const handled = nextInteraction(async (i) => {
      if (!i.isChatInputCommand()) throw new Error("not a command");
      const response = await i.reply({ content: "Nur für dich", flags: "Ephemeral", withResponse: true });
      return { content: response.resource?.message?.content, ephemeral: response.interaction.responseMessageEphemeral };
    });
    fake.slashCommand({ name: "privat", userId: "4002" });
    expect(await handled).toEqual({ content: "Nur für dich", ephemeral: true });
    expect(fake.messagesIn("3001")).toMatchObject([{ content: "Nur für dich", flags: 64 }]);
  });

  it("lets discord.js retry a 429 with retry_after so the message arrives once", async () => {
    await login();
    fake.failNext("POST", /^\/channels\/3001\/messages$/, 429, { retry_after: 0.1 });
    const started = Date.now();
    await (client.channels.cache.get("3001") as TextChannel).send("nach Wartezeit");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(fake.calls.filter((c) => c.method === "POST" && c.path === "/channels/3001/messages")).toHaveLength(2);
    expect(fake.messagesIn("3001")).toMatchObject([{ content: "nach Wartezeit" }]);
  });

  it("surfaces a 500 after discord.js gives up retrying", async () => {
    await login();
    fake.failNext("POST", /\/messages$/, 500, undefined, 10);
    await expect((client.channels.cache.get("3001") as TextChannel).send("x")).rejects.toMatchObject({ status: 500 });
    expect(fake.calls.filter((c) => c.method === "POST")).toHaveLength(4); // @discordjs/rest retries 5xx three times
    expect(fake.messagesIn("3001")).toEqual([]);
  });

  it("tells admins from normal members via memberPermissions", async () => {
    await login();
    const check = () => nextInteraction(async (i) => i.memberPermissions?.has("Administrator"));
    let result = check();
    fake.slashCommand({ name: "admin", userId: "4001" });
    expect(await result).toBe(true);
    result = check();
    fake.slashCommand({ name: "admin", userId: "4002" });
    expect(await result).toBe(false);
    result = check();
    fake.slashCommand({ name: "admin", userId: "4002", admin: true });
    expect(await result).toBe(true);
  });

  it("creates and edits scheduled events and answers unknown routes with 404", async () => {
    await login();
    const guild = client.guilds.cache.get("2000")!;
    const event = await guild.scheduledEvents.create({ name: "Netzwerktreffen", scheduledStartTime: new Date("2030-01-01T17:00:00Z"),
      scheduledEndTime: new Date("2030-01-01T19:00:00Z"), privacyLevel: 2, entityType: 3, entityMetadata: { location: "Rathaus" } });
    await event.edit({ name: "Netzwerktreffen (verschoben)" });
    expect(fake.scheduledEvents()).toMatchObject([{ id: event.id, name: "Netzwerktreffen (verschoben)", entity_metadata: { location: "Rathaus" } }]);
    await expect(client.rest.get("/nope")).rejects.toMatchObject({ status: 404 });
  });
});

describe("FakeDiscord outages", () => {
  const send = (text: string) => client.rest.post("/channels/3001/messages", { body: { content: text } });

  it("goDown() answers every REST call with 500 JSON or a 502 HTML page until comeBack(); the gateway stays", async () => {
    await login();
    fake.goDown();
    await expect(send("a")).rejects.toMatchObject({ status: 500 });
    fake.goDown({ status: 502, html: true });
    await expect(send("b")).rejects.toMatchObject({ status: 502 });
    expect(fake.messagesIn("3001")).toEqual([]);
    expect(fake.calls.filter((c) => c.method === "POST")).toHaveLength(8); // 1 + 3 retries inside @discordjs/rest, twice
    await fake.comeBack();
    await expect(send("c")).resolves.toMatchObject({ content: "c" });
    expect(fake.sessionsStarted).toBe(1);
  });

  it("refuseConnections() fails REST with a network error and drops the gateway; after comeBack() both reconnect", async () => {
    await login();
    await fake.refuseConnections();
    // The first request may still go out on the kept-alive socket the fake just cut ("other side closed").
    for (const text of ["a", "a2"]) {
      const failed = await send(text).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(Error);
      expect(failed).not.toHaveProperty("status"); // no HTTP answer at all
    }
    const refused = await send("a3").catch((e: unknown) => e);
    expect(String((refused as Error & { cause?: unknown }).cause ?? refused)).toMatch(/ECONNREFUSED/);
    await fake.comeBack();
    await expect(send("b")).resolves.toMatchObject({ content: "b" });
    expect(fake.messagesIn("3001").map((m) => m.content)).toEqual(["b"]);
    // discord.js resumes (or identifies again) on its own once the gateway answers.
    await expect.poll(() => fake.sessionsStarted, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(2);
  });
});
