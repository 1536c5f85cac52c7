import type { LexiconGroup } from "../lexicon-forms.js";

/**
 * German health details other than a diagnosis: pregnancy and its stages, states ("gehörlos",
 * "pflegebedürftig"), aids, medication (names and classes), treatment places and professions.
 * They read "[Gesundheitsangabe]": "ist schwanger" becomes "ist [Gesundheitsangabe]".
 */

const ORDINAL = String.raw`(?:\d{1,2}\.|ersten|zweiten|dritten|vierten|fünften|sechsten|siebten|siebenten|achten|neunten|zehnten|zwanzigsten|dreißigsten|letzten)`;
// "im 7. Monat", "in der 20. Woche", "in der 30. SSW", "SSW 24", "in der 12. Schwangerschaftswoche".
const STAGE = String.raw`(?:im\s+${ORDINAL}\s+Monat|in\s+der\s+${ORDINAL}\s+(?:Woche|SSW|Schwangerschaftswoche)|\d{1,2}\.\s+(?:SSW|Schwangerschaftswoche)|SSW\s+\d{1,2})`;

// Medication people name in messages: classes, and the common names of insulin, psychiatric,
// epilepsy, HIV/hepatitis, substitution, heart and pain medication.
const MEDICATION = [
  String.raw`Medikamente|Medikamenten|Medikament|Tabletten|Psychopharmakon|Psychopharmaka|Schmerzmittel|Blutverdünner|Betablocker|Beruhigungsmittel|Schlafmittel|Schlaftabletten|Antidepressiva|Antidepressivum|Neuroleptika|Antipsychotika|Antiepileptika|Immunsuppressiva|Antibiotika|Antibiotikum|Kortison|Cortison|Hormone|Eisentabletten`,
  String.raw`Insulin|Insullin|Insolin|Insulinspritzen|Insulinpumpe|Metformin|Methadon|Polamidon|Subutex|Buprenorphin|L-Polamidon|Ritalin|Medikinet|Methylphenidat|Elvanse|Lamotrigin|Levetiracetam|Keppra|Valproat|Carbamazepin|Lyrica|Pregabalin|Gabapentin`,
  String.raw`Sertralin|Citalopram|Escitalopram|Fluoxetin|Venlafaxin|Mirtazapin|Amitriptylin|Opipramol|Quetiapin|Seroquel|Olanzapin|Risperidon|Haloperidol|Aripiprazol|Lithium|Diazepam|Valium|Lorazepam|Tavor|Zopiclon|Promethazin|Tilidin|Tramadol|Morphin|Oxycodon|Fentanyl`,
  String.raw`L-Thyroxin|Thyroxin|Marcumar|Xarelto|Eliquis|Ramipril|Bisoprolol|Metoprolol|Amlodipin|Simvastatin|Prednisolon|Salbutamol|Truvada|Biktarvy|PrEP|Epclusa|Sofosbuvir|Interferon|HIV-Medikamente|antiretrovirale\s+Therapie`,
];

