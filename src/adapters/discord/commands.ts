import { PermissionFlagsBits } from "discord.js";
import { EVENT_TYPES } from "../../events/calendar.js";
import { localizedDescription } from "./localized.js";

/** Discord's slash-command definitions, apart from the adapter that handles them. */

const TYPE_CHOICES = EVENT_TYPES.map((t) => ({ name: t, value: t }));

/** Slash commands, registered per guild on start (or globally with `npx lotse discord register`). */
export const DISCORD_COMMANDS = [
  { name: "ask", description: "Frage an Lotse / ask Lotse", options: [{ type: 3, name: "frage", description: "Ihre Frage / your question", required: true, max_length: 2000 }] },
  { name: "events", description: "Nächste Treffen / next meetings", options: [{ type: 3, name: "typ", description: "Art des Treffens / type", required: false, choices: TYPE_CHOICES }] },
  { name: "subscribe", description: "Erinnerungen an Treffen / meeting reminders", options: [{ type: 3, name: "typ", description: "Art des Treffens / type", required: false, choices: TYPE_CHOICES }] },
  { name: "unsubscribe", description: "Erinnerungen abbestellen / stop reminders" },
  { name: "help", description: "Hilfe / help" },
  { name: "topics", ...localizedDescription("commands.topics") },
  { name: "language", description: "Sprache wählen / choose your language" },
  { name: "region", description: "Region für Ansprechpersonen / your region (contact person)", options: [{ type: 3, name: "region", description: "z. B. Berlin-Pankow, Landkreis Passau – leer: Auswahl / empty: choose", required: false, max_length: 100 }] },
  { name: "privacy", description: "Was gespeichert wird / what is stored" },
  { name: "my_data", description: "Meine Daten herunterladen / download my data" },
  { name: "delete_me", description: "Meine Daten löschen / delete my data" },
  {
    name: "event",
    description: "Treffen verwalten (Admins) / manage meetings (admins)",
    default_member_permissions: String(PermissionFlagsBits.ManageEvents),
    options: [
      {
        type: 1,
        name: "add",
        description: "Ein Treffen anlegen / add a meeting",
        options: [
          { type: 3, name: "id", description: "kurze id, z. B. werkstatt-briefe-2", required: true },
          { type: 3, name: "termin", description: "YYYY-MM-DDTHH:MM (Berlin)", required: true },
          { type: 4, name: "minuten", description: "Dauer in Minuten", required: true, min_value: 5, max_value: 4320 },
          { type: 3, name: "typ", description: "Art des Treffens / type", required: true, choices: TYPE_CHOICES },
          { type: 3, name: "region", description: "z. B. berlin, bayern, berlin-pankow", required: true },
          { type: 3, name: "titel", description: "Titel / title", required: true, max_length: 200 },
        ],
      },
      { type: 1, name: "cancel", description: "Einen Termin absagen / cancel one occurrence", options: [{ type: 3, name: "id", description: "event id", required: true }, { type: 3, name: "termin", description: "YYYY-MM-DDTHH:MM (Berlin)", required: true }] },
      { type: 1, name: "move", description: "Einen Termin verschieben / move one occurrence", options: [{ type: 3, name: "id", description: "event id", required: true }, { type: 3, name: "termin", description: "YYYY-MM-DDTHH:MM (Berlin)", required: true }, { type: 3, name: "neu", description: "YYYY-MM-DDTHH:MM (Berlin)", required: true }] },
    ],
  },
];

/** Answered only to the user who ran them, whatever the reply: the privacy notice and personal settings concern nobody else in the channel. */
export const PRIVATE_COMMANDS = new Set(["privacy", "my_data", "delete_me", "language", "region"]);
