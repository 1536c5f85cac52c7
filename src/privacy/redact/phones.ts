import { type Finding, finding, matches, matchesAt, digitCount, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./shared.js";

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

export function findPhones(text: string): Finding[] {
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

