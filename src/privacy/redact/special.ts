import { distance } from "fastest-levenshtein";
import { LEXICON, type LexiconGroup, NOT_HEALTH_COMPOUNDS, PREDICATE_BEFORE, PREDICATE_DEGREE } from "./special-lexicon.js";
import { DEGREE_DE } from "./lexicon-forms.js";
import { GENERIC_BEFORE, namesAPerson, sentences } from "./special-person.js";
import { type Finding, type HealthVariant, matches, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./shared.js";

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

// Lookbehinds are matched backwards from every position: an unbounded "\s+", "\S+" or "(…)*" in
// them makes a long run of spaces, of one word or of "an an an" quadratic. No term needs more.
const BOUNDS: [string, string][] = [
  [String.raw`\s+`, String.raw`\s{1,9}`],
  [String.raw`\s*`, String.raw`\s{0,9}`],
  [String.raw`\S+`, String.raw`\S{1,40}`],
  [String.raw`\p{L}+`, String.raw`\p{L}{1,40}`],
  [String.raw`\p{L}*`, String.raw`\p{L}{0,40}`],
  [String.raw`\p{Ll}+`, String.raw`\p{Ll}{1,40}`],
  [")*", "){0,6}"],
];
const bounded = (source: string) => BOUNDS.reduce((s, [from, to]) => s.replaceAll(from, to), source);

function compile(group: LexiconGroup, terms: string): Compiled {
  const alternatives = bounded(terms);
  if (group.compound) {
    // A capitalised German compound that ends in a listed word: "Brustkrebs", "HIV-Infektion".
    const first = group.adjective ? String.raw`\p{Ll}` : String.raw`\p{Lu}`; // "versucht" is no addiction
    // A noun compound takes its adjectives along: "seltene Muskelkrankheit".
    const degree = group.adjective ? "" : bounded(DEGREE_DE);
    return { group, re: new RegExp(String.raw`(?<![\p{L}\p{N}-])(${degree}(?:[\p{L}\p{N}]+-)?${first}\p{Ll}+?(?:${alternatives}))${NOT_BEFORE_WORD}`, "gu") };
  }
  // A predicate's verb is context, its degree part of the detail: "ist [fast blind]".
  const before = group.predicate ? bounded(PREDICATE_BEFORE) : "";
  const degree = group.predicate ? bounded(PREDICATE_DEGREE) : "";
  const inflection = group.inflect ? "(?:e|en|n|s|es)?" : "";
  return { group, re: new RegExp(String.raw`${NOT_AFTER_WORD}${before}(${degree}(?:${alternatives})${inflection})${NOT_BEFORE_WORD}`, group.cased ? "gu" : "giu") };
}

// Each term of a group is a regular expression of its own: alternatives joined in one would stop
// at the first that matches ("opposition" before "opposition activist"); overlapping candidates
// are resolved later, the longer one first.
const COMPILED: Compiled[] = LEXICON.flatMap((group) => group.terms.map((alternatives) => compile(group, alternatives)));

// Misspellings: a word one edit (two for long words) away from one of these, with the same first
// letter, is taken as the term ("Epilebsie", "Diabetees", "Schizophenie").
const FUZZY: { word: string; variant?: HealthVariant }[] = [
  ...words("condition", "epilepsie diabetes depression depressionen schizophrenie asthma autismus leukämie tuberkulose hepatitis demenz alzheimer parkinson rheuma arthrose migräne angststörung panikattacken belastungsstörung epilepsy schizophrenia tuberculosis mukoviszidose fehlgeburt"),
  ...words(undefined, "insulin schwanger rollstuhl psychiatrie traumatisiert schwerbehindert diabetiker epileptiker epileptisch pregnant wheelchair antidepressiva methadon querschnittsgelähmt autist autistin"),
  ...words("pregnancy", "schwangerschaft"),
  ...words("disability", "behinderung schwerbehinderung"),
  ...words("treatment", "psychotherapie traumatherapie dialyse dialysis chemotherapie"),
];
const NOT_FUZZY = new Set(["schwager", "schwagers", "schwangau", "diabetes", "autisten", "rheumas", "insulinde", "depressiven", "behindern", "behinderte", "verhinderung"]);
const WORD = /(?<![\p{L}\p{N}-])\p{L}{6,}(?![\p{L}\p{N}])/gu;

function words(variant: HealthVariant | undefined, list: string): { word: string; variant?: HealthVariant }[] {
  return list.split(" ").map((word) => (variant ? { word, variant } : { word }));
}

function fuzzyTerm(word: string): { variant?: HealthVariant } | undefined {
  const lower = word.toLowerCase();
  if (NOT_FUZZY.has(lower)) return undefined;
  for (const term of FUZZY) {
    if (term.word[0] !== lower[0] || Math.abs(term.word.length - lower.length) > 2) continue;
    const d = distance(term.word, lower);
    if (d > 0 && d <= (term.word.length >= 9 ? 2 : 1)) return term;
  }
  return undefined;
}

// Many peoples share their name with a language ("spricht Oromo", "an interpreter for Tamil"): no ethnic origin there.
const LANGUAGE_BEFORE = /(?:spricht|sprechen|sprach|speaks?|spoke|Sprache|Sprachen|language|languages|Dolmetscher(?:in)?|interpreter|translator|übersetzt|translates?)\s+(?:(?:[\p{L}-]+|,|und|and|oder|or)\s*){0,4}$/iu;

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
  const candidates: { group: Pick<LexiconGroup, "kind" | "variant">; start: number; end: number }[] = [];
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
    if (term) candidates.push({ group: { kind: "health", ...(term.variant ? { variant: term.variant } : {}) }, start: m.index, end: m.index + m[0].length });
  }
  // A text that was redacted before ("hat [eine Erkrankung]") keeps its placeholders as they are.
  const placeholders = [...text.matchAll(/\[[^[\]\n]{1,40}\]/gu)].map((m) => [m.index, m.index + m[0].length] as const);
  const found: Finding[] = [];
  for (const { group, start, end } of candidates) {
    if (placeholders.some(([from, to]) => from < end && start < to)) continue;
    {
      const index = sentenceAt(start);
      if (index < 0) continue;
      const sentence = spans[index]!;
      if (GENERIC_BEFORE.test(text.slice(sentence.start, start))) continue;
      if (group.kind === "ethnicity" && LANGUAGE_BEFORE.test(text.slice(sentence.start, start))) continue;
      let about = namesAPerson(text, sentence, people, start, end);
      if (!about && index > 0 && !/\?\s*$/.test(text.slice(sentence.start, sentence.end))) {
        about = namesAPerson(text, spans[index - 1]!, people, start, end);
      }
      if (!about) continue;
      found.push({ kind: group.kind, start, end, category: "special", ...(group.variant ? { variant: group.variant } : {}) });
    }
  }
  return withoutContained(found);
}

/** Drops findings that lie inside a longer one (several terms match "Epilepsie"); sorted by position. */
function withoutContained(found: Finding[]): Finding[] {
  const kept: Finding[] = [];
  for (const f of [...found].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    if (!kept.some((k) => k.start <= f.start && f.end <= k.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
