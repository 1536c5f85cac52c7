import { describe, expect, it } from "vitest";
import { analyze, basicFold, contentWords, decompound, germanFold, stem } from "../../src/knowledge/text.js";
import { markdownToBlocks } from "../../src/core/richtext.js";

describe("text analysis", () => {
  it("folds umlauts, ß and their typed-out forms to the same term", () => {
    expect(stem(germanFold(basicFold("Flüchtlinge")))).toBe(stem(germanFold(basicFold("fluechtlinge"))));
    expect(stem(germanFold(basicFold("Flüchtlinge")))).toBe(stem(germanFold(basicFold("fluchtlinge"))));
    expect(basicFold("Straße")).toBe("strasse");
    expect(contentWords("Die GRÖSSTE Frage")).toEqual(["grosste", "frage"]);
  });

  it("gives German nouns and verbs one form", () => {
    expect(stem("ausbildung")).toBe(stem("ausbilden"));
    expect(stem("wohnungen")).toBe(stem("wohnung"));
    expect(stem("rejected")).toBe(stem("rejecting"));
  });

  it("drops stop words in German and English", () => {
    expect(contentWords("Was ist das und wie geht das?")).toEqual([]);
    expect(contentWords("What is the deadline?")).toEqual(["deadline"]);
  });

  it("splits compounds into parts the vocabulary knows", () => {
    const known = new Set(["pfleg", "ausbild", "dulde", "duldung", "duld"].map((w) => stem(w)));
    expect(decompound("pflegeausbildung", known)).toEqual([stem("pflege"), stem("ausbildung")]);
    expect(decompound("ausbildungsduldung", known)).toEqual([stem("ausbildung"), stem("duldung")]);
    expect(decompound("haus", known)).toEqual([]);
    expect(analyze("Pflegeausbildung", known)).toContain(stem("ausbildung"));
  });

  it("keeps Cyrillic and Arabic words searchable", () => {
    expect(contentWords("Що таке Duldung?")).toContain("duldung");
    expect(analyze("اللجوء في ألمانيا").length).toBeGreaterThan(0);
  });
});

describe("rich text", () => {
  it("keeps paragraphs, lists, bold and web links, and nothing else", () => {
    const blocks = markdownToBlocks("Hallo **Welt** mit [Link](https://bamf.de) und [böse](javascript:alert(1)).\n\n- eins\n- zwei\n\n<script>alert(1)</script>");
    expect(blocks[0]).toEqual({
      type: "paragraph",
      spans: [
        { text: "Hallo " },
        { text: "Welt", bold: true },
        { text: " mit " },
        { text: "Link", href: "https://bamf.de" },
        { text: " und böse." },
      ],
    });
    expect(blocks[1]).toEqual({ type: "list", items: [[{ text: "eins" }], [{ text: "zwei" }]] });
    // HTML is kept as literal text, never as markup: adapters escape it.
    expect(JSON.stringify(blocks[2])).toContain("<script>alert(1)</script>");
  });

  it("decodes entities so adapters escape exactly once", () => {
    const blocks = markdownToBlocks("A & B < C");
    expect(blocks[0]).toEqual({ type: "paragraph", spans: [{ text: "A & B < C" }] });
  });
});
