import { expect, it } from "vitest";
import { findPersonalData, type FindingKind } from "../../../src/privacy/redact.js";

/** The age rule for dates of birth depends on "today"; the redaction tests pin it. */
export const today = new Date("2026-11-21T12:00:00Z");

/** What the detectors find in `text`: each finding's kind and the text it covers. */
export function found(text: string): { kind: FindingKind; value: string }[] {
  return findPersonalData(text, { today }).map((f) => ({ kind: f.kind, value: text.slice(f.start, f.end) }));
}

/** Each case: a message and the one item of `kind` it must yield, exactly. */
export function expectFinds(kind: FindingKind, cases: [text: string, value: string][]): void {
  it.each(cases)("finds in %j", (text, value) => {
    expect(found(text)).toContainEqual({ kind, value });
  });
}

/** Each case: a message that must not yield anything of `kind` (or anything at all, for "any"). */
export function expectNone(kind: FindingKind | "any", texts: string[]): void {
  it.each(texts)("leaves %j", (text) => {
    const hits = found(text).filter((f) => kind === "any" || f.kind === kind);
    expect(hits).toEqual([]);
  });
}
