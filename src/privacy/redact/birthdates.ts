import { type Finding, finding, matches, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./shared.js";

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

export function findBirthdates(text: string, currentYear: number): Finding[] {
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

