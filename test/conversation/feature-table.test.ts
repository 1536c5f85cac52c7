import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lotse } from "../../src/app.js";
import { DISCORD_COMMANDS } from "../../src/adapters/discord/commands.js";
import { FeatureTable } from "../../src/conversation/feature.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { UI_LANGUAGES } from "../../src/i18n/detect.js";
import { address, command, testLotse, textOf } from "../helpers.js";

/**
 * The features' tables are the one list of commands: the dispatcher looks them up there, Telegram's
 * menu is built from them, and the Discord slash commands must cover them.
 */
let lotse: Lotse;
beforeAll(async () => {
  ({ lotse } = await testLotse());
});
afterAll(async () => {
  await lotse?.close(0);
});

describe("feature tables", () => {
  it("list every command once, in menu order, and each has a menu text in every language", () => {
    const commands = lotse.assistant.commands;
    expect(commands).toEqual(["start", "help", "language", "region", "topics", "events", "subscribe", "unsubscribe", "contact", "privacy", "my_data", "delete_me"]);
    const { t } = createI18n();
    for (const lang of UI_LANGUAGES) for (const name of commands) expect(t(lang, `commands.${name}`), `${lang} commands.${name}`).not.toBe(`commands.${name}`);
  });

  it("dispatch each listed command to its feature (none falls through to 'unknown command')", async () => {
    const unknown = textOf((await lotse.receive(command(address("table-probe"), "no_such_command")))[0]!);
    for (const name of lotse.assistant.commands) {
      const replies = await lotse.receive(command(address(`table-${name}`), name));
      expect(replies.length, name).toBeGreaterThan(0);
      expect(textOf(replies[0]!), name).not.toBe(unknown.replace("/no_such_command", `/${name}`));
      expect(replies.every((r) => r.meta?.kind !== "error" || name === "contact"), name).toBe(true);
    }
  });

  it("have a Discord slash command for every command but /start and /contact (Discord has its own entry point; hand-overs start from a question)", () => {
    const discord = new Set(DISCORD_COMMANDS.map((c) => c.name));
    expect(lotse.assistant.commands.filter((name) => !discord.has(name))).toEqual(["start", "contact"]);
  });

  it("refuse a command or button action claimed by two features", () => {
    const twice = () => new FeatureTable([{ name: "a", commands: { help: () => [] } }, { name: "b", commands: { help: () => [] } }]);
    expect(twice).toThrow(/claimed twice/);
    const buttonsTwice = () => new FeatureTable([{ name: "a", buttons: { more: () => [] } }, { name: "b", buttons: { more: () => [] } }]);
    expect(buttonsTwice).toThrow(/claimed twice/);
  });
});
