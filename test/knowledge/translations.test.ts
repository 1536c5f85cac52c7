import { describe, expect, it } from "vitest";
import { renderDiscord } from "../../src/adapters/discord/render.js";
import { TELEGRAM_MAX_TEXT, renderTelegram } from "../../src/adapters/telegram/render.js";
import { disclaimerBlock, entryBlocks } from "../../src/conversation/compose.js";
import { textDirection, type Reply } from "../../src/core/message.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { TRANSLATION_LANGUAGES, type Entry } from "../../src/knowledge/types.js";
import { realKnowledge } from "../helpers.js";

/**
 * Every translated entry, rendered as each platform shows it: Telegram's HTML stays well-formed
 * and within its length, Discord's embed within its limits, the web's direction right for the
 * language; right-to-left text isolates its German terms and numbers; the footer names the German
 * version it renders.
 */
const knowledge = realKnowledge();
const { t } = createI18n();
const LRI = "\u2066";
const PDI = "\u2069";

function replyOf(entry: Entry): Reply {
  const blocks = [...entryBlocks(t, entry, entry.lang, "berlin", "Berlin"), disclaimerBlock(t, entry.lang, entry.reviewed)];
  return { lang: entry.lang, blocks, links: entry.sources.map((s) => ({ title: s.title, url: s.url })) };
}

/** Tags Lotse's Telegram renderer may emit, properly nested. */
function wellFormed(html: string): boolean {
  const open: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!["b", "i", "a", "blockquote"].includes(m[2]!)) return false;
    if (m[1]) {
      if (open.pop() !== m[2]) return false;
    } else open.push(m[2]!);
  }
  return open.length === 0 && !/<(?![/]?(b|i|a|blockquote)\b)/.test(html) && !/&(?!(amp|lt|gt|quot);)/.test(html);
}

const languages = TRANSLATION_LANGUAGES.filter((lang) => [...knowledge.kb.topics.values()].some((topic) => topic.entries.has(lang)));

describe.each(languages)("translated entries in %s", (lang) => {
  const entries = [...knowledge.kb.topics.values()].flatMap((topic) => (topic.entries.has(lang) ? [topic.entries.get(lang)!] : []));

  it("name the German version they translate, in their own language", () => {
    for (const entry of entries) {
      const opening = t(lang, "original.note", { date: "\u0000" }).split("\u0000")[0]!;
      const footer = replyOf(entry).blocks.find((b) => b.type === "note" && b.spans.map((s) => s.text).join("").includes(opening));
      expect(entry.translatedFrom, entry.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(footer, entry.file).toBeDefined();
    }
    expect(t(lang, "original.note", { date: "x" })).not.toBe(t("de", "original.note", { date: "x" }));
  });

  it("render as well-formed Telegram HTML within 4,096 characters per message", () => {
    for (const entry of entries) {
      for (const message of renderTelegram(replyOf(entry), t(lang, "web.sources"))) {
        expect(message.text.length, entry.file).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
        expect(wellFormed(message.text), `${entry.file}: ${message.text.slice(0, 200)}`).toBe(true);
      }
    }
  });

  it("render as a Discord embed within its limits", () => {
    for (const entry of entries) {
      const embed = renderDiscord(replyOf(entry), t(lang, "web.sources")).embeds[0]!;
      expect((embed.title ?? "").length, entry.file).toBeLessThanOrEqual(256);
      expect(embed.description.length, entry.file).toBeLessThanOrEqual(4096);
      for (const field of embed.fields ?? []) expect(field.value.length, entry.file).toBeLessThanOrEqual(1024);
      const total = (embed.title ?? "").length + embed.description.length + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
      expect(total, entry.file).toBeLessThanOrEqual(6000);
    }
  });

  it(textDirection(lang) === "rtl" ? "isolate German terms, numbers and links in right-to-left text" : "stay free of bidi isolates (left-to-right text)", () => {
    for (const entry of entries) {
      const html = renderTelegram(replyOf(entry), t(lang, "web.sources")).map((m) => m.text).join("\n");
      const discord = renderDiscord(replyOf(entry), t(lang, "web.sources")).embeds[0]!.description;
      if (textDirection(lang) === "rtl") {
        // Every Latin letter or digit sits inside an isolate (outside the markup's own attributes).
        const text = html.replace(/<[^>]*>/g, "");
        const outside = text.replace(new RegExp(`${LRI}[^${PDI}]*${PDI}`, "g"), "");
        expect(outside, entry.file).not.toMatch(/[A-Za-z0-9]/);
        expect(discord, entry.file).toContain(LRI);
      } else {
        expect(html + discord, entry.file).not.toContain(LRI);
      }
    }
  });
});

describe("the web chat's direction", () => {
  it("is right to left for Arabic and Farsi only", () => {
    expect(["de", "en", "uk", "ru", "tr"].map(textDirection)).toEqual(["ltr", "ltr", "ltr", "ltr", "ltr"]);
    expect(["ar", "fa"].map(textDirection)).toEqual(["rtl", "rtl"]);
  });
});
