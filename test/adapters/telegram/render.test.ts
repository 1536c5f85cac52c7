import { describe, expect, it } from "vitest";
import { escapeHtml, renderTelegram, TELEGRAM_MAX_TEXT } from "../../../src/adapters/telegram/render.js";
import type { Reply } from "../../../src/core/message.js";

const paragraph = (text: string) => ({ type: "paragraph" as const, spans: [{ text }] });

/** Tags must be balanced and from Telegram's set; entities complete. */
function wellFormed(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (!["b", "i", "a", "blockquote"].includes(m[2]!)) return false;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  const text = html.replace(/<[^>]+>/g, "");
  return stack.length === 0 && !/[<>]/.test(text) && !/&(?!(amp|lt|gt|quot);)/.test(text);
}

describe("Telegram rendering", () => {
  it("escapes every piece of user and content text", () => {
    const reply: Reply = {
      lang: "de",
      blocks: [
        { type: "heading", spans: [{ text: "Frage <b>fett</b>" }] },
        { type: "paragraph", spans: [{ text: "<script>alert(1)</script> & mehr", bold: true }, { text: "Link", href: 'https://example.org/?a=1&b="2"' }] },
        { type: "paragraph", spans: [{ text: "böser Link", href: "javascript:alert(1)" }] },
      ],
      links: [{ title: "BAMF <Quelle>", url: "https://www.bamf.de/" }],
    };
    const [message] = renderTelegram(reply);
    expect(message!.text).toContain("<b>Frage &lt;b&gt;fett&lt;/b&gt;</b>");
    expect(message!.text).toContain("<b>&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr</b>");
    expect(message!.text).toContain('<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">Link</a>');
    expect(message!.text).not.toContain("javascript:");
    expect(message!.text).toContain("BAMF &lt;Quelle&gt;");
    expect(wellFormed(message!.text)).toBe(true);
  });

  it("splits a 10,000-character answer on paragraph boundaries, keyboard on the last part", () => {
    const paragraphs = Array.from({ length: 20 }, (_, i) => paragraph(`${i}: ${"Wort & <Text> ".repeat(36)}`.slice(0, 500)));
    const reply: Reply = { lang: "de", blocks: paragraphs, buttons: [[{ id: "b1", label: "👍" }]] };
    const messages = renderTelegram(reply);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
      expect(wellFormed(m.text)).toBe(true);
    }
    // Nothing lost, nothing cut inside a paragraph.
    const joined = messages.map((m) => m.text).join("\n\n");
    for (let i = 0; i < 20; i++) expect(joined).toContain(escapeHtml(paragraphs[i]!.spans[0]!.text));
    expect(messages.slice(0, -1).every((m) => !m.keyboard)).toBe(true);
    expect(messages.at(-1)!.keyboard).toEqual([[{ text: "👍", callback_data: "b1" }]]);
  });

  it("splits a single huge paragraph without breaking tags or entities", () => {
    const reply: Reply = { lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "a&b ".repeat(3000), bold: true }] }] };
    const messages = renderTelegram(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
      expect(wellFormed(m.text)).toBe(true);
    }
  });

  it("never puts more than 64 bytes into callback data, and keeps link buttons as links", () => {
    const reply: Reply = { lang: "de", blocks: [paragraph("x")], buttons: [[{ id: "b1", label: "ok" }, { id: "x".repeat(65), label: "too long" }], [{ id: "p", label: "Chat", url: "https://t.me/LotseBot" }]] };
    const [message] = renderTelegram(reply);
    expect(message!.keyboard).toEqual([[{ text: "ok", callback_data: "b1" }], [{ text: "Chat", url: "https://t.me/LotseBot" }]]);
  });
});
