import { plainEcho } from "../core/sanitize.js";

/**
 * Personal-data redaction for hand-overs.
 *
 * When a volunteer hands a question to their full-time contact person, the text leaves the
 * volunteer's chat for the coordinators' Slack. The coordinators need the question, not the
 * person: phone numbers, e-mail addresses, IBANs, dates of birth, file numbers, street addresses
 * and names are replaced by placeholders first.
 *
 * Detection is rule-based: each kind has a small detector that looks for the shapes volunteers
 * type in a messenger (German and English), anchored on context words where a shape alone would
 * also match ordinary text (a date is a date of birth only near "geb."/"born"; a number is a file
 * number only after "Az."/"Kundennummer"; a word is a name only after "Frau"/"Mr"). Detectors
 * propose candidates; overlapping candidates are resolved by kind priority so that the findings
 * never overlap and together still cover every candidate's text.
 *
 * The rules err towards redacting: a hand-over that loses a word is still answerable, a leaked
 * phone number cannot be taken back. test/redact.test.ts measures recall and over-redaction on
 * test/fixtures/redaction-corpus.jsonl.
 */

export type PiiKind = "phone" | "email" | "iban" | "birthdate" | "fileNumber" | "address" | "name";

/** A stretch of personal data: `text.slice(start, end)` of the input. */
export interface Finding {
  kind: PiiKind;
  start: number;
  end: number;
}

export const PLACEHOLDERS: Record<PiiKind, string> = {
  phone: "[Telefon]",
  email: "[E-Mail]",
  iban: "[IBAN]",
  birthdate: "[Geburtsdatum]",
  fileNumber: "[Aktenzeichen]",
  address: "[Adresse]",
  name: "[Name]",
};

export interface RedactOptions {
  /** "Today", for the age rule of dates of birth; defaults to the current date. */
  today?: Date;
}

/** All personal data in `text`, sorted by position, non-overlapping. */
export function findPersonalData(text: string, options: RedactOptions = {}): Finding[] {
  const year = (options.today ?? new Date()).getFullYear();
  const candidates = [
    ...findEmails(text),
    ...findIbans(text),
    ...findFileNumbers(text),
    ...findBirthdates(text, year),
    ...findPhones(text),
    ...findAddresses(text),
    ...findNames(text),
  ];
  return resolveOverlaps(text, candidates);
}

/**
 * The text with every finding replaced by its kind's placeholder, and the findings. Bidi controls
 * and zero-width characters go first (plainEcho): they would disguise what the coordinators read,
 * and split a phone number or a name so that it escapes detection. Offsets refer to that cleaned text.
 */
export function redact(input: string, options: RedactOptions = {}): { text: string; findings: Finding[] } {
  const text = plainEcho(input);
  const findings = findPersonalData(text, options);
  let out = "";
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + PLACEHOLDERS[f.kind];
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

// JavaScript's \b knows only ASCII word characters, so "Öztürk" or "Straße 5" would not get a
// boundary; these look-arounds treat every Unicode letter and digit as part of a word.
const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}])`;
const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/** The match of a sticky (`y`) regular expression exactly at `at`, if any. */
function matchesAt(sticky: RegExp, text: string, at: number): string | undefined {
  sticky.lastIndex = at;
  return sticky.exec(text)?.[0];
}

function finding(kind: PiiKind, start: number, end: number): Finding {
  return { kind, start, end };
}

function digitCount(s: string): number {
  return s.replace(/\D/g, "").length;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

// Plain addresses, and the "name (at) example (dot) org" spelling people use against spam robots.
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[(\[]at[)\]]\s?)[\p{L}\p{N}-]+(?:(?:\.|\s?[(\[]dot[)\]]\s?)[\p{L}\p{N}-]+)*(?:\.|\s?[(\[]dot[)\]]\s?)\p{L}{2,}${NOT_BEFORE_WORD}`,
  "gu",
);

function findEmails(text: string): Finding[] {
  return [...matches(EMAIL, text)].map((m) => finding("email", m.index, m.index + m[0].length));
}

// ---------------------------------------------------------------------------------------------
// IBANs

// Length per country (the IBAN registry), for the countries refugees' and volunteers' accounts
// are most likely in. The length tells where an IBAN typed in groups of four ends.
const IBAN_LENGTHS: Record<string, number> = {
  DE: 22, AT: 20, CH: 21, LI: 21, NL: 18, BE: 16, LU: 20, FR: 27, MC: 27, IT: 27, SM: 27, ES: 24, PT: 25,
  GB: 22, IE: 22, DK: 18, NO: 15, SE: 24, FI: 18, IS: 26, PL: 28, CZ: 24, SK: 24, HU: 28, SI: 19, HR: 21,
  RO: 24, BG: 22, GR: 27, CY: 28, MT: 31, EE: 20, LV: 21, LT: 20, TR: 26, UA: 29, RS: 22, BA: 20, ME: 22,
  MK: 19, AL: 28, XK: 20, MD: 24, GE: 22, AZ: 28, BY: 28, RU: 33, SA: 24, AE: 23, JO: 30, LB: 28, EG: 29,
  IQ: 23, PS: 29, TN: 24, IL: 23, QA: 29, KW: 30, BH: 22, MR: 27, SO: 23, SD: 18, LY: 25,
};

const IBAN_START = new RegExp(String.raw`${NOT_AFTER_WORD}([A-Za-z]{2})(\d{2})`, "gu");
const IBAN_KEYWORD = /\b(?:IBAN|Konto|Kontonummer|Bankverbindung|account|bank details)\b[^\n]{0,25}$/i;

