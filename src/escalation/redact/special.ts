import { distance } from "fastest-levenshtein";
import { LEXICON, type LexiconGroup, NOT_HEALTH_COMPOUNDS, PREDICATE_BEFORE } from "./special-lexicon.js";
import { type Finding, matches, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./shared.js";

/**
 * Special categories of personal data (DSGVO Art. 9): health, religion, ethnic origin, sexual
 * orientation, political opinion, trade-union membership. A lexicon term (special-lexicon.ts)
 * is a finding only when the message says it about a person: "Frau X hat Epilepsie", "ihr Sohn
 * ist Autist", "he is on insulin", "sie ist schwanger". A general question ("Zahlt das Sozialamt
 * Insulin?", "Wo gibt es Therapie für Menschen mit Depression?") names no person and is left as it is.
 *
 * "About a person" is read per sentence: the sentence names someone (a name finding, "Herr",
 * "ihr Sohn", "the client"), or refers to someone with a pronoun ("er", "sie", "his"); a statement
 * right after a sentence that names someone counts too ("Herr K. war beim Arzt. Diagnose:
 * Epilepsie."). In a question, an indefinite person ("eine Frau mit HIV", "a man with diabetes")
 * is hypothetical and does not count, nor does a generic group ("Menschen mit Depression").
 */

interface Compiled {
  group: LexiconGroup;
  re: RegExp;
}

const COMPILED: Compiled[] = LEXICON.map((group) => {
  const alternatives = group.terms.join("|");
  if (group.compound) {
    // A capitalised German compound that ends in a listed word: "Brustkrebs", "HIV-Infektion".
    const first = group.adjective ? String.raw`\p{Ll}` : String.raw`\p{Lu}`; // "versucht" is no addiction
    return { group, re: new RegExp(String.raw`(?<![\p{L}\p{N}-])((?:[\p{L}\p{N}]+-)?${first}\p{Ll}+?(?:${alternatives}))${NOT_BEFORE_WORD}`, "gu") };
  }
  const before = group.predicate ? PREDICATE_BEFORE : "";
  const inflection = group.inflect ? "(?:e|en|n|s|es)?" : "";
  return { group, re: new RegExp(String.raw`${NOT_AFTER_WORD}${before}((?:${alternatives})${inflection})${NOT_BEFORE_WORD}`, group.cased ? "gu" : "giu") };
});

// Pronouns that refer to a third person: lower case anywhere; capitalised only at a sentence start,
// as "Sie"/"Ihr" in the middle of a sentence is the polite "you".
const PRONOUN = /(?<![\p{L}\p{N}])(?:er|sie|ihm|ihn|ihr|ihre|ihren|ihrem|ihrer|ihres|sein(?=\s+\p{Lu})|seine|seinen|seinem|seiner|seines|he|she|him|his|her|hers|they|them|their|він|вона|його|її|їй|йому|ним|нею|он|она|его|её|ее|ей|ему|هو|هي|او|اون)(?![\p{L}\p{N}])/gu;
const PRONOUN_AT_START = /^\s*(?:Er|Sie|Ihr|Ihre|Ihren|Ihrem|Ihrer|Sein|Seine|Seinen|Seinem|Seiner|He|She|His|Her|They|Their)(?![\p{L}\p{N}])/u;
// Nouns for a person. Preceded by an indefinite article they may be hypothetical ("eine Frau mit HIV?").
// German nouns are capitalised ("Junge" is a boy, "junge" is young), except in a message typed all in lower case.
const INDEFINITE = String.raw`(?<![\p{L}\p{N}])(?:(ein|eine|einen|einem|einer|a|an|any|jede[rn]?|every)\s+)?(?:\p{L}+\s+)?`;
const GERMAN_PERSON_NOUNS = String.raw`Sohn|Tochter|Kind|Baby|Säugling|Mann|Ehemann|Frau|Ehefrau|Mutter|Vater|Bruder|Schwester|Oma|Opa|Großmutter|Großvater|Enkel|Enkelin|Klient|Klientin|Mandant|Mandantin|Bewohner|Bewohnerin|Patient|Patientin|Person|Dame|Herr|Herrn|Junge|Mädchen|Jugendlicher|Familie|Nachbar|Nachbarin|Freund|Freundin|Kollege|Kollegin|Teilnehmer|Teilnehmerin|Schüler|Schülerin|Fr|Hr|Fam`;
const OTHER_PERSON_NOUNS = String.raw`son|daughter|child|kid|baby|husband|wife|mother|father|brother|sister|grandmother|grandfather|grandson|granddaughter|client|woman|(?<=(?:the|this|that|old|young|a|an)\s)man|girl|boy|family|resident|neighbou?r|person|lady|gentleman|patient|Mr|Mrs|Ms|Mx|син|донька|дочка|чоловік|дружина|мати|батько|сын|дочь|муж|жена|мать|отец|ابن|ابنة|زوج|زوجة|أم|أب|پسر|دختر|همسر|مادر|پدر|oğlu|kızı|kocası|karısı|annesi|babası`;
const END = String.raw`(?![\p{L}\p{N}])`;
const bothCases = (alternatives: string) => alternatives.split("|").flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]).join("|");
const PERSON_NOUN_CASED = new RegExp(`${INDEFINITE}(?:${GERMAN_PERSON_NOUNS}|${bothCases(OTHER_PERSON_NOUNS)})${END}`, "gu");
const PERSON_NOUN_LOWER = new RegExp(`${INDEFINITE}(?:${GERMAN_PERSON_NOUNS}|${OTHER_PERSON_NOUNS})${END}`, "giu");
// A person as a group, or "one": "für Menschen mit Depression", "wenn man Diabetes hat".
const GENERIC_BEFORE = /(?:Menschen|Personen|Leute|Patient(?:inn)?en|Betroffene|Betroffenen|Geflüchtete|Geflüchteten|Flüchtlinge|Frauen|Männer|Kinder|Schwangere|Eltern|people|persons|patients|refugees|women|men|children|families|everyone|anyone|someone|somebody|jemand|jemanden|wenn\s+man|if\s+you|one)\s+(?:(?:mit|with|die|who|der|that|which|eine?|an?|haben|hat|has|have|sind|are|is|ist)\s+)*[^.!?\n]{0,20}$/iu;

interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATION = /(?:^|[\s(])(?:Fr|Hr|Frl|Dr|Prof|Nr|Str|geb|ca|bzw|evtl|Tel|Az|Abs|Mr|Mrs|Ms|St|vs|ggf|inkl|z\.B|d\.h|u\.a|usw|etc|Jan|Feb|Apr|Aug|Sept?|Okt|Nov|Dez|\p{Lu})$/u;

/** Sentences: ends at "!", "?", ";", a line break, or a full stop that ends no abbreviation or number. */
function sentences(text: string): Sentence[] {
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
function namesAPerson(text: string, s: Sentence, people: Finding[], from: number, to: number): boolean {
  if (people.some((p) => p.kind === "name" && p.start < s.end && s.start < p.end)) return true;
  const body = text.slice(s.start, s.end);
  const question = /\?\s*$/.test(body);
  // The term itself does not count ("Sie ist Muslima": "Muslima" is no person noun here).
  const inside = from >= s.start && to <= s.end;
  const rest = inside ? body.slice(0, from - s.start) + " ".repeat(to - from) + body.slice(to - s.start) : body;
  if (PRONOUN_AT_START.test(rest)) return true;
  PRONOUN.lastIndex = 0;
  if (PRONOUN.test(rest)) return true;
  const lowercase = !/\s\p{Lu}\p{Ll}/u.test(rest);
  for (const m of matches(lowercase ? PERSON_NOUN_LOWER : PERSON_NOUN_CASED, rest)) {
    if (question && m[1]) continue; // "Kann eine Frau mit HIV eingebürgert werden?"
    return true;
  }
  return false;
}

// Misspellings: a word one edit (two for long words) away from one of these, with the same first
// letter, is taken as the term ("Epilebsie", "Diabetees", "Schizophenie").
const FUZZY: { word: string; condition: boolean }[] = [
  ..."epilepsie diabetes depression depressionen schizophrenie asthma autismus leukämie tuberkulose hepatitis demenz alzheimer parkinson rheuma arthrose migräne angststörung panikattacken belastungsstörung epilepsy schizophrenia tuberculosis"
    .split(" ")
    .map((word) => ({ word, condition: true })),
  ..."insulin schwanger schwangerschaft rollstuhl psychiatrie psychotherapie traumatherapie traumatisiert behinderung schwerbehindert diabetiker epileptiker epileptisch pregnant wheelchair dialyse dialysis antidepressiva methadon chemotherapie querschnittsgelähmt autist autistin"
    .split(" ")
    .map((word) => ({ word, condition: false })),
];
const NOT_FUZZY = new Set(["schwager", "schwagers", "schwangau", "diabetes", "autisten", "rheumas", "insulinde", "depressiven"]);
const WORD = /(?<![\p{L}\p{N}-])\p{L}{6,}(?![\p{L}\p{N}])/gu;

function fuzzyTerm(word: string): { condition: boolean } | undefined {
  const lower = word.toLowerCase();
  if (NOT_FUZZY.has(lower)) return undefined;
  for (const term of FUZZY) {
    if (term.word[0] !== lower[0] || Math.abs(term.word.length - lower.length) > 2) continue;
    const d = distance(term.word, lower);
    if (d > 0 && d <= (term.word.length >= 9 ? 2 : 1)) return term;
  }
  return undefined;
}

/** "PTBS-Diagnose", "Diabetes-Medikamente": the rest of a hyphenated compound belongs to the term. */
const HYPHEN_TAIL = /-[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/uy;

export function findSpecialCategories(text: string, people: Finding[]): Finding[] {
  const spans = sentences(text);
  const sentenceAt = (pos: number) => {
    let low = 0;
    let high = spans.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (spans[mid]!.end <= pos) low = mid + 1;
      else if (spans[mid]!.start > pos) high = mid - 1;
      else return mid;
    }
    return -1;
  };
  const candidates: { group: Pick<LexiconGroup, "kind" | "condition">; start: number; end: number }[] = [];
  for (const { group, re } of COMPILED) {
    for (const m of matches(re, text)) {
      const term = m[1]!;
      if (group.compound && NOT_HEALTH_COMPOUNDS.has(term.toLowerCase())) continue;
      const start = m.index + m[0].length - term.length;
      HYPHEN_TAIL.lastIndex = m.index + m[0].length;
      const end = m.index + m[0].length + (HYPHEN_TAIL.exec(text)?.[0].length ?? 0);
      candidates.push({ group, start, end });
    }
  }
  for (const m of matches(WORD, text)) {
    if (candidates.some((c) => c.start < m.index + m[0].length && m.index < c.end)) continue;
    const term = fuzzyTerm(m[0]);
    if (term) candidates.push({ group: { kind: "health", condition: term.condition }, start: m.index, end: m.index + m[0].length });
  }
  const found: Finding[] = [];
  for (const { group, start, end } of candidates) {
    {
      const index = sentenceAt(start);
      if (index < 0) continue;
      const sentence = spans[index]!;
      if (GENERIC_BEFORE.test(text.slice(sentence.start, start))) continue;
      let about = namesAPerson(text, sentence, people, start, end);
      if (!about && index > 0 && !/\?\s*$/.test(text.slice(sentence.start, sentence.end))) {
        about = namesAPerson(text, spans[index - 1]!, people, start, end);
      }
      if (!about) continue;
      found.push({ kind: group.kind, start, end, category: "special", ...(group.condition ? { variant: "condition" as const } : {}) });
    }
  }
  return found;
}
