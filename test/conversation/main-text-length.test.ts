import { describe, expect, it } from "vitest";
import type { Block } from "../../src/core/message.js";
import { blocksLength, entryBlocks } from "../../src/conversation/compose.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { MAX_MAIN_ANSWER_CHARS } from "../../src/knowledge/load.js";
import { realKnowledge } from "../helpers.js";

/**
 * An answer's main text (before "Mehr") fits one phone screen for every reader: the general text
 * and the regional block of the reader's Land together. What does not fit is folded, not dropped.
 */
describe("the main text of every answer", () => {
  const { kb } = realKnowledge();
  const { t } = createI18n();
  const cases = [...kb.topics.values()].flatMap((topic) =>
    [...topic.entries.values()].flatMap((entry) => [undefined, ...Object.keys(entry.regions)].map((land) => ({ id: topic.id, entry, land }))),
  );
  const text = (blocks: Block[]) => blocks.filter((b) => b.type === "paragraph" || b.type === "list");

  it("is within the main answer's length with any regional block, for all entries and Länder", () => {
    expect(cases.length).toBeGreaterThan(539); // every entry, and each with each of its regional blocks
    const long: string[] = [];
    for (const { id, entry, land } of cases) {
      const blocks = entryBlocks(t, entry, entry.lang, land, land);
      const main = text(blocks.slice(1, blocks.findIndex((b) => b.type === "more") >>> 0));
      const length = blocksLength(main);
      if (length > MAX_MAIN_ANSWER_CHARS) long.push(`${entry.lang}/${id} ${land ?? "-"}: ${length}`);
    }
    expect(long).toEqual([]);
  });

  it("loses nothing: what is folded opens under Mehr", () => {
    for (const { id, entry, land } of cases) {
      const blocks = entryBlocks(t, entry, entry.lang, land, land);
      const all = blocksLength(text(blocks)) + blocksLength(blocks.filter((b) => b.type === "more"));
      const regional = land ? blocksLength([{ type: "paragraph", spans: [{ text: t(entry.lang, "answer.inLand", { land }) }] }]) : 0;
      const expected = blocksLength(entry.bodyBlocks) + blocksLength(entry.moreBlocks) + regional + (land ? blocksLength(text(entryBlocks(t, { ...entry, bodyBlocks: [], moreBlocks: [] }, entry.lang, land, land))) - regional : 0);
      expect(all, `${entry.lang}/${id} ${land ?? "-"}`).toBe(expected);
    }
  });
});