export const HEALTH_DE_DETAILS: LexiconGroup[] = [
  // ---- Pregnancy and birth
  {
    kind: "health",
    terms: [
      String.raw`(?:${STAGE}\s+)?(?:hoch)?schwanger(?:e[nmrs]?)?(?:\s+${STAGE}|,?\s+(?:in\s+der\s+|im\s+)?${ORDINAL}\s+(?:Woche|SSW|Monat))?|schwanga|schwannger|schanger|schwangger|${STAGE}`,
      String.raw`(?:erwartet|erwarten|bekommt|bekommen|kriegt)\s+(?:ein\s+(?:Baby|Kind)|Zwillinge|Drillinge|Nachwuchs|(?:ihr|sein|ihr\s+\S+|sein\s+\S+)\s+Kind|ihr\s+\S+\s+Baby)|in\s+anderen\s+Umständen|Entbindung|Entbindungstermin|Geburtstermin|Mutterschutz|Wochenbett|Wehen|Frühchen|Hebamme|Schwangerschaftsberatung|Schwangerenberatung|Mutterpass|stillt|stillende|Stillzeit`,
    ],
  },
  // ---- States and conditions said as adjectives
  {
    kind: "health",
    terms: [
      String.raw`(?:depressiv|suizidal|traumatisiert|schwer\s+traumatisiert|psychisch\s+krank|schwerbehindert|schwer\s+behindert|behindert|körperbehindert|geistig\s+behindert|mehrfach\s+behindert|gehbehindert|sehbehindert|hörbehindert|lernbehindert|gehörlos|taubstumm|schwerhörig|querschnittsgelähmt|gelähmt|halbseitig\s+gelähmt|pflegebedürftig|autistisch|epileptisch|zuckerkrank|herzkrank|krebskrank|nierenkrank|todkrank|chronisch\s+krank|drogenabhängig|alkoholabhängig|alkoholkrank|süchtig|magersüchtig|dement|bettlägerig|krankgeschrieben|inkontinent|kleinwüchsig|stark\s+übergewichtig)(?:e[nmrs]?)?`,
      String.raw`suizidgefährdet|selbstmordgefährdet|psychisch\s+(?:(?:sehr|stark|schwer|ziemlich|total|extrem|nicht)\s+)*(?:krank|belastet|labil|instabil|angeschlagen|auffällig|fertig|am\s+Ende|stabil)|geistig\s+(?:zurückgeblieben|beeinträchtigt|eingeschränkt|verwirrt)|zurückgeblieben|entwicklungsverzögert|psychische(?:n)?\s+(?:Probleme|Erkrankung|Krankheit|Belastung|Störung|Beschwerden)|seelische(?:n)?\s+(?:Probleme|Belastung)`,
      String.raw`schizophren|bipolar|schwer\s?krank|unheilbar\s+krank|HIV-positiv|HIV\s+positiv|HIV-infiziert|mit\s+HIV\s+infiziert|HIV-krank|infiziert\s+mit\s+\p{L}+|(?:(?:am|an\s+der|an\s+den|an\s+dem)\s+\p{L}+\s+)?operiert|substituiert|entzündet|trinkt\s+(?:\S+\s+){0,2}?(?:morgens|jeden\s+Tag|täglich|heimlich|Schnaps|Wodka)`,
      String.raw`Autist|Autistin|Autisten|Epileptiker|Epileptikerin|Spastikerin|Diabetiker(?:in)?(?:\s+(?:Typ|type)\s?(?:1|2|I|II))?|Alkoholiker|Alkoholikerin|Spastiker(?:in)?|Dialysepatient(?:in)?|Rollstuhlfahrer(?:in)?|Pflegefall|Junkie|Schwerbehinderte[rn]?`,
      String.raw`Drogen|Drogenkonsum|Drogenprobleme|Alkoholprobleme|Crystal(?:\s+Meth)?|Heroin|Kokain|Cannabis|kifft|Beeinträchtigung|Beeinträchtigungen|beeinträchtigt|heroinabhängig|medikamentenabhängig|opiatabhängig|tablettenabhängig|nikotinabhängig|cannabisabhängig|spielabhängig`,
    ],
  },
  // ---- Aids
  {
    kind: "health",
    terms: [
      String.raw`(?:im|in\s+einem|einen|ihren|seinen)\s+(?:Rollstuhl|E-Rollstuhl)|Rollstuhl|Rolstuhl|Rollstul|E-Rollstuhl|Rollator|Gehhilfe|Krücken|Hörgerät(?:e)?|Cochlea-?Implantat|Prothese|Beinprothese|Armprothese|Blindenstock|Blindenhund|Herzschrittmacher|Insulinpumpe|Sauerstoffgerät|Magensonde|Katheter|Stoma|Pflegebett|Windeln\s+für\s+Erwachsene`,
      String.raw`Pflegegrad\s?[1-5]|Pflegestufe\s?[0-3]|GdB\s?(?:von\s)?\d{2,3}|Grad\s+der\s+Behinderung(?:\s+von)?\s+\d{2,3}|Schwerbehindertenausweis|Behindertenausweis|Merkzeichen\s+(?:aG|G|H|Bl|Gl|B|RF|TBl)`,
    ],
  },
  // ---- Medication
  { kind: "health", terms: MEDICATION },
  // ---- Places and professions of treatment
  {
    kind: "health",
    terms: [
      String.raw`(?<=(?:liegt|lag|ist|war|wurde|kam|musste|muss|kommt|bleibt|blieb)\s+(?:\S+\s+){0,3}(?:im|ins|in\s+die|in\s+der|auf\s+der|auf\s+die)\s+)(?:Krankenhaus|Klinik|Uniklinik|Kinderklinik|Tagesklinik|Station|Notaufnahme)`,
      String.raw`Intensivstation|Palliativstation|Entbindungsstation|Krebsstation|Isolierstation|Neonatologie|Onkologie|Neurologie|Kardiologie|Psychosomatik|Kinderpsychiatrie|(?:geschlossene[nr]?\s+|offene[nr]?\s+)?Psychiatrie|psychiatrischen?\s+(?:Behandlung|Klinik|Station)|Hospiz|Quarantäne|Dialysezentrum|Traumaambulanz|Traumazentrum|Suchtberatung|Drogenberatung|Methadonpraxis|Substitutionspraxis`,
      String.raw`Psychologe|Psychologin|Psychotherapeut(?:in)?|Psychiater(?:in)?|Neurologe|Neurologin|Onkologe|Onkologin|Kardiologe|Kardiologin|Traumatherapeut(?:in)?|Suchtberater(?:in)?`,
      String.raw`stationär\s+(?:aufnehmen|aufgenommen|behandelt|behandeln|eingewiesen)|ambulant\s+behandelt|Warteliste\s+für\s+(?:eine|ein|einen)\s+(?:Niere|Leber|Herz|Lunge|Organ|Spenderniere|Transplantation|Therapieplatz|OP)|Spenderniere|Spenderorgan|Nachsorge|Krebsnachsorge|Pflegedienst|Pflegeheim|Pflegegeld|häusliche\s+Pflege|Pflegekraft`,
      String.raw`(?:Behandlungszentrum|Zentrum|Beratungszentrum|Beratungsstelle)\s+für\s+(?:Folteropfer|Folterüberlebende|traumatisierte\s+\p{L}+|Gewaltopfer|Suchtkranke)|psychosoziale[snm]?\s+Zentrum|nur\s+noch\s+(?:ein|eine|einen)\s+(?:Auge|Bein|Arm|Niere|Hand|Lunge|Ohr)|nimmt\s+die\s+Pille(?:\s+danach)?|Pille\s+danach|Antibabypille|Verhütungsmittel`,
      String.raw`(?<=(?:ist|bin|sind|war|wird)\s+(?:seit\s+(?:\S+\s+){1,3})?)clean|heroinsüchtig|drogensüchtig|alkoholsüchtig|tablettensüchtig|spielsüchtig`,
      String.raw`im\s+Entzug|macht\s+(?:einen\s+)?Entzug|Entzugsklinik|in\s+Substitution|im\s+Methadonprogramm`,
      String.raw`in\s+(?:psychiatrischer\s+|ärztlicher\s+|stationärer\s+|ambulanter\s+|psychotherapeutischer\s+)?(?:Behandlung|Therapie)|(?:Therapie|Psychotherapie|Reha|Dialyse|Chemo|Pflege)(?:platz|plätze|termin|termine|kosten|stunde|stunden|sitzung|sitzungen)|Diagnose|Diagnosen`,
    ],
  },
  // Words with other meanings: health data only as a statement about someone ("ist blind").
  {
    kind: "health",
    predicate: true,
    terms: [String.raw`blind\s+auf\s+einem\s+Auge|taub\s+auf\s+einem\s+Ohr|blind|taub|stumm|krank|behindert|substituiert|auf\s+(?:Insulin|Drogen|Methadon|Entzug|Dialyse)`],
  },
];
