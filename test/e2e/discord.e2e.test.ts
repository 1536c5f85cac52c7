import { afterEach, describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../src/adapters/discord/adapter.js";
import { ManualClock } from "../../src/core/clock.js";
import { FakeDiscord } from "../fakes/discord-api.js";
import { testLotse } from "../helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(now = "2026-11-05T17:00:00Z") {
  const fake = await FakeDiscord.start();
  const { lotse } = await testLotse({ clock: new ManualClock(new Date(now)) });
  const adapter = new DiscordAdapter(lotse, { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
  await adapter.start();
  cleanups.push(async () => {
    await adapter.stop();
    await fake.stop();
  });
  return { fake, lotse };
}

type Payload = { type?: number; data?: { embeds?: { title?: string; description?: string }[]; components?: { components: { custom_id?: string; label: string }[] }[]; flags?: number; allowed_mentions?: { parse: unknown[] } } };
const responses = async (fake: FakeDiscord, id: string, count = 1) => {
  // The fake records the call before it stores the interaction's response: poll for the latter.
  await expect.poll(() => fake.interactionResponses(id).length, { timeout: 5000 }).toBeGreaterThanOrEqual(count);
  return fake.interactionResponses(id) as Payload[];
};

describe("Discord adapter with real discord.js against a local fake", () => {
  it("registers the slash commands per guild on start", async () => {
    const { fake } = await setup();
    const put = await fake.waitFor((c) => c.method === "PUT" && /\/applications\/1000\/guilds\/2000\/commands/.test(c.path));
    expect((put.body as { name: string }[]).map((c) => c.name)).toEqual(["ask", "events", "subscribe", "unsubscribe", "help", "topics", "language", "region", "privacy", "my_data", "delete_me", "event"]);
  });

  it("answers /ask with an embed, sources and buttons; feedback is acknowledged only to the presser", async () => {
    const { fake, lotse } = await setup();
    const ask = fake.slashCommand({ name: "ask", userId: "4002", options: [{ name: "frage", type: 3, value: "Wie finde ich einen Kita-Platz für ein Kind? @everyone <@&5001>" }] });
    const [reply] = await responses(fake, ask.id);
    expect(reply!.type).toBe(4);
    expect(reply!.data!.embeds![0]!.title).toMatch(/Kita/);
    expect(reply!.data!.allowed_mentions).toEqual({ parse: [] });
    const buttons = reply!.data!.components!.flatMap((r) => r.components);
    const up = buttons.find((b) => b.label.includes("Hilfreich"))!;
    const messageId = fake.messagesIn("3001").at(-1)!.id;
    const press = fake.button({ customId: up.custom_id!, userId: "4002", messageId });
    const [ack] = await responses(fake, press.id);
    expect(ack!.data!.flags! & 64).toBe(64); // ephemeral
    expect(await lotse.store.ns("feedback").get("kita")).toEqual({ up: 1, down: 0 });
    // Someone else pressing the same button acts on nothing.
    const foreign = fake.button({ customId: up.custom_id!, userId: "4001", messageId });
    const [notYours] = await responses(fake, foreign.id);
    expect(JSON.stringify(notYours)).toMatch(/für jemand anderen|someone else/);
    expect(notYours!.data!.flags! & 64).toBe(64); // only the presser sees it
    expect(await lotse.store.ns("feedback").get("kita")).toEqual({ up: 1, down: 0 });
  });

  it("sets the region and language with /region and /language, answered only to the user, so hand-overs reach the right contact", async () => {
    const { fake, lotse } = await setup();
    const named = fake.slashCommand({ name: "region", userId: "4010", options: [{ name: "region", type: 3, value: "Pankow" }] });
    const [set] = await responses(fake, named.id);
    expect(set!.data!.flags! & 64).toBe(64);
    expect(await lotse.store.ns<{ region?: string }>("profiles").get("discord:4010")).toMatchObject({ region: "berlin-pankow" });

    // Without a name: the Länder as buttons; a press narrows down to the districts, in the same (ephemeral) message.
    const choose = fake.slashCommand({ name: "region", userId: "4011" });
    const [lands] = await responses(fake, choose.id);
    expect(lands!.data!.flags! & 64).toBe(64);
    const berlin = lands!.data!.components!.flatMap((r) => r.components).find((b) => b.label === "Berlin")!;
    const messageId = fake.messagesIn("3001").at(-1)!.id;
    const [districts] = await responses(fake, fake.button({ customId: berlin.custom_id!, userId: "4011", messageId }).id);
    expect(districts!.data!.components!.flatMap((r) => r.components).map((b) => b.label)).toContain("Pankow");

    const language = fake.slashCommand({ name: "language", userId: "4010" });
    const [languages] = await responses(fake, language.id);
    expect(languages!.data!.flags! & 64).toBe(64);
    const english = languages!.data!.components!.flatMap((r) => r.components).find((b) => b.label === "English")!;
    await responses(fake, fake.button({ customId: english.custom_id!, userId: "4010", messageId: fake.messagesIn("3001").at(-1)!.id }).id);
    expect(await lotse.store.ns<{ lang?: string }>("profiles").get("discord:4010")).toMatchObject({ lang: "en", region: "berlin-pankow" });
  });

  it("acknowledges first when the core is slow, then shows the answer in place (Discord drops interactions unanswered after 3 s)", async () => {
    const fake = await FakeDiscord.start();
    const { lotse } = await testLotse({ clock: new ManualClock(new Date("2026-11-05T17:00:00Z")) });
    const adapter = new DiscordAdapter(lotse, { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, deferAfterMs: 20 });
    await adapter.start();
    cleanups.push(async () => {
      await adapter.stop();
      await fake.stop();
    });
    // The core waits until the test has seen the acknowledgement: no race with the clock.
    let release: () => void = () => undefined;
    const receive = lotse.receive.bind(lotse);
    lotse.receive = (async (...args: Parameters<typeof receive>) => {
      await new Promise<void>((resolve) => (release = resolve));
      return receive(...args);
    }) as typeof lotse.receive;

    const ask = fake.slashCommand({ name: "ask", userId: "4020", options: [{ name: "frage", type: 3, value: "Wie finde ich einen Kita-Platz?" }] });
    const [deferred] = await responses(fake, ask.id);
    expect(deferred!.type).toBe(5);
    release();
    await expect.poll(() => fake.messagesIn("3001").find((m) => JSON.stringify(m.embeds ?? []).includes("Kita")), { timeout: 5000 }).toBeDefined();
    const answer = fake.messagesIn("3001").find((m) => JSON.stringify(m.embeds ?? []).includes("Kita"))!;
    expect(Number(answer.flags ?? 0) & 128, "no longer loading").toBe(0);
    expect(Number(answer.flags ?? 0) & 64, "an answer to /ask is public").toBe(0);

    const privacy = fake.slashCommand({ name: "privacy", userId: "4020" });
    const [hidden] = await responses(fake, privacy.id);
    expect(hidden!.type).toBe(5);
    expect(hidden!.data!.flags! & 64, "deferred as ephemeral: the notice is for the user alone").toBe(64);
    release();
    await expect.poll(() => fake.interactionResponses(privacy.id).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
  });

  it("pings nobody and takes no case in a server channel", async () => {
    const { fake, lotse } = await setup();
    const created: unknown[] = [];
    lotse.tickets.onCreated((t) => void created.push(t));
    const ask = fake.slashCommand({ name: "ask", userId: "4002", options: [{ name: "frage", type: 3, value: "Frau K. @everyone **fett** <@4001> hat eine Ablehnung vom Jobcenter. Soll sie Widerspruch einlegen?" }] });
    // The general information on the topic comes first, then the note that a case needs a private chat.
    // The first is the interaction's reply ({type, data}), the next a follow-up message (the payload itself).
    const replies = (await responses(fake, ask.id, 2)).map((r) => (r as { data?: Payload["data"] }).data ?? (r as Payload["data"]));
    for (const reply of replies) {
      expect(reply!.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(reply)).not.toMatch(/@everyone|<@4001>/);
    }
    expect(JSON.stringify(replies.at(-1))).toMatch(/privaten Chat/);
    expect(created).toHaveLength(0);
  });

  it("lists meetings with /events, subscribes with /subscribe, and posts reminders to the configured channel", async () => {
    const { fake, lotse } = await setup("2026-11-05T16:59:00Z");
    const events = fake.slashCommand({ name: "events", userId: "4002" });
    const [list] = await responses(fake, events.id);
    expect(JSON.stringify(list)).toMatch(/Die nächsten Treffen/);
    const sub = fake.slashCommand({ name: "subscribe", userId: "4002", options: [{ name: "typ", type: 3, value: "jour-fixe" }] });
    await responses(fake, sub.id);
    expect(await lotse.store.ns("subscriptions").get("all")).toEqual([expect.objectContaining({ types: ["jour-fixe"] })]);
    (lotse.clock as ManualClock).advance(60_000); // 7 days before the Jour fixe Berlin-Nord
    await lotse.reminders.run();
    await lotse.outbox.flush(); // delivered, and its message id kept for the edit below
    const posted = await fake.waitFor((c) => c.method === "POST" && c.path === "/channels/3002/messages");
    expect(JSON.stringify(posted.body)).toMatch(/Jour fixe Ehrenamt Berlin-Nord/);
    expect(JSON.stringify(posted.body)).toMatch(/<t:\d+:F> \(<t:\d+:R>\)/);
    expect((posted.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });

    // An admin cancels that occurrence: the posted announcement is edited in place.
    const announcement = fake.messagesIn("3002").at(-1)!;
    const cancel = fake.slashCommand({ name: "event", userId: "4001", admin: true, options: [{ type: 1, name: "cancel", options: [{ name: "id", type: 3, value: "jour-fixe-berlin-nord" }, { name: "termin", type: 3, value: "2026-11-12T18:00" }] }] });
    await responses(fake, cancel.id);
    const edit = await fake.waitFor((c) => c.method === "PATCH" && c.path === `/channels/3002/messages/${announcement.id}`);
    expect(JSON.stringify(edit.body)).toMatch(/Abgesagt/);
  });

  it("lets only admins cancel or move a meeting", async () => {
    const { fake, lotse } = await setup();
    const opts = [{ type: 1, name: "cancel", options: [{ name: "id", type: 3, value: "jour-fixe-berlin-nord" }, { name: "termin", type: 3, value: "2026-11-12T18:00" }] }];
    const denied = fake.slashCommand({ name: "event", userId: "4002", options: opts, admin: false });
    expect(JSON.stringify(await responses(fake, denied.id))).toMatch(/Events verwalten/);
    expect((await lotse.calendar.overridesOf("jour-fixe-berlin-nord")).cancelled).toEqual([]);
    const allowed = fake.slashCommand({ name: "event", userId: "4001", options: opts, admin: true });
    expect(JSON.stringify(await responses(fake, allowed.id))).toMatch(/Abgesagt/);
    expect((await lotse.calendar.overridesOf("jour-fixe-berlin-nord")).cancelled).toEqual(["2026-11-12T18:00"]);
    const add = fake.slashCommand({ name: "event", userId: "4001", admin: true, options: [{ type: 1, name: "add", options: [
      { name: "id", type: 3, value: "fortbildung-discord-1" }, { name: "termin", type: 3, value: "2026-11-20T17:00" }, { name: "minuten", type: 4, value: 90 },
      { name: "typ", type: 3, value: "fortbildung" }, { name: "region", type: 3, value: "berlin" }, { name: "titel", type: 3, value: "Fortbildung Nähe und Distanz" } ] }] });
    expect(JSON.stringify(await responses(fake, add.id))).toMatch(/Angelegt/);
    expect((await lotse.calendar.findEvent("fortbildung-discord-1"))?.duration).toBe(90);
  });
});

describe("lotse discord register", () => {
  it("registers the commands globally through REST", async () => {
    const fake = await FakeDiscord.start({ token: "fake-discord-token-for-lotse" });
    cleanups.push(() => fake.stop());
    const { spawn } = await import("node:child_process");
    const { ROOT } = await import("../../src/paths.js");
    const { join } = await import("node:path");
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, "bin", "lotse.js"), "discord", "register"], {
        env: { PATH: process.env.PATH ?? "", DISCORD_BOT_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: "silent" },
      });
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.on("close", (code) => resolve({ code, stdout }));
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/registered 12 global commands: \/ask, \/events/);
    expect(fake.calls.some((c) => c.method === "PUT" && c.path === "/applications/1000/commands")).toBe(true);
  });
});

describe("meetings as Guild Scheduled Events", () => {
  it("creates the next meetings as scheduled events and cancels one when the occurrence is cancelled", async () => {
    const { fake, lotse } = await setup("2026-11-05T12:00:00Z");
    await expect.poll(() => fake.scheduledEvents().length).toBeGreaterThanOrEqual(1);
    const jourFixe = fake.scheduledEvents().find((e) => /Berlin-Nord/.test(String(e.name)))!;
    expect(jourFixe.scheduled_start_time).toBe("2026-11-12T17:00:00.000Z");
    expect(jourFixe.entity_type).toBe(3);
    await lotse.calendar.cancel("jour-fixe-berlin-nord", "2026-11-12T18:00");
    await fake.waitFor((c) => c.method === "PATCH" && c.path.endsWith(`/scheduled-events/${String(jourFixe.id)}`) && (c.body as { status?: number }).status === 4);
  });
});