/** ISO 13616 check: the rearranged IBAN, read as a number with A=10 … Z=35, is 1 modulo 97. */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = (iban.slice(4) + iban.slice(0, 4)).toUpperCase();
  let rest = 0;
  for (const ch of rearranged) {
    const value = ch >= "A" && ch <= "Z" ? ch.charCodeAt(0) - 55 : Number(ch);
    if (Number.isNaN(value)) return false;
    rest = (value > 9 ? rest * 100 + value : rest * 10 + value) % 97;
  }
  return rest === 1;
}

/**
 * Country code and check digits, then the account part with or without spaces, cut at the
 * country's length. A valid checksum is required, except for a known country in capitals right
 * after "IBAN"/"Konto": a mistyped IBAN is still bank data, while elsewhere the checksum keeps
 * "DE12 3456 …"-like codes in ordinary text from matching by chance. Countries not in the table
 * are tried at every IBAN length, longest first, and need both the keyword and the checksum.
 */
function findIbans(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of matches(IBAN_START, text)) {
    const country = m[1]!.toUpperCase();
    const keyword = IBAN_KEYWORD.test(text.slice(Math.max(0, m.index - 40), m.index));
    const expected = IBAN_LENGTHS[country];
    if (!expected && !keyword) continue;
    // Collect up to 34 alphanumerics, allowing single spaces between them.
    let compact = country + m[2];
    const ends: number[] = [];
    let i = m.index + m[0].length;
    while (i < text.length && compact.length < 34) {
      const ch = text[i]!;
      if (ch === " " && /[A-Za-z0-9]/.test(text[i + 1] ?? "")) i++;
      const next = text[i]!;
      if (!/[A-Za-z0-9]/.test(next)) break;
      compact += next;
      ends[compact.length] = i + 1;
      i++;
    }
    const mistypeAllowed = keyword && expected !== undefined && /^[A-Z]{2}$/.test(m[1]!);
    const lengths = expected ? [expected] : Array.from({ length: 34 - 14 }, (_, k) => 34 - k);
    for (const length of lengths) {
      const end = ends[length];
      if (end === undefined) continue;
      // The IBAN must end at a word end: "DE…56789" with more digits glued on is something else.
      if (/[A-Za-z0-9]/.test(text[end] ?? "")) continue;
      if (ibanChecksumValid(compact.slice(0, length)) || mistypeAllowed) {
        found.push(finding("iban", m.index, end));
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// File numbers (Aktenzeichen and other personal reference numbers)

// BAMF file numbers have the fixed shape "1234567-123" (seven digits, hyphen, three-digit country
// code); nothing else people write looks like that, so it needs no context word.
const BAMF_FILE_NUMBER = new RegExp(String.raw`${NOT_AFTER_WORD}\d{7}\s?-\s?\d{3}(?![\p{N}])`, "gu");
// AZR numbers are twelve digits. A bare twelve-digit number not starting with 0 (that would be a
// phone number) is in practice always some personal reference number.
const TWELVE_DIGITS = new RegExp(String.raw`(?<![\p{L}\p{N}+./-])[1-9]\d{11}(?![\p{N}]|[./-]\d)`, "gu");

// Passport, ID card and residence permit numbers, health insurance numbers: one or two capital
// letters and six to nine digits ("P12345678", "A123456780"). Ordinary text has no such tokens.
const DOCUMENT_NUMBER = new RegExp(String.raw`${NOT_AFTER_WORD}[A-Z]{1,2}\d{6,9}${NOT_BEFORE_WORD}`, "gu");

// Words after which the next number is a personal reference. Abbreviations are case-sensitive
// ("Az" but not Turkish "az"), the spelled-out words are not.
const FILE_KEYWORD_SHORT = /(?<![\p{L}\p{N}])(?:Az|AZ|Gz|GZ|PKZ|AZR|BG|Ref)(?:\.|(?![\p{L}\p{N}]))(?:-?(?:Nr\.?|Nummer|number|no\.?)(?![\p{L}]))?/gu;
const NR = String.raw`[-\s]?(?:nummer|nr\.?)`; // "Kundennummer", "Kunden-Nr.", "Pass Nr."
const FILE_KEYWORD_LONG = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:` +
    [
      String.raw`Aktenzeichen|Akten${NR}|Geschäftszeichen|Gesch\.-?Z\.|(?:unser|ihr)e?s?\s+Zeichen|Kassenzeichen`,
      String.raw`(?:file|case|reference|ref\.?|customer|invoice|account|document|registration|membership)\s+(?:number|no\.?|ID|ref(?:erence)?\.?)`,
      String.raw`Kunden${NR}|Bedarfsgemeinschafts${NR}|BG-(?:Nummer|Nr\.?)`,
      String.raw`Steuer-?(?:ID|IdNr\.?|nummer|identifikationsnummer)|(?:steuerliche\s+)?Identifikationsnummer|tax\s+(?:ID|number)`,
      String.raw`(?:Sozial|Renten|Kranken)?versicherungs${NR}|(?:Kranken)?versicherten${NR}|SV${NR}|RV${NR}`,
      String.raw`(?:social\s+security|insurance|health\s+insurance|pension\s+insurance)\s+number`,
      String.raw`(?:Reise)?pass${NR}|passport\s+(?:number|no\.?)|Ausweis${NR}|ID(?:\s+card)?\s+(?:number|no\.?)`,
      String.raw`(?:Dokumenten|Vorgangs|Antrags|Bescheid|Rechnungs|Vertrags|Konto|Mitglieds|Personal|Registrier|Zähler|Duldungs|Aufenthaltstitel)${NR}|Vertragskonto`,
      String.raw`Ankunftsnachweis(?:${NR})?|BÜMA(?:${NR})?|Personenkennziffer`,
    ].join("|") +
    // A keyword ends with its dot or at a word end, so "Steuer-Identifikationsnummer" is not read as "Steuer-Id".
    String.raw`)(?:(?<=\.)|${NOT_BEFORE_WORD})`,
  "giu",
);
// Between keyword and number: punctuation, "Nr.", "ist", "of the BAMF" and the like, nothing else,
// so "Aktenzeichen habe ich nicht, Termin am 12.03." does not take the appointment's date.
const FILE_CONNECTOR = /(?:\s*(?:[:#()=]|(?:-?(?:nr|no|nummer|number)\.?|is|ist|lautet|lautete|war|was|des|vom|von|der|dem|beim|bei|from|of|the|at|BAMF|Jobcenters?|Ausländerbehörde|ABH|Bundesamt(?:s|es)?|Familienkasse|Sozialamt(?:s|es)?)(?![\p{L}\p{N}-])))*\s*/iuy;
// The number itself: tokens with digits ("8123456-423", "123A456789", "32.1-4471/26"), spaced
// digit groups ("12 345 678 901") and court file numbers with short letter codes between
// numbers ("5 Cs 123 Js 4567/26", "5 K 1234/24 A").
const FILE_VALUE = new RegExp(
  String.raw`(?=[A-Za-zÄÖÜ]{0,4}[-./]?\d)[A-Za-z0-9ÄÖÜ]+(?:[-./][A-Za-z0-9]+)*` +
    String.raw`(?: (?:[A-Z][A-Za-z]{0,2} )?\d[A-Za-z0-9]*(?:[-./][A-Za-z0-9]+)*)*` +
    String.raw`(?:(?<=/\d+) A)?${NOT_BEFORE_WORD}`,
  "uy",
);

function findFileNumbers(text: string): Finding[] {
  const found: Finding[] = [];
  for (const re of [BAMF_FILE_NUMBER, TWELVE_DIGITS, DOCUMENT_NUMBER]) {
    for (const m of matches(re, text)) found.push(finding("fileNumber", m.index, m.index + m[0].length));
  }
  for (const re of [FILE_KEYWORD_SHORT, FILE_KEYWORD_LONG]) {
    for (const m of matches(re, text)) {
      const value = numberAfter(text, m.index + m[0].length);
      if (value) found.push(finding("fileNumber", value.start, value.end));
    }
  }
  return found;
}

function numberAfter(text: string, from: number): { start: number; end: number } | undefined {
  const start = from + (matchesAt(FILE_CONNECTOR, text, from)?.length ?? 0);
  const value = matchesAt(FILE_VALUE, text, start);
  // At least three digits: "Az. 2 Wochen" or "Nr. 5" are not file numbers.
  if (!value || digitCount(value) < 3) return undefined;
  return { start, end: start + value.length };
}

// ---------------------------------------------------------------------------------------------
// Dates of birth

const MONTHS_DE = String.raw`Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan\.|Feb\.|Mär\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Okt\.|Nov\.|Dez\.`;
const MONTHS_EN = String.raw`January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec`;
// Every way of writing a date we expect; the day-month forms without a year count only next to a
// birth word ("hat am 20.11. Geburtstag").
const DATE_FORMS = [
  String.raw`\d{1,2}\.\s?\d{1,2}\.(?:\s?(?:\d{4}|\d{2})(?!\d))?`,
  String.raw`\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})(?!\d)`,
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`\d{1,2}\.\s?(?:${MONTHS_DE})(?:\s\d{4})?`,
  String.raw`\d{1,2}(?:st|nd|rd|th)?\s(?:of\s)?(?:${MONTHS_EN})\.?(?:,?\s\d{4})?`,
  String.raw`(?:${MONTHS_EN})\.?\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s\d{4})?`,
  String.raw`(?:${MONTHS_DE}|${MONTHS_EN})\s\d{4}`,
];
const ANY_DATE = `(?:${DATE_FORMS.join("|")})${NOT_BEFORE_WORD}`;
// A year alone is a date of birth only right after or before a birth word ("geb. 1993", "born in 1985").
const DATE_OR_YEAR = `(?:${ANY_DATE}|(?:19|20)\\d{2}${NOT_BEFORE_WORD})`;

const BIRTH_WORD_BEFORE = String.raw`(?:geb\.|geb${NOT_BEFORE_WORD}|geboren|Geburtsdatum|Geb\.-?(?:Datum|Dat\.)|Geburtstag|Jahrgang|born|DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s?date|birthday)`;
const BIRTH_WORD_AFTER = String.raw`(?:geboren|born|Geburtstag|birthday)${NOT_BEFORE_WORD}`;
// The gap between birth word and date: no digits (so it is the first date after the word), no
// sentence end, and none of the words that introduce other dates ("Termin", "bis", "since").
const BIRTH_GAP = String.raw`[^\d!?;\n]{0,40}?`;
const OTHER_DATE_WORDS = /\b(?:Termin\w*|Frist|bis|vom|seit|ab|ablauf\w*|gültig|until|by|since|from|appointment|deadline|hearing|Anhörung|expires?|Uhr)\b|\.\s+\p{Lu}/iu;

const BIRTH_BEFORE = new RegExp(`${NOT_AFTER_WORD}${BIRTH_WORD_BEFORE}(${BIRTH_GAP})(${DATE_OR_YEAR})`, "giu");
const BIRTH_AFTER = new RegExp(`${NOT_AFTER_WORD}(${DATE_OR_YEAR})([^\\d.!?;\\n]{0,30}?)${BIRTH_WORD_AFTER}`, "giu");
// "*12.03.1990": the genealogical star for "born".
const BIRTH_STAR = new RegExp(`\\*\\s?(${DATE_OR_YEAR})`, "gu");
// Any full date with a year at least 14 years back, in a message that talks about birth or age:
// appointments and deadlines lie in the present, a date from 1987 next to "geboren" or "Jahre alt"
// is a date of birth even when the word is a sentence away.
const FULL_DATE = new RegExp(
  `${NOT_AFTER_WORD}(?:\\d{1,2}\\.\\s?\\d{1,2}\\.\\s?(\\d{4}|\\d{2})|\\d{1,2}[/-]\\d{1,2}[/-](\\d{4}|\\d{2})|(\\d{4})-\\d{2}-\\d{2}|\\d{1,2}\\.?\\s(?:${MONTHS_DE}|${MONTHS_EN})\\s(\\d{4}))${NOT_BEFORE_WORD}`,
  "gu",
);
const EVENT_DATE_BEFORE = /\b(?:seit|since|vom|von|bis|until|ab|from|zum)\s+(?:dem\s+|the\s+)?$/iu;
const AGE_OR_BIRTH = /geb\.|geboren|Geburt|Jahrgang|Jahre alt|J\. alt|Lebensjahr|volljährig|minderjährig|born|birth|years old|\bDOB\b|\baged?\b|\bAlter\b/iu;

function findBirthdates(text: string, currentYear: number): Finding[] {
  const found: Finding[] = [];
  for (const m of matches(BIRTH_BEFORE, text)) {
    if (OTHER_DATE_WORDS.test(m[1]!)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    found.push(finding("birthdate", start, m.index + m[0].length));
  }
  for (const m of matches(BIRTH_AFTER, text)) {
    if (OTHER_DATE_WORDS.test(m[2]!)) continue;
    found.push(finding("birthdate", m.index, m.index + m[1]!.length));
  }
  for (const m of matches(BIRTH_STAR, text)) {
    found.push(finding("birthdate", m.index + m[0].length - m[1]!.length, m.index + m[0].length));
  }
  if (AGE_OR_BIRTH.test(text)) {
    for (const m of matches(FULL_DATE, text)) {
      // "seit dem 15.08.1998 in Deutschland", "Bescheid vom 02.03.2001": dates of events, not births.
      if (EVENT_DATE_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      const year = fullYear(m[1] ?? m[2] ?? m[3] ?? m[4]!, currentYear);
      if (year <= currentYear - 14 && year >= currentYear - 110) found.push(finding("birthdate", m.index, m.index + m[0].length));
    }
  }
  return found.filter((f) => plausibleDate(text.slice(f.start, f.end)));
}

function fullYear(year: string, currentYear: number): number {
  if (year.length === 4) return Number(year);
  const yy = Number(year);
  return yy <= currentYear % 100 ? 2000 + yy : 1900 + yy;
}

/** Rules out "35.13." and the like: numeric day and month must be a possible calendar day. */
function plausibleDate(date: string): boolean {
  const numeric = /^(\d{1,2})[./-]\s?(\d{1,2})[./-]/.exec(date);
  if (!numeric) return true;
  const day = Number(numeric[1]);
  const month = Number(numeric[2]);
  // Day-month or (American) month-day: either order must work.
  return (day >= 1 && day <= 31 && month >= 1 && month <= 12) || (month >= 1 && month <= 31 && day >= 1 && day <= 12);
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

// A phone number starts with "+", "00" or a "0" trunk prefix (German area codes always begin with
// 0); that single rule keeps amounts, years, § numbers and house numbers out. Then digit groups
// separated by spaces, slashes, hyphens or dots, and the "(0)" some people keep after +49.
const PHONE_GROUP = String.raw`(?:[ ]?[/\-–.][ ]?\d{1,8}|[ ]\d{2,8}|\d{1,8})`;
const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+])(?<![\p{N}][/.,-])(?:\+\d{1,3}|00\d{1,3}|\(0\d{1,5}\)|0\d{1,5})(?:[ ]?\(0\)[ ]?\d{1,5})?(?:${PHONE_GROUP}){0,7}${NOT_BEFORE_WORD}`,
  "gu",
);
// Numbers without area code count only right after a phone word ("Durchwahl 12345").
const PHONE_WORD_LOCAL = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:Tel\.?|Telefon(?:nummer)?|Tel\.-Nr\.|Handy(?:nummer)?|Mobil(?:nummer)?|Festnetz|Rufnummer|Durchwahl|WhatsApp|phone|mobile|cell|landline|extension|ext\.)\s*:?\s*([1-9]\d{1,5}(?:[ /-]\d{2,8}){0,3})${NOT_BEFORE_WORD}`,
  "giu",
);
const DATE_SHAPE = /^\d{1,2}[./-]\d{1,2}[./-]?(?:\d{2}|\d{4})?$|\d{1,2}\.\d{1,2}\.\d{2,4}/;
// Service numbers (0800 hotlines, 0180, 0137, 0900) are never a private person's line and are
// often the very thing a coordinator should see.
const SERVICE_NUMBER = /^0(?:800|180|137|900)/;
const UNIT_AFTER = /\s*(?:Uhr|Euro|EUR|€|%|Jahre|Monate|Tage|Stunden|Minuten|Kinder|Personen|years|months|days|hours|minutes|euros?)(?![\p{L}])/uy;

function findPhones(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of matches(PHONE, text)) {
    let value = m[0];
    // "0176 12345678 2 Kinder": a trailing short group followed by a unit word belongs to the unit.
    if (matchesAt(UNIT_AFTER, text, m.index + value.length)) value = value.replace(/[ ]\d{1,4}$/, "");
    if (plausiblePhone(value)) found.push(finding("phone", m.index, m.index + value.length));
  }
  for (const m of matches(PHONE_WORD_LOCAL, text)) {
    const number = m[1]!;
    if (digitCount(number) >= 5) found.push(finding("phone", m.index + m[0].length - number.length, m.index + m[0].length));
  }
  return found;
}

function plausiblePhone(value: string): boolean {
  if (DATE_SHAPE.test(value)) return false;
  const digits = value.replace(/\D/g, "");
  const national = value.replace(/[^\d+]/g, "").replace(/^(?:\+49|0049)0?/, "0");
  if (SERVICE_NUMBER.test(national)) return false;
  if (value.startsWith("+")) return digits.length >= 8 && digits.length <= 15;
  if (value.startsWith("00")) return digits.length - 2 >= 8 && digits.length - 2 <= 15;
  // National numbers: 0 + area code + subscriber number, 7 to 14 digits with an extension.
  return digits.length >= 7 && digits.length <= 14;
}

// ---------------------------------------------------------------------------------------------
// Street addresses

// German street names end in one of these words ("Lindenstraße", "Hafenweg", "Berliner Allee").
const STREET_SUFFIX = String.raw`(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|(?<![äa])ufer|chaussee|pfad|markt|graben|wall|kamp|stieg|steig|twiete|promenade)`;
const STREET_WORD = String.raw`(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee|Pfad|Markt|Graben|Wall|Kamp|Stieg|Steig|Twiete|Promenade)`;
// Compounds that end like a street but are not one: "Kitaplatz 3", "Fußweg 10 Minuten".
const NOT_STREETS = new Set(
  [
    "fußweg", "fussweg", "rechtsweg", "heimweg", "schulweg", "arbeitsweg", "ausweg", "umweg", "rückweg", "hinweg", "lösungsweg",
    "dienstweg", "instanzenweg", "klageweg", "postweg", "bildungsweg", "kitaplatz", "krippenplatz", "kindergartenplatz",
    "schulplatz", "ausbildungsplatz", "arbeitsplatz", "studienplatz", "kursplatz", "sprachkursplatz", "integrationskursplatz",
    "therapieplatz", "praktikumsplatz", "parkplatz", "sitzplatz", "listenplatz", "wartelistenplatz", "heimplatz",
    "betreuungsplatz", "hortplatz", "spielplatz", "stellplatz", "schlafplatz", "wohnheimplatz", "unterkunftsplatz",
    "arbeitsmarkt", "wohnungsmarkt", "supermarkt", "flohmarkt", "weihnachtsmarkt", "ausbildungsmarkt", "bahnsteig",
    "einstieg", "ausstieg", "aufstieg", "anstieg", "umstieg", "quereinstieg", "wiedereinstieg", "berufseinstieg",
  ],
);
// Adjectives before a street word: place names in -er or -sche ("Berliner Allee", "Salzdahlumer
// Str.", "Hannoversche Straße") and the common plain adjectives ("Alte Poststraße", "Lange Reihe").
// Nouns and pronouns ending in -er ("Vermieter", "Jeder") are excluded.
const PLAIN_ADJECTIVES = String.raw`(?:Alt|Neu|Lang|Hoh|Breit|Kurz|Groß|Gross|Klein|Ober|Unter|Hinter|Vorder|Inner|Äußer|Mittler|Schön|Still|Grün|Rot|Weiß|Schwarz|Hell|Dunkel|Krumm|Gerad|Heilig)(?:e|er|en|es)?`;
const NOT_ADJECTIVES = String.raw`(?:Der|Oder|Aber|Hier|Wieder|Immer|Unter|Über|Jeder|Dieser|Einer|Ihrer|Seiner|Unser|Euer|Vermieter|Mieter|Bruder|Vater|Sachbearbeiter|Nachbar|After|Over|Under|Either|Whether|Other|Her|Their|Our|Never|Ever|Later|Number|Letter|Manager|Officer)`;
const STREET_ADJECTIVE = String.raw`(?!${NOT_ADJECTIVES}\s)(?:${PLAIN_ADJECTIVES}|\p{Lu}\p{Ll}+(?:er|sche|scher|schen))\s`;
// House number: "12", "5a", "21 b", "12-14", "3/1", but not the start of "1,5 km" or "12.03.".
const HOUSE_NUMBER = String.raw`(?:Nr\.\s?)?\d{1,3}(?:\s?[a-hA-H](?![\p{L}\p{N}]))?(?:\s?[-–/]\s?\d{1,3}[a-h]?)?(?![\p{N}]|[.,:]\d)`;
const NOT_A_HOUSE_NUMBER_AFTER = String.raw`(?!\s*(?:Uhr|Euro|EUR|€|%|Minuten|Min\.|Stunden|Std\.|km|m|Meter|Jahre|Jahren|Tage|Tagen|Wochen|Monate|Monaten|Personen|Leute|Kinder|Familien|Termine|Mal|mal|x|years|minutes|hours|days|weeks|months|people|kids|children|euros?|times)(?![\p{L}]))`;

// "Lindenstraße 14", "Hauptstr. 5a", "Karl-Marx-Straße 112", "Alte Poststraße 7".
const NAMED_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:${STREET_ADJECTIVE})?((?:\p{Lu}\p{L}*\.?-)+${STREET_WORD}|\p{Lu}\p{Ll}+?${STREET_SUFFIX})` +
    String.raw`\s?${HOUSE_NUMBER}${NOT_A_HOUSE_NUMBER_AFTER}`,
  "gu",
);
// "Berliner Allee 10", "Frankfurter Str. 5": a bare street word is a street only after an adjective
// ("die Straße 5 Minuten weiter" is not an address).
const ADJECTIVE_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])${STREET_ADJECTIVE}(${STREET_WORD})\s?${HOUSE_NUMBER}${NOT_A_HOUSE_NUMBER_AFTER}`,
  "gu",
);

// Street names that are a preposition and a noun: "Am Markt 3", "Unter den Linden 5", "Zum Bahnhof 2".
// The same shape is ordinary German ("Am Montag 3 Termine"), so these count only where the text
// talks about living somewhere, or when a postcode follows.
const PREPOSITION_STREET = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:[Aa]m|[Ii]m|[Zz]um|[Zz]ur|[Bb]eim|(?:[Aa]n|[Aa]uf|[Ii]n|[Uu]nter|[Vv]or|[Hh]inter|[Zz]u|[Nn]eben|[Üü]ber)\s(?:der|den|dem))\s` +
    String.raw`(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?)\s${HOUSE_NUMBER}${NOT_A_HOUSE_NUMBER_AFTER}`,
  "gu",
);
const COMPOUND_STREET_NAME = new RegExp(String.raw`^\p{Lu}\p{Ll}+?${STREET_SUFFIX}$`, "u");
const STREET_WORD_AT_END = new RegExp(String.raw`\s${STREET_WORD}$`, "u");
const NOT_PREPOSITION_STREETS = new Set(
  [
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "wochenende", "januar", "februar", "märz",
    "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "anfang", "ende", "morgen",
    "abend", "nachmittag", "vormittag", "mittag", "moment", "jahr", "monat", "kurs", "sprachkurs", "integrationskurs",
    "termin", "schnitt", "durchschnitt", "prinzip", "grunde", "rahmen", "fall", "schluss", "telefon", "haus", "zimmer",
    "raum", "stock", "erdgeschoss", "wohnung", "unterkunft", "heim", "wohnheim", "jobcenter", "amt", "büro", "alter",
    "schuljahr", "semester", "moment", "gespräch", "notfall", "winter", "sommer", "frühjahr", "herbst", "bus", "zug",
  ],
);
const RESIDENCE_CONTEXT = /(?:wohn\w*|lebt|leben|lebte|Adresse|Anschrift|Unterkunft|Unterbringung|\bGU\b|\bEAE\b|\bHeim\b|gemeldet|zieh\w*|gezogen|Vermieter\w*|lives?|living|address|moved|moving|flat|apartment|shelter|accommodation|housed|stay(?:s|ing)?)[^\n]{0,50}$/iu;

