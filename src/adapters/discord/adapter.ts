import { Client, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits, Routes, type ChatInputCommandInteraction, type ButtonInteraction, type Interaction } from "discord.js";
import type { Lotse } from "../../app.js";
import { RejectedCredentials } from "../start-within.js";
import type { Address, Incoming, Reply } from "../../core/message.js";
import { DiscordSender } from "./sender.js";
import { partsInStore } from "../parts-delivered.js";
import type { PlatformAdapter } from "../types.js";
import { renderDiscordParts } from "./render.js";
// Where the command list lives; re-exported for `npx lotse discord register` and the tests.
export { DISCORD_COMMANDS };
import { DISCORD_COMMANDS, PRIVATE_COMMANDS } from "./commands.js";
import { showTyping } from "../typing.js";
import { changeMeeting, type MeetingChange } from "../../events/admin.js";
import { errorSummary } from "../../core/errors.js";

export interface DiscordOptions {
  token: string;
  applicationId: string;
  /** REST base (the gateway URL is looked up there), e.g. a proxy or a test fake. */
  apiUrl?: string;
  /** A role pinged with meeting announcements (the only mention Lotse ever allows). */
  announceRoleId?: string;
  /** Acknowledge an interaction first when the answer takes longer than this (default 1.5 s; tests shorten it). */
  deferAfterMs?: number;
}

/** Discord allows 3 s for the first response; leave room for the network. */
const DEFER_AFTER_MS = 1500;

/**
 * Discord adapter (discord.js): slash commands for questions and meetings, buttons for the
 * core's choices, and a sender for announcements and answers through the outbox.
 */
export class DiscordAdapter implements PlatformAdapter {
  readonly platform = "discord";
  readonly editsInPlace = true;
  readonly ephemeral = true;
  readonly directMessages = true;
  readonly client: Client;
  /** Announcements and answers through the outbox (REST only: it works without the gateway). */
  readonly sender: DiscordSender;
  private watchingCalendar = false;

