import { DEGREE_DE, type LexiconGroup } from "../lexicon-forms.js";

/**
 * Health data in German (DSGVO Art. 9), written for Lotse: diagnoses and their everyday names,
 * frequent misspellings, disabilities, pregnancy, medication, therapy, and the phrases around a
 * diagnosis the lexicon does not know ("leidet an …", "ist an … erkrankt", "Tabletten gegen …").
 */

// Adjectives that belong to a diagnosis ("schwere Depression"): lexicon-forms.ts.
const DEGREE = DEGREE_DE;
// Body parts, for "Schilddrüsenprobleme", "Magenbeschwerden", "Nierenentzündung".
const BODY = String.raw`Hör|Seh|Gedächtnis|Leisten|Rippen|Nabel|Schlüsselbein|Knöchel|Handgelenk|Oberschenkel|Schädel|Wirbel|Eierstock|Eierstöcke|Gebärmutter|Blinddarm|Mandel|Mandeln|Zahnfleisch|Muskel|Knochen|Bauchspeicheldrüsen|Milz|Lymph|Herz|Herzens|Rücken|Knie|Magen|Darm|Nieren|Lungen|Leber|Schilddrüsen|Augen|Ohren|Haut|Zahn|Zähne|Gelenk|Gelenke|Hüft|Kreislauf|Blutdruck|Atem|Atemwegs|Schlaf|Bauch|Kopf|Brust|Unterleibs|Nerven|Gallen|Blasen|Prostata|Bandscheiben|Wirbelsäulen|Menstruations|Hirn|Gehirn|Bein|Arm|Fuß|Hand|Schulter|Nacken`;