// Postcode and town: "38100 Braunschweig", "60311 Frankfurt am Main", "06108 Halle (Saale)", or
// the licence-plate abbreviation people type instead of the town: "38106 BS".
const TOWN = String.raw`(?:\p{Lu}{1,3}${NOT_BEFORE_WORD}|\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*(?:\s(?:am|an der|im|in der|ob der|bei|vor der)\s\p{Lu}\p{Ll}+)?(?:\s?\(\p{Lu}\p{Ll}+\))?)`;
const POSTCODE_TOWN = new RegExp(String.raw`(?<![\p{L}\p{N}.,/-])(?:D-)?(\d{5})\s(${TOWN})${NOT_BEFORE_WORD}`, "gu");
// Five digits and a capitalised noun are also "20000 Menschen"; a postcode is taken when it
// follows a street, "in/nach/aus", "PLZ", or a residence word.
const POSTCODE_LEAD = /(?:\b(?:in|nach|aus|from|to|PLZ:?)\s*|^\s*)$/iu;
const NOT_TOWNS = new Set(["euro", "eur", "menschen", "personen", "leute", "flüchtlinge", "geflüchtete", "kinder", "stunden", "tage", "jahre", "anträge", "asylanträge", "fälle", "fällen", "plätze", "wohnungen", "people", "refugees", "euros"]);
// A room in a shared accommodation belongs to the address: "Hafenweg 7, Zimmer 12".
const ROOM_AFTER = /,?\s*(?:Zimmer|Zi\.|Raum|Whg\.|Wohnung|App\.|Apartment|room|flat|apt\.?)\s?(?:Nr\.\s?)?\d{1,4}[a-z]?(?![\p{L}\p{N}])/iuy;
const POSTCODE_AFTER = new RegExp(String.raw`,?\s*(?:D-)?\d{5}\s${TOWN}${NOT_BEFORE_WORD}`, "uy");
// English order, for the rare British or American address: "12 Baker Street".
const ENGLISH_STREET = new RegExp(
  String.raw`${NOT_AFTER_WORD}\d{1,4}\s(?:\p{Lu}\p{Ll}+\s){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Court|Crescent|Terrace|Square)${NOT_BEFORE_WORD}`,
  "gu",
);

