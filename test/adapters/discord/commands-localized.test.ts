import { describe, expect, it } from "vitest";
import { DISCORD_COMMANDS } from "../../../src/adapters/discord/commands.js";
import { createI18n } from "../../../src/i18n/i18n.js";

/**
 * Every description of Discord's slash commands — commands, subcommands and options — comes from
 * the locale files, fits Discord's limit of 100 characters, and is there in each client language
 * Discord has for Lotse's interface languages.
 */

type Described = { name: string; description?: string; description_localizations?: Record<string, string>; options?: Described[] };

/** Discord locale → Lotse language whose words it must show. */
const LOCALES = { de: "de", "en-US": "en", uk: "uk", ru: "ru", tr: "tr" } as const;

/** Each command, subcommand and option, by its path of names, and the locale key of its description. */
const KEYS: Record<string, string> = {
  ask: "discord.ask",
  "ask frage": "discord.options.question",
  events: "commands.events",
  "events typ": "discord.options.type",
  subscribe: "commands.subscribe",
  "subscribe typ": "discord.options.type",
  unsubscribe: "commands.unsubscribe",
  help: "commands.help",
  topics: "commands.topics",
  language: "commands.language",
  region: "commands.region",
  "region region": "discord.options.region",
  privacy: "commands.privacy",
  my_data: "commands.my_data",
  delete_me: "commands.delete_me",
  event: "discord.event.manage",
  "event add": "discord.event.add",
  "event add id": "discord.event.options.newId",
  "event add termin": "discord.event.options.when",
  "event add minuten": "discord.event.options.minutes",
  "event add typ": "discord.options.type",
  "event add region": "discord.event.options.region",
  "event add titel": "discord.event.options.title",
  "event cancel": "discord.event.cancel",
  "event cancel id": "discord.event.options.id",
  "event cancel termin": "discord.event.options.when",
  "event move": "discord.event.move",
  "event move id": "discord.event.options.id",
  "event move termin": "discord.event.options.when",
  "event move neu": "discord.event.options.to",
};

/** Every described node, commands and their options at any depth, by path. */
function walk(nodes: readonly Described[], prefix = ""): [string, Described][] {
  return nodes.flatMap((node) => {
    const path = prefix ? `${prefix} ${node.name}` : node.name;
    return [[path, node] as [string, Described], ...walk(node.options ?? [], path)];
  });
}

const described = walk(DISCORD_COMMANDS as readonly Described[]);
const { t } = createI18n();

describe("Discord slash commands: descriptions from the locales", () => {
  it("describe every command, subcommand and option, the ones this test knows and no others", () => {
    expect(described.map(([path]) => path).sort()).toEqual(Object.keys(KEYS).sort());
  });

  it("give every description a localization for de, en-US, uk, ru and tr", () => {
    const missing = described.flatMap(([path, node]) => Object.keys(LOCALES).filter((locale) => !node.description_localizations?.[locale]).map((locale) => `${path}: ${locale}`));
    expect(missing).toEqual([]);
  });

  it("keep every description and localization within Discord's 100 characters, none empty", () => {
    const texts = described.flatMap(([path, node]) => [[path, node.description ?? ""], ...Object.entries(node.description_localizations ?? {}).map(([locale, text]) => [`${path} (${locale})`, text])]);
    const outOfBounds = texts.filter(([, text]) => text!.length === 0 || text!.length > 100).map(([where, text]) => `${where}: ${text!.length}`);
    expect(outOfBounds).toEqual([]);
  });

  it("show each language exactly the locale file's words, and as default German / English (or English where both do not fit)", () => {
    for (const [path, node] of described) {
      const key = KEYS[path]!;
      for (const [locale, lang] of Object.entries(LOCALES)) expect(node.description_localizations?.[locale], `${path} (${locale})`).toBe(t(lang, key));
      const both = `${t("de", key)} / ${t("en", key)}`;
      expect(node.description, path).toBe(both.length <= 100 ? both : t("en", key));
    }
  });

  it("take the words from the locale files, not from fallbacks: no key is missing in a language", () => {
    const fallenBack = described.flatMap(([path]) => Object.values(LOCALES).filter((lang) => lang !== "de" && t(lang, KEYS[path]!) === t("de", KEYS[path]!)).map((lang) => `${path}: ${lang}`));
    expect(fallenBack).toEqual([]);
  });
});
