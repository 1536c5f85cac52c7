import { existsSync, mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkKnowledge } from "../../src/knowledge/eval/check.js";
import { DEFAULT_KNOWLEDGE_DIR, ROOT } from "../../src/paths.js";
import { realKnowledge } from "../helpers.js";

const CATALOGUE = join(ROOT, "..", "shared", "knowledge", "topics.yaml");

describe("knowledge base", () => {
  it("passes kb check without errors", () => {
    const result = checkKnowledge(DEFAULT_KNOWLEDGE_DIR, { now: new Date("2026-12-08") });
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("covers every catalogue topic in German and English", () => {
    // The catalogue lives beside the repository (../shared), as in CI.
    expect(existsSync(CATALOGUE), `catalogue expected at ${CATALOGUE}`).toBe(true);
    const result = checkKnowledge(DEFAULT_KNOWLEDGE_DIR, { catalogue: CATALOGUE, now: new Date("2026-12-08") });
    expect(result.problems.filter((p) => p.file === CATALOGUE || p.reason.includes("catalogue"))).toEqual([]);
    expect(result.problems.filter((p) => /has no (de|en) entry/.test(p.reason))).toEqual([]);
  });

  it("has the topics a newcomer relies on first", () => {
    const { kb } = realKnowledge();
    for (const id of ["notfall-krise", "ablehnung-klage-fristen", "rolle-begleitung-nicht-beratung", "ansprechperson-hauptamt"]) {
      expect(kb.topics.get(id)?.entries.has("de"), id).toBe(true);
      expect(kb.topics.get(id)?.entries.has("en"), id).toBe(true);
    }
    expect(kb.topics.get("notfall-krise")?.handling).toBe("emergency");
  });

  it("gives every entry a source with a well-formed URL and a review date", () => {
    const { kb } = realKnowledge();
    for (const topic of kb.topics.values()) {
      for (const entry of topic.entries.values()) {
        expect(entry.sources.length, entry.file).toBeGreaterThan(0);
        for (const s of entry.sources) expect(() => new URL(s.url), `${entry.file}: ${s.url}`).not.toThrow();
        for (const s of entry.sources) expect(s.url, entry.file).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|$)/);
        expect(entry.reviewed, entry.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("names uk, ar, ru, tr and fa search terms for every topic", () => {
    const { kb } = realKnowledge();
    for (const topic of kb.topics.values()) {
      const terms = topic.entries.get("de")?.terms ?? {};
      expect(Object.keys(terms).sort(), topic.id).toEqual(expect.arrayContaining(["ar", "ru", "tr", "uk"]));
    }
  });
});

describe("kb check", () => {
  it("fails with file, field and reason for broken entries", () => {
    const dir = mkdtempSync(join(tmpdir(), "lotse-kb-"));
    cpSync(join(DEFAULT_KNOWLEDGE_DIR, "contacts.yaml"), join(dir, "contacts.yaml"));
    cpSync(join(DEFAULT_KNOWLEDGE_DIR, "triage.yaml"), join(dir, "triage.yaml"));
    mkdirSync(join(dir, "de"));
    writeFileSync(join(dir, "de", "kaputt.md"), "---\nid: kaputt\ntitle: Kaputt\narea: alltag\nscope: bund\nhandling: maybe\nquestions: [eins]\nkeywords: [a]\nsources: [{title: Quelle, url: 'not a url'}]\nreviewed: 2020-01-01\n---\nText\n");
    writeFileSync(join(dir, "de", "alt.md"), "---\nid: alt\ntitle: Alter Eintrag\narea: alltag\nscope: bund\nhandling: answer\nquestions: [eins eins, zwei zwei, drei drei, vier vier, fünf fünf]\nkeywords: [a]\nsources: [{title: BAMF, url: 'https://www.bamf.de/'}]\nreviewed: 2024-01-01\nrelated: [gibt-es-nicht]\n---\nText\n");
    const { problems } = checkKnowledge(dir, { now: new Date("2026-12-08") });
    const find = (field: string) => problems.find((p) => p.field === field);
    expect(find("handling")).toMatchObject({ severity: "error", file: expect.stringContaining("kaputt.md") });
    expect(find("questions")?.reason).toMatch(/at least 5/);
    expect(find("sources.0.url")?.reason).toMatch(/well-formed/);
    expect(find("related")).toMatchObject({ severity: "error", reason: expect.stringContaining("gibt-es-nicht") });
    expect(find("reviewed")).toMatchObject({ severity: "warning", reason: expect.stringContaining("12 months") });
    expect(problems.some((p) => p.severity === "warning" && /no en entry/.test(p.reason))).toBe(true);
    // No areas.yaml: /topics would show the area's bare id.
    expect(find("alltag")).toMatchObject({ severity: "error", file: "areas.yaml", reason: expect.stringContaining("no titles") });
  });
});
