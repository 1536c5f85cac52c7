import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DESK_LANGUAGES } from "../../src/adapters/desk/session.js";
import { UI_LANGUAGES } from "../../src/i18n/detect.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";

/**
 * The locale files are complete and count right: every language has every key German has, and
 * wherever a number is put into a sentence, the language's plural forms are there (i18next picks
 * them with Intl.PluralRules: one/other in German, one/few/many/other in Ukrainian and Russian,
 * zero/one/two/few/many/other in Arabic).
 */

/** Keys only coordinators read (the web desk, its mails, Slack): written in the desk's languages. */
const COORDINATOR_KEYS = /^(desk|mail|slack)\./;
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** A number put into a sentence through a nested plural: $t(key, {"count": {{var}} }). */
const NESTED = /\$t\(([\w.]+),\s*\{\s*"count":\s*\{\{(\w+)\}\}\s*\}\)/g;

function flatten(node: Record<string, unknown>, prefix: string, out: Map<string, string>): Map<string, string> {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") flatten(value as Record<string, unknown>, path, out);
    else out.set(path, String(value));
  }
  return out;
}

/** Every string of a language, as i18n.ts loads them (a file other than translation.json is its top-level key). */
function stringsOf(lang: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(LOCALES_DIR, lang)).filter((f) => f.endsWith(".json"))) {
    const data = JSON.parse(readFileSync(join(LOCALES_DIR, lang, file), "utf8")) as Record<string, unknown>;
    flatten(data, file === "translation.json" ? "" : file.slice(0, -".json".length), out);
  }
  return out;
}

const all = new Map(UI_LANGUAGES.map((lang) => [lang, stringsOf(lang)]));
const german = all.get("de")!;
const base = (key: string) => key.replace(PLURAL, "");
const needs = (lang: string, key: string) => !COORDINATOR_KEYS.test(key) || (DESK_LANGUAGES as readonly string[]).includes(lang);
const categories = (lang: string) => new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

/** Keys whose value puts {{count}} into a sentence, or that are plural forms: their base needs every form. */
function countedBases(strings: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of strings) if (PLURAL.test(key) || value.includes("{{count}}")) out.add(base(key));
  return out;
}

describe("locale files", () => {
  it("give every language every key German has (coordinators' keys: in the desk's languages), and no other", () => {
    const germanBases = new Set([...german.keys()].map(base));
    for (const [lang, strings] of all) {
      const bases = new Set([...strings.keys()].map(base));
      const missing = [...germanBases].filter((key) => needs(lang, key) && !bases.has(key));
      const unknown = [...bases].filter((key) => !germanBases.has(key));
      expect({ lang, missing, unknown }).toEqual({ lang, missing: [], unknown: [] });
    }
  });

  it("give every counted string the plural forms its language needs", () => {
    for (const [lang, strings] of all) {
      const wanted = categories(lang);
      const incomplete: string[] = [];
      for (const key of countedBases(strings)) {
        const lacking = wanted.filter((form) => !strings.has(`${key}_${form}`));
        if (lacking.length) incomplete.push(`${key} (${lacking.join(", ")})`);
      }
      expect({ lang, incomplete }).toEqual({ lang, incomplete: [] });
    }
  });

  it("put a number into a sentence only through a plural: nested keys exist and have their forms", () => {
    for (const [lang, strings] of all) {
      const counted = countedBases(strings);
      const broken: string[] = [];
      for (const [key, value] of strings) {
        for (const [, nested] of value.matchAll(NESTED)) if (!counted.has(nested!)) broken.push(`${key} → ${nested}`);
      }
      expect({ lang, broken }).toEqual({ lang, broken: [] });
    }
  });

  it("use the same placeholders as German", () => {
    const varsOf = (strings: Map<string, string>, key: string) => {
      const vars = new Set<string>();
      for (const [k, value] of strings) if (base(k) === key) for (const [, name] of value.matchAll(/\{\{(\w+)\}\}/g)) if (name !== "count") vars.add(name!);
      return [...vars].sort();
    };
    for (const [lang, strings] of all) {
      if (lang === "de") continue;
      const differing = [...new Set([...strings.keys()].map(base))].filter((key) => varsOf(strings, key).join() !== varsOf(german, key).join());
      expect({ lang, differing }).toEqual({ lang, differing: [] });
    }
  });

  it("render every string, in every language and for any count, with nothing left unfilled", () => {
    const { t } = createI18n();
    for (const [lang, strings] of all) {
      for (const key of new Set([...strings.keys()].map(base))) {
        const vars: Record<string, unknown> = {};
        for (const [k, value] of strings) if (base(k) === key) for (const [, name] of value.matchAll(/\{\{(\w+)\}\}/g)) vars[name!] = 21;
        for (const count of countedBases(strings).has(key) ? [0, 1, 2, 3, 5, 11, 21, 100] : [undefined]) {
          const text = t(lang, key, { ...vars, ...(count === undefined ? {} : { count }) });
          expect(text, `${lang} ${key}`).not.toMatch(/\{\{|\$t\(/);
        }
      }
    }
  });

  it("choose the right form: one case, and 21 or 5 of them in Ukrainian", () => {
    const { t } = createI18n();
    expect(t("de", "privacy.deleted", { count: 1 })).toMatch(/\(1 Vorgang ohne Text behält/);
    expect(t("de", "privacy.text", { conversationDays: 1, ticketDays: 30, operator: "o", contact: "c", authority: "a" })).toMatch(/nach einem Tag gelöscht[\s\S]*30 Tage nach Abschluss/);
    expect(t("uk", "privacy.deleted", { count: 21 })).toMatch(/21 звернення без тексту зберігає/);
    expect(t("uk", "privacy.deleted", { count: 5 })).toMatch(/5 звернень/);
    expect(t("ar", "web.codeLimited", { minutes: 2 })).toMatch(/بعد دقيقتين/);
  });
});
