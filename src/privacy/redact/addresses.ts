import { type Finding, finding, matches, matchesAt, NOT_AFTER_WORD, NOT_BEFORE_WORD } from "./shared.js";

// German street names end in one of these words ("Lindenstraße", "Hafenweg", "Berliner Allee").
const STREET_SUFFIX = String.raw`(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|(?<![äa])ufer|chaussee|pfad|markt|graben|wall|kamp|stieg|steig|twiete|promenade)`;
const STREET_WORD = String.raw`(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee|Pfad|Markt|Graben|Wall|Kamp|Stieg|Steig|Twiete|Promenade)`;
// Compounds that end like a street but are not one: "Kitaplatz 3", "Fußweg 10 Minuten".
const NOT_STREETS = new Set(
  [
    "fußweg", "fussweg", "rechtsweg", "heimweg", "schulweg", "arbeitsweg", "ausweg", "umweg", "rückweg", "hinweg", "lösungsweg",
    "dienstweg", "instanzenweg", "klageweg", "postweg", "bildungsweg", "kitaplatz", "krippenplatz", "kindergartenplatz",
    "schulplatz", "ausbildungsplatz", "arbeitsplatz", "studienplatz", "kursplatz", "sprachkursplatz", "integrationskursplatz",
    "therapieplatz", "praktikumsplatz", "parkplatz", "sitzplatz", "listenplatz", "wartelistenplatz", "heimplatz",
    "betreuungsplatz", "hortplatz", "spielplatz", "stellplatz", "schlafplatz", "wohnheimplatz", "unterkunftsplatz",
    "arbeitsmarkt", "wohnungsmarkt", "supermarkt", "flohmarkt", "weihnachtsmarkt", "ausbildungsmarkt", "bahnsteig",
    "einstieg", "ausstieg", "aufstieg", "anstieg", "umstieg", "quereinstieg", "wiedereinstieg", "berufseinstieg",
  ],
);
// Adjectives before a street word: place names in -er or -sche ("Berliner Allee", "Salzdahlumer
// Str.", "Hannoversche Straße") and the common plain adjectives ("Alte Poststraße", "Lange Reihe").
// Nouns and pronouns ending in -er ("Vermieter", "Jeder") are excluded.
const PLAIN_ADJECTIVES = String.raw`(?:Alt|Neu|Lang|Hoh|Breit|Kurz|Groß|Gross|Klein|Ober|Unter|Hinter|Vorder|Inner|Äußer|Mittler|Schön|Still|Grün|Rot|Weiß|Schwarz|Hell|Dunkel|Krumm|Gerad|Heilig)(?:e|er|en|es)?`;
const NOT_ADJECTIVES = String.raw`(?:Der|Oder|Aber|Hier|Wieder|Immer|Unter|Über|Jeder|Dieser|Einer|Ihrer|Seiner|Unser|Euer|Vermieter|Mieter|Bruder|Vater|Sachbearbeiter|Nachbar|After|Over|Under|Either|Whether|Other|Her|Their|Our|Never|Ever|Later|Number|Letter|Manager|Officer)`;
const STREET_ADJECTIVE = String.raw`(?!${NOT_ADJECTIVES}\s)(?:${PLAIN_ADJECTIVES}|\p{Lu}\p{Ll}+(?:er|sche|scher|schen))\s`;
// House number: "12", "5a", "21 b", "12-14", "3/1", but not the start of "1,5 km" or "12.03.".
const HOUSE_NUMBER = String.raw`(?:Nr\.\s?)?\d{1,3}(?:\s?[a-hA-H](?![\p{L}\p{N}]))?(?:\s?[-–/]\s?\d{1,3}[a-h]?)?(?![\p{N}]|[.,:]\d)`;
const NOT_A_HOUSE_NUMBER_AFTER = String.raw`(?!\s*(?:Uhr|Euro|EUR|€|%|Minuten|Min\.|Stunden|Std\.|km|m|Meter|Jahre|Jahren|Tage|Tagen|Wochen|Monate|Monaten|Personen|Leute|Kinder|Familien|Termine|Mal|mal|x|years|minutes|hours|days|weeks|months|people|kids|children|euros?|times)(?![\p{L}]))`;

// "Lindenstraße 14", "Hauptstr. 5a", "Karl-Marx-Straße 112", "Alte Poststraße 7".
const NAMED_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:${STREET_ADJECTIVE})?((?:\p{Lu}\p{L}*\.?-)+${STREET_WORD}|\p{Lu}\p{Ll}+?${STREET_SUFFIX})` +
    String.raw`\s?${HOUSE_NUMBER}${NOT_A_HOUSE_NUMBER_AFTER}`,
  "gu",
);
// "Berliner Allee 10", "Frankfurter Str. 5": a bare street word is a street only after an adjective
// ("die Straße 5 Minuten weiter" is not an address).
const ADJECTIVE_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])${STREET_ADJECTIVE}(${STREET_WORD})\s?${HOUSE_NUMBER}${NOT_A_HOUSE_NUMBER_AFTER}`,
  "gu",
);

