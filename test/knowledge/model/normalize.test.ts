import { describe, expect, it } from "vitest";
import { normalizeForModel } from "../../../src/knowledge/model/normalize.js";
import { arabicFold, arabicPrefixStrip } from "../../../src/knowledge/text.js";

describe("normalisation for the classifiers", () => {
  it("folds German spelling without umlaut keys and keeps stop words", () => {
    expect(normalizeForModel("Darf ER mit Duldung arbeiten? Füße, Straße")).toBe("darf er mit duldung arbeiten fusse strasse");
    expect(normalizeForModel("fluechtlinge")).toBe(normalizeForModel("Flüchtlinge"));
  });

  it("unifies Arabic and Persian letter variants and drops diacritics and tatweel", () => {
    expect(arabicFold("مدرسة")).toBe(arabicFold("مدرسه"));
    expect(arabicFold("کار")).toBe(arabicFold("كار")); // Persian and Arabic kaf
    expect(arabicFold("یک")).toBe(arabicFold("يك")); // Persian and Arabic yeh
    expect(arabicFold("مُدَرِّسَة")).toBe(arabicFold("مدرسة")); // harakat
    expect(arabicFold("أحمد إلى آخر")).toBe("احمد الي اخر"); // hamza on alef, alef maksura
    expect(arabicFold("مـدرسـة")).toBe(arabicFold("مدرسة")); // tatweel
  });

  it("removes the article and the prefixes written onto it, but not from short or Persian words", () => {
    expect(arabicPrefixStrip("المدرسه")).toBe("مدرسه");
    expect(arabicPrefixStrip("والمدرسه")).toBe("مدرسه");
    expect(arabicPrefixStrip("بالبنك")).toBe("بنك");
    expect(arabicPrefixStrip("للمدرسه")).toBe("مدرسه");
    expect(arabicPrefixStrip("فالعمل")).toBe("عمل");
    expect(arabicPrefixStrip("الان")).toBe("الان"); // Persian "now": two letters would remain
    expect(arabicPrefixStrip("ورقه")).toBe("ورقه"); // a bare و begins many words
    expect(normalizeForModel("والمدرسة الجديدة")).toBe("مدرسه جديده");
  });

  it("keeps Cyrillic and folds ё", () => {
    expect(normalizeForModel("Её документы")).toBe("ее документы");
  });
});