export const HEALTH_DE: LexiconGroup[] = [
  // ---- Diagnoses
  {
    kind: "health",
    variant: "condition",
    inflect: true,
    terms: [
      String.raw`${DEGREE}(?:Krankheit|Erkrankung|Krankheiten|Erkrankungen|Vorerkrankung|Vorerkrankungen)`,
      String.raw`${DEGREE}(?:Epilepsie|Epilepsi|Epilepsy|Epelepsie|Epilebsie|Anfallsleiden|Fallsucht)|epileptische[rn]?\s+Anfäll?e|Krampfanfälle|Krampfanfall|Epi-?Anfäll?e|Epi-?Anfall`,
      String.raw`(?:Typ-?[12I]{1,2}-?)?Diabetes(?:\s+(?:Typ|type)\s?(?:1|2|I|II)|\s+mellitus)?|Diabetis|Diabetus|Diabetees|Zuckerkrankheit|Zuckerkrank|Schwangerschaftsdiabetes`,
      String.raw`${DEGREE}(?:Krebs|Tumor|Tumore|Tumoren|Leukämie|Leukemie|Lymphom|Metastasen|Karzinom|Sarkom|Melanom|Hirntumor|Krebserkrankung)(?:\s+(?:im|in\s+der|an\s+der|am)\s+(?:Endstadium|Anfangsstadium|fortgeschrittenen\s+Stadium|Kopf|Gehirn|Bauch|Brust|Lunge|Darm|Magen|Knochen|Blut|Hals|Unterleib))?`,
      String.raw`HIV|Aids|HIV-Infektion|Hepatitis(?:\s?[A-E])?|Tuberkulose|Tuberkolose|TBC|Syphilis|Malaria|Krätze|Skabies|Läuse|Kopfläuse|Long\s?Covid|Masern|Windpocken|Typhus|Cholera|Bilharziose|Leishmaniose|Herpes|Tripper|Chlamydien`,
      String.raw`Asthma\s+bronchiale|Asthma|Asma|Astma|COPD|Mukoviszidose|Lungenfibrose|Schlafapnoe|Bronchitis|Lungenentzündung`,
      String.raw`Herzinfarkt|Infarkt|Schlaganfall|Hirnblutung|Herzfehler|Herzschwäche|Herzinsuffizienz|Herzprobleme|Herzrhythmusstörungen|Bluthochdruck|Thrombose|Embolie|Herzklappenfehler`,
      String.raw`Niereninsuffizienz|Nierenversagen|Nierenkrankheit|Nierensteine|Leberzirrhose|Zirrhose|Fettleber|Dialysepflicht`,
      String.raw`Demenz|Alzheimer|Parkinson|Multiple(?:n)?\s+Sklerose|MS-Erkrankung|Rheuma|Arthrose|Arthritis|Gicht|Morbus\s+\p{Lu}\p{Ll}+|Sichelzellanämie|Sichelzellkrankheit|Sichelzellen|Thalassämie|Anämie|Blutarmut|Hämophilie|Bluterkrankheit|Muskeldystrophie|Hydrocephalus|Wasserkopf`,
      String.raw`Hashimoto|Schilddrüsenunterfunktion|Schilddrüsenüberfunktion|Adipositas|Migräne|Tinnitus|Neurodermitis|Schuppenflechte|Psoriasis|Allergie|Zöliakie|Morbus\s+Crohn|Colitis`,
      String.raw`${DEGREE}(?:Depressionen|Depression|Depresion|Depresionen|Depresssion|Depri|Angststörung(?:en)?|Angsterkrankung|Panikattacken|Panikattacke|Panikstörung|Psychose|Psychosen|Schizophrenie|Schizofrenie|Schitzophrenie|Schizophränie)`,
      String.raw`${DEGREE}(?:bipolare\s+Störung|Borderline(?:-Störung)?|Zwangsstörung|Persönlichkeitsstörung|PTBS|PTSB|PTSD|Belastungsstörung|Traumafolgestörung|Trauma(?!\s+(?:centre|center|clinic|unit|ward|team))|Traumata|Kriegstrauma|Traumatisierung|dissoziative\s+Störung|Wahnvorstellungen|Halluzinationen|Albträume|Alpträume|Flashbacks)`,
      String.raw`Essstörung|Magersucht|Anorexie|Bulimie|ADHS|ADHD|Autismus|Autissmus|Autismus-Spektrum-Störung|Asperger(?:-Syndrom)?|Down-Syndrom|Trisomie\s?21|Entwicklungsverzögerung|Entwicklungsstörung|Legasthenie|Stottern|stottert`,
      String.raw`Drogensucht|Alkoholsucht|Spielsucht|Medikamentensucht|Heroinsucht|Abhängigkeit|Drogenabhängigkeit|Alkoholabhängigkeit|Alkoholismus|Alkoholproblem(?:e)?|Drogenproblem(?:e)?`,
      String.raw`Suizidgedanken|Selbstmordgedanken|Suizidversuch|Selbstmordversuch|Suizidalität|Selbstverletzung|selbstverletzendes\s+Verhalten|Nervenzusammenbruch|Burn-?out|Schlafstörungen|Schlaflosigkeit|erwerbsunfähig|arbeitsunfähig|berufsunfähig|dienstunfähig|Erwerbsminderung|erwerbsgemindert|Erwerbsminderungsrente|Arbeitsunfähigkeit`,
      String.raw`Bandscheibenvorfall|Bandscheibe|Schmerzen|chronische\s+Schmerzen|Knochenbruch|Beinbruch|Armbruch|Kriegsverletzung|Schussverletzung|Granatsplitter|Verbrennungen|Schädel-Hirn-Trauma|Hirnverletzung|Pflegefall|Fieber|Blutungen|Inkontinenz|Lähmungen|Ausschlag|Hautausschlag|Durchfall|Erbrechen|Atemnot|Juckreiz|Ekzem|Koma|Wachkoma|Ohnmachtsanfälle|Schwindelanfälle`,
      String.raw`(?:Zysten|Zyste)(?:\s+(?:an|in|am|im)\s+(?:der|den|dem)?\s*\p{L}+)?|(?:Grüne[nr]?|Graue[nr]?)\s+Star|Glaukom|Katarakt|Gelbsucht|Osteoporose|Bettnässen|Einnässen|nässt\s+(?:\S+\s+)?ein|unfruchtbar|Unfruchtbarkeit|Kinderwunschbehandlung|künstliche\s+Befruchtung|Lese-Rechtschreib-Schwäche|LRS|Rechenschwäche|Dyskalkulie|Bluter`,
      String.raw`Fehlgeburt|Totgeburt|Frühgeburt|Unfruchtbarkeit|Präeklampsie|Schwangerschaftsvergiftung|Wochenbettdepression`,
    ],
  },
  // ---- Disabilities, named as nouns: "[eine Behinderung]"
  {
    kind: "health",
    variant: "disability",
    inflect: true,
    terms: [
      String.raw`${DEGREE}(?:Behinderung|Lernbehinderung|Sehbehinderung|Hörbehinderung|Gehbehinderung|Sprachbehinderung|Körperbehinderung|Mehrfachbehinderung|Schwerbehinderung|Beeinträchtigung|Beeinträchtigungen|Einschränkung|Einschränkungen|Intelligenzminderung)`,
      String.raw`${DEGREE}(?:Querschnittslähmung|Lähmung|Halbseitenlähmung)|Spastik|Zerebralparese|Kinderlähmung|Polio|Blindheit|Taubheit|Gehörlosigkeit|Amputation|Kleinwuchs`,
    ],
  },
  // ---- Pregnancy, named as a noun: "[eine Schwangerschaft]"
  {
    kind: "health",
    variant: "pregnancy",
    terms: [String.raw`Schwangerschaft|Risikoschwangerschaft|Zwillingsschwangerschaft|Mehrlingsschwangerschaft|Schwangerschaften`],
  },
  // ---- Treatments, named as nouns: "[eine Behandlung]"
  {
    kind: "health",
    variant: "treatment",
    terms: [
      String.raw`Chemo|Chemotherapie|Bestrahlung|Strahlentherapie|Dialyse|Blutwäsche|Psychotherapie|Traumatherapie|Physiotherapie|Ergotherapie|Logopädie|Hormontherapie|Verhaltenstherapie|Gesprächstherapie|Substitutionstherapie|Substitutionsbehandlung|Substitutionsprogramm|Substitution`,
      String.raw`Reha|Rehabilitation|Entgiftung|Drogenentzug|Alkoholentzug|Entzugstherapie|Langzeittherapie|Transplantation|Nierentransplantation|Lebertransplantation|Organtransplantation|Bluttransfusion(?:en)?|Operation|Herzoperation|Kaiserschnitt|Abtreibung|Schwangerschaftsabbruch|psychiatrische[rn]?\s+Behandlung|ärztliche[rn]?\s+Behandlung|Krebsbehandlung|Therapie`,
    ],
  },
  // "OP" is an operation only in capitals ("op" is not a word a German message has otherwise).
  { kind: "health", variant: "treatment", cased: true, terms: [String.raw`OP|OPs|Herz-OP|Knie-OP|Hüft-OP`] },
  // Diagnoses the lexicon does not list, by their medical endings: "Osteoporose", "Gastritis",
  // "Neuropathie", "Tetraplegie", "Fibromyalgie", "Glaukom" (not "Diagnose", "Arbeitslose", "Sympathie", "Nostalgie").
  {
    kind: "health",
    variant: "condition",
    cased: true,
    terms: [
      String.raw`(?!(?:Diagnose|Prognose|Hypnose|Osmose|Symbiose|Metamorphose|Apotheose|Mimose|Aprikose|Franzose|Matrose|Virtuose|Kolchose|Glukose|Dextrose|Laktose|Fruktose|Saccharose|Zellulose|Cellulose)\b)\p{Lu}\p{Ll}{2,}(?:ose|osen)(?<!lose|losen|dose|dosen|hose|hosen|rose|rosen|pose|posen)`,
      String.raw`\p{Lu}\p{Ll}{2,}(?:itis|ämie|ämien|plegie|myalgie|neuralgie|stenose|sklerose|karzinom|myom|lipom|glaukom|adenom|hämatom|fibrom)|(?!(?:Sympathie|Empathie|Antipathie|Telepathie|Homöopathie|Osteopathie|Naturheilkunde)\b)\p{Lu}\p{Ll}{2,}pathie`,
    ],
  },
  // "hatte wieder einen Anfall": a seizure (a noun, so capitalised).
  { kind: "health", variant: "condition", cased: true, terms: [String.raw`(?:(?:epileptische[nrs]?|schwere[nrs]?|leichte[nrs]?|mehrere|viele)\s+)?(?:Anfall|Anfälle|Anfällen)`] },
  // Abbreviations that are German words in lower case ("als", "ads").
  { kind: "health", variant: "condition", cased: true, terms: [String.raw`ALS|ADS|MS`] },
  { kind: "health", variant: "condition", terms: [String.raw`(?<=(?:hat|hatte|haben|hatten|mit|an)\s+)(?:Corona|Covid(?:-19)?)`] },
  // ---- Everyday phrasings: "hat Zucker", "hat es mit den Nerven", "was mit dem Herz", "Loch im Herzen".
  {
    kind: "health",
    variant: "condition",
    terms: [
      String.raw`(?<=(?:hat|habe|hast|haben|hatte|hätte|mit|wegen)\s+(?:(?:auch|schon|seit\s+\S+|wohl|jetzt|dem|den|ihrem|seinem)\s+)*)Zucker`,
      String.raw`es\s+(?:mit\s+den|an\s+den)\s+Nerven|mit\s+den\s+Nerven\s+(?:(?:völlig|total|ziemlich|komplett)\s+)?(?:am\s+Ende|fertig|runter|durch)|nervlich\s+(?:am\s+Ende|fertig|angeschlagen)|psychisch\s+(?:am\s+Ende|fertig|nicht\s+stabil)`,
      String.raw`(?:es|was|etwas)\s+(?:mit|an|am|im)\s+(?:(?:dem|den|der)\s+)?(?:Herzen|Herz|Rücken|Magen|Nerven|Lunge|Leber|Niere|Nieren|Galle|Schilddrüse|Bandscheibe|Psyche|Augen|Auge|Ohren|Knie|Hüfte|Kopf|Blut|Zucker|Bein|Beinen|Darm|Blase)`,
      String.raw`seelisch\s+(?:krank|belastet|angeschlagen|am\s+Ende)|Probleme\s+mit\s+(?:dem|der|den)\s+(?:Rücken|Herzen|Herz|Knie|Knien|Augen|Ohren|Nieren|Lunge|Psyche|Nerven|Magen|Hüfte|Gelenken|Schilddrüse|Blutdruck|Zucker)`,
      String.raw`(?:${BODY})(?:-)?(?:probleme|problemen|problem|beschwerden|schmerzen|weh|leiden|schädigung|schaden|verlust|bruch|brüche|entfernung|zyste|zysten|kolik|erkrankung|erkrankungen|krankheit|entzündung|schwäche|störung|störungen|op|operation|infekt|infektion|tumor|krebs|blutung|versagen)`,
      String.raw`Loch\s+im\s+Herzen|Wasser\s+in\s+(?:den\s+Beinen|der\s+Lunge)|(?:schwaches|schlechtes|krankes)\s+Herz|(?:kaputten|kaputter|kaputtes)\s+(?:Rücken|Knie|Herz)|hört\s+Stimmen|sieht\s+Dinge,?\s+die\s+nicht\s+da\s+sind|ritzt\s+sich|verletzt\s+sich\s+selbst`,
      String.raw`(?:sieht|hört)\s+(?:\S+\s+){0,4}?(?:schlecht|nichts(?:\s+mehr)?|kaum(?:\s+noch)?(?:\s+etwas)?)|auf\s+(?:einem|dem\s+(?:linken|rechten))\s+(?:Auge|Ohr)\s+(?:(?:fast|komplett|völlig)\s+)?(?:blind|taub)`,
      String.raw`will\s+(?:nicht\s+mehr\s+leben|sterben|sich\s+(?:das\s+Leben\s+nehmen|umbringen|etwas\s+antun|töten))|(?:hat\s+)?versucht,?\s+sich\s+(?:das\s+Leben\s+zu\s+nehmen|umzubringen|etwas\s+anzutun)|Lebensmüde|lebensmüde|Todeswunsch`,
      String.raw`trinkt\s+(?:(?:zu|sehr|ziemlich)\s+)?viel(?:\s+Alkohol)?|säuft|kann\s+(?:nicht\s+mehr|kaum|nicht)\s+(?:richtig\s+)?(?:laufen|sehen|hören|sprechen|stehen)|sieht\s+(?:sehr\s+)?schlecht|hört\s+(?:sehr\s+)?schlecht`,
    ],
  },
  // A diagnosis the lexicon does not know, after "leidet an", "ist an … erkrankt", "Diagnose: …",
  // "Tabletten gegen …", "wird wegen … behandelt". Case-sensitive: the diagnosis is a capitalised noun.
  {
    kind: "health",
    variant: "condition",
    cased: true,
    terms: [
      String.raw`(?<=(?:leidet|litt|leiden|erkrankt|erkrankte|erkrankten)\s+an\s+(?:(?:einer|einem|einen|eine|chronischer|chronischem|schwerer|schwerem|akuter|akutem|seltener|seltenem)\s+)*)\p{Lu}\p{Ll}+(?:[\s-]\p{Lu}\p{Ll}+)?`,
      String.raw`(?<=(?:leidet|litt|leiden)\s+(?:(?:seit\s+\S+|sehr|stark|schwer)\s+)*unter\s+(?:(?:einer|einem|einen|eine|chronischer|chronischen|schwerer|schweren|starken|starker|ständigen|ständiger)\s+)*)\p{Lu}\p{Ll}{3,}`,
      String.raw`(?<=\s(?:an|am)\s+(?:(?:einer|einem|einen|eine|chronischer|chronischem|schwerer|schwerem|akuter|akutem)\s+)*)\p{Lu}\p{Ll}{3,}(?:-\p{Lu}\p{Ll}+)?(?=\s+(?:erkrankt|erkrankte|gestorben|operiert))`,
      String.raw`(?<=(?:(?:Diagnose|Diagnosen|Befund)\s*:|diagnostiziert\s*:|(?:die|eine|seine|ihre|der)\s+Diagnose)\s*(?:(?:eine|ein|einer|an)\s+)?)(?!und\b|ist\b|war\b)\p{L}{3,}(?:[\s-]\p{Lu}\p{Ll}+)?`,
      String.raw`\p{Lu}\p{Ll}{3,}(?:-\p{Lu}\p{Ll}+)?(?=\s+(?:diagnostiziert|festgestellt)(?:\s|[.,!?]|$))(?<=(?:[Bb]ei\s+(?:ihm|ihr|ihnen|\p{Lu}\p{L}+)|Arzt|Ärztin|Ärzte|Klinik|Krankenhaus|Untersuchung)\s+(?:\S+\s+){0,6}\p{L}+)`,
      String.raw`(?<=wegen\s+(?:(?:einer|eines|einem|seiner|ihrer|seines|ihres|der|des|dem|chronischer|schwerer)\s+)*)\p{Lu}\p{Ll}{3,}(?=\s+(?:behandelt|in\s+Behandlung|im\s+Krankenhaus|in\s+der\s+Klinik|operiert|krankgeschrieben|in\s+Therapie|bestrahlt))`,
      String.raw`\p{Lu}\p{Ll}{2,}-?(?:Diagnose|diagnose|Patient|Patientin|patient|patientin)(?<!Privatpatient|Privatpatientin|Kassenpatient|Kassenpatientin|Neupatient|Neupatientin|Stammpatient|Stammpatientin)`,
    ],
  },
  // "Tabletten gegen Epilepsie", "Medikamente für das Herz": the medication and what it treats.
  {
    kind: "health",
    terms: [
      String.raw`(?:\p{L}*(?:tabletten|medikamente|medikament|pillen|spritzen|spritze|tropfen|salbe)|Tabletten|Medikamente|Medikament|Medizin|Mittel|Spritzen|Spritze|Tropfen|Pillen|Salbe|Therapie|Behandlung)\s+(?:gegen\s+(?:(?:seine|ihre|die|den|das|der|eine|einen|chronische|starke|seinen|ihren)\s+)?\p{L}+(?:-\p{L}+)?|für\s+(?:das|die|den|seine|ihre|sein|ihr)\s+(?:Herz|Nieren|Niere|Schilddrüse|Nerven|Psyche|Lunge|Magen|Blutdruck|Zucker|Schmerzen|Epilepsie))`,
      String.raw`(?:psychiatrische|psychologische|psychotherapeutische|therapeutische|ärztliche|fachärztliche)[nr]?\s+(?:Diagnose|Behandlung|Betreuung|Stellungnahme|Gutachten|Hilfe|Unterstützung|Begleitung|Beratung)`,
      String.raw`(?:Blutdruck|Blutzucker|Zucker(?:wert|werte)?|Blutwerte|Leberwerte|Nierenwerte)\s+(?:ist|sind|war|waren)\s+(?:(?:zu|sehr|viel\s+zu|immer\s+noch|wieder)\s+)*(?:hoch|niedrig|schlecht)|(?:hohe[nrs]?|niedrige[nrs]?)\s+(?:Blutdruck|Blutzucker)`,
      String.raw`hat\s+(?:ein|einen|eine|beide|sein|ihr|seine|ihre)\s+(?:Bein|Arm|Auge|Hand|Fuß|Beine|Arme|Augen|Hände|Füße|Finger|Gehör|Augenlicht)\s+verloren|(?:Blutzucker)?[Tt]eststreifen|Blutzuckermessgerät|Insulinpen`,
    ],
  },
  // German compounds of the diagnoses above: "Brustkrebs", "Herzerkrankung", "Essstörung", "Krampfanfälle".
  {
    kind: "health",
    variant: "condition",
    compound: true,
    terms: [String.raw`krebs|tumor|erkrankung|erkrankungen|krankheit|krankheiten|lähmung|störung|störungen|entzündung|infektion|insuffizienz|infarkt|sucht|trauma|tumore|schmerzen|versagen|schwäche|leiden|syndrom|allergie|diabetes|epilepsie|hepatitis|verletzung|verletzungen|fraktur|anfälle|anfall|diagnose|blutung`],
  },
  { kind: "health", variant: "disability", compound: true, terms: [String.raw`behinderung|behinderungen|beeinträchtigung`] },
  { kind: "health", variant: "treatment", compound: true, terms: [String.raw`therapie|operation|transplantation|transfusion|transfusionen|behandlung|bestrahlung`] },
  { kind: "health", compound: true, terms: [String.raw`tabletten|medikamente|medikamenten|spritzen|klinik|psychiatrie|ambulanz`] },
  // German compound adjectives: "mehrfachbehindert", "lungenkrank", "spielsüchtig", "medikamentenabhängig".
  {
    kind: "health",
    compound: true,
    adjective: true,
    terms: [String.raw`behindert|behinderte[nmrs]?|krank|kranke[nmrs]?|gelähmt|süchtig|süchtige[nmrs]?`],
  },
];
