import { plainEcho } from "../core/sanitize.js";
import { findAddresses } from "./redact/addresses.js";
import { findBirthdates } from "./redact/birthdates.js";
import { findEmails } from "./redact/email.js";
import { findFileNumbers } from "./redact/file-numbers.js";
import { findIbans } from "./redact/iban.js";
import { findNames } from "./redact/names.js";
import { resolveOverlaps } from "./redact/overlaps.js";
import { findPhones } from "./redact/phones.js";
import { type Finding, type FindingKind, type HealthVariant, isSpecialKind, type PiiKind, type SpecialKind } from "./redact/shared.js";
import { findSpecialCategories } from "./redact/special.js";

/**
 * Personal-data redaction for hand-overs.
 *
 * When a volunteer hands a question to their full-time contact person, the text leaves the
 * volunteer's chat for the coordinators' Slack. The coordinators need the question, not the
 * person: phone numbers, e-mail addresses, IBANs, dates of birth, file numbers, street addresses
 * and names are replaced by placeholders first. Special categories of personal data (DSGVO
 * Art. 9: health, religion, ethnic origin, sexual orientation, political opinion, trade-union
 * membership) are generalised: "Frau Yilmaz hat Epilepsie" becomes "Frau [Name] hat [eine
 * Erkrankung]", unless the volunteer chooses to keep them.
 *
 * Detection is rule-based: each kind has a detector in src/privacy/redact/ that looks for the
 * shapes volunteers type in a messenger (German and English, names also in Cyrillic and Arabic
 * script), anchored on context words where a shape alone would also match ordinary text (a date
 * is a date of birth only near "geb."/"born"; a number is a file number only after
 * "Az."/"Kundennummer" or when it has a checked shape; a word is a name after "Frau"/"Mr", or when
 * the name gazetteer knows it; a diagnosis is special-category data only when it is said about a
 * person in the message, not in a general question). Detectors propose candidates; overlapping
 * candidates are resolved by kind priority so that the findings never overlap and together still
 * cover every candidate's text.
 *
 * The rules err towards redacting: a hand-over that loses a word is still answerable, a leaked
 * phone number cannot be taken back. test/privacy/redact.test.ts and test/privacy/redact/*.test.ts measure recall
 * and over-redaction on test/fixtures/redaction-corpus.jsonl; `npm run bench -- redaction` prints
 * the figures per kind.
 *
 * API for a hand-over preview (the volunteer sees what will be sent and may keep special data):
 *
 *   const p = previewRedaction(question, { lang: "de" });
 *   // p.source: the cleaned input; every finding's start/end are offsets into it
 *   // p.text: what would be sent with the defaults (special categories generalised)
 *   // p.findings: [{ id: "health@23", kind: "health", category: "special", start, end,
 *   //               value: "Epilepsie", placeholder: "[eine Erkrankung]", kept: false }, …]
 *   // Highlight the findings with category "special" and offer "keep" per finding or for all;
 *   // then send what the volunteer chose:
 *   redact(question, { keep: ["health@23"] });        // keep one finding (by id)
 *   redact(question, { keep: ["health", "religion"] }); // keep every finding of these kinds
 *   redact(question, { special: "keep" });            // keep all special categories
 *
 * Only special-category findings can be kept; ids or kinds of other findings in `keep` are
 * ignored (a phone number or a name never leaves unredacted). Ids are `${kind}@${start}` and are
 * stable for the same input text: an edited text must be previewed again.
 */

export type { Finding, FindingKind, HealthVariant, PiiKind, SpecialKind };
export { SPECIAL_KINDS, isSpecialKind } from "./redact/shared.js";
export { ibanChecksumValid } from "./redact/iban.js";
export { steuerIdValid } from "./redact/file-numbers.js";

export const PLACEHOLDERS: Record<PiiKind, string> = {
  phone: "[Telefon]",
  email: "[E-Mail]",
  iban: "[IBAN]",
  birthdate: "[Geburtsdatum]",
  fileNumber: "[Aktenzeichen]",
  address: "[Adresse]",
  name: "[Name]",
};

export const PLACEHOLDERS_EN: Record<PiiKind, string> = {
  phone: "[phone]",
  email: "[e-mail]",
  iban: "[IBAN]",
  birthdate: "[date of birth]",
  fileNumber: "[file number]",
  address: "[address]",
  name: "[name]",
};

/**
 * Generalising placeholders for special categories, German and English. Health findings with the
 * variant "condition" (a diagnosis: "Epilepsie", "diabetes") read "[eine Erkrankung]", so that
 * "hat Epilepsie" becomes "hat [eine Erkrankung]"; likewise a pregnancy, a disability and a
 * treatment named as a noun ("Schwangerschaft", "Sehbehinderung", "Dialyse"); other health details
 * ("schwanger", "im Rollstuhl") read "[Gesundheitsangabe]".
 */
export const SPECIAL_PLACEHOLDERS: Record<SpecialKind | `health${Capitalize<HealthVariant>}` | `health${Capitalize<HealthVariant>}AfterArticle`, { de: string; en: string }> = {
  health: { de: "[Gesundheitsangabe]", en: "[health detail]" },
  healthCondition: { de: "[eine Erkrankung]", en: "[a health condition]" },
  // "hat eine Depression" becomes "hat eine [Erkrankung]", not "hat eine [eine Erkrankung]".
  healthConditionAfterArticle: { de: "[Erkrankung]", en: "[health condition]" },
  healthPregnancy: { de: "[eine Schwangerschaft]", en: "[a pregnancy]" },
  healthPregnancyAfterArticle: { de: "[Schwangerschaft]", en: "[pregnancy]" },
  healthDisability: { de: "[eine Behinderung]", en: "[a disability]" },
  healthDisabilityAfterArticle: { de: "[Behinderung]", en: "[disability]" },
  healthTreatment: { de: "[eine Behandlung]", en: "[a treatment]" },
  healthTreatmentAfterArticle: { de: "[Behandlung]", en: "[treatment]" },
  religion: { de: "[Religion]", en: "[religion]" },
  ethnicity: { de: "[Herkunft]", en: "[ethnic origin]" },
  sexuality: { de: "[sexuelle Orientierung]", en: "[sexual orientation]" },
  politics: { de: "[politische Haltung]", en: "[political opinion]" },
  union: { de: "[Gewerkschaft]", en: "[trade union]" },
};

