import { stemmer as deStem } from "@orama/stemmers/german";
import { stemmer as enStem } from "@orama/stemmers/english";
import { stemmer as ruStem } from "@orama/stemmers/russian";
import { stemmer as ukStem } from "@orama/stemmers/ukrainian";
import { stemmer as arStem } from "@orama/stemmers/arabic";
import { deu, eng, rus, ukr, tur, ara, fas } from "stopword";

/**
 * Text analysis shared by the index and the query, so both sides fold alike.
 * Every word gets exactly one index form, whatever language it is in: a query word
 * counts once, and German, English and mixed questions meet the same terms.
 */

/**
 * Lower case, NFKC, ß -> ss, Latin diacritics stripped (ä -> a, é -> e, ş -> s), ё -> е, and the
 * Arabic-script spelling variants folded (arabicFold); other scripts untouched.
 */
export function basicFold(text: string): string {
  return arabicFold(
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/ß/g, "ss")
      .replace(/ı/g, "i") // Turkish dotless i: typed as i on German keyboards
      .replace(/ё/g, "е")
      .normalize("NFD")
      .replace(/([a-z])[\u0300-\u036f]+/g, "$1")
      .normalize("NFC"),
  );
}

/**
 * Arabic and Persian typed on phones: diacritics (harakat, superscript alef) and the tatweel are
 * dropped; Persian ی and ک and the Arabic alef maksura become Arabic ي and ك (keyboards mix them),
 * ة becomes ه, and hamza-carrying alefs become a bare alef. So "مدرسة" and "مدرسه", "کار" and
 * "كار" are one word.
 */
export function arabicFold(text: string): string {
  return text
    .replace(/[\u064b-\u065f\u0670\u0640]/g, "")
    .replace(/[\u06cc\u0649]/g, "\u064a")
    .replace(/\u06a9/g, "\u0643")
    .replace(/\u0629/g, "\u0647")
    .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627");
}

/**
 * The Arabic article and the one-letter prefixes written onto it: "والمدرسه", "بالبنك", "للمدرسه"
 * -> "مدرسه", "بنك". Only in front of the article (a bare و or ب also begins many words), and only
 * when at least three letters remain (Persian "الان", "now", stays).
 */
export function arabicPrefixStrip(word: string): string {
  const match = /^(?:[\u0648\u0641]?[\u0628\u0643\u0644]?\u0627\u0644|[\u0648\u0641]?\u0644\u0644)(.{3,})$/u.exec(word);
  return match ? match[1]! : word;
}

/**
 * German spelling without umlaut keys: "fluechtling" and "flüchtling" both become "fluchtling".
 * Applied after a consonant only, so vowel pairs such as in "neue" stay intact.
 */
export function germanFold(token: string): string {
  return token.replace(/([^aeiou])(a|o|u)e/g, "$1$2");
}

// Chat German the stop-word lists do not know: contractions and common misspellings of stop words.
const COLLOQUIAL = ["nen", "nem", "ner", "ne", "son", "sone", "is", "isn", "jetz", "grad", "gerad", "heist", "heisst", "bissl", "bisschen", "halt", "mal", "eh", "ok", "okay", "pls", "plz", "bitte", "danke", "hallo", "hi", "hey", "please", "thanks", "thx", "u", "ur", "pls", "gibts", "gehts", "hats", "wars", "isses"];

const STOPWORDS = new Set([...deu, ...eng, ...rus, ...ukr, ...tur, ...ara, ...fas, ...COLLOQUIAL].map((w) => germanFold(basicFold(w))));

const WORD = /[\p{L}\p{N}]+/gu;

// Colloquial verbs whose stems collide with content words ("kriegt" is not "Krieg", war).
const COLLOQUIAL_VERBS: Record<string, string> = { kriegt: "bekommt", kriegen: "bekommen", kriege: "bekomme", kriegst: "bekommst", gekriegt: "bekommen", kriegste: "bekommst" };

/** Folded surface words (no stemming, stop words kept). */
export function words(text: string): string[] {
  return (basicFold(text).match(WORD) ?? []).map((w) => COLLOQUIAL_VERBS[w] ?? germanFold(w));
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Content words: folded, without stop words and one-letter noise. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !isStopword(w));
}

export function scriptOf(word: string): "latin" | "cyrillic" | "arabic" | "other" {
  if (/[\u0400-\u04ff]/.test(word)) return "cyrillic";
  if (/[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/.test(word)) return "arabic";
  if (/[a-z]/.test(word)) return "latin";
  return "other";
}

/**
 * The one index form of a folded word. Latin script goes through the English and then the
 * German stemmer (each leaves the other language's words mostly alone), Cyrillic through the
 * Russian and Ukrainian ones, Arabic script through the Arabic one.
 */
export function stem(word: string): string {
  if (word.length < 4) return word;
  let result = stemCache.get(word);
  if (result === undefined) {
    result = stemUncached(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, result);
  }
  return result;
}

// Stemming dominates index build time; the vocabulary repeats a lot.
const stemCache = new Map<string, string>();

/**
 * stem() for the slices compound splitting tries: looks in the cache but does not add to it.
 * Nearly all slices are not words ("ldungsduldung"); caching them filled the cache past its
 * limit on a large knowledge base, so it was cleared again and again and real words re-stemmed.
 */
function stemSlice(slice: string): string {
  if (slice.length < 4) return slice;
  return stemCache.get(slice) ?? stemUncached(slice);
}

function stemUncached(word: string): string {
  switch (scriptOf(word)) {
    case "latin": {
      // "-ung" nouns meet their verbs: einbürgerung/einbürgern, ausbildung/ausbilden.
      const s = germanFold(deStem(enStem(word)));
      return s.length > 6 && s.endsWith("ung") ? s.slice(0, -3) : s;
    }
    case "cyrillic":
      return ukStem(ruStem(word));
    case "arabic":
      return arStem(word);
    default:
      return word;
  }
}

/**
 * Splits German compounds into parts that occur on their own in the knowledge base:
 * "pflegeausbildung" -> "pflege" + "ausbildung", "ausbildungsduldung" -> "ausbildung" + "duldung".
 * `known` holds the stems of all words of the knowledge base.
 */
export function decompound(word: string, known: ReadonlySet<string>): string[] {
  if (word.length < 9 || scriptOf(word) !== "latin") return [];
  let cache = decompoundCache.get(known);
  if (!cache) decompoundCache.set(known, (cache = new Map()));
  let parts = cache.get(word);
  if (!parts) {
    // Queries add their words too; bound the memory of a long-running process.
    if (cache.size > 200_000) cache.clear();
    cache.set(word, (parts = split(word, known)));
  }
  return parts;
}

const decompoundCache = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

function split(word: string, known: ReadonlySet<string>): string[] {
  for (let i = word.length - 4; i >= 4; i--) {
    const right = stemSlice(word.slice(i));
    if (!known.has(right)) continue;
    let left = stemSlice(word.slice(0, i));
    if (known.has(left)) return [left, right];
    if (word[i - 1] === "s" && known.has((left = stemSlice(word.slice(0, i - 1))))) return [left, right];
  }
  return [];
}

/** Index terms of a text: stems of content words, plus the parts of compounds. */
export function analyze(text: string, known?: ReadonlySet<string>): string[] {
  const terms: string[] = [];
  for (const word of contentWords(text)) {
    terms.push(stem(word));
    if (known) terms.push(...decompound(word, known));
  }
  return terms;
}
