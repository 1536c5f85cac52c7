import { type Finding, finding, matches, NOT_BEFORE_WORD } from "./shared.js";

// Plain addresses, and the "name (at) example (dot) org" spelling people use against spam robots.
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[(\[]at[)\]]\s?)[\p{L}\p{N}-]+(?:(?:\.|\s?[(\[]dot[)\]]\s?)[\p{L}\p{N}-]+)*(?:\.|\s?[(\[]dot[)\]]\s?)\p{L}{2,}${NOT_BEFORE_WORD}`,
  "gu",
);

export function findEmails(text: string): Finding[] {
  return [...matches(EMAIL, text)].map((m) => finding("email", m.index, m.index + m[0].length));
}

