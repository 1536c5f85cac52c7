import { BELIEF_ORIGIN } from "./data/belief-origin.js";
import { HEALTH_DE } from "./data/health-de.js";
import { HEALTH_DE_DETAILS } from "./data/health-de-details.js";
import { HEALTH_EN } from "./data/health-en.js";
import { HEALTH_WORLD } from "./data/health-world.js";
import { POLITICS_UNION } from "./data/politics-union.js";
import type { LexiconGroup } from "./lexicon-forms.js";

export type { LexiconGroup } from "./lexicon-forms.js";

/**
 * The lexicon of special categories of personal data (DSGVO Art. 9), written for Lotse: German and
 * English, everyday phrasings ("hat Zucker", "es mit den Nerven"), frequent misspellings, and the
 * common terms in Ukrainian, Russian, Arabic, Persian and Turkish. The terms live in data/ by
 * category (health-de.ts, health-de-details.ts, health-en.ts, health-world.ts, belief-origin.ts,
 * politics-union.ts); lexicon-forms.ts describes a group's fields.
 *
 * Health terms that name a diagnosis, a disability, a pregnancy or a treatment as a noun carry
 * that `variant` and are generalised as "[eine Erkrankung]", "[eine Behinderung]", "[eine
 * Schwangerschaft]", "[eine Behandlung]"; other health details (states, aids, medication,
 * phrases) as "[Gesundheitsangabe]".
 */
export const LEXICON: LexiconGroup[] = [...HEALTH_DE, ...HEALTH_DE_DETAILS, ...HEALTH_EN, ...HEALTH_WORLD, ...BELIEF_ORIGIN, ...POLITICS_UNION];

// A verb form that states something about someone, before a `predicate` term ("ist blind", "is Christian").
// German puts the subject after the verb in a question or after a fronted phrase: "Bei Familie X ist das Kind krank".
export const PREDICATE_BEFORE = String.raw`(?:ist|sind|war|wäre|wird|wurde|bin|bist|seid|is|are|was|were|am|be|being|als|become|became|gilt\s+als)\s+(?:(?:der|die|das|sein|seine|ihr|ihre|mein|meine|unser|unsere)\s+\p{L}+\s+)?(?:(?:auch|noch|schon|seit\s+\S+|jetzt|inzwischen|mittlerweile|langsam|allmählich|immer\s+mehr|nach\s+und\s+nach|also|now|still|slowly|gradually|a|an|ein|eine|einer|praktisch)\s+)*`;
// Words that belong to the predicate's detail: "fast blind", "auf einem Auge blind", "stark depressiv".
export const PREDICATE_DEGREE = String.raw`(?:(?:fast|halb|komplett|völlig|ganz|total|stark|schwer|leicht|sehr|teilweise|auf\s+einem\s+Auge|auf\s+einem\s+Ohr|partially|almost|completely|legally|very|severely|seriously)\s+)*`;

/** Compounds that end like a health word but are not health data ("Sehnsucht", "Ruhestörung"). */
export const NOT_HEALTH_COMPOUNDS = new Set([
  "sehnsucht", "eifersucht", "habsucht", "selbstsucht", "tobsucht", "herrschsucht", "geltungssucht", "ruhestörung", "betriebsstörung",
  "netzstörung", "zahlungsstörung", "verkehrsbehinderung", "lieferstörung", "funkstörung", "störung", "netzwerkstörung", "sucht",
  "versorgungsstörung", "geschäftsstörung", "computerinfektion", "störungen", "tumore", "pflichtverletzung", "pflichtverletzungen",
  "menschenrechtsverletzung", "menschenrechtsverletzungen", "datenschutzverletzung", "mitwirkungspflichtverletzung", "rechtsverletzung",
  "behördenversagen", "staatsversagen", "marktversagen", "führungsschwäche", "konjunkturschwäche", "rettungsoperation", "militäroperation",
  "polizeioperation", "sicherheitsvorfall", "sehnsüchtig", "eifersüchtig", "habsüchtig", "selbstsüchtig", "herrschsüchtig", "geltungssüchtig",
  "gefallsüchtig", "rachsüchtig", "streitsüchtig", "verkehrsbehindert", "liebeskrank", "therapie", "operation", "allergie", "diabetes", "epilepsie", "hepatitis", "schmerzen",
  // Added with the broader lexicon: compounds of "Behandlung", "Anfall", "Diagnose", "Klinik", "Verletzung", "Leiden".
  "behandlung", "gleichbehandlung", "ungleichbehandlung", "sonderbehandlung", "vorzugsbehandlung", "vorbehandlung", "weiterbehandlung",
  "anfall", "anfälle", "wutanfall", "wutanfälle", "lachanfall", "lachanfälle", "tobsuchtsanfall", "überfall", "diagnose", "klinik", "ambulanz",
  "tierklinik", "psychiatrie", "verletzung", "verletzungen", "vertragsverletzung", "aufsichtspflichtverletzung", "leiden", "mitleiden",
  "transplantation", "transfusion", "transfusionen", "bestrahlung", "blutung", "krebs", "krankheit", "erkrankung", "syndrom",
  "datentransfusion", "störungsmeldung", "operationen", "behinderung", "behinderungen", "beeinträchtigung",
]);
