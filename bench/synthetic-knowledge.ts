/**
 * A deterministic synthetic knowledge base for scale benchmarks, built from the real one so that
 * sentence shapes, lengths and word statistics stay plausible:
 *
 * - every synthetic topic copies a real topic (its template) in German and English: title,
 *   5-15 example questions, keywords, a messenger-length answer, details, regional notes and the
 *   search-only terms in the other languages;
 * - the template's subject words (words of its title, keywords and questions that few real topics use) are
 *   replaced by words drawn from the real vocabulary of that language, in German often as new
 *   compounds of two real nouns ("Wohnsitz" + "Auflage" -> "Wohnsitzauflage"), so each synthetic
 *   topic has its own subject the way a real one does, and the vocabulary grows with the base;
 * - a few other content words are swapped for words drawn by their real frequency, so bodies of
 *   topics sharing a template are not identical.
 *
 * The result is a plain KnowledgeBase: it goes through the same index and triage code as the real
 * base. Same source, size and seed give the same base.
 */
import { markdownToBlocks } from "../src/core/richtext.js";
import { basicFold, germanFold, isStopword } from "../src/knowledge/text.js";
import type { Entry, KnowledgeBase, Topic } from "../src/knowledge/types.js";

/** mulberry32: Math.random cannot be seeded, and the base must not change between runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Words drawn with fixed weights (cumulative table and binary search). */
class WeightedWords {
  private readonly words: string[] = [];
  private readonly cumulative: number[] = [];
  constructor(counts: Map<string, number>, weight: (count: number) => number) {
    let total = 0;
    for (const [word, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      total += weight(count);
      this.words.push(word);
      this.cumulative.push(total);
    }
  }
  draw(random: Random): string {
    const target = random() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return this.words[lo]!;
  }
}

// Letters only (no digits): replacements must read as words; "§ 60a" and years stay as they are.
const WORD = /\p{L}+/gu;
// Folding is the costly part of generating 10,000 entries; the vocabulary repeats a lot.
const folded = new Map<string, string>();
function fold(word: string): string {
  let f = folded.get(word);
  if (f === undefined) folded.set(word, (f = germanFold(basicFold(word))));
  return f;
}
const isContentWord = (word: string) => word.length >= 4 && !isStopword(fold(word));

function entryText(entry: Entry): string {
  return [entry.title, ...entry.questions, ...entry.keywords, entry.body, entry.more, ...Object.values(entry.regions)].join("\n");
}

/** What the generator learns from the real entries of one language. */
interface LanguageModel {
  /** Content words by their real frequency: the noise that keeps bodies apart. */
  common: WeightedWords;
  /** Content words flattened towards rarer ones (square root of the count): subject words. */
  subjects: WeightedWords;
  /** German nouns (capitalised in running text), for compounds; empty for English. */
  nouns: WeightedWords | undefined;
  /** Per real topic: folded subject words of its title, keywords and questions (used by at most three topics). */
  signature: Map<string, Set<string>>;
}

function learn(source: KnowledgeBase, lang: string): LanguageModel {
  const counts = new Map<string, number>();
  const nounCounts = new Map<string, number>();
  const topicsUsing = new Map<string, number>();
  for (const topic of source.topics.values()) {
    const entry = topic.entries.get(lang);
    if (!entry) continue;
    const seen = new Set<string>();
    for (const word of entryText(entry).match(WORD) ?? []) {
      seen.add(fold(word));
      if (!isContentWord(word)) continue;
      const lower = word.toLowerCase();
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
      if (lang === "de" && word[0] !== lower[0] && word.slice(1) === lower.slice(1)) nounCounts.set(word, (nounCounts.get(word) ?? 0) + 1);
    }
    for (const w of seen) topicsUsing.set(w, (topicsUsing.get(w) ?? 0) + 1);
  }
  const signature = new Map<string, Set<string>>();
  for (const topic of source.topics.values()) {
    const entry = topic.entries.get(lang);
    if (!entry) continue;
    const words = [entry.title, ...entry.keywords, ...entry.questions].join(" ").match(WORD) ?? [];
    signature.set(topic.id, new Set(words.filter(isContentWord).map(fold).filter((w) => (topicsUsing.get(w) ?? 0) <= 3)));
  }
  return {
    common: new WeightedWords(counts, (c) => c),
    subjects: new WeightedWords(counts, Math.sqrt),
    nouns: nounCounts.size ? new WeightedWords(nounCounts, Math.sqrt) : undefined,
    signature,
  };
}

/** A new subject word: in German half of them compounds of two real nouns, sometimes with a linking s. */
function subjectWord(model: LanguageModel, random: Random): string {
  if (model.nouns && random() < 0.5) {
    const head = model.nouns.draw(random);
    const tail = model.nouns.draw(random).toLowerCase();
    return `${head}${random() < 0.3 && !head.endsWith("s") ? "s" : ""}${tail}`;
  }
  return model.subjects.draw(random);
}

/** Rewrites a text: subject words by the topic's replacements, a few other content words by random ones. */
function rewrite(text: string, replacements: Map<string, string>, model: LanguageModel, random: Random, noise: number): string {
  return text.replace(WORD, (word) => {
    let replacement = replacements.get(fold(word));
    if (replacement === undefined && isContentWord(word) && random() < noise) replacement = model.common.draw(random);
    if (replacement === undefined) return word;
    // Keep the writer's casing: chat questions are lower case, German nouns in answers capitalised.
    const lower = replacement.toLowerCase();
    return word[0] === word[0]!.toLowerCase() ? lower : lower[0]!.toUpperCase() + lower.slice(1);
  });
}

export interface SyntheticOptions {
  /** Number of entries; every topic has a German and an English entry, so topics = entries / 2. */
  entries: number;
  seed: number;
}

/** Builds the synthetic base from the German and English entries of `source`. */
export function syntheticKnowledge(source: KnowledgeBase, options: SyntheticOptions): KnowledgeBase {
  const random = seededRandom(options.seed);
  const langs = ["de", "en"] as const;
  const models = Object.fromEntries(langs.map((lang) => [lang, learn(source, lang)])) as Record<(typeof langs)[number], LanguageModel>;
  const templates = [...source.topics.values()].filter((t) => langs.every((l) => t.entries.has(l)));
  if (!templates.length) throw new Error(`no topic in ${source.dir} has both a German and an English entry`);

  const topics = new Map<string, Topic>();
  const byTemplate = new Map<string, string[]>();
  const count = Math.ceil(options.entries / langs.length);
  for (let i = 0; i < count; i++) {
    const template = pick(random, templates);
    const id = `${template.id}-${i}`;
    const topic: Topic = { id, area: template.area, scope: template.scope, handling: template.handling, related: template.related, entries: new Map() };
    for (const lang of langs) {
      const model = models[lang];
      const real = template.entries.get(lang)!;
      const replacements = new Map([...(model.signature.get(template.id) ?? [])].map((w) => [w, subjectWord(model, random)]));
      const text = (s: string, noise = 0.05) => rewrite(s, replacements, model, random, noise);
      const questions = shuffled(random, real.questions).slice(0, 5 + Math.floor(random() * Math.min(11, real.questions.length - 4)));
      const body = text(real.body);
      const more = random() < 0.7 ? text(real.more) : "";
      const entry: Entry = {
        ...real,
        id,
        file: `synthetic/${lang}/${id}.md`,
        title: text(real.title, 0),
        questions: questions.map((q) => text(q, 0.02)),
        keywords: real.keywords.map((k) => text(k, 0)),
        related: [],
        regions: Object.fromEntries(Object.entries(real.regions).map(([land, note]) => [land, text(note)])),
        terms: Object.fromEntries(
          Object.entries(real.terms).map(([l, t]) => [l, { title: text(t.title, 0), keywords: shuffled(random, t.keywords.map((k) => text(k, 0))).slice(0, Math.max(3, Math.ceil(t.keywords.length * (0.6 + 0.4 * random())))) }]),
        ),
        body,
        more,
        bodyBlocks: markdownToBlocks(body),
        moreBlocks: more ? markdownToBlocks(more) : [],
      };
      topic.entries.set(lang, entry);
    }
    topics.set(id, topic);
    byTemplate.set(template.id, [...(byTemplate.get(template.id) ?? []), id]);
  }
  // Related topics: synthetic siblings of the template's related topics, as curated links would be.
  for (const topic of topics.values()) {
    const related = topic.related.flatMap((r) => {
      const siblings = byTemplate.get(r);
      return siblings ? [pick(random, siblings)] : [];
    });
    topic.related = related;
    for (const entry of topic.entries.values()) entry.related = related;
  }
  return { dir: `synthetic:${options.entries}:${options.seed}`, topics };
}

export interface SyntheticQuestion {
  q: string;
  /** The topic whose example question was paraphrased. */
  topic: string;
  lang: string;
}

const OPENERS: Record<string, string[]> = {
  de: ["hallo, kurze frage: ", "Hi, ", "moin! ", "Frage von einer Ehrenamtlichen: ", "weiß jemand, "],
  en: ["hi, quick question: ", "Hello! ", "hey, ", "Question from a volunteer: ", "does anyone know "],
};

/** A typo a phone keyboard makes: two neighbouring letters swapped, one dropped or one doubled. */
function typo(word: string, random: Random): string {
  const i = 1 + Math.floor(random() * (word.length - 3));
  const kind = random();
  if (kind < 0.4) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind < 0.7) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + word[i] + word.slice(i);
}

