// Development-time generator for names.ts (the name gazetteer). Not run at build or run time.
//
//   mkdir -p /tmp/fk && (cd /tmp/fk && npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz)
//   apt-get install wngerman wamerican      # /usr/share/dict/ngerman, /usr/share/dict/american-english
//   node src/escalation/redact/data/build-names.mjs /tmp/fk/package
//
// Sources and licences: see README.md next to this file.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const fakerDir = process.argv[2] ?? "/tmp/fk/package";
const LOCALES = ["de", "de_AT", "de_CH", "en", "en_GB", "uk", "ru", "ar", "fa", "tr", "az", "pl", "ro", "sr_RS_latin"];

const first = new Map(); // lower -> display
const last = new Map();
const add = (map, name) => {
  const n = name.normalize("NFC").replace(/\u200c/g, "").trim();
  if (!n || /\s/.test(n) || [...n].length < 3) return;
  if (!/^[\p{L}\p{M}'’-]+$/u.test(n)) return;
  map.set(n.toLowerCase(), n);
};
const flat = (x) => (!x ? [] : Array.isArray(x) ? x : Object.values(x).flat());

for (const loc of LOCALES) {
  const m = await import(join(fakerDir, "dist", "locale", `${loc}.js`));
  const faker = Object.values(m).find((v) => v && v.rawDefinitions);
  const p = faker.rawDefinitions.person ?? {};
  for (const n of flat(p.first_name)) add(first, n);
  for (const n of flat(p.last_name)) add(last, n);
}

// Latin transliterations of the Cyrillic names (English and German conventions).
const UK_EN = { а: "a", б: "b", в: "v", г: "h", ґ: "g", д: "d", е: "e", є: "ie", ж: "zh", з: "z", и: "y", і: "i", ї: "i", й: "i", к: "k", л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "kh", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ь: "", ю: "iu", я: "ia", ё: "e", ы: "y", э: "e", ъ: "" };
const RU_EN = { ...UK_EN, г: "g", е: "e", и: "i", й: "y", ю: "yu", я: "ya", х: "kh" };
const DE = { ...RU_EN, в: "w", ж: "sch", з: "s", й: "j", х: "ch", ц: "z", ч: "tsch", ш: "sch", щ: "schtsch", ю: "ju", я: "ja", є: "je", ї: "ji", ы: "y" };
const translit = (word, table) => {
  let out = "";
  for (const ch of word.toLowerCase()) out += table[ch] ?? ch;
  return out.charAt(0).toUpperCase() + out.slice(1);
};
for (const map of [first, last]) {
  for (const n of [...map.values()]) {
    if (!/^[\p{Script=Cyrillic}'’-]+$/u.test(n)) continue;
    for (const table of [UK_EN, RU_EN, DE]) add(map, translit(n, table));
  }
}

// The hand-curated transliterations (chosen as names: an obscure English word like "amir" does not make them ambiguous).
const curated = new Set();
for (const line of readFileSync(join(here, "curated-names.txt"), "utf8").split("\n")) {
  const m = /^(first|last):\s*(.*)$/.exec(line.trim());
  if (!m) continue;
  for (const n of m[2].split(/\s+/)) {
    add(m[1] === "first" ? first : last, n);
    curated.add(n.toLowerCase());
  }
}

// Turkish names also appear without their special letters.
const fold = (s) => s.replace(/ı/g, "i").replace(/İ/g, "I").replace(/[şŞ]/g, (c) => (c === "ş" ? "s" : "S")).replace(/[çÇ]/g, (c) => (c === "ç" ? "c" : "C")).replace(/[ğĞ]/g, (c) => (c === "ğ" ? "g" : "G")).replace(/ö/g, "o").replace(/ü/g, "u").replace(/Ö/g, "O").replace(/Ü/g, "U");
for (const map of [first, last]) for (const n of [...map.values()]) if (/[ışçğİŞÇĞ]/.test(n)) add(map, fold(n));

// Ordinary words: a name that is also a German or English word needs name context.
const ngerman = new Set(readFileSync("/usr/share/dict/ngerman", "utf8").split("\n"));
const ngermanLower = new Set([...ngerman].map((w) => w.toLowerCase()));
const english = readFileSync("/usr/share/dict/american-english", "utf8").split("\n");
const englishLower = new Set(english.filter((w) => w && w === w.toLowerCase()).map((w) => w.replace(/'s$/, "")));
const knowledgeWords = new Set();
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    // The example messages hold names; the knowledge texts' lower-case words are what counts.
    if (e.isDirectory()) {
      if (e.name !== "examples") walk(join(dir, e.name));
    } else if (/\.(md|ya?ml)$/.test(e.name)) {
      for (const w of readFileSync(join(dir, e.name), "utf8").match(/\p{L}+/gu) ?? []) if (w === w.toLowerCase()) knowledgeWords.add(w);
    }
  }
};
walk(join(root, "knowledge"));
const manual = new Set(readFileSync(join(here, "ambiguous-extra.txt"), "utf8").split(/\s+/).filter((w) => w && !w.startsWith("#")).map((w) => w.toLowerCase()));
const excluded = new Set(readFileSync(join(here, "not-names.txt"), "utf8").split(/\s+/).filter((w) => w && !w.startsWith("#")).map((w) => w.toLowerCase()));

const isGermanNoun = (name) => {
  if (!ngerman.has(name)) return false;
  return ["n", "en", "e", "er", "es", "nen"].some((s) => ngerman.has(name + s)) || ngerman.has(name.toLowerCase());
};
// A capitalised dictionary entry may be a first name ("Anna", "Peter"): that stays unambiguous
// unless the word also inflects like a noun; a surname in the dictionary ("Schimmel", "Koch") is a word.
const ambiguous = (lower, display, isFirst) =>
  manual.has(lower) ||
  (englishLower.has(lower) && !curated.has(lower)) ||
  (ngermanLower.has(lower) && (!ngerman.has(display) || !isFirst || isGermanNoun(display))) ||
  knowledgeWords.has(lower);

const firstOut = [], lastOut = [], ambOut = [];
for (const [map, out] of [[first, firstOut], [last, lastOut]]) {
  for (const [lower, display] of map) {
    if (excluded.has(lower)) continue;
    out.push(lower);
    if (ambiguous(lower, display, map === first && !last.has(lower))) ambOut.push(lower);
  }
}
const uniq = (a) => [...new Set(a)].sort();
const body = `// Generated by build-names.mjs: do not edit by hand. Sources and licences: README.md in this folder.
// Lower-case names, separated by spaces.

/** First names (faker-js locales de, en, uk, ru, ar, fa, tr, …, their Latin transliterations, curated-names.txt). */
export const FIRST_NAMES = ${JSON.stringify(uniq(firstOut).join(" "))};
/** Surnames, same sources. */
export const LAST_NAMES = ${JSON.stringify(uniq(lastOut).join(" "))};
/** The hand-curated transliterations (curated-names.txt): distinctive enough to take in a message typed in lower case. */
export const CURATED_NAMES = ${JSON.stringify(uniq([...curated].filter((n) => !ambOut.includes(n))).join(" "))};
/** Names that are also ordinary German or English words: taken only in name context. */
export const AMBIGUOUS_NAMES = ${JSON.stringify(uniq(ambOut).join(" "))};
`;
writeFileSync(join(here, "names.ts"), body);
console.log(`first ${uniq(firstOut).length}, last ${uniq(lastOut).length}, ambiguous ${uniq(ambOut).length}, ${body.length} bytes`);
