import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n, type TOptions } from "i18next";
import { LOCALES_DIR } from "../paths.js";
import { UI_LANGUAGES } from "./detect.js";

export type Translate = (lang: string, key: string, vars?: TOptions) => string;

/**
 * User-facing words live in locales/<lng>/translation.json, and in further files beside it whose
 * name is their top-level key (locales/de/desk.json holds the "desk.*" keys: one feature, one file). German is the fallback
 * for missing keys, then English. Values are plain text with a small Markdown subset
 * (bold, links, lists); adapters escape them for their platform, so nothing is HTML-escaped here.
 */
export function createI18n(dir: string = LOCALES_DIR): { i18n: i18n; t: Translate } {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lang of UI_LANGUAGES) {
    const file = join(dir, lang, "translation.json");
    if (!existsSync(file)) continue;
    const translation = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    for (const extra of readdirSync(join(dir, lang)).filter((f) => f.endsWith(".json") && f !== "translation.json").sort()) {
      const key = extra.slice(0, -".json".length);
      if (key in translation) throw new Error(`locales/${lang}/${extra}: the key "${key}" is already in translation.json`);
      translation[key] = JSON.parse(readFileSync(join(dir, lang, extra), "utf8"));
    }
    resources[lang] = { translation };
  }
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: "de",
    fallbackLng: { en: ["de"], default: ["en", "de"] },
    supportedLngs: [...UI_LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  } as never);
  const translate = instance.t.bind(instance) as unknown as (key: string, options: Record<string, unknown>) => unknown;
  const t: Translate = (lang, key, vars) => translate(key, { ...vars, lng: lang }) as string;
  return { i18n: instance, t };
}

