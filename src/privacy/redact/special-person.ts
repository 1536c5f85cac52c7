import { type Finding, matches } from "./shared.js";

/**
 * Whether a sentence is about a specific person, for the special categories (special.ts): only
 * details about an identifiable person are personal data. A sentence names someone (a name
 * finding, "Herr", "ihr Sohn", "die Kinder", "the client", "زوجها"), refers to someone with a
 * pronoun ("er", "sie", "his", "вона"), or the writer speaks about themselves ("ich bin schwanger",
 * "I have diabetes"). In a question, an indefinite person ("eine Frau mit HIV", "a man with
 * diabetes") is hypothetical and does not count, nor does a generic group ("Menschen mit Depression").
 */

// Pronouns that refer to a third person: lower case anywhere; capitalised only at a sentence start,
// as "Sie"/"Ihr" in the middle of a sentence is the polite "you".
const PRONOUN = /(?<![\p{L}\p{N}])(?:er|sie|ihm|ihn|ihr|ihre|ihren|ihrem|ihrer|ihres|sein(?=\s+\p{Lu})|seine|seinen|seinem|seiner|seines|he|she|him|his|her|hers|they|them|their|він|вона|вони|його|її|їй|йому|ним|нею|ними|он|она|они|его|её|ее|ей|ему|ими|هو|هي|او|اون|وی)(?![\p{L}\p{N}])/gu;
const PRONOUN_AT_START = /^\s*(?:Er|Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Sein|Seine|Seinen|Seinem|Seiner|He|She|His|Her|They|Their|Він|Вона|Вони|Його|Її|Їй|Йому|Он|Она|Они|Его|Её|Ее|Ей|Ему)(?![\p{L}\p{N}])/u;
// Nouns for a person. Preceded by an indefinite article they may be hypothetical ("eine Frau mit HIV?").
// German nouns are capitalised ("Junge" is a boy, "junge" is young), except in a message typed all in lower case.
const INDEFINITE = String.raw`(?<![\p{L}\p{N}])(?:(ein|eine|einen|einem|einer|a|an|any|jede[rn]?|every)\s+)?(?:\p{L}+\s+)?`;
const GERMAN_PERSON_NOUNS = String.raw`Sohn|Tochter|Kind|Baby|Säugling|Kleinkind|Mann|Ehemann|Frau|Ehefrau|Partner|Partnerin|Lebensgefährte|Lebensgefährtin|Verlobte|Verlobter|Mutter|Vater|Bruder|Schwester|Oma|Opa|Großmutter|Großvater|Enkel|Enkelin|Onkel|Tante|Cousin|Cousine|Neffe|Nichte|Schwager|Schwägerin|Stiefsohn|Stieftochter|Klient|Klientin|Mandant|Mandantin|Betreute|Betreuter|Schützling|Bewohner|Bewohnerin|Mitbewohner|Mitbewohnerin|Patient|Patientin|Person|Dame|Herr|Herrn|Junge|Mädchen|Jugendlicher|Familie|Nachbar|Nachbarin|Freund|Freundin|Kollege|Kollegin|Teilnehmer|Teilnehmerin|Schüler|Schülerin|Antragstellerin|Asylbewerberin|Klägerin|Fr|Hr|Fam`;
const OTHER_PERSON_NOUNS = [
  String.raw`son|daughter|child|kid|baby|toddler|infant|teenager|husband|wife|partner|fianc[eé]e?|mother|father|brother|sister|grandmother|grandfather|grandson|granddaughter|uncle|aunt|cousin|nephew|niece|stepson|stepdaughter|client|mentee|applicant|woman|(?<=(?:the|this|that|old|young|a|an)\s)man|girl|boy|family|resident|neighbou?r|person|lady|gentleman|patient|Mr|Mrs|Ms|Mx`,
  String.raw`син|сина|сину|сином|донька|доньки|доньці|дочка|дочки|чоловік|чоловіка|чоловікові|дружина|дружини|мати|матері|батько|батька|брат|брата|сестра|сестри|бабуся|дідусь|клієнт|клієнта|клієнтка|клієнтки|підопічн\p{L}*`,
  String.raw`сын|сына|сыну|дочь|дочери|муж|мужа|жена|жены|мать|матери|отец|отца|брата|сестры|бабушка|дедушка|клиент|клиента|клиентка|клиентки|подопечн\p{L}*`,
  String.raw`الطفل|الطفلة|طفل|طفلة|عنده|عندها|لديه|لديها|يعاني|تعاني|ابن|ابنة|زوج|زوجة|أم|أب|زوجها|زوجته|ابنها|ابنه|ابنتها|ابنته|بنتها|بنته|أمها|أمه|امها|امه|والدته|والده|والدها|أخوه|أخته|أخيها|أختها|اخوه|اخته|زوجي|ابني|ابنتي|أمي|أبي`,
  String.raw`پسر|دختر|همسر|مادر|پدر|همسرش|پسرش|دخترش|مادرش|پدرش|شوهرش|زنش|برادرش|خواهرش|همسرم|پسرم|دخترم|مادرم|پدرم|شوهرم`,
  String.raw`oğlu|kızı|kocası|karısı|annesi|babası|eşi|kardeşi|kızım|oğlum|annem|babam|eşim|müvekkilim`,
].join("|");
// Several people the message speaks of: "die Kinder", "ihre Eltern", "both sons".
const SPECIFIC_GROUP = /(?<![\p{L}\p{N}])(?:die|ihre|seine|meine|unsere|deren|dessen|beide[n]?|the|her|his|my|our|their|both)\s+(?:\p{L}+\s+)?(?:Kinder|Eltern|Söhne|Töchter|Brüder|Schwestern|Geschwister|Enkel|Zwillinge|children|kids|parents|sons|daughters|brothers|sisters|twins)(?![\p{L}\p{N}])/iu;
// The writer about themselves, right before the detail: "ich bin schwanger", "I have diabetes", "wir sind Jesiden".
const FIRST_PERSON_BEFORE = /(?<![\p{L}\p{N}])(?:[Ii]ch|[Ww]ir|I|[Ww]e|[Mm]ir|[Mm]e)(?:\s+(?:bin|habe|hab|hatte|nehme|leide|war|bekomme|brauche|sind|haben|am|have|had|take|was|were|are|suffer|need|wurde|been|got)\s+|['’](?:m|ve)\s+)(?:\S+\s+){0,3}$/u;
const ASKS_IN_GENERAL = /(?:Frage|Fragen|question|questions|wissen|know|wondering|Info|Informationen|information)\b/iu;
const END = String.raw`(?![\p{L}\p{N}])`;
const bothCases = (alternatives: string) => alternatives.split("|").flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]).join("|");
const PERSON_NOUN_CASED = new RegExp(`${INDEFINITE}(?:${GERMAN_PERSON_NOUNS}|${bothCases(OTHER_PERSON_NOUNS)})${END}`, "gu");
const PERSON_NOUN_LOWER = new RegExp(`${INDEFINITE}(?:${GERMAN_PERSON_NOUNS}|${OTHER_PERSON_NOUNS})${END}`, "giu");
// A person as a group, or "one": "für Menschen mit Depression", "wenn man Diabetes hat". A group
// with an article or possessive is specific ("die Kinder sind Roma") and not generic.
export const GENERIC_BEFORE =
  /(?<![\p{L}\p{N}])(?<!(?:die|the|ihre|seine|meine|unsere|deren|dessen|beiden|zwei|drei|vier|her|his|my|our|their|diese|these)\s+)(?:Menschen|Personen|Leute|Patient(?:inn)?en|Betroffene|Betroffenen|Geflüchtete|Geflüchteten|Flüchtlinge|Frauen|Männer|Kinder|Schwangere|Eltern|people|persons|patients|refugees|women|men|children|families|everyone|anyone|someone|somebody|jemand|jemanden|wenn\s+man|if\s+you|one)\s+(?:(?:mit|with|die|who|der|that|which|eine?|an?|haben|hat|has|have|sind|are|is|ist)\s+)*[^.!?\n]{0,20}$/iu;

export interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATION = /(?:^|[\s(])(?:Fr|Hr|Frl|Dr|Prof|Nr|Str|geb|ca|bzw|evtl|Tel|Az|Abs|Mr|Mrs|Ms|St|vs|ggf|inkl|z\.B|d\.h|u\.a|usw|etc|Jan|Feb|Apr|Aug|Sept?|Okt|Nov|Dez|\p{Lu})$/u;

/** Sentences: ends at "!", "?", ";", a line break, or a full stop that ends no abbreviation or number. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    let end = false;
    if (ch === "!" || ch === "?" || ch === ";" || ch === "\n") end = true;
    else if (ch === "." && /\s/.test(text[i + 1] ?? " ")) {
      const before = text.slice(Math.max(start, i - 8), i);
      end = !ABBREVIATION.test(before) && !/\d$/.test(before);
    }
    if (end) {
      out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Whether sentence `s` refers to a specific person (other than the term at [from, to)). */
export function namesAPerson(text: string, s: Sentence, people: Finding[], from: number, to: number): boolean {
  if (people.some((p) => p.kind === "name" && p.start < s.end && s.start < p.end)) return true;
  const body = text.slice(s.start, s.end);
  const question = /\?\s*$/.test(body);
  // The term itself does not count ("Sie ist Muslima": "Muslima" is no person noun here).
  const inside = from >= s.start && to <= s.end;
  const rest = inside ? body.slice(0, from - s.start) + " ".repeat(to - from) + body.slice(to - s.start) : body;
  if (PRONOUN_AT_START.test(rest)) return true;
  PRONOUN.lastIndex = 0;
  if (PRONOUN.test(rest)) return true;
  if (SPECIFIC_GROUP.test(rest)) return true;
  if (inside) {
    const before = body.slice(0, from - s.start);
    if (FIRST_PERSON_BEFORE.test(before) && !ASKS_IN_GENERAL.test(before)) return true;
  }
  const lowercase = !/\s\p{Lu}\p{Ll}/u.test(rest);
  for (const m of matches(lowercase ? PERSON_NOUN_LOWER : PERSON_NOUN_CASED, rest)) {
    if (question && m[1]) continue; // "Kann eine Frau mit HIV eingebürgert werden?"
    return true;
  }
  return false;
}
