import fc from "fast-check";
import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { escapeHtml, renderTelegram, TELEGRAM_MAX_TEXT } from "../../src/adapters/telegram/render.js";
import { TelegramSender } from "../../src/adapters/telegram/sender.js";
import type { Reply } from "../../src/core/message.js";
import { readHtml } from "./html-reader.js";
import { hasLoneSurrogate, placement, replyWith, RUNS, TRUSTED_HREF, userText } from "./arbitraries.js";

/**
 * What Telegram makes of our HTML (parse_mode "HTML"): tags from its small set, balanced;
 * only &lt; &gt; &amp; &quot; as entities. Returns the text a reader sees and the links,
 * or throws where Telegram would answer "can't parse entities".
 */
function readTelegramHtml(html: string): { text: string; hrefs: string[] } {
  return readHtml(html, (name, attrs, raw) => {
    if (!["b", "i", "a", "blockquote"].includes(name)) throw new Error(`tag <${name}> is not one of ours`);
    if (name === "a") {
      const href = /^ href="([^"]*)"$/.exec(attrs);
      if (!href) throw new Error(`<a> without exactly one href: ${raw}`);
      return href[1]!;
    }
    if (name === "blockquote" ? attrs !== "" && attrs !== " expandable" : attrs !== "") throw new Error(`unexpected attributes: ${raw}`);
    return undefined;
  });
}

const compact = (text: string) => text.replace(/\s+/g, "");

describe("Telegram HTML: any user text is literal text", () => {
  it("escapeHtml round-trips and leaves no markup", () => {
    fc.assert(
      fc.property(userText, (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(readTelegramHtml(escaped).text).toBe(text);
      }),
      RUNS,
    );
  });

  it("renders every reply as well-formed messages that show the user text and link only where we link", () => {
    fc.assert(
      fc.property(userText, placement, (text, where) => {
        const messages = renderTelegram(replyWith(text, where));
        const shown: string[] = [];
        for (const message of messages) {
          expect(message.text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
          expect(hasLoneSurrogate(message.text)).toBe(false);
          const read = readTelegramHtml(message.text);
          // Every link is one the reply itself carries: user text never becomes a link.
          for (const href of read.hrefs) expect(href).toBe(TRUSTED_HREF);
          shown.push(read.text);
        }
        if (messages.length === 1) expect(shown[0]).toContain(text);
        // Split messages lose only the line break or space they were cut at.
        else expect(compact(shown.join(""))).toContain(compact(text));
      }),
      RUNS,
    );
  });

  it("sends what it renders with parse_mode HTML and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(userText, placement, async (text, where) => {
        const sent: { text: string; options: Record<string, unknown> }[] = [];
        const api = {
          sendMessage: async (_chat: string, body: string, options: Record<string, unknown>) => {
            sent.push({ text: body, options });
            return { message_id: sent.length };
          },
        } as unknown as Api;
        const reply: Reply = replyWith(text, where);
        await new TelegramSender(api, () => "Quellen").send({ platform: "telegram", chatId: "42", userId: "42" }, reply);
        expect(sent.map((s) => s.text)).toEqual(renderTelegram(reply).map((m) => m.text));
        for (const s of sent) expect(s.options.parse_mode).toBe("HTML");
      }),
      { numRuns: 100 },
    );
  });
});

describe("Telegram regressions found by the properties", () => {
  /** A long paragraph is cut at 3,896 characters; each case puts something fragile exactly there. */
  const cases: [string, Reply][] = [
    ["an entity", { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: `${"x".repeat(3892)}${"&".repeat(2000)}` }] }] }],
    ["a tag", { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "x".repeat(3894) }, { text: "y", bold: true }, { text: "z".repeat(1000) }] }] }],
    ["an emoji", { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: `${"x".repeat(3895)}${"😀".repeat(200)}` }] }] }],
  ];
  for (const [what, reply] of cases) {
    it(`does not cut ${what} in half when a paragraph is split`, () => {
      const messages = renderTelegram(reply);
      expect(messages.length).toBeGreaterThan(1);
      for (const m of messages) expect(hasLoneSurrogate(m.text)).toBe(false);
      const shown = messages.map((m) => readTelegramHtml(m.text).text).join("");
      expect(shown).toBe(reply.blocks.flatMap((b) => ("spans" in b ? b.spans.map((s) => s.text) : [])).join(""));
    });
  }
});
