import { describe, expect, it } from "vitest";
import { fitRows, renderDiscord } from "../../src/adapters/discord/render.js";
import { renderTelegram, TELEGRAM_MAX_TEXT } from "../../src/adapters/telegram/render.js";
import { disclaimerBlock, entryBlocks, pickEntry } from "../../src/conversation/compose.js";
import { foldMore } from "../../src/core/fold.js";
import type { Block, Button, Reply } from "../../src/core/message.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { UI_LANGUAGES } from "../../src/i18n/detect.js";
import { realKnowledge } from "../helpers.js";

const { t } = createI18n();

function answerWith(open: boolean | undefined): Reply {
  const more: Block = { type: "more", title: "Mehr", blocks: [{ type: "paragraph", spans: [{ text: "Die Einzelheiten <b>&" }] }] };
  if (open !== undefined) Object.assign(more, { toggle: { id: "tgl123456789", label: open ? "▲ Weniger" : "▼ Mehr", open } });
  return { lang: "de", blocks: [{ type: "heading", spans: [{ text: "Titel" }] }, { type: "paragraph", spans: [{ text: "Hauptteil" }] }, more], buttons: [[{ id: "fb1", label: "👍" }]] };
}

describe("folding the 'Mehr' details with a button", () => {
  it("leaves folded details out and puts their toggle first; keeps unfolded ones; changes nothing without a toggle", () => {
    const folded = foldMore(answerWith(false));
    expect(folded.blocks.map((b) => b.type)).toEqual(["heading", "paragraph"]);
    expect(folded.buttons).toEqual([[{ id: "tgl123456789", label: "▼ Mehr" }], [{ id: "fb1", label: "👍" }]]);
    const unfolded = foldMore(answerWith(true));
    expect(unfolded.blocks.map((b) => b.type)).toEqual(["heading", "paragraph", "more"]);
    expect(unfolded.buttons![0]).toEqual([{ id: "tgl123456789", label: "▲ Weniger" }]);
    const plain = answerWith(undefined);
    expect(foldMore(plain)).toBe(plain);
  });

  it("renders on Telegram: folded without the details, unfolded in full (not in a quote), escaped", () => {
    const [folded] = renderTelegram(answerWith(false));
    expect(folded!.text).not.toContain("Einzelheiten");
    expect(folded!.keyboard![0]).toEqual([{ text: "▼ Mehr", callback_data: "tgl123456789" }]);
    const [unfolded] = renderTelegram(answerWith(true));
    expect(unfolded!.text).toContain("<b>Mehr</b>\nDie Einzelheiten &lt;b&gt;&amp;");
    expect(unfolded!.text).not.toContain("blockquote");
    // Without a toggle (a reply queued before), Telegram's own expandable quote as before.
    expect(renderTelegram(answerWith(undefined))[0]!.text).toContain("<blockquote expandable>");
  });

  it("renders on Discord: folded without the details, the toggle in the first row", () => {
    const folded = renderDiscord(answerWith(false));
    expect(folded.embeds[0]!.description).not.toContain("Einzelheiten");
    expect(folded.components[0]!.components).toEqual([{ type: 2, style: 2, label: "▼ Mehr", custom_id: "tgl123456789" }]);
    expect(renderDiscord(answerWith(true)).embeds[0]!.description).toContain("Einzelheiten");
  });

  it("keeps every folded answer of the knowledge base in one Telegram message, in every language and Land", () => {
    const kb = realKnowledge().kb;
    let longest = 0;
    for (const topic of kb.topics.values()) {
      for (const lang of UI_LANGUAGES) {
        const entry = pickEntry(topic, lang)!;
        for (const land of [undefined, "berlin", "bayern", "niedersachsen"]) {
          const blocks = [...entryBlocks(t, entry, lang, land, land), disclaimerBlock(t, lang, entry.reviewed)];
          const more = blocks.findIndex((b) => b.type === "more");
          if (more >= 0) blocks[more] = { ...(blocks[more] as Extract<Block, { type: "more" }>), toggle: { id: "x", label: "Mehr", open: false } };
          const messages = renderTelegram({ lang, blocks, links: entry.sources });
          expect(messages, `${topic.id} ${lang} ${land}`).toHaveLength(1);
          longest = Math.max(longest, messages[0]!.text.length);
        }
      }
    }
    expect(longest).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
  }, 120_000); // loads and indexes the whole knowledge base
});

describe("Discord's five rows", () => {
  const button = (n: number): Button => ({ id: `b${n}`, label: `Thema ${n}` });
  it("packs more than five rows into rows of at most five, the last row on its own, no button lost", () => {
    const rows = [...Array.from({ length: 9 }, (_, i) => [button(i)]), [button(100), button(101)]];
    const packed = fitRows(rows);
    expect(packed.length).toBeLessThanOrEqual(5);
    expect(packed.every((row) => row.length <= 5)).toBe(true);
    expect(packed.flat()).toEqual(rows.flat());
    expect(packed.at(-1)).toEqual([button(100), button(101)]);
    const rendered = renderDiscord({ lang: "de", blocks: [], buttons: rows });
    expect(rendered.components.flatMap((r) => r.components)).toHaveLength(11);
  });

  it("leaves five rows or fewer as they are", () => {
    const rows = [[button(1)], [button(2), button(3)], [button(4)]];
    expect(fitRows(rows)).toBe(rows);
  });
});
