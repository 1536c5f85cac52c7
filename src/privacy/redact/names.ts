import { findGazetteerNames, isGazetteerName, isLowercaseText, NOUN_ENDING } from "./names-gazetteer.js";
import { type Finding, finding, matches, matchesAt, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./shared.js";

// Names are found only where a form of address announces them: "Frau Yilmaz", "Herrn Ahmed
// Karimi", "Familie Al-Hassan", "Mrs. Haddad", "Frau M.", "the Petrenko family", "ihr Sohn Omar".
// Names without such a word ("Ahmed hat angerufen", "bei Yonas") come from the gazetteer
// (names-gazetteer.ts).
const HONORIFIC = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:Herrn?|Frau|Familie|Fam\.|Hrn?\.?|Fr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Mister|Family|Dr\.|Dr(?=\s\p{Lu})|Prof\.|namens|named|(?:Vor|Nach|Familien)?[Nn]ame:|(?:first|last|family)\s+name:|surname:)(?=\s)`,
  "gu",
);
const KIN = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:Sohn|Tochter|Ehemann|Ehefrau|Mann|Bruder|Schwester|Vater|Mutter|Neffe|Nichte|Cousin|Cousine|Onkel|Tante|Enkel|Enkelin|Schwager|Schwägerin|Klient|Klientin|Mandant|Mandantin|Nachbar|Nachbarin|Freund|Freundin|Kollege|Kollegin|Mitbewohner|Mitbewohnerin|Bewohner|Bewohnerin|client|neighbou?r|friend|colleague|roommate|flatmate|son|daughter|husband|wife|brother|sister|father|mother|nephew|niece|cousin|uncle|aunt|grandson|granddaughter)(?=\s)`,
  "gu",
);
// "Er heißt Mohammed Al-Sayed", "her name is Amina": only after a person, as "das heißt" is "that is".
const IS_CALLED = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:(?:[Ee]r|[Ss]ie|[Ii]ch|[Ss]ohn|[Tt]ochter|[Mm]ann|[Kk]ind|[Bb]aby|[Vv]ater|[Mm]utter|[Bb]ruder|[Ss]chwester)\s+(?:heißt|heisst|hieß)|(?:[Hh]is|[Hh]er|[Mm]y|[Tt]heir)\s+(?:\w+\s)?name\s+is|is\s+called)(?=\s)`,
  "gu",
);
const THE_FAMILY = new RegExp(String.raw`${NOT_AFTER_WORD}[Tt]he\s(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?)\sfamily${NOT_BEFORE_WORD}`, "gu");
// Academic and job titles between form of address and name are not the name: "Frau Dr. med.
// Schulze", "Herr Prof. Dr. Meier", "Frau Sachbearbeiterin Krause".
const TITLES = new RegExp(
  String.raw`(?:\s+(?:Dr\.|Prof\.|Dipl\.-?\p{L}*\.?|med\.|rer\.|nat\.|phil\.|jur\.|dent\.|h\.\s?c\.|` +
    String.raw`(?:Doktor|Professor|Pfarrer|Pastor|Rechtsanwalt|Rechtsanwältin|Anwalt|Anwältin|Bürgermeister|Richter|Minister|Direktor|Kollege|Kollegin|Nachbar|Lehrer|Sachbearbeiter|Betreuer|Ärztin|Arzt|Präsident|President|Koordinator|Ansprechpartner|Berater|Leiter|Kursleiter|Dozent)(?:in)?${NOT_BEFORE_WORD}))*`,
  "uy",
);
// Name particles: Arabic ones may start any name word ("Fatima al-Hassan"), European ones only the
// first ("Familie von der Leyen"), because "Frau Weber von der Beratungsstelle" is not a name.
const ARABIC_PARTICLE = String.raw`(?:al|el|ul|bin|ben|ibn|abu|bint)[ -]`;
const EUROPEAN_PARTICLE = String.raw`(?:von der|von dem|von|van der|van den|van|de la|de|da|di|del|dos|du|le|la|ter|ten)\s`;
// One name word after a space: an initial ("M."), or a capitalised word ("Öztürk", "O'Neill",
// "Al-Rashid") with an optional particle; an English possessive "'s" is matched apart so that
// "Mr Nouri's IBAN" redacts "Nouri" and stops there.
const NAME_TOKEN = new RegExp(
  String.raw`(\s+)(${EUROPEAN_PARTICLE})?((?:${ARABIC_PARTICLE})?(?:\p{Lu}\.(?!\p{L})|\p{Lu}\p{L}*(?:['’]\p{Lu}\p{L}*)?(?:-\p{L}+)*))(['’]s${NOT_BEFORE_WORD})?`,
  "uy",
);

// Capitalised words that follow "Frau", "Herr" or "Familie" in ordinary sentences ("der Frau
// Bescheid geben", "mit der Familie Kontakt aufnehmen", "Herr Ahmadi BAMF-Post") and must not be
// taken for names. Compared in lower case.
export const NOT_NAMES = new Set(
  `ich du er sie es wir ihr ihnen ihre ihren ihrem ihrer sein seine seinen dich dir mich mir uns euch der die das den dem des
  ein eine einen einem einer und oder aber mit von vom zum zur im am bei beim in auf an für nach aus wegen ohne seit bis über
  unter hat ist war wird kann muss soll will möchte braucht bekommt
  bescheid termin termine hilfe post brief briefe geld arbeit zeit kontakt deutsch englisch arabisch farsi dari paschtu
  russisch ukrainisch türkisch kurdisch tigrinya somali französisch unterstützung angst sorgen probleme problem fragen frage
  antwort anruf nachricht unterlagen dokumente papiere formulare formular antrag anträge widerspruch klage asyl asylantrag
  aufenthalt duldung kinder kind sohn tochter mann frau herr herrn familie familien wohnung miete jobcenter bamf
  ausländerbehörde sozialamt kita schule arzt ärztin krankenhaus heute morgen gestern bürgergeld leistungen kindergeld
  sprachkurs integrationskurs deutschkurs anwalt anwältin beratung dolmetscher dolmetscherin bescheinigung unterschrift
  schreiben recht glück info infos einladung ladung anhörung interview ticket handy telefon tel email e-mail mail nummer
  adresse straße wohnheim unterkunft heim zuhause deutschland caritas diakonie awo drk tafel kirche stadt landkreis gemeinde
  rathaus polizei gericht montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli
  august september oktober november dezember bitte danke hallo ja nein vielleicht auch noch schon sehr
  i you he she we they it the a an and or but for from at in on to with is was has had will can could would should did does
  do am are be not no yes this that today tomorrow yesterday german english arabic ukrainian russian turkish kurdish pashto
  french germany monday tuesday wednesday thursday friday saturday sunday january february march june july october december
  reunification please thanks hello staat gott jesus sprechstunde sprechzeiten sprechzeit öffnungszeiten geschlossen
  mutter vater bruder schwester eltern oma opa baby klient klientin allah islam christ muslim muslima liebe hoffnung
  afghan albanian syrian iraqi iranian eritrean somali georgian nigerian ethiopian sudanese yemeni palestinian chechen
  visum pass sachen kleidung möbel hefte schulhefte auskünfte auskunft hause sierra leone
  bey hanım hanim efendi mr mrs ms miss dr prof ministry assistance affairs office court services support centre center fund programme program benefit benefits allowance law members`.split(/\s+/),
);

// In a message typed without capitals ("frau jawadi hat krebs"), the word after a form of address is the name.
const LOWERCASE_HONORIFIC = new RegExp(String.raw`${NOT_AFTER_WORD}(?:herrn?|frau|familie|fam\.|hr\.|fr\.|mr\.?|mrs\.?|ms\.?|miss)\s+(\p{Ll}[\p{Ll}'’-]{2,})${NOT_BEFORE_WORD}`, "gu");

export function findNames(text: string, others: Finding[] = []): Finding[] {
  const found: Finding[] = findGazetteerNames(text, others, NOT_NAMES);
  if (isLowercaseText(text)) {
    for (const m of matches(LOWERCASE_HONORIFIC, text)) {
      const word = m[1]!;
      if (NOT_NAMES.has(word.toLowerCase()) || NOUN_ENDING.test(word)) continue;
      const start = m.index + m[0].length - word.length;
      found.push(finding("name", start, start + word.length));
    }
  }
  for (const m of matches(HONORIFIC, text)) {
    // Up to three words: given name and a two-part surname ("Frau Fatima Haidari Rezai").
    const name = nameAfter(text, m.index + m[0].length, 3);
    if (name) found.push(name);
  }
  for (const m of matches(IS_CALLED, text)) {
    const name = nameAfter(text, m.index + m[0].length, 3);
    if (name) found.push(name);
  }
  for (const m of matches(KIN, text)) {
    // "die Mutter von Amina": after a kin word, "von" is "of", not a name particle.
    const name = nameAfter(text, m.index + m[0].length, 1, false);
    if (name) found.push(name);
  }
  for (const m of matches(THE_FAMILY, text)) {
    if (isNameWord(m[1]!, true)) {
      const start = m.index + m[0].indexOf(m[1]!);
      found.push(finding("name", start, start + m[1]!.length));
    }
  }
  return found;
}

/** Up to `max` name words after a form of address, skipping titles ("Frau Dr. Schneider"). */
function nameAfter(text: string, from: number, max: number, particles = true): Finding | undefined {
  let at = from + (matchesAt(TITLES, text, from)?.length ?? 0);
  let start = -1;
  let end = -1;
  for (let count = 0; count < max; count++) {
    NAME_TOKEN.lastIndex = at;
    const m = NAME_TOKEN.exec(text);
    if (!m || (m[2] && (count > 0 || !particles)) || !isNameWord(m[3]!, count === 0)) break;
    if (start < 0) start = at + m[1]!.length;
    end = at + m[1]!.length + (m[2]?.length ?? 0) + m[3]!.length;
    at = end;
    if (m[4]) break; // "Mrs Amini's son": what follows a possessive is not part of the name
  }
  return start < 0 ? undefined : finding("name", start, end);
}

function isNameWord(word: string, first: boolean): boolean {
  const bare = word.replace(new RegExp(`^${ARABIC_PARTICLE}`, "u"), "");
  if (NOT_NAMES.has(bare.toLowerCase())) return false;
  // German nouns after "Familie" or "Bewohner" ("Familie Sozialleistungen", "einen Bewohner Auskünfte"):
  // noun endings and long compounds, unless the gazetteer knows the word as a name.
  // A double name ("Schulte-Bäumer") is judged by its parts: the length rule is for single words.
  const longest = Math.max(...bare.split("-").map((part) => part.length));
  if ((NOUN_ENDING.test(bare.toLowerCase()) || longest > 13) && !isGazetteerName(bare)) return false;
  // Abbreviations ("BAMF", "ABH") are names only in the first position, where forms write
  // surnames in capitals ("Frau YILMAZ").
  if (bare.length > 1 && bare === bare.toUpperCase() && !bare.endsWith(".")) return first && bare.length >= 3;
  return true;
}

