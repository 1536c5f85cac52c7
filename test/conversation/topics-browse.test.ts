import { describe, expect, it } from "vitest";
import { replyToPlainText, type Reply } from "../../src/core/message.js";
import { MAX_TOPICS_PER_PAGE, pageSize } from "../../src/conversation/topics-browse.js";
import { address, buttonsOf, command, press, testLotse, text, textOf } from "../helpers.js";

/** The button with this label (exactly, or starting with it), or a failed test. */
function button(reply: Reply, label: string | RegExp) {
  const found = buttonsOf(reply).find((b) => (typeof label === "string" ? b.label === label || b.label.startsWith(`${label} (`) : label.test(b.label)));
  if (!found) throw new Error(`no button ${label} among ${buttonsOf(reply).map((b) => b.label).join(" | ")}`);
  return found;
}

describe("/topics: browsing what Lotse knows (web, assistant level)", () => {
  it("lists the areas in the catalogue's order, then an area's topics, and a topic gives the same answer as the question", async () => {
    const { lotse } = await testLotse();
    const web = address("browse-1");
    const [areas] = await lotse.receive(command(web, "topics"));
    expect(textOf(areas!)).toMatch(/Was Lotse weiß/);
    const labels = buttonsOf(areas!).map((b) => b.label);
    // Every area of the knowledge base, in the order of knowledge/areas.yaml, with its number of topics.
    expect(labels[0]).toBe("Asylverfahren & Aufenthalt (18)");
    expect(labels.map((l) => l.replace(/ \(\d+\)$/, ""))).toEqual(["Asylverfahren & Aufenthalt", "Wohnen & Wohnsitz", "Geld & Leistungen", "Arbeit, Ausbildung & Sprache", "Familie, Kita & Schule", "Gesundheit", "Alltag & Behörden", "Ehrenamt: Rolle, Rahmen, Selbstfürsorge"]);
    const total = labels.reduce((n, l) => n + Number(/\((\d+)\)$/.exec(l)![1]), 0);
    expect(total).toBe(lotse.knowledge.kb.topics.size);

    const [family] = await lotse.receive(press(web, button(areas!, "Familie, Kita & Schule").id));
    expect(textOf(family!)).toMatch(/Familie, Kita & Schule/);
    const kita = button(family!, /Kita/);
    const back = button(family!, "↑ Alle Bereiche");
    expect(back).toBeDefined();

    const [fromBrowsing] = await lotse.receive(press(web, kita.id));
    expect(fromBrowsing!.meta).toMatchObject({ action: "answer", topic: "kita" });
    // The same answer a question gets: same text, sources and kinds of buttons.
    const [fromQuestion] = await lotse.receive(text(address("browse-2"), "Wie finde ich einen Kita-Platz für ein Kind?"));
    expect(fromQuestion!.meta?.topic).toBe("kita");
    expect(textOf(fromBrowsing!)).toBe(textOf(fromQuestion!));
    expect(fromBrowsing!.links).toEqual(fromQuestion!.links);
    expect(buttonsOf(fromBrowsing!).map((b) => b.label)).toEqual(buttonsOf(fromQuestion!).map((b) => b.label));

    // Back to the areas.
    const [again] = await lotse.receive(press(web, back.id));
    expect(buttonsOf(again!).map((b) => b.label)).toEqual(labels);
  });

  it("pages an area with many topics, every topic reachable once, in the user's language", async () => {
    const { lotse } = await testLotse();
    const web = address("browse-3");
    await lotse.receive(command(web, "language", "en"));
    const [areas] = await lotse.receive(command(web, "topics"));
    expect(textOf(areas!)).toMatch(/What Lotse knows/);
    let [page] = await lotse.receive(press(web, button(areas!, "Asylum procedure & residence").id));
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      expect(textOf(page!)).toMatch(/Asylum procedure & residence \(page \d of 2\)/);
      const topics = buttonsOf(page!).filter((b) => !/^(← Back|Next →|↑ All areas)$/.test(b.label));
      expect(topics.length).toBeLessThanOrEqual(MAX_TOPICS_PER_PAGE);
      seen.push(...topics.map((b) => b.label));
      const next = buttonsOf(page!).find((b) => b.label === "Next →");
      if (!next) break;
      [page] = await lotse.receive(press(web, next.id));
    }
    const asyl = [...lotse.knowledge.kb.topics.values()].filter((t) => t.area === "asyl");
    expect(seen).toHaveLength(asyl.length);
    expect(new Set(seen).size).toBe(asyl.length);
    expect(seen).toContain(asyl.find((t) => t.id === "dublin-verfahren")!.entries.get("en")!.title);
    // Back a page.
    const [previous] = await lotse.receive(press(web, button(page!, "← Back").id));
    expect(textOf(previous!)).toMatch(/page 1 of 2/);
    expect(pageSize(18)).toBe(9);
    expect(pageSize(8)).toBe(8);
  });

  it("acts on nothing for a forged or someone else's browsing button", async () => {
    const { lotse } = await testLotse();
    const mine = address("browse-4");
    const [areas] = await lotse.receive(command(mine, "topics"));
    const id = buttonsOf(areas!)[0]!.id;
    const [foreign] = await lotse.receive(press(address("browse-5"), id));
    expect(foreign!.meta?.kind).toBe("error");
    expect(textOf(foreign!)).toMatch(/jemand anderen/);
    const [forged] = await lotse.receive(press(mine, "AAAAAAAAAAAA"));
    expect(forged!.meta?.kind).toBe("error");
    // The owner's button still works afterwards.
    const [area] = await lotse.receive(press(mine, id));
    expect(area!.meta?.kind).toBe("browse");
  });

  it("shows /topics in /help, in every language", async () => {
    const { lotse } = await testLotse();
    for (const lang of ["de", "en", "uk", "ar", "ru", "tr", "fa"]) expect(lotse.t(lang, "help.text")).toContain("/topics");
  });
});

