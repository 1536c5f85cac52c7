import { type Finding, finding, matches, matchesAt, digitCount, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./shared.js";

// BAMF file numbers have the fixed shape "1234567-123" (seven digits, hyphen, three-digit country
// code); nothing else people write looks like that, so it needs no context word.
const BAMF_FILE_NUMBER = new RegExp(String.raw`${NOT_AFTER_WORD}\d{7}\s?[-–]\s?\d{3}(?![\p{N}])`, "gu");
// Court file numbers: chamber, register letters, number and year ("5 K 1234/25.A", "3 A 567/26",
// "12 L 34/24 A"), and the Bavarian courts' "M 12 K 21.12345". The register letters between two
// numbers and the two-digit year after the slash make them unlike any other number in a message.
const COURT_FILE_NUMBER = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:\d{1,2}\s?[A-Z][A-Za-z]{0,2}\s\d{1,6}/\d{2}(?:\.A|\s?A)?|[A-Z]{1,2}\s\d{1,2}\s[A-Z]{1,2}\s(?:\d{2}\.\d{3,6}|\d{1,6}/\d{2}))${NOT_BEFORE_WORD}`,
  "gu",
);
// AZR numbers are twelve digits. A bare twelve-digit number not starting with 0 (that would be a
// phone number) is in practice always some personal reference number.
const TWELVE_DIGITS = new RegExp(String.raw`(?<![\p{L}\p{N}+./-])[1-9]\d{11}(?![\p{N}]|[./-]\d)`, "gu");

// Passport, ID card and residence permit numbers, health insurance numbers: one or two capital
// letters and six to nine digits ("P12345678", "A123456780"). Ordinary text has no such tokens.
const DOCUMENT_NUMBER = new RegExp(String.raw`${NOT_AFTER_WORD}[A-Z]{1,2}\d{6,9}${NOT_BEFORE_WORD}`, "gu");

// German personal numbers with a fixed shape, taken without a keyword, with or without separators:
// Jobcenter BG-Nummer "23104BG0012345" (five digits, BG, seven digits), Jobcenter Kundennummer
// "962D123456", Kindergeldnummer "123FK456789", Sozial-/Rentenversicherungsnummer "12 150385 M 123"
// (area, date of birth, initial, serial and check digit), Krankenversichertennummer "A 123 456 789".
const SHAPED_NUMBERS = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:` +
    [
      String.raw`\d{5}[\s-]?(?:BG|//)[\s-]?\d{7}`,
      String.raw`\d{3}[\s-]?[A-Z][\s-]?\d{6}`,
      String.raw`\d{3}[\s-]?FK[\s-]?\d{3}[\s-]?\d{3}`,
      String.raw`\d{2}[\s-]?(?:0[1-9]|[12]\d|3[01])[\s.-]?(?:0[1-9]|1[0-2])[\s.-]?\d{2}[\s-]?[A-Z][\s-]?\d{3}`,
      String.raw`[A-Z][\s-]?\d{3}[\s-]?\d{3}[\s-]?\d{3}`,
    ].join("|") +
    String.raw`)${NOT_BEFORE_WORD}`,
  "gu",
);
// Steuer-ID: eleven digits, first not 0, with a valid check digit; alone or as "12 345 678 901".
const ELEVEN_DIGITS = new RegExp(String.raw`(?<![\p{L}\p{N}+./-])[1-9](?:\d{10}|\d\s\d{3}\s\d{3}\s\d{3}|\d{2}\s\d{3}\s\d{3}\s\d{2})(?![\p{N}]|[./-]\d)`, "gu");

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
      String.raw`Steuer-?(?:ID|IdNr\.?|nummer|nr\.?|identifikationsnummer)|(?:steuerliche\s+)?Identifikations(?:nummer|nr\.?)|tax\s+(?:ID|number)`,
      // Labels in the volunteers' other languages: Ukrainian, Russian, Arabic, Persian, Turkish.
      String.raw`номер\s+(?:справи|справ|дела|дел|паспорта|паспорту|посвідки|документа)|справа\s+№|дело\s+№|податковий\s+номер|ідентифікаційний\s+(?:код|номер)|ІПН|ИНН|СНИЛС`,
      String.raw`رقم\s+(?:الملف|ملف|القضية|الجواز|جواز\s+السفر|الهوية|الإقامة|التأمين)|شماره\s+(?:پرونده|پاسپورت|گذرنامه|بیمه|مالیاتی)`,
      String.raw`dosya\s+(?:numarası|numarasi|no\.?)|referans\s+(?:numarası|numarasi|no\.?)|(?:vergi|sigorta|pasaport|kimlik|müşteri|musteri)\s+(?:kimlik\s+)?(?:numarası|numarasi|no\.?)`,
      String.raw`(?:Sozial|Renten|Kranken)?versicherungs${NR}|(?:Kranken)?versicherten${NR}|SV${NR}|RV${NR}`,
      String.raw`(?:social\s+security|insurance|health\s+insurance|pension\s+insurance)\s+number`,
      String.raw`(?:Reise)?pass${NR}|passport\s+(?:number|no\.?)|Ausweis${NR}|ID(?:\s+card)?\s+(?:number|no\.?)|(?:Karten|Serien)${NR}|card\s+(?:number|no\.?)`,
      String.raw`(?:Dokumenten|Vorgangs|Antrags|Bescheid|Rechnungs|Vertrags|Konto|Mitglieds|Personal|Registrier|Zähler|Duldungs|Aufenthaltstitel)${NR}|Vertragskonto`,
      String.raw`Ankunftsnachweis(?:${NR})?|BÜMA(?:${NR})?|Personenkennziffer`,
      String.raw`Kindergeld${NR}|Familienkassen${NR}|KG${NR}|Kindergeld-?Akten${NR}|child\s+benefit\s+(?:number|no\.?|reference)`,
      String.raw`(?:Steuer-?)?IdNr\.?|Steuer-Identnummer|Identnummer|tax\s+identification\s+number|TIN`,
      String.raw`KVNR|KV${NR}|eGK${NR}|Krankenkassen${NR}|Versicherten-?Nr\.?|Renten${NR}|social\s+insurance\s+number|insurance\s+no\.?`,
      String.raw`(?:ABH|Ausländerbehörden?|Ausländeramt)${NR}|(?:Fall|Leistungs|Bescheinigungs|eAT|Fiktionsbescheinigungs|BG|Jobcenter|Träger)${NR}|(?:Nummer|Nr\.?)\s+der\s+Bedarfsgemeinschaft|(?:Jobcenter|BG)\s+(?:number|no\.?)`,
    ].join("|") +
    // A keyword ends with its dot or at a word end, so "Steuer-Identifikationsnummer" is not read as "Steuer-Id".
    String.raw`)(?:(?<=\.)|${NOT_BEFORE_WORD})`,
  "giu",
);
// Between keyword and number: punctuation, "Nr.", "ist", "of the BAMF" and the like, nothing else,
// so "Aktenzeichen habe ich nicht, Termin am 12.03." does not take the appointment's date.
const FILE_CONNECTOR = /(?:\s*(?:[:#()=№–—]|(?:-?(?:nr|no|nummer|number)\.?|is|ist|lautet|lautete|war|was|des|vom|von|der|dem|die|beim|bei|from|of|the|at|his|her|my|seine|ihre|meine|BAMF|Jobcenters?|Ausländerbehörde|ABH|Bundesamt(?:s|es)?|Familienkasse|Sozialamt(?:s|es)?)(?![\p{L}\p{N}-])))*\s*/iuy;
// The number itself: tokens with digits ("8123456-423", "123A456789", "32.1-4471/26"), spaced
// digit groups ("12 345 678 901") and court file numbers with short letter codes between
// numbers ("5 Cs 123 Js 4567/26", "5 K 1234/24 A").
const FILE_VALUE = new RegExp(
  // "FK 123 456", "A 123 456 789": a short capital code before the digits.
  String.raw`(?:[A-Z]{1,3} (?=\d{2}))?(?=[A-Za-zÄÖÜ]{0,4}[-./]?\d)[A-Za-z0-9ÄÖÜ]+(?:[-./][A-Za-z0-9]+)*` +
    String.raw`(?: (?:[A-Z][A-Za-z]{0,2}[ -])?\d[A-Za-z0-9]*(?:[-./][A-Za-z0-9]+)*)*` +
    String.raw`(?:(?<=/\d+)(?: A|\.A))?${NOT_BEFORE_WORD}`,
  "uy",
);

export function findFileNumbers(text: string): Finding[] {
  const found: Finding[] = [];
  for (const re of [BAMF_FILE_NUMBER, COURT_FILE_NUMBER, TWELVE_DIGITS, DOCUMENT_NUMBER, SHAPED_NUMBERS]) {
    for (const m of matches(re, text)) found.push(finding("fileNumber", m.index, m.index + m[0].length));
  }
  for (const m of matches(ELEVEN_DIGITS, text)) {
    if (steuerIdValid(m[0])) found.push(finding("fileNumber", m.index, m.index + m[0].length));
  }
  for (const re of [FILE_KEYWORD_SHORT, FILE_KEYWORD_LONG]) {
    for (const m of matches(re, text)) {
      const value = numberAfter(text, m.index + m[0].length);
      if (value) found.push(finding("fileNumber", value.start, value.end));
    }
  }
  return found;
}

// "Steuer-ID von Frau Yıldız: 12 345 678 901", "Aktenzeichen meines Klienten: …": a few words
// between the keyword and a colon, then the number.
const WORDS_TO_COLON = /[^\S\n]*[^:.!?\n\d]{1,40}:\s*/uy;

function numberAfter(text: string, from: number): { start: number; end: number } | undefined {
  for (const skip of [FILE_CONNECTOR, WORDS_TO_COLON]) {
    const start = from + (matchesAt(skip, text, from)?.length ?? 0);
    const value = matchesAt(FILE_VALUE, text, start);
    // At least three digits: "Az. 2 Wochen" or "Nr. 5" are not file numbers.
    if (value && digitCount(value) >= 3) return { start, end: start + value.length };
  }
  return undefined;
}


/** Steuerliche Identifikationsnummer check (ISO 7064 MOD 11,10; 11 digits, first not 0). */
export function steuerIdValid(id: string): boolean {
  const digits = id.replace(/\D/g, "");
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(digits[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(digits[10]);
}
