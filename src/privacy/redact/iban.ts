import { type Finding, finding, matches, NOT_AFTER_WORD } from "./shared.js";

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
export function findIbans(text: string): Finding[] {
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

