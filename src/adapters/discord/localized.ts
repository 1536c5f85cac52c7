import { createI18n, type Translate } from "../../i18n/i18n.js";

/** Discord's own locales for Lotse's interface languages (Discord has none for Arabic and Persian). */
const DISCORD_LOCALES: Record<string, string[]> = { de: ["de"], en: ["en-US", "en-GB"], uk: ["uk"], ru: ["ru"], tr: ["tr"] };

/**
 * A slash command's description from locales: German and English side by side as the default (as
 * the other commands have it), and each client language Discord knows in its own words.
 */
export function localizedDescription(key: string, t: Translate = createI18n().t): { description: string; description_localizations: Record<string, string> } {
  const cut = (text: string) => text.slice(0, 100); // Discord's limit
  const description_localizations: Record<string, string> = {};
  for (const [lang, locales] of Object.entries(DISCORD_LOCALES)) for (const locale of locales) description_localizations[locale] = cut(t(lang, key));
  return { description: cut(`${t("de", key)} / ${t("en", key)}`), description_localizations };
}
