import { AMBIGUOUS_NAMES, CURATED_NAMES, FIRST_NAMES, LAST_NAMES } from "./data/names.js";
import { type Finding, finding } from "./shared.js";

/**
 * Names without a form of address: "Amina hat angerufen", "bei Yonas", "Amina's interview",
 * "Олена Петренко", "محمد", found with a first-name and surname gazetteer (data/names.ts, see
 * data/README.md for sources and licences) and with surname endings ("-enko", "-zai", "-oğlu").
 * A name that is also an ordinary German or English word ("Rose", "Said", "Hoffnung") is taken
 * only next to another name ("Rose Haddad"); a name is never taken from a word list of
 * capitalised nouns: German capitalises every noun.
 */

const FIRST = new Set(FIRST_NAMES.split(" "));
const LAST = new Set(LAST_NAMES.split(" "));
const AMBIGUOUS = new Set(AMBIGUOUS_NAMES.split(" "));
const CURATED = new Set(CURATED_NAMES.split(" "));

// Cyrillic names are inflected ("Олену", "Петренку", "з Іваном"): compare stems.
const CYRILLIC = /^\p{Script=Cyrillic}/u;
// Places that inflect like names ("в Германии", "з Харкова").
const CYRILLIC_PLACE = /^(?:турц|туреч|сири|сирі|ірак|ирак|іран|иран|ганновер|ганнов|майнц|кельн|франкфурт|лейпциг|дрезден|бремен|штутгарт|дюссельдорф|чернігов|чернигов|миколаєв|николаев|полтав|херсон|суми|сумы|герман|німеччин|харк|харьк|одес|киев|київ|укра|росс|берлін|берлин|гамбург|мюнх|дніпр|днепр|львов|львів|запор|марiуп|маріуп|мариуп)/u;
const CYRILLIC_ENDING = /(?:ою|ой|ею|ей|ом|ем|ым|им|ові|еві|ого|ому|[аяоеуюіїиы])$/u;
const CYRILLIC_STEMS = new Set<string>();
for (const name of [...FIRST, ...LAST]) {
  if (!CYRILLIC.test(name) || AMBIGUOUS.has(name)) continue;
  CYRILLIC_STEMS.add(name.replace(CYRILLIC_ENDING, ""));
}

// Surname endings that no German or English word has (at this length).
const SURNAME_ENDING = /^\p{Lu}\p{Ll}{2,}(?:enko|tschuk|chuk|czuk|iuk|yuk|schwili|shvili|dze|oglu|oğlu|zadeh|zada|zoda|zai|yan|ović|ovic|owitsch|ovych|ovich|evich|ewitsch|ska|skyi|skyj|ski|ova|eva|owa|ewa|yev|iev|ov|ev)$/u;
const CYRILLIC_SURNAME_ENDING = /^\p{Lu}\p{Ll}{2,}(?:енко|чук|юк|ов|ова|ев|ева|ян)$/u;
// Arabic and Persian compound names: "…ullah", "Abdul…", "Abdel…", "Abdol…".
const THEOPHORIC = /^(?:\p{Lu}\p{Ll}{2,}(?:ullah|ollah|allah)|Abd(?:ul|el|ol|al|ur|or)[-‐]?\p{L}{3,})$/u;
const NOT_SURNAMES = new Set(["whisky", "husky", "kiev", "rostov", "pskov", "azov", "tambov", "kishinev"]);

// Words that end a name (kin and common nouns after a name: "Yonas Mutter", "Amina Termin").
export const NOUN_ENDING = /(?:ung|heit|keit|schaft|tion|ität|nis|chen|lein|ismus|ment|amt|kurs|geld|schule|zentrum|stelle|behörde|antrag|bescheid|termin|ärztin|arzt|ner|lerin|ler)(?:en|e|n|s|se)?$/u;

const TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*(?:['’](?:s(?![\p{L}]))?)?/gu;
const POSSESSIVE = /['’]s?$/u;
const PARTICLE = /^(?:al|el|ul|abu|bin|ibn)[-‐](?=\p{L})/iu;
const LOOSE_PARTICLE = /^(?:Al|El|al|el|bin|bint|ibn|Abu|abu|Abdel|Abdul|ben|Ben|Ould|ould)$/u;
const UNCASED = /^[\p{Script=Arabic}\p{Script=Ethiopic}]/u;
// Turkish case endings after an apostrophe belong to the name's sentence, not to the name: "Ahmet'in annesi", "Ayşe'ye".
const TURKISH_SUFFIX = /['’](?:n?[ıiuü]n|y?[ıiuüea]|[dt][ea]n?|n[dt]?[ea]|y?l[ea]|l[ea]r)$/u;
// Turkish forms of address after the name: "Mehmet Bey", "Ayşe Hanım".
const AFTER_NAME_TITLE = /^(?:Bey|Hanım|Hanim|Efendi|Khanum|Khanom)$/u;
// Before a name that is also a word: "it's Grace from the Monday group", "Liebe Grüße, Rose".
const INTRODUCES_NAME = /(?:\bit['’]s|\bit\s+is|\bthis\s+is|\bhier\s+ist|\bhier\s+spricht|\bich\s+bin|\bI['’]m|\bI\s+am|Grüße|Gruß|\bregards|\bthanks|\bLG|\bVG)[,:]?\s*$/iu;
// Joins two names: "Aliyu und Blessing", "Rose and Yonas".
const JOINS_NAMES = /^\s*(?:,|und|and|&|oder|or|sowie)\s*$/u;
// Arabic-script names common enough to take on their own in an Arabic or Persian message (no
// ordinary word is spelt like them; "علي", "عمر", "حسن", "نور" are words too and stay out).
const STRONG_ARABIC = new Set("محمد أحمد احمد فاطمة فاطمه مريم حسين يوسف إبراهيم ابراهيم عائشة زينب خديجة مصطفى محمود عبدالله خالد سارة ليلى مهدی زهرا رضایی احمدی محمدی حسینی کریمی رحیمی".split(" "));

interface Token {
  start: number;
  end: number;
  /** The word without a possessive "'s". */
  word: string;
  possessive: boolean;
}

type Hit = "name" | "ambiguous" | undefined;

/** Whether `word` (no possessive) is a gazetteer name, and whether it needs context. */
function lookup(word: string, lowercaseText: boolean, notNames: Set<string>, atSentenceStart: boolean): Hit {
  const lower = word.toLowerCase();
  if (notNames.has(lower)) return undefined;
  const cased = !UNCASED.test(word);
  const lowercase = cased && word[0] === word[0]!.toLowerCase();
  // In a message typed in lower case only the curated names count: "schenk ich", Turkish "veda", "kadin" are words.
  if (lowercase && (!lowercaseText || word.length < 4 || !CURATED.has(lower))) return undefined;
  if (cased && word.length > 1 && word === word.toUpperCase()) return undefined; // "BAMF", "ABH"
  // Mixed case is a product or acronym ("AsA", "WhatsApp"), not a name ("McKenzie" and "DeShawn" aside).
  if (cased && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(word) && !/['’-]/u.test(word) && !/^(?:Mc|Mac|De|Di|La|Le)\p{Lu}/u.test(word)) return undefined;
  const forms = [lower, lower.replace(PARTICLE, "")];
  // A German genitive: "Aminas Termin".
  if (lower.length > 4 && lower.endsWith("s")) forms.push(lower.slice(0, -1));
  let hit: Hit;
  for (const form of forms) {
    if (FIRST.has(form) || LAST.has(form)) {
      if (!AMBIGUOUS.has(form)) return "name";
      hit = "ambiguous";
    }
  }
  // Double names: "Haidari-Rezai", "Al-Hassan".
  const parts = lower.split(/[-‐]/).filter((p) => p.length >= 3);
  if (parts.length > 1 && parts.some((p) => (FIRST.has(p) || LAST.has(p)) && !AMBIGUOUS.has(p))) return "name";
  if (hit) return hit;
  if (lowercaseText && word[0] === word[0]!.toLowerCase()) return undefined; // the rules below need capitals
  if (CYRILLIC_PLACE.test(lower)) return undefined;
  if (CYRILLIC.test(word)) {
    for (let cut = 0; cut <= 3 && lower.length - cut >= 3; cut++) {
      const stem = lower.slice(0, lower.length - cut);
      if (CYRILLIC_STEMS.has(stem) || CYRILLIC_STEMS.has(stem.replace(CYRILLIC_ENDING, ""))) return "name";
    }
    if (CYRILLIC_SURNAME_ENDING.test(word) && !atSentenceStart) return "name";
    return undefined;
  }
  if (SURNAME_ENDING.test(word) && !NOT_SURNAMES.has(lower) && !AMBIGUOUS.has(lower)) return "name";
  if (THEOPHORIC.test(word)) return "name"; // "Habibullah", "Abdulwahid", "Nasrollah"
  if (PARTICLE.test(word) && /^\p{Lu}/u.test(word.replace(PARTICLE, ""))) return "name"; // "Al-Rashid"
  return undefined;
}

/** Whether the gazetteer lists `word` as a first name or surname. */
export function isGazetteerName(word: string): boolean {
  const lower = word.toLowerCase();
  return FIRST.has(lower) || LAST.has(lower);
}

/** A capitalised word right after a name that may be its surname ("Yonas Tesfaye"). */
function mayContinue(token: Token, notNames: Set<string>, embedded: boolean): boolean {
  const w = token.word;
  // An Arabic-script word next to an Arabic-script name in a German or English message is part of it.
  if (UNCASED.test(w)) return embedded;
  if (!/^\p{Lu}\p{Ll}/u.test(w) || w.length < 3) return false;
  const lower = w.toLowerCase();
  if (notNames.has(lower) || NOUN_ENDING.test(lower) || lower.length > 12) return false;
  return !AMBIGUOUS.has(lower) || FIRST.has(lower) || LAST.has(lower);
}

/** Whether a message is typed without capitals ("frau nasiri braucht hilfe"): then names are too. */
export function isLowercaseText(text: string): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  if (words.length < 5) return false;
  return words.filter((w) => /^\p{Lu}\p{Ll}/u.test(w)).length <= words.length * 0.05;
}

/** The script most letters of the message are in: in a Russian or Persian message, a word of that script is taken as a name more carefully. */
function mainScript(text: string): "cyrillic" | "arabic" | "other" {
  const letters = text.match(/\p{L}/gu) ?? [];
  const share = (re: RegExp) => letters.filter((l) => re.test(l)).length / Math.max(1, letters.length);
  if (share(/\p{Script=Cyrillic}/u) > 0.5) return "cyrillic";
  if (share(/\p{Script=Arabic}/u) > 0.5) return "arabic";
  return "other";
}

// Forms of address in Ukrainian, Russian, Arabic and Persian ("пані Олена", "السيد أحمد", "آقای رضایی").
const NATIVE_TITLE = /^(?:пан|пані|пане|г-н|г-жа|господин|госпожа|гражданин|السيد|السيدة|الأخ|الأخت|آقای|خانم|أم|أبو|ام|ابو)$/u;

export function findGazetteerNames(text: string, others: Finding[], notNames: Set<string>): Finding[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const turkish = /^\p{Lu}/u.test(m[0]) ? TURKISH_SUFFIX.exec(m[0]) : null;
    const possessive = POSSESSIVE.test(m[0]) || !!turkish;
    const word = turkish ? m[0].slice(0, turkish.index) : m[0].replace(POSSESSIVE, "");
    if (!word) continue;
    tokens.push({ start: m.index, end: m.index + word.length, word, possessive });
  }
  const lowercaseText = isLowercaseText(text);
  const taken = new Uint8Array(text.length);
  for (const f of others) taken.fill(1, f.start, f.end);
  const inOther = (t: Token) => taken.subarray(t.start, t.end).includes(1);
  const sentenceStart = (i: number) => i === 0 || /[.!?:\n]\s*$/u.test(text.slice(tokens[i - 1]!.end, tokens[i]!.start));
  const hits = tokens.map((t, i) => (inOther(t) ? undefined : lookup(t.word, lowercaseText, notNames, sentenceStart(i))));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (AFTER_NAME_TITLE.test(tokens[i + 1]!.word) && /^\p{Lu}\p{Ll}/u.test(t.word) && !notNames.has(t.word.toLowerCase()) && !inOther(t)) hits[i] = "name";
  }
  // Only a space between two tokens: "Amina Haddad", not "Amina, Haddad" or "Amina. Haddad".
  const adjacent = (a: number, b: number) => /^ $/.test(text.slice(tokens[a]!.end + (tokens[a]!.possessive ? 2 : 0), tokens[b]!.start));

  // In a message written in Cyrillic or Arabic script, a word of that script is a name only next
  // to another name or after a form of address; the lists hold words ("پیام" is also "message").
  const script = mainScript(text);
  if (script !== "other") {
    const re = script === "cyrillic" ? CYRILLIC : UNCASED;
    // A Cyrillic word the lists hold as it is ("Олена"), or a name-like word inside a sentence.
    const exact = (w: string) => FIRST.has(w.toLowerCase()) || LAST.has(w.toLowerCase());
    const strong = hits.map(
      (h, i) =>
        h === "name" &&
        ((script === "cyrillic" && re.test(tokens[i]!.word) && (exact(tokens[i]!.word) || !sentenceStart(i))) || (script === "arabic" && STRONG_ARABIC.has(tokens[i]!.word))),
    );
    for (let i = 0; i < tokens.length; i++) {
      if (!hits[i] || !re.test(tokens[i]!.word)) continue;
      const titled = i > 0 && NATIVE_TITLE.test(tokens[i - 1]!.word.toLowerCase());
      const paired = (i > 0 && hits[i - 1] && adjacent(i - 1, i)) || (i + 1 < tokens.length && hits[i + 1] && adjacent(i, i + 1));
      if (!titled && !paired && !strong[i]) hits[i] = undefined;
    }
  }

  const found: Finding[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let hit = hits[i];
    if (!hit) continue;
    if (hit === "ambiguous") {
      const next = i + 1 < tokens.length && adjacent(i, i + 1) && hits[i + 1] === "name";
      const prev = i > 0 && adjacent(i - 1, i) && hits[i - 1] === "name";
      const joined = (j: number) => j >= 0 && j < tokens.length && hits[j] === "name" && JOINS_NAMES.test(text.slice(tokens[Math.min(i, j)]!.end, tokens[Math.max(i, j)]!.start));
      const introduced = /^\p{Lu}/u.test(tokens[i]!.word) && INTRODUCES_NAME.test(text.slice(Math.max(0, tokens[i]!.start - 20), tokens[i]!.start));
      if (!next && !prev && !introduced && !joined(i - 1) && !joined(i + 1) && !joined(i - 2) && !joined(i + 2)) continue;
      hit = "name";
    }
    let end = tokens[i]!.end;
    // Up to two more name words: a surname the gazetteer does not know ("Yonas Ghebrezgiabiher").
    let j = i;
    while (j + 1 < tokens.length && j - i < 2 && !tokens[j]!.possessive && adjacent(j, j + 1) && !inOther(tokens[j + 1]!)) {
      const next = tokens[j + 1]!;
      // A particle and a name: "Abdulrahman Al Sheikh", "Fatima bint Ali".
      if (LOOSE_PARTICLE.test(next.word) && j + 2 < tokens.length && adjacent(j + 1, j + 2) && /^\p{Lu}/u.test(tokens[j + 2]!.word)) {
        j += 2;
        end = tokens[j]!.end;
        continue;
      }
      if (!hits[j + 1] && !mayContinue(next, notNames, script === "other" && UNCASED.test(tokens[j]!.word))) break;
      j++;
      end = next.end;
    }
    found.push(finding("name", tokens[i]!.start, end));
    i = j;
  }
  return found;
}