describe("answers: the share link and the foldable details", () => {
  it("links the answer's /kb page relative in the web chat and absolute under PUBLIC_URL, and nowhere else without it", async () => {
    const question = "Wie finde ich einen Kita-Platz für ein Kind?";
    const { lotse } = await testLotse();
    const [web] = await lotse.receive(text(address("share-1"), question));
    const footer = (r: Reply) => r.blocks.filter((b) => b.type === "note").flatMap((b) => ("spans" in b ? b.spans : [])).find((s) => s.href?.includes("/kb/"));
    expect(footer(web!)).toEqual({ text: "Link zum Teilen", href: "/kb/kita?lang=de" });
    const [telegram] = await lotse.receive(text(address("share-2", "telegram"), question));
    expect(footer(telegram!)).toBeUndefined();

    const { lotse: behindProxy } = await testLotse({ env: { PUBLIC_URL: "https://lotse.example.org/" } });
    await behindProxy.receive(command(address("share-3", "telegram"), "language", "ar"));
    const [arabic] = await behindProxy.receive(text(address("share-3", "telegram"), question));
    expect(footer(arabic!)?.href).toBe("https://lotse.example.org/kb/kita?lang=ar");
  });

  it("gives the 'Mehr' details a toggle that answers again in place, unfolded, and folds them back", async () => {
    const { lotse } = await testLotse();
    const web = address("more-1");
    const [answer] = await lotse.receive(text(web, "Wie finde ich einen Kita-Platz für ein Kind?"));
    const toggleOf = (r: Reply) => r.blocks.flatMap((b) => (b.type === "more" && b.toggle ? [b.toggle] : []))[0];
    const toggle = toggleOf(answer!);
    expect(toggle).toMatchObject({ label: "▼ Mehr", open: false });
    const [unfolded] = await lotse.receive({ kind: "button", address: web, buttonId: toggle!.id, messageRef: "m-1" });
    expect(unfolded!.replaces).toBe("m-1");
    expect(unfolded!.meta).toEqual({ kind: "more", topic: "kita" });
    const open = toggleOf(unfolded!);
    expect(open).toMatchObject({ label: "▲ Weniger", open: true });
    expect(replyToPlainText(unfolded!)).toBe(replyToPlainText(answer!));
    // Pressing the old "Mehr" again (a double tap) does the same, harmlessly.
    const [twice] = await lotse.receive({ kind: "button", address: web, buttonId: toggle!.id, messageRef: "m-1" });
    expect(twice!.blocks.find((b) => b.type === "more")).toMatchObject({ toggle: { open: true } });
    const [folded] = await lotse.receive({ kind: "button", address: web, buttonId: open!.id, messageRef: "m-1" });
    expect(folded!.blocks.find((b) => b.type === "more")).toMatchObject({ toggle: { open: false } });
    // Someone else cannot unfold it.
    const [foreign] = await lotse.receive({ kind: "button", address: address("more-2"), buttonId: toggle!.id, messageRef: "m-1" });
    expect(foreign!.meta?.kind).toBe("error");
  });
});