  constructor(
    private readonly lotse: Lotse,
    private readonly options: DiscordOptions,
  ) {
    this.client = new Client({ intents: [GatewayIntentBits.Guilds], rest: options.apiUrl ? { api: options.apiUrl } : {} });
    this.client.rest.setToken(options.token);
    this.sender = new DiscordSender(this.client.rest, lotse.t, { announceRoleId: options.announceRoleId, progress: partsInStore(lotse.store, "discord"), token: options.token });
    lotse.outbox.register("discord", this.sender);
    this.client.on(Events.InteractionCreate, (interaction) => {
      this.onInteraction(interaction).catch((error: unknown) => {
        lotse.logger.error({ err: errorSummary(error) }, "discord interaction failed");
      });
    });
  }

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.client.login(this.options.token).catch((error: unknown) => {
      const e = error as { code?: string; status?: number };
      if (e.code === "TokenInvalid" || e.status === 401) throw new RejectedCredentials("DISCORD_BOT_TOKEN", e.code ?? "401 Unauthorized");
      throw error;
    });
    await ready;
    for (const guild of this.client.guilds.cache.values()) {
      await this.client.rest.put(Routes.applicationGuildCommands(this.options.applicationId, guild.id), { body: DISCORD_COMMANDS });
    }
    // Keep the guilds' scheduled events in step with the calendar (while this instance holds the gateway).
    if (!this.watchingCalendar) {
      this.watchingCalendar = true;
      this.lotse.calendar.onChange(() => void (this.client.isReady() ? this.syncScheduledEvents().catch(() => undefined) : undefined));
    }
    await this.syncScheduledEvents().catch((error: unknown) => this.lotse.logger.warn({ err: errorSummary(error) }, "discord scheduled events sync failed"));
    this.lotse.logger.info({ guilds: this.client.guilds.cache.size }, "discord adapter ready");
  }

  /** Leaves the gateway; REST stays usable, so this instance still delivers its outbox to Discord. */
  async stop(): Promise<void> {
    await this.client.destroy();
    this.client.rest.setToken(this.options.token);
  }

  /**
   * Mirrors the next 30 days of meetings as Guild Scheduled Events in every guild that has an
   * announcement channel for the meeting's regions and where the bot may manage events.
   * Created once per occurrence (the mapping is kept in the store), updated when moved, cancelled
   * when cancelled.
   */
  async syncScheduledEvents(): Promise<number> {
    const { lotse } = this;
    const now = lotse.clock.now();
    let changed = 0;
    const occurrences = await lotse.calendar.occurrences(now, new Date(now.getTime() + 30 * 86_400_000), { includeCancelled: true });
    for (const occurrence of occurrences) {
      for (const guildId of this.guildsFor(occurrence.event.regions)) {
        const key = `discord-event:${guildId}:${occurrence.key}`;
        const space = lotse.store.ns<{ id: string; start: string; cancelled: boolean }>("events");
        const known = await space.get(key);
        const body = {
          name: (occurrence.event.title[lotse.config.DEFAULT_LANGUAGE] ?? occurrence.event.title.de!).slice(0, 100),
          description: [occurrence.event.audience, occurrence.event.registration].filter(Boolean).join("\n").slice(0, 1000),
          scheduled_start_time: occurrence.start.toISOString(),
          scheduled_end_time: occurrence.end.toISOString(),
          privacy_level: 2,
          entity_type: 3,
          entity_metadata: { location: (occurrence.event.place ?? occurrence.event.online ?? "online").slice(0, 100) },
        };
        if (!known && !occurrence.cancelled) {
          const created = (await this.client.rest.post(Routes.guildScheduledEvents(guildId), { body })) as { id: string };
          await space.set(key, { id: created.id, start: body.scheduled_start_time, cancelled: false });
          changed++;
        } else if (known && occurrence.cancelled && !known.cancelled) {
          await this.client.rest.patch(Routes.guildScheduledEvent(guildId, known.id), { body: { status: 4 } });
          await space.set(key, { ...known, cancelled: true });
          changed++;
        } else if (known && !occurrence.cancelled && known.start !== body.scheduled_start_time) {
          await this.client.rest.patch(Routes.guildScheduledEvent(guildId, known.id), { body: { scheduled_start_time: body.scheduled_start_time, scheduled_end_time: body.scheduled_end_time } });
          await space.set(key, { ...known, start: body.scheduled_start_time });
          changed++;
        }
      }
    }
    return changed;
  }

  /** Guilds with an announcement channel for one of these regions, where the bot may manage events. */
  private guildsFor(regions: string[]): string[] {
    const guilds = new Set<string>();
    for (const region of regions) {
      for (const target of this.lotse.calendar.targets[region] ?? []) {
        if (target.platform !== "discord") continue;
        const channel = this.client.channels.cache.get(target.chat);
        const guild = channel && "guild" in channel ? channel.guild : undefined;
        if (guild?.members.me?.permissions.has(PermissionFlagsBits.ManageEvents)) guilds.add(guild.id);
      }
    }
    return [...guilds];
  }

  private address(interaction: Interaction): Address {
    const direct = !interaction.guildId;
    return { platform: "discord", chatId: direct ? interaction.user.id : (interaction.channelId ?? interaction.user.id), userId: interaction.user.id };
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return this.onCommand(interaction);
    if (interaction.isButton()) return this.onButton(interaction);
  }

  /**
   * Runs the core and answers the interaction itself. Discord drops an interaction that is not
   * answered within 3 s ("The application did not respond"); when the core takes longer (a slow
   * store), the interaction is acknowledged first and the answer follows as an edit.
   */
  private async answer(interaction: ChatInputCommandInteraction | ButtonInteraction, incoming: Incoming): Promise<void> {
    incoming.platformLanguage = interaction.locale?.slice(0, 2);
    const privateCommand = interaction.isChatInputCommand() && PRIVATE_COMMANDS.has(interaction.commandName);
    // The interaction's id is the cause: Discord delivers it once, but a second gateway holder must not handle it again.
    const cause = `discord:${interaction.id}`;
    // A question gets "typing…" in its channel while it is answered (what channel.sendTyping() sends; the
    // channel of a direct message need not be cached). Best effort, see ../typing.ts.
    if (incoming.kind === "text" && interaction.channelId) {
      const channel = interaction.channelId;
      await showTyping(this.lotse, cause, "discord", () => this.client.rest.post(Routes.channelTyping(channel)));
    }
    const work = this.lotse.receive(incoming, { keep: () => true, cause });
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([work.then(() => true, () => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.options.deferAfterMs ?? DEFER_AFTER_MS)))]);
    clearTimeout(timer);
    if (!inTime) {
      // A button's answer may replace its message or come as a new one: deferUpdate allows both.
      if (interaction.isButton()) await interaction.deferUpdate();
      else await interaction.deferReply(privateCommand ? { flags: MessageFlags.Ephemeral } : {});
    }
    const replies = await work;
    const [first, ...rest] = replies;
    if (!first) {
      if (!inTime && interaction.isChatInputCommand()) await interaction.deleteReply().catch(() => undefined);
      return;
    }
    // discord.js takes camelCase options for interactions (the raw body goes only to REST calls).
    // A reply longer than one message: its first part answers the interaction, the others follow.
    const renderParts = (r: Reply) =>
      renderDiscordParts(r, this.lotse.t(r.lang, "web.sources")).map(({ embeds, components }, i, all) => {
        const files = r.attachment && i === all.length - 1 ? [{ attachment: Buffer.from(r.attachment.content, "utf8"), name: r.attachment.name }] : [];
        return { embeds, components, files, allowedMentions: { parse: [] as [] } };
      });
    const render = (r: Reply) => renderParts(r)[0]!;
    const following = (r: Reply) => renderParts(r).slice(1);
    const short = first.acknowledgement === true;
    // Acknowledgements, and everything about the user's own data, only the user sees.
    const ephemeral = short || privateCommand || first.private === true || first.visibility === "recipient";
    const flags = (r: Reply, own: boolean) => (own || r.private || r.visibility === "recipient" ? { flags: MessageFlags.Ephemeral } : {});
    if (interaction.isButton() && first.replaces) {
      if (inTime) await interaction.update(render(first) as never); // a clarify choice replaces the question
      else await interaction.editReply(render(first) as never);
    } else if (inTime) await interaction.reply({ ...render(first), ...flags(first, ephemeral) } as never);
    else if (interaction.isButton()) await interaction.followUp({ ...render(first), ...flags(first, ephemeral) } as never);
    else if (ephemeral && !privateCommand) {
      // Deferred in public, but the answer is for the user alone: replace the placeholder.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp({ ...render(first), flags: MessageFlags.Ephemeral } as never);
    } else await interaction.editReply(render(first) as never); // visibility was chosen when deferring
    for (const part of following(first)) await interaction.followUp({ ...part, ...flags(first, ephemeral) } as never);
    for (const more of rest) for (const part of renderParts(more)) await interaction.followUp({ ...part, ...flags(more, false) } as never);
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const address = this.address(interaction);
    switch (interaction.commandName) {
      case "ask":
        return this.answer(interaction, { kind: "text", address, text: interaction.options.getString("frage", true) });
      case "events":
      case "subscribe":
        return this.answer(interaction, { kind: "command", address, command: interaction.commandName, args: interaction.options.getString("typ") ?? "" });
      case "region":
        return this.answer(interaction, { kind: "command", address, command: "region", args: interaction.options.getString("region") ?? "" });
      case "language":
      case "unsubscribe":
      case "help":
      case "topics":
      case "privacy":
      case "my_data":
      case "delete_me":
        return this.answer(interaction, { kind: "command", address, command: interaction.commandName, args: "" });
      case "event":
        return this.manageEvent(interaction);
    }
  }

  /** Admin commands: only members with Manage Events (or Administrator) change meetings. */
  private async manageEvent(interaction: ChatInputCommandInteraction): Promise<void> {
    const t = (key: string, vars?: Record<string, unknown>) => this.lotse.t(this.lotse.config.DEFAULT_LANGUAGE, key, vars);
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents)) {
      await interaction.reply({ content: t("discord.notAllowed"), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    const id = interaction.options.getString("id", true);
    const when = interaction.options.getString("termin", true);
    const sub = interaction.options.getSubcommand();
    const o = interaction.options;
    const change: MeetingChange =
      sub === "add"
        ? { action: "add", id, start: when, minutes: o.getInteger("minuten", true), type: o.getString("typ", true), region: o.getString("region", true), title: o.getString("titel", true) }
        : sub === "move"
          ? { action: "move", id, when, to: o.getString("neu", true) }
          : { action: "cancel", id, when };
    const notice = await changeMeeting({ calendar: this.lotse.calendar, logger: this.lotse.logger, t: this.lotse.t, lang: this.lotse.config.DEFAULT_LANGUAGE }, change, interaction.user.id);
    await interaction.reply({ content: notice, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }

  private async onButton(interaction: ButtonInteraction): Promise<void> {
    const incoming: Incoming = { kind: "button", address: this.address(interaction), buttonId: interaction.customId, messageRef: interaction.message.id };
    await this.answer(interaction, incoming);
  }
}
