import { createI18n, type Translate } from "../../i18n/i18n.js";

/** Discord's own locales for Lotse's interface languages (Discord has none for Arabic and Persian). */
const DISCORD_LOCALES: Record<string, string[]> = { de: ["de"], en: ["en-US", "en-GB"], uk: ["uk"], ru: ["ru"], tr: ["tr"] };

/** Discord rejects the whole registration if one description is longer. */
export const DISCORD_DESCRIPTION_LIMIT = 100;

export type LocalizedDescription = { description: string; description_localizations: Record<string, string> };

/** One translator for all the definitions: loading the locale files once, not once per option. */
let sharedTranslate: Translate | undefined;
const defaultTranslate: Translate = (lang, key, vars) => (sharedTranslate ??= createI18n().t)(lang, key, vars);

const cut = (text: string) => text.slice(0, DISCORD_DESCRIPTION_LIMIT);

/**
 * The description of a slash command, subcommand or option from locales: each client language
 * Discord knows in its own words, and as the default German and English side by side (as the
 * other commands have it). Where both do not fit, the default is English alone: only clients
 * without a localization see it, and a German client is never one of them.
 */
export function localizedDescription(key: string, t: Translate = defaultTranslate): LocalizedDescription {
  const description_localizations: Record<string, string> = {};
  for (const [lang, locales] of Object.entries(DISCORD_LOCALES)) for (const locale of locales) description_localizations[locale] = cut(t(lang, key));
  const both = `${t("de", key)} / ${t("en", key)}`;
  return { description: both.length <= DISCORD_DESCRIPTION_LIMIT ? both : cut(t("en", key)), description_localizations };
}