/**
 * Questions a volunteer might send about synthetic topics: an example question of a random entry,
 * changed the way chat messages are (lower case without punctuation, umlauts typed as ae/oe/ue,
 * a typo, a dropped word, a greeting), or only a few words of its title and keywords.
 */
export function paraphraseQuestions(kb: KnowledgeBase, count: number, seed: number): SyntheticQuestion[] {
  const random = seededRandom(seed);
  const topics = [...kb.topics.values()];
  const questions: SyntheticQuestion[] = [];
  while (questions.length < count) {
    const topic = pick(random, topics);
    const entry = pick(random, [...topic.entries.values()]);
    let q: string;
    if (random() < 0.15) {
      const words = [entry.title, ...entry.keywords].join(" ").match(WORD)?.filter(isContentWord) ?? [];
      q = shuffled(random, words).slice(0, 2 + Math.floor(random() * 3)).join(" ").toLowerCase();
    } else {
      // Translated entries may carry no example questions of their own: take another.
      if (!entry.questions.length) continue;
      q = pick(random, entry.questions);
      let words = q.split(" ");
      if (words.length > 4 && random() < 0.3) words.splice(Math.floor(random() * words.length), 1);
      if (random() < 0.3) {
        const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^\p{L}{6,}$/u.test(w));
        if (long.length) {
          const [w, i] = pick(random, long);
          words[i] = typo(w, random);
        }
      }
      q = words.join(" ");
      if (random() < 0.5) q = q.toLowerCase().replace(/[?!.,:;]/g, "");
      if (entry.lang === "de" && random() < 0.3) q = q.replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
      if (random() < 0.3) q = pick(random, OPENERS[entry.lang] ?? OPENERS.en!) + q;
    }
    if (q.trim()) questions.push({ q, topic: topic.id, lang: entry.lang });
  }
  return questions;
}
