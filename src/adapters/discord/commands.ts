import { PermissionFlagsBits } from "discord.js";
import { EVENT_TYPES } from "../../events/calendar.js";
import { localizedDescription } from "./localized.js";

/**
 * Discord's slash-command definitions, apart from the adapter that handles them. Every description
 * comes from locales/ ("commands.*" is shared with Telegram's menu, "discord.*" is Discord's own).
 * Option names stay German ids: the handlers read them.
 */

const STRING = 3;
const INTEGER = 4;
const SUBCOMMAND = 1;

const TYPE_CHOICES = EVENT_TYPES.map((t) => ({ name: t, value: t }));

const typeOption = (required: boolean) => ({ type: STRING, name: "typ", ...localizedDescription("discord.options.type"), required, choices: TYPE_CHOICES });
const eventIdOption = { type: STRING, name: "id", ...localizedDescription("discord.event.options.id"), required: true };
const whenOption = { type: STRING, name: "termin", ...localizedDescription("discord.event.options.when"), required: true };

/** Slash commands, registered per guild on start (or globally with `npx lotse discord register`). */
export const DISCORD_COMMANDS = [
  { name: "ask", ...localizedDescription("discord.ask"), options: [{ type: STRING, name: "frage", ...localizedDescription("discord.options.question"), required: true, max_length: 2000 }] },
  { name: "events", ...localizedDescription("commands.events"), options: [typeOption(false)] },
  { name: "subscribe", ...localizedDescription("commands.subscribe"), options: [typeOption(false)] },
  { name: "unsubscribe", ...localizedDescription("commands.unsubscribe") },
  { name: "help", ...localizedDescription("commands.help") },
  { name: "topics", ...localizedDescription("commands.topics") },
  { name: "language", ...localizedDescription("commands.language") },
  { name: "region", ...localizedDescription("commands.region"), options: [{ type: STRING, name: "region", ...localizedDescription("discord.options.region"), required: false, max_length: 100 }] },
  { name: "privacy", ...localizedDescription("commands.privacy") },
  { name: "my_data", ...localizedDescription("commands.my_data") },
  { name: "delete_me", ...localizedDescription("commands.delete_me") },
  {
    name: "event",
    ...localizedDescription("discord.event.manage"),
    default_member_permissions: String(PermissionFlagsBits.ManageEvents),
    options: [
      {
        type: SUBCOMMAND,
        name: "add",
        ...localizedDescription("discord.event.add"),
        options: [
          { type: STRING, name: "id", ...localizedDescription("discord.event.options.newId"), required: true },
          whenOption,
          { type: INTEGER, name: "minuten", ...localizedDescription("discord.event.options.minutes"), required: true, min_value: 5, max_value: 4320 },
          typeOption(true),
          { type: STRING, name: "region", ...localizedDescription("discord.event.options.region"), required: true },
          { type: STRING, name: "titel", ...localizedDescription("discord.event.options.title"), required: true, max_length: 200 },
        ],
      },
      { type: SUBCOMMAND, name: "cancel", ...localizedDescription("discord.event.cancel"), options: [eventIdOption, whenOption] },
      { type: SUBCOMMAND, name: "move", ...localizedDescription("discord.event.move"), options: [eventIdOption, whenOption, { type: STRING, name: "neu", ...localizedDescription("discord.event.options.to"), required: true }] },
    ],
  },
];

/** Answered only to the user who ran them, whatever the reply: the privacy notice and personal settings concern nobody else in the channel. */
export const PRIVATE_COMMANDS = new Set(["privacy", "my_data", "delete_me", "language", "region"]);
