import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Answers } from "../../src/conversation/answering.js";
import { ManualClock } from "../../src/core/clock.js";
import type { Turn } from "../../src/conversation/turn.js";
import { Routing } from "../../src/escalation/routing.js";
import type { UiLanguage } from "../../src/i18n/detect.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { checkKnowledge } from "../../src/knowledge/eval/check.js";
import { DEFAULT_KNOWLEDGE_DIR } from "../../src/paths.js";
import { address, realKnowledge } from "../helpers.js";

/** A source that belongs to a regional block is shown only with that block. */

const knowledge = realKnowledge();
const routing = new Routing(knowledge.contacts);
const { t } = createI18n();
const answers = new Answers({ kb: knowledge.kb, routing, t, clock: new ManualClock(new Date("2026-12-08T10:00:00Z")) });

function turnIn(region: string | undefined, lang: UiLanguage = "de"): Turn {
  const now = "2026-12-08T10:00:00.000Z";
  return { address: address("src1"), lang, conversation: { buttons: {} }, profile: { ...(region ? { region } : {}), createdAt: now, updatedAt: now } };
}

const urls = async (topic: string, region: string | undefined, lang: UiLanguage = "de") => ((await answers.answer(topic, turnIn(region, lang), "answer")).links ?? []).map((l) => l.title);

describe("sources of regional blocks", () => {
  it("shows the Berlin interpreting service to a Berlin volunteer, not to one in Hannover", async () => {
    expect(await urls("dolmetschen-sprachmittlung", "berlin-neukoelln")).toContain("Gemeindedolmetschdienst Berlin");
    const hannover = await urls("dolmetschen-sprachmittlung", "niedersachsen-region-hannover");
    expect(hannover).not.toContain("Gemeindedolmetschdienst Berlin");
    expect(hannover).toContain("§ 23 VwVfG – Amtssprache"); // the general sources stay
    expect(await urls("dolmetschen-sprachmittlung", undefined)).not.toContain("Gemeindedolmetschdienst Berlin");
  });

  it("never shows another Land's source, in any language and topic", async () => {
    const lands = ["berlin", "bayern", "niedersachsen", "andere"];
    let regional = 0;
    for (const topic of knowledge.kb.topics.values()) {
      for (const entry of topic.entries.values()) {
        for (const land of lands) {
          const reply = await answers.answer(topic.id, turnIn(land, entry.lang as UiLanguage), "answer", true, entry.lang);
          const shown = new Set((reply.links ?? []).map((l) => l.url));
          for (const source of entry.sources) {
            if (source.region) regional++;
            const expected = !source.region || (source.region === land && Boolean(entry.regions[land]));
            expect(shown.has(source.url), `${entry.file} ${source.url} for ${land}`).toBe(expected);
          }
        }
      }
    }
    expect(regional).toBeGreaterThan(100); // the regional sources are marked, in every language
  });

  it("is checked by kb check: a regional source names a known Land that has a block in the entry (and Land names' locale keys exist)", () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-kb-"));
    try {
      // And a locale key for a Land's name that no locale has.
      writeFileSync(join(dir, "contacts.yaml"), readFileSync(join(DEFAULT_KNOWLEDGE_DIR, "contacts.yaml"), "utf8").replace("name_key: places.otherLand", "name_key: places.nowhere"));
      cpSync(join(DEFAULT_KNOWLEDGE_DIR, "triage.yaml"), join(dir, "triage.yaml"));
      mkdirSync(join(dir, "de"));
      const entry = (sources: string) =>
        `---\nid: regional\ntitle: Regional\narea: alltag\nscope: land\nhandling: answer\nquestions: [eins eins, zwei zwei, drei drei, vier vier, fünf fünf]\nkeywords: [a]\nsources: ${sources}\nreviewed: 2026-12-01\nregions:\n  berlin: In Berlin gilt etwas anderes als anderswo.\n---\nText\n`;
      writeFileSync(join(dir, "de", "regional.md"), entry("[{title: Hessen, url: 'https://hessen.de/', region: hessen}, {title: Bayern, url: 'https://bayern.de/', region: bayern}, {title: Berlin, url: 'https://berlin.de/', region: berlin}]"));
      const { problems } = checkKnowledge(dir, { now: new Date("2026-12-08") });
      expect(problems.find((p) => p.field === "sources.0.region")).toMatchObject({ severity: "error", reason: expect.stringContaining('unknown Land "hessen"') });
      expect(problems.find((p) => p.field === "sources.1.region")).toMatchObject({ severity: "error", reason: expect.stringContaining("regions.bayern") });
      expect(problems.some((p) => p.field === "sources.2.region")).toBe(false);
      expect(problems.find((p) => p.field === "andere.name_key")).toMatchObject({ severity: "error", reason: expect.stringContaining("places.nowhere") });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
