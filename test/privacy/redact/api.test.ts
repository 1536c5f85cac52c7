// The redact API a hand-over preview uses: generalising special categories by default, keeping
// them per finding or per kind, placeholders in German and English.
import { describe, expect, it } from "vitest";
import { findPersonalData, PLACEHOLDERS, previewRedaction, redact, SPECIAL_PLACEHOLDERS } from "../../../src/privacy/redact.js";

const today = new Date("2026-11-21T12:00:00Z");

describe("redact with special categories", () => {
  it("generalises special categories by default", () => {
    expect(redact("Frau Yilmaz hat Epilepsie.", { today }).text).toBe("Frau [Name] hat [eine Erkrankung].");
    expect(redact("Ihr Sohn ist Autist, sie ist schwanger.", { today }).text).toBe("Ihr Sohn ist [Gesundheitsangabe], sie ist [Gesundheitsangabe].");
    expect(redact("Sie hat eine Depression.", { today }).text).toBe("Sie hat eine [Erkrankung].");
    expect(redact("Er ist Kurde und Jeside, seine Frau ist Muslima.", { today }).text).toBe("Er ist [Herkunft] und [Religion], seine Frau ist [Religion].");
  });

  it("leaves general questions as they are", () => {
    for (const q of ["Zahlt das Sozialamt Insulin?", "Was ist eine Schwangerschaftsberatung?"]) {
      expect(redact(q, { today })).toEqual({ text: q, findings: [] });
    }
  });

  it("keeps special categories when asked, never other personal data", () => {
    const input = "Frau Yilmaz (0176 12345678) hat Epilepsie und ist Muslima.";
    expect(redact(input, { today, special: "keep" }).text).toBe("Frau [Name] ([Telefon]) hat Epilepsie und ist Muslima.");
    expect(redact(input, { today, keep: ["religion"] }).text).toBe("Frau [Name] ([Telefon]) hat [eine Erkrankung] und ist Muslima.");
    expect(redact(input, { today, keep: ["name", "phone"] }).text).toBe("Frau [Name] ([Telefon]) hat [eine Erkrankung] und ist [Religion].");
    const epilepsy = redact(input, { today }).findings.find((f) => f.kind === "health")!;
    expect(epilepsy.id).toBe(`health@${input.indexOf("Epilepsie")}`);
    const kept = redact(input, { today, keep: [epilepsy.id!] });
    expect(kept.text).toBe("Frau [Name] ([Telefon]) hat Epilepsie und ist [Religion].");
    expect(kept.findings.find((f) => f.id === epilepsy.id)?.kept).toBe(true);
  });

  it("marks every finding with a category and a stable id", () => {
    const text = "Herr Nouri hat Zucker.";
    const findings = findPersonalData(text, { today });
    expect(findings.map((f) => [f.kind, f.category, f.id])).toEqual([
      ["name", "personal", "name@5"],
      ["health", "special", "health@15"],
    ]);
    expect(findPersonalData(text, { today })).toEqual(findings);
  });

  it("gives a preview everything it needs to highlight and choose", () => {
    const p = previewRedaction("Her son is autistic, says Mrs\u200b Haddad.", { today, lang: "en" });
    expect(p.source).toBe("Her son is autistic, says Mrs Haddad.");
    expect(p.text).toBe("Her son is [health detail], says Mrs [name].");
    expect(p.findings).toEqual([
      { kind: "health", start: 11, end: 19, category: "special", id: "health@11", value: "autistic", placeholder: "[health detail]", kept: false },
      { kind: "name", start: 30, end: 36, category: "personal", id: "name@30", value: "Haddad", placeholder: "[name]", kept: false },
    ]);
    expect(previewRedaction("Her son is autistic.", { today, special: "keep" }).findings[0]!.kept).toBe(true);
  });

  it("has German and English placeholders for every special kind", () => {
    for (const entry of Object.values(SPECIAL_PLACEHOLDERS)) expect(entry.de && entry.en).toMatch(/^\[.+\]$/);
    expect(PLACEHOLDERS.name).toBe("[Name]");
  });
});
