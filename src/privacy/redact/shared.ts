/** Shared pieces of the redaction detectors: kinds, findings, Unicode word boundaries, regex helpers. */
export type PiiKind = "phone" | "email" | "iban" | "birthdate" | "fileNumber" | "address" | "name";
/** Special categories of personal data (DSGVO Art. 9). */
export type SpecialKind = "health" | "religion" | "ethnicity" | "sexuality" | "politics" | "union";
export type FindingKind = PiiKind | SpecialKind;
/**
 * What a health finding names, for a placeholder that keeps the sentence readable: a diagnosis
 * ("Epilepsie": "[eine Erkrankung]"), a pregnancy ("Schwangerschaft"), a disability
 * ("Sehbehinderung"), a treatment ("Chemotherapie", "Dialyse"). Other health details (states,
 * aids, phrases: "ist schwanger", "im Rollstuhl") have none and read "[Gesundheitsangabe]".
 */
export type HealthVariant = "condition" | "pregnancy" | "disability" | "treatment";

export const SPECIAL_KINDS: readonly SpecialKind[] = ["health", "religion", "ethnicity", "sexuality", "politics", "union"];

export function isSpecialKind(kind: string): kind is SpecialKind {
  return (SPECIAL_KINDS as readonly string[]).includes(kind);
}

/** A stretch of personal data: `text.slice(start, end)` of the input. */
export interface Finding {
  kind: FindingKind;
  start: number;
  end: number;
  /** "special" for the DSGVO Art. 9 categories (generalised by default), "personal" for the rest. */
  category?: "personal" | "special";
  /** For health findings: which generalising placeholder fits ("condition": "[eine Erkrankung]"). */
  variant?: HealthVariant;
  /** Stable within one text: `${kind}@${start}`; set by findPersonalData. */
  id?: string;
}

// JavaScript's \b knows only ASCII word characters, so "Öztürk" or "Straße 5" would not get a
// boundary; these look-arounds treat every Unicode letter and digit as part of a word.
export const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}])`;
export const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;

export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** The match of a sticky (`y`) regular expression exactly at `at`, if any. */
export function matchesAt(sticky: RegExp, text: string, at: number): string | undefined {
  sticky.lastIndex = at;
  return sticky.exec(text)?.[0];
}

export function finding(kind: FindingKind, start: number, end: number): Finding {
  return { kind, start, end };
}

export function digitCount(s: string): number {
  return s.replace(/\D/g, "").length;
}