// Street names that are a preposition and a noun: "Am Markt 3", "Unter den Linden 5", "Zum Bahnhof 2".
// The same shape is ordinary German ("Am Montag 3 Termine"), so these count only where the text
// talks about living somewhere, or when a postcode follows.
const PREPOSITION_STREET = new RegExp(
  String.raw`${NOT_AFTER_WORD}(?:[Aa]m|[Ii]m|[Zz]um|[Zz]ur|[Bb]eim|(?:[Aa]n|[Aa]uf|[Ii]n|[Uu]nter|[Vv]or|[Hh]inter|[Zz]u|[Nn]eben|[Üü]ber)\s(?:der|den|dem))\s` +
    String.raw`(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?)\s${HOUSE_NUMBER}${NOT_A_HOUSE_NUMBER_AFTER}`,
  "gu",
);
const COMPOUND_STREET_NAME = new RegExp(String.raw`^\p{Lu}\p{Ll}+?${STREET_SUFFIX}$`, "u");
const STREET_WORD_AT_END = new RegExp(String.raw`\s${STREET_WORD}$`, "u");
const NOT_PREPOSITION_STREETS = new Set(
  [
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "wochenende", "januar", "februar", "märz",
    "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember", "anfang", "ende", "morgen",
    "abend", "nachmittag", "vormittag", "mittag", "moment", "jahr", "monat", "kurs", "sprachkurs", "integrationskurs",
    "termin", "schnitt", "durchschnitt", "prinzip", "grunde", "rahmen", "fall", "schluss", "telefon", "haus", "zimmer",
    "raum", "stock", "erdgeschoss", "wohnung", "unterkunft", "heim", "wohnheim", "jobcenter", "amt", "büro", "alter",
    "schuljahr", "semester", "moment", "gespräch", "notfall", "winter", "sommer", "frühjahr", "herbst", "bus", "zug",
  ],
);
const RESIDENCE_CONTEXT = /(?:wohn\w*|lebt|leben|lebte|Adresse|Anschrift|Unterkunft|Unterbringung|\bGU\b|\bEAE\b|\bHeim\b|gemeldet|zieh\w*|gezogen|Vermieter\w*|lives?|living|address|moved|moving|flat|apartment|shelter|accommodation|housed|stay(?:s|ing)?)[^\n]{0,50}$/iu;

// Postcode and town: "38100 Braunschweig", "60311 Frankfurt am Main", "06108 Halle (Saale)", or
// the licence-plate abbreviation people type instead of the town: "38106 BS".
const TOWN = String.raw`(?:\p{Lu}{1,3}${NOT_BEFORE_WORD}|\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*(?:\s(?:am|an der|im|in der|ob der|bei|vor der)\s\p{Lu}\p{Ll}+)?(?:\s?\(\p{Lu}\p{Ll}+\))?)`;
const POSTCODE_TOWN = new RegExp(String.raw`(?<![\p{L}\p{N}.,/-])(?:D-)?(\d{5})\s(${TOWN})${NOT_BEFORE_WORD}`, "gu");
// Five digits and a capitalised noun are also "20000 Menschen"; a postcode is taken when it
// follows a street, "in/nach/aus", "PLZ", or a residence word.
const POSTCODE_LEAD = /(?:\b(?:in|nach|aus|from|to|PLZ:?)\s*|^\s*)$/iu;
const NOT_TOWNS = new Set(["euro", "eur", "menschen", "personen", "leute", "flüchtlinge", "geflüchtete", "kinder", "stunden", "tage", "jahre", "anträge", "asylanträge", "fälle", "fällen", "plätze", "wohnungen", "people", "refugees", "euros"]);
// A room in a shared accommodation belongs to the address: "Hafenweg 7, Zimmer 12".
const ROOM_AFTER = /,?\s*(?:Zimmer|Zi\.|Raum|Whg\.|Wohnung|App\.|Apartment|room|flat|apt\.?)\s?(?:Nr\.\s?)?\d{1,4}[a-z]?(?![\p{L}\p{N}])/iuy;
const POSTCODE_AFTER = new RegExp(String.raw`,?\s*(?:D-)?\d{5}\s${TOWN}${NOT_BEFORE_WORD}`, "uy");
// English order, for the rare British or American address: "12 Baker Street".
const ENGLISH_STREET = new RegExp(
  String.raw`${NOT_AFTER_WORD}\d{1,4}\s(?:\p{Lu}\p{Ll}+\s){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Court|Crescent|Terrace|Square)${NOT_BEFORE_WORD}`,
  "gu",
);

export function findAddresses(text: string): Finding[] {
  const streets: Finding[] = [];
  for (const re of [NAMED_STREET, ADJECTIVE_STREET]) {
    for (const m of matches(re, text)) {
      if (NOT_STREETS.has(m[1]!.toLowerCase().replace(/-/g, ""))) continue;
      streets.push(finding("address", m.index, m.index + m[0].length));
    }
  }
  for (const m of matches(PREPOSITION_STREET, text)) {
    const name = m[1]!;
    if (NOT_PREPOSITION_STREETS.has(name.toLowerCase().split(/[ -]/)[0]!)) continue;
    // "in der Lindenstraße 5", "in der Berliner Straße 3": the other street rules have these, without "in der".
    if (COMPOUND_STREET_NAME.test(name) || STREET_WORD_AT_END.test(name)) continue;
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (!RESIDENCE_CONTEXT.test(before) && !matchesAt(POSTCODE_AFTER, text, end)) continue;
    streets.push(finding("address", m.index, end));
  }
  for (const m of matches(ENGLISH_STREET, text)) streets.push(finding("address", m.index, m.index + m[0].length));

  // Extend each street by a room and a postcode with town that follow it.
  for (const street of streets) {
    street.end += matchesAt(ROOM_AFTER, text, street.end)?.length ?? 0;
    street.end += matchesAt(POSTCODE_AFTER, text, street.end)?.length ?? 0;
  }

  const towns: Finding[] = [];
  for (const m of matches(POSTCODE_TOWN, text)) {
    const code = Number(m[1]);
    if (code < 1001 || NOT_TOWNS.has(m[2]!.toLowerCase())) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (!POSTCODE_LEAD.test(before) && !RESIDENCE_CONTEXT.test(before)) continue;
    towns.push(finding("address", m.index, m.index + m[0].length));
  }
  return [...streets, ...towns];
}