export interface RedactOptions {
  /** "Today", for the age rule of dates of birth; defaults to the current date. */
  today?: Date;
  /** Special categories (DSGVO Art. 9): "generalise" (the default) replaces them with a generic placeholder, "keep" leaves them. */
  special?: "generalise" | "keep";
  /** Special-category findings to leave in the text: finding ids ("health@23") or kinds ("health"). */
  keep?: readonly string[];
  /** Language of the placeholders: "en" gives English ones, anything else German (the default). */
  lang?: string;
}

/** A finding as a preview shows it. */
export interface PreviewFinding extends Finding {
  id: string;
  category: "personal" | "special";
  /** The redacted text, `source.slice(start, end)`. */
  value: string;
  /** What replaces it when it is not kept. */
  placeholder: string;
  /** Whether the options leave it in the text. */
  kept: boolean;
}

/** All personal data in `text`, sorted by position, non-overlapping, each with its id and category. */
export function findPersonalData(text: string, options: RedactOptions = {}): Finding[] {
  const year = (options.today ?? new Date()).getFullYear();
  const personal = [
    ...findEmails(text),
    ...findIbans(text),
    ...findFileNumbers(text),
    ...findBirthdates(text, year),
    ...findPhones(text),
    ...findAddresses(text),
  ];
  // Names see the other findings: a word inside an e-mail address or a street is not a name,
  // and the special categories need to know which person a detail is about.
  const names = findNames(text, personal);
  const special = findSpecialCategories(text, [...personal, ...names]);
  return resolveOverlaps(text, [...personal, ...names, ...special]).map((f) => ({
    ...f,
    category: isSpecialKind(f.kind) ? "special" : "personal",
    id: `${f.kind}@${f.start}`,
  }));
}

// An article or possessive before the finding: "eine Depression", "seit der Fehlgeburt", "her chemo".
const ARTICLE_BEFORE = /(?<![\p{L}\p{N}])(?:ein|eine|einen|einem|einer|eines|der|die|das|den|dem|des|zur|zum|im|beim|vom|seine|seiner|seinen|seinem|ihre|ihrer|ihren|ihrem|keine|a|an|the|his|her|their|no)\s+$/iu;

/** The placeholder that replaces a finding; `before` is the text before it (for the article of "[eine Erkrankung]"). */
export function placeholderFor(finding: Pick<Finding, "kind" | "variant">, lang = "de", before = ""): string {
  const en = lang.toLowerCase().startsWith("en");
  if (isSpecialKind(finding.kind)) {
    const variant = finding.kind === "health" ? finding.variant : undefined;
    const key = variant ? (`health${variant.charAt(0).toUpperCase()}${variant.slice(1)}` as `health${Capitalize<HealthVariant>}`) : undefined;
    const entry = !key ? SPECIAL_PLACEHOLDERS[finding.kind] : ARTICLE_BEFORE.test(before.slice(-12)) ? SPECIAL_PLACEHOLDERS[`${key}AfterArticle`] : SPECIAL_PLACEHOLDERS[key];
    return en ? entry.en : entry.de;
  }
  return (en ? PLACEHOLDERS_EN : PLACEHOLDERS)[finding.kind];
}

function isKept(f: Finding, options: RedactOptions): boolean {
  if (!isSpecialKind(f.kind)) return false;
  if (options.special === "keep") return true;
  return !!options.keep && (options.keep.includes(f.kind) || (f.id !== undefined && options.keep.includes(f.id)));
}

/**
 * Every finding of `input` with what the options make of it, for a preview that highlights them.
 * `source` is the cleaned input the offsets refer to; `text` is what `redact` with the same options returns.
 */
export function previewRedaction(input: string, options: RedactOptions = {}): { source: string; text: string; findings: PreviewFinding[] } {
  const source = plainEcho(input);
  const findings = findPersonalData(source, options).map((f) => ({
    ...f,
    id: f.id!,
    category: f.category!,
    value: source.slice(f.start, f.end),
    placeholder: placeholderFor(f, options.lang, source.slice(Math.max(0, f.start - 12), f.start)),
    kept: isKept(f, options),
  }));
  let text = "";
  let at = 0;
  for (const f of findings) {
    if (f.kept) continue;
    text += source.slice(at, f.start) + f.placeholder;
    at = f.end;
  }
  return { source, text: text + source.slice(at), findings };
}

/**
 * The text with every finding replaced by its kind's placeholder (special categories generalised
 * unless kept), and the findings (kept ones marked `kept: true`). Bidi controls and zero-width
 * characters go first (plainEcho): they would disguise what the coordinators read, and split a
 * phone number or a name so that it escapes detection. Offsets refer to that cleaned text.
 */
export function redact(input: string, options: RedactOptions = {}): { text: string; findings: (Finding & { kept?: true })[] } {
  const { text, findings } = previewRedaction(input, options);
  return {
    text,
    findings: findings.map(({ kind, start, end, category, variant, id, kept }) => ({
      kind,
      start,
      end,
      category,
      ...(variant ? { variant } : {}),
      id,
      ...(kept ? { kept: true as const } : {}),
    })),
  };
}