function findAddresses(text: string): Finding[] {
  const streets: Finding[] = [];
  for (const re of [NAMED_STREET, ADJECTIVE_STREET]) {
    for (const m of matches(re, text)) {
      if (NOT_STREETS.has(m[1]!.toLowerCase().replace(/-/g, ""))) continue;
      streets.push(finding("address", m.index, m.index + m[0].length));
    }
  }
  for (const m of matches(PREPOSITION_STREET, text)) {
    const name = m[1]!;
    if (NOT_PREPOSITION_STREETS.has(name.toLowerCase().split(/[ -]/)[0]!)) continue;
    // "in der Lindenstraße 5", "in der Berliner Straße 3": the other street rules have these, without "in der".
    if (COMPOUND_STREET_NAME.test(name) || STREET_WORD_AT_END.test(name)) continue;
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (!RESIDENCE_CONTEXT.test(before) && !matchesAt(POSTCODE_AFTER, text, end)) continue;
    streets.push(finding("address", m.index, end));
  }
  for (const m of matches(ENGLISH_STREET, text)) streets.push(finding("address", m.index, m.index + m[0].length));

  // Extend each street by a room and a postcode with town that follow it.
  for (const street of streets) {
    street.end += matchesAt(ROOM_AFTER, text, street.end)?.length ?? 0;
    street.end += matchesAt(POSTCODE_AFTER, text, street.end)?.length ?? 0;
  }

  const towns: Finding[] = [];
  for (const m of matches(POSTCODE_TOWN, text)) {
    const code = Number(m[1]);
    if (code < 1001 || NOT_TOWNS.has(m[2]!.toLowerCase())) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (!POSTCODE_LEAD.test(before) && !RESIDENCE_CONTEXT.test(before)) continue;
    towns.push(finding("address", m.index, m.index + m[0].length));
  }
  return [...streets, ...towns];
}

// ---------------------------------------------------------------------------------------------
// Names

// Names are found only where a form of address announces them: "Frau Yilmaz", "Herrn Ahmed
// Karimi", "Familie Al-Hassan", "Mrs. Haddad", "Frau M.", "the Petrenko family", "ihr Sohn Omar".
// A name without such a word ("Ahmed hat angerufen") cannot be told from ordinary capitalised
// German nouns without a name list, and is not caught.
const HONORIFIC = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:Herrn?|Frau|Familie|Fam\.|Hrn?\.?|Fr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mister|Family|Dr\.|Prof\.|namens|named|(?:Vor|Nach|Familien)?[Nn]ame:|(?:first|last|family)\s+name:|surname:)(?=\s)`,
  "gu",
);
const KIN = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:Sohn|Tochter|Ehemann|Ehefrau|Mann|Bruder|Schwester|Vater|Mutter|Neffe|Nichte|Cousin|Cousine|Onkel|Tante|Enkel|Enkelin|Schwager|Schwägerin|son|daughter|husband|wife|brother|sister|father|mother|nephew|niece|cousin|uncle|aunt|grandson|granddaughter)(?=\s)`,
  "gu",
);
// "Er heißt Mohammed Al-Sayed", "her name is Amina": only after a person, as "das heißt" is "that is".
const IS_CALLED = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:(?:[Ee]r|[Ss]ie|[Ii]ch|[Ss]ohn|[Tt]ochter|[Mm]ann|[Kk]ind|[Bb]aby|[Vv]ater|[Mm]utter|[Bb]ruder|[Ss]chwester)\s+(?:heißt|heisst|hieß)|(?:[Hh]is|[Hh]er|[Mm]y|[Tt]heir)\s+(?:\w+\s)?name\s+is|is\s+called)(?=\s)`,
  "gu",
);
const THE_FAMILY = new RegExp(String.raw`${NOT_AFTER_WORD}[Tt]he\s(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?)\sfamily${NOT_BEFORE_WORD}`, "gu");
// Academic and job titles between form of address and name are not the name: "Frau Dr. med.
// Schulze", "Herr Prof. Dr. Meier", "Frau Sachbearbeiterin Krause".
const TITLES = new RegExp(
  String.raw`(?:\s+(?:Dr\.|Prof\.|Dipl\.-?\p{L}*\.?|med\.|rer\.|nat\.|phil\.|jur\.|dent\.|h\.\s?c\.|` +
    String.raw`(?:Doktor|Professor|Pfarrer|Pastor|Rechtsanwalt|Rechtsanwältin|Anwalt|Anwältin|Bürgermeister|Richter|Minister|Direktor|Kollege|Kollegin|Nachbar|Lehrer|Sachbearbeiter|Betreuer|Ärztin|Arzt|Präsident|President)(?:in)?${NOT_BEFORE_WORD}))*`,
  "uy",
);
// Name particles: Arabic ones may start any name word ("Fatima al-Hassan"), European ones only the
// first ("Familie von der Leyen"), because "Frau Weber von der Beratungsstelle" is not a name.
const ARABIC_PARTICLE = String.raw`(?:al|el|ul|bin|ben|ibn|abu|bint)[ -]`;
const EUROPEAN_PARTICLE = String.raw`(?:von der|von dem|von|van der|van den|van|de la|de|da|di|del|dos|du|le|la|zu|ter|ten)\s`;
// One name word after a space: an initial ("M."), or a capitalised word ("Öztürk", "O'Neill",
// "Al-Rashid") with an optional particle; an English possessive "'s" is matched apart so that
// "Mr Nouri's IBAN" redacts "Nouri" and stops there.
const NAME_TOKEN = new RegExp(
  String.raw`(\s+)(${EUROPEAN_PARTICLE})?((?:${ARABIC_PARTICLE})?(?:\p{Lu}\.(?!\p{L})|\p{Lu}\p{L}*(?:['’]\p{Lu}\p{L}*)?(?:-\p{L}+)*))(['’]s${NOT_BEFORE_WORD})?`,
  "uy",
);

// Capitalised words that follow "Frau", "Herr" or "Familie" in ordinary sentences ("der Frau
// Bescheid geben", "mit der Familie Kontakt aufnehmen", "Herr Ahmadi BAMF-Post") and must not be
// taken for names. Compared in lower case.
const NOT_NAMES = new Set(
  `ich du er sie es wir ihr ihnen ihre ihren ihrem ihrer sein seine seinen dich dir mich mir uns euch der die das den dem des
  ein eine einen einem einer und oder aber mit von vom zum zur im am bei beim in auf an für nach aus wegen ohne seit bis über
  unter hat ist war wird kann muss soll will möchte braucht bekommt
  bescheid termin termine hilfe post brief briefe geld arbeit zeit kontakt deutsch englisch arabisch farsi dari paschtu
  russisch ukrainisch türkisch kurdisch tigrinya somali französisch unterstützung angst sorgen probleme problem fragen frage
  antwort anruf nachricht unterlagen dokumente papiere formulare formular antrag anträge widerspruch klage asyl asylantrag
  aufenthalt duldung kinder kind sohn tochter mann frau herr herrn familie familien wohnung miete jobcenter bamf
  ausländerbehörde sozialamt kita schule arzt ärztin krankenhaus heute morgen gestern bürgergeld leistungen kindergeld
  sprachkurs integrationskurs deutschkurs anwalt anwältin beratung dolmetscher dolmetscherin bescheinigung unterschrift
  schreiben recht glück info infos einladung ladung anhörung interview ticket handy telefon tel email e-mail mail nummer
  adresse straße wohnheim unterkunft heim zuhause deutschland caritas diakonie awo drk tafel kirche stadt landkreis gemeinde
  rathaus polizei gericht montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli
  august september oktober november dezember bitte danke hallo ja nein vielleicht auch noch schon sehr
  i you he she we they it the a an and or but for from at in on to with is was has had will can could would should did does
  do am are be not no yes this that today tomorrow yesterday german english arabic ukrainian russian turkish kurdish pashto
  french germany monday tuesday wednesday thursday friday saturday sunday january february march june july october december
  reunification please thanks hello staat gott jesus sprechstunde sprechzeiten sprechzeit öffnungszeiten geschlossen`.split(/\s+/),
);

function findNames(text: string): Finding[] {
  const found: Finding[] = [];
  for (const m of matches(HONORIFIC, text)) {
    // Up to three words: given name and a two-part surname ("Frau Fatima Haidari Rezai").
    const name = nameAfter(text, m.index + m[0].length, 3);
    if (name) found.push(name);
  }
  for (const m of matches(IS_CALLED, text)) {
    const name = nameAfter(text, m.index + m[0].length, 3);
    if (name) found.push(name);
  }
  for (const m of matches(KIN, text)) {
    const name = nameAfter(text, m.index + m[0].length, 1);
    if (name) found.push(name);
  }
  for (const m of matches(THE_FAMILY, text)) {
    if (isNameWord(m[1]!, true)) {
      const start = m.index + m[0].indexOf(m[1]!);
      found.push(finding("name", start, start + m[1]!.length));
    }
  }
  return found;
}

/** Up to `max` name words after a form of address, skipping titles ("Frau Dr. Schneider"). */
function nameAfter(text: string, from: number, max: number): Finding | undefined {
  let at = from + (matchesAt(TITLES, text, from)?.length ?? 0);
  let start = -1;
  let end = -1;
  for (let count = 0; count < max; count++) {
    NAME_TOKEN.lastIndex = at;
    const m = NAME_TOKEN.exec(text);
    if (!m || (m[2] && count > 0) || !isNameWord(m[3]!, count === 0)) break;
    if (start < 0) start = at + m[1]!.length;
    end = at + m[1]!.length + (m[2]?.length ?? 0) + m[3]!.length;
    at = end;
    if (m[4]) break; // "Mrs Amini's son": what follows a possessive is not part of the name
  }
  return start < 0 ? undefined : finding("name", start, end);
}

function isNameWord(word: string, first: boolean): boolean {
  const bare = word.replace(new RegExp(`^${ARABIC_PARTICLE}`, "u"), "");
  if (NOT_NAMES.has(bare.toLowerCase())) return false;
  // Abbreviations ("BAMF", "ABH") are names only in the first position, where forms write
  // surnames in capitals ("Frau YILMAZ").
  if (bare.length > 1 && bare === bare.toUpperCase() && !bare.endsWith(".")) return first && bare.length >= 3;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Overlaps

const PRIORITY: Record<PiiKind, number> = { email: 0, iban: 1, fileNumber: 2, birthdate: 3, phone: 4, address: 5, name: 6 };

/**
 * Turns candidates into sorted, non-overlapping findings. Candidates are taken by kind priority
 * (an e-mail address beats the name inside it, an IBAN the phone-like digit groups inside it),
 * longer first; a later candidate keeps only the parts not yet covered, so every character any
 * detector flagged stays redacted.
 */
function resolveOverlaps(text: string, candidates: Finding[]): Finding[] {
  const ordered = [...candidates].sort(
    (a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  // Accepted findings never overlap, so sorted by start they are sorted by end as well.
  const accepted: Finding[] = [];
  for (const candidate of ordered) {
    let at = firstEndingAfter(accepted, candidate.start);
    let start = candidate.start;
    const pieces: Finding[] = [];
    for (; at < accepted.length && accepted[at]!.start < candidate.end; at++) {
      if (accepted[at]!.start > start) pieces.push({ ...candidate, start, end: accepted[at]!.start });
      start = Math.max(start, accepted[at]!.end);
    }
    if (start < candidate.end) pieces.push({ ...candidate, start });
    for (const piece of pieces) {
      const trimmed = trimPiece(text, piece, candidate);
      if (trimmed) accepted.splice(firstEndingAfter(accepted, trimmed.start), 0, trimmed);
    }
  }
  return accepted;
}

/** Index of the first finding in `sorted` that ends after `position`. */
function firstEndingAfter(sorted: Finding[], position: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]!.end <= position) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A cut-off piece loses the spaces and punctuation at its cut edges, and is dropped if nothing is left. */
function trimPiece(text: string, piece: Finding, whole: Finding): Finding | undefined {
  let { start, end } = piece;
  if (start !== whole.start) while (start < end && !/[\p{L}\p{N}]/u.test(text[start]!)) start++;
  if (end !== whole.end) while (end > start && !/[\p{L}\p{N}]/u.test(text[end - 1]!)) end--;
  return /[\p{L}\p{N}]/u.test(text.slice(start, end)) ? { ...piece, start, end } : undefined;
}
