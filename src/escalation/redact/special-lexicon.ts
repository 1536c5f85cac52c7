import type { SpecialKind } from "./shared.js";

/**
 * The lexicon of special categories of personal data (DSGVO Art. 9), written for Lotse: German and
 * English, everyday phrasings ("hat Zucker", "es mit den Nerven"), frequent misspellings, and the
 * common terms in Ukrainian, Russian, Arabic, Persian and Turkish. Each group is a list of
 * regular-expression alternatives matched case-insensitively as whole words (a group marked
 * `compound` also matches German compounds ending in one of its words: "Brustkrebs",
 * "Traumatherapie"). A term counts only when the message says it about a person (special.ts).
 *
 * `condition`: a diagnosis, generalised as "[eine Erkrankung]"; other health details (pregnancy,
 * medication, therapy, aids) as "[Gesundheitsangabe]". `predicate`: a word that is special data
 * only as a statement about someone ("ist blind", "is Christian"), as it has other meanings.
 */
export interface LexiconGroup {
  kind: SpecialKind;
  terms: string[];
  condition?: boolean;
  /** With `compound`: lower-case adjectives ("mehrfachbehindert"); noun compounds start with a capital. */
  adjective?: boolean;
  /** Matched case-sensitively (the terms look for capitalised words). */
  cased?: boolean;
  /** German nouns: also in plural and genitive ("Suizidversuche", "Tumoren", "Depressionen"). */
  inflect?: boolean;
  compound?: boolean;
  predicate?: boolean;
}

// A verb form that states something about someone, before a `predicate` term.
export const PREDICATE_BEFORE = String.raw`(?:ist|sind|war|wäre|wird|wurde|bin|bist|seid|is|are|was|were|am|be|being|als|become|became|gilt\s+als)\s+(?:(?:fast|halb|komplett|völlig|ganz|total|stark|schwer|leicht|auch|noch|schon|seit\s+\S+|auf\s+einem\s+Auge|auf\s+einem\s+Ohr|(?:a|an|ein|eine|praktizierende[rn]?|gläubige[rn]?|strenge[rn]?|devout|practising|practicing|partially|almost|completely|legally|very)\b)\s+)*`;

export const LEXICON: LexiconGroup[] = [
  // ---- Health: diagnoses (German)
  {
    kind: "health",
    condition: true,
    inflect: true,
    terms: [
      String.raw`Epilepsie|Epilepsi|Epilepsy|Epelepsie|Epilebsie|epileptische[rn]?\s+Anfäll?e|Krampfanfälle|Krampfanfall`,
      String.raw`Diabetes(?:\s+(?:Typ|type)\s?(?:1|2|I|II))?|Diabetis|Diabetus|Zuckerkrankheit|Schwangerschaftsdiabetes`,
      String.raw`Krebs|Tumor|Tumore|Tumoren|Leukämie|Lymphom|Metastasen`,
      String.raw`HIV|Aids|HIV-Infektion|Hepatitis(?:\s?[ABC])?|Tuberkulose|TBC|Syphilis`,
      String.raw`Asthma|Asma|Astma|COPD|Mukoviszidose`,
      String.raw`Herzinfarkt|Schlaganfall|Herzfehler|Herzschwäche|Herzinsuffizienz|Herzprobleme|Herzrhythmusstörungen|Bluthochdruck`,
      String.raw`Niereninsuffizienz|Nierenversagen|Nierenkrankheit|Leberzirrhose|Zirrhose`,
      String.raw`Demenz|Alzheimer|Parkinson|Multiple(?:n)?\s+Sklerose|Rheuma|Arthrose|Morbus\s+\p{Lu}\p{Ll}+|Sichelzellanämie|Thalassämie`,
      String.raw`Depressionen|Depression|Depresion|Depresionen|Depresssion|Angststörung(?:en)?|Panikattacken|Panikstörung|Psychose|Psychosen|Schizophrenie|Schizofrenie|Schitzophrenie`,
      String.raw`bipolare\s+Störung|Borderline(?:-Störung)?|Zwangsstörung|PTBS|PTSB|PTSD|posttraumatische(?:n)?\s+Belastungsstörung|Traumafolgestörung|Trauma|Traumata|Kriegstrauma`,
      String.raw`Essstörung|Magersucht|Anorexie|Bulimie|ADHS|ADHD|Autismus|Autissmus|Asperger(?:-Syndrom)?|Down-Syndrom|Trisomie\s?21`,
      String.raw`geistige\s+Behinderung|Lernbehinderung|Sehbehinderung|Hörbehinderung|Körperbehinderung|Mehrfachbehinderung|Schwerbehinderung|Behinderung`,
      String.raw`Querschnittslähmung|Lähmung|Spastik|Zerebralparese|Kinderlähmung|Polio`,
      String.raw`Drogensucht|Alkoholsucht|Spielsucht|Medikamentensucht|Abhängigkeit|Drogenabhängigkeit|Alkoholabhängigkeit|Alkoholismus|Alkoholproblem(?:e)?|Drogenproblem(?:e)?`,
      String.raw`Suizidgedanken|Selbstmordgedanken|Suizidversuch|Selbstmordversuch|Selbstverletzung|Nervenzusammenbruch|Burn-?out`,
      String.raw`Bandscheibenvorfall|Bandscheibe|Migräne|Schmerzen|chronische\s+Schmerzen|Operation|operiert|Knochenbruch|Beinbruch|Armbruch|Frühgeburt|Entbindungstermin|Geburtstermin|Legasthenie|stottert|Pflegefall|Long\s?Covid|Allergie|Neurodermitis|Schilddrüsenunterfunktion|Schilddrüsenüberfunktion|Migräne|Long\s?Covid`,
      String.raw`Fehlgeburt|Totgeburt|Unfruchtbarkeit|Inkontinenz`,
    ],
  },
  // Everyday phrasings: "hat Zucker", "hat es mit den Nerven", "hat es am Herzen".
  {
    kind: "health",
    condition: true,
    terms: [
      String.raw`(?<=(?:hat|habe|hast|haben|hatte|hätte|mit|wegen)\s+(?:(?:auch|schon|seit\s+\S+|wohl|jetzt|dem|den|ihrem|seinem)\s+)*)Zucker`,
      String.raw`es\s+(?:mit\s+den|an\s+den)\s+Nerven|mit\s+den\s+Nerven\s+(?:(?:völlig|total|ziemlich|komplett)\s+)?(?:am\s+Ende|fertig|runter|durch)|nervlich\s+(?:am\s+Ende|fertig|angeschlagen)|psychisch\s+(?:am\s+Ende|fertig|nicht\s+stabil)`,
      String.raw`(?:es|was|etwas)\s+(?:mit|an|am)\s+(?:(?:dem|den|der)\s+)?(?:Herzen|Herz|Rücken|Magen|Nerven|Lunge|Leber|Niere|Nieren|Galle|Schilddrüse|Bandscheibe|Psyche|Augen|Ohren|Knie|Hüfte|Kopf)|seelisch\s+(?:krank|belastet|angeschlagen|am\s+Ende)|Probleme\s+mit\s+(?:dem|der|den)\s+(?:Rücken|Herzen|Herz|Knie|Knien|Augen|Ohren|Nieren|Lunge|Psyche|Nerven|Magen|Hüfte|Gelenken)|Rückenprobleme|Herzprobleme|Knieprobleme|Wasser\s+in\s+den\s+Beinen`,
      String.raw`trinkt\s+(?:(?:zu|sehr|ziemlich)\s+)?viel(?:\s+Alkohol)?|säuft|drinks\s+too\s+much|bad\s+nerves|nervous\s+breakdown|a\s+bad\s+heart`,
    ],
  },
  // A diagnosis the lexicon does not know, after "leidet an", "Diagnose:", "suffers from". Case-sensitive.
  {
    kind: "health",
    condition: true,
    cased: true,
    terms: [
      String.raw`(?<=(?:leidet|litt|leiden|erkrankt|erkrankte)\s+an\s+(?:(?:einer|einem|einen|eine|chronischer|chronischem|schwerer|schwerem)\s+)*)\p{Lu}\p{Ll}+(?:[\s-]\p{Lu}\p{Ll}+)?`,
      String.raw`(?<=(?:leidet|litt)\s+unter\s+(?:(?:einer|einem|chronischer|chronischen|schwerer|schweren|starken|starker)\s+)*)\p{Lu}\p{Ll}{3,}`,
      String.raw`(?<=(?:(?:Diagnose|Diagnosen|diagnosis)\s*:|diagnostiziert\s*:|diagnosed\s+with)\s*(?:(?:eine|ein|einer|an|a)\s+)?)(?!and\b|und\b)\p{L}{3,}(?:[\s-]\p{Lu}\p{Ll}+)?`,
      String.raw`(?<=suffers?\s+from\s+(?:(?:an|a|chronic|severe)\s+)*)(?!and\b|the\b)\p{L}{3,}(?:\s+(?:pain|disease|disorder|problems|attacks|failure))?`,
    ],
  },
  // German compounds of the diagnoses above: "Brustkrebs", "Herzerkrankung", "Essstörung".
  {
    kind: "health",
    condition: true,
    compound: true,
    terms: [String.raw`krebs|tumor|erkrankung|erkrankungen|krankheit|krankheiten|lähmung|behinderung|störung|störungen|entzündung|infektion|insuffizienz|infarkt|sucht|trauma|tumore|schmerzen|versagen|schwäche|leiden|syndrom|allergie|diabetes|epilepsie|hepatitis|operation|therapie|verletzung|verletzungen|fraktur`],
  },
  {
    kind: "health",
    compound: true,
    terms: [String.raw`tabletten|medikamente|medikamenten|therapie|transfusion|transfusionen|spritzen`],
  },
  // German compound adjectives: "mehrfachbehindert", "lungenkrank", "spielsüchtig", "medikamentenabhängig".
  {
    kind: "health",
    compound: true,
    adjective: true,
    terms: [String.raw`behindert|behinderte[nmrs]?|krank|kranke[nmrs]?|gelähmt|süchtig|süchtige[nmrs]?`],
  },
  // ---- Health: diagnoses (English)
  {
    kind: "health",
    condition: true,
    terms: [
      String.raw`epilepsy|epileptic\s+(?:seizures|fits)|diabetes|cancer|tumou?r|leuka?emia|HIV|AIDS|hepatitis(?:\s?[ABC])?|tuberculosis|asthma`,
      String.raw`heart\s+(?:attack|condition|disease|failure|problems?)|stroke|high\s+blood\s+pressure|kidney\s+(?:failure|disease)|dementia|Alzheimer'?s|Parkinson'?s|multiple\s+sclerosis`,
      String.raw`depression|anxiety(?:\s+disorder)?|panic\s+attacks|psychosis|schizophrenia|bipolar\s+disorder|PTSD|trauma|post-?traumatic\s+stress(?:\s+disorder)?`,
      String.raw`back\s+pain|chronic\s+pain|migraines?|surgery|in\s+hospital|medication|seizure|kidney\s+disease|liver\s+disease|ADHD|long\s+covid|eating\s+disorder|anorexia|bulimia|autism|Down'?s?\s+syndrome|(?:learning\s+|intellectual\s+|physical\s+)?disability|disabilities|paralysis`,
      String.raw`(?:drug|alcohol|gambling)\s+(?:addiction|problem|abuse)|addiction|alcoholism|suicidal\s+thoughts|suicide\s+attempt|self-harm|miscarriage|infertility`,
    ],
  },
  // ---- Health: other details (German and English): pregnancy, states, medication, therapy, aids
  {
    kind: "health",
    terms: [
      String.raw`(?:im\s+\d{1,2}\.\s+Monat\s+|in\s+der\s+\d{1,2}\.\s+(?:Woche|SSW)\s+)?(?:hoch)?schwanger(?:e[nmrs]?)?|schwanga|schwannger|schanger|Schwangerschaft|Risikoschwangerschaft|Zwillingsschwangerschaft`,
      String.raw`(?:\d{1,2}\s+(?:weeks|months)\s+)?pregnant|pregnancy|expecting\s+a\s+baby|bekommt\s+ein\s+(?:Baby|Kind)|erwartet\s+ein\s+(?:Baby|Kind)|in\s+anderen\s+Umständen|Abtreibung|Schwangerschaftsabbruch|abortion|Kaiserschnitt|C-section|Entbindung|Wochenbett|stillt|breastfeeding`,
      String.raw`(?:depressiv|suizidal|traumatisiert|psychisch\s+krank|schwerbehindert|behindert|körperbehindert|geistig\s+behindert|gehbehindert|sehbehindert|hörbehindert|gehörlos|schwerhörig|querschnittsgelähmt|gelähmt|pflegebedürftig|autistisch|epileptisch|zuckerkrank|herzkrank|krebskrank|nierenkrank|todkrank|chronisch\s+krank|drogenabhängig|alkoholabhängig|alkoholkrank|süchtig|magersüchtig|dement|bettlägerig|krankgeschrieben|HIV-positiv)(?:e[nmrs]?)?`,
      String.raw`suicidal|traumatised|traumatized|psychisch\s+(?:krank|belastet|labil|instabil|angeschlagen)|mentally\s+ill|mental\s+health\s+(?:problems|issues)|psychische(?:n)?\s+(?:Probleme|Erkrankung|Krankheit|Belastung)`,
      String.raw`schizophren|bipolar|autistisch|autistic|epileptisch|epileptic|diabetic|zuckerkrank|herzkrank|krebskrank|nierenkrank|todkrank|schwer\s?krank|chronisch\s+krank|unheilbar\s+krank|HIV-positiv|HIV-positive|HIV\s+positiv|HIV\s+positive`,
      String.raw`Autist|Autistin|Autisten|Epileptiker|Epileptikerin|Diabetiker|Diabetikerin|Alkoholiker|Alkoholikerin|alcoholic|Spastiker|Dialysepatient(?:in)?`,
      String.raw`schwerbehindert|behindert|körperbehindert|geistig\s+behindert|gehbehindert|sehbehindert|visually\s+impaired|hörbehindert|gehörlos|schwerhörig|hard\s+of\s+hearing|querschnittsgelähmt|gelähmt|paralysed|paralyzed|disabled|amputiert|pflegebedürftig|bettlägerig|dement`,
      String.raw`Drogen|Drogenkonsum|Drogenprobleme|Alkoholprobleme|takes\s+drugs|drug\s+use|Beeinträchtigung|Beeinträchtigungen|beeinträchtigt|drogenabhängig|alkoholabhängig|alkoholkrank|heroinabhängig|medikamentenabhängig|opiatabhängig|tablettenabhängig|süchtig|addicted|magersüchtig|kifft`,
      String.raw`(?:im|in\s+a|uses\s+a)\s+(?:Rollstuhl|wheelchair)|Rollstuhlfahrer(?:in)?|Rollstuhl|Rolstuhl|Rollstul|wheelchair\s+user|Hörgerät(?:e)?|hearing\s+aids?|Prothese|prosthesis|Blindenstock`,
      String.raw`Medikamente|Medikamenten|Medikament|Tabletten|Psychopharmakon|Schmerzmittel|Blutverdünner|Insulin|Insullin|Insolin|insulin|Metformin|Methadon|methadone|Subutex|Polamidon|Substitutionsprogramm|Substitutionsbehandlung|Antidepressiva|antidepressants|Psychopharmaka|Neuroleptika|Ritalin|Tilidin|Lithium|Chemo|Chemotherapie|chemotherapy|Bestrahlung|radiotherapy|Dialyse|dialysis`,
      String.raw`(?<=(?:liegt|lag|ist|war|wurde|kam|musste|muss|kommt)\s+(?:\S+\s+){0,2}(?:im|ins|in\s+die|in\s+der)\s+)(?:Krankenhaus|Klinik|Uniklinik)|Psychologe|Psychologin|psychologist|Physiotherapie|Ergotherapie|Logopädie|Psychotherapie|Traumatherapie|Psychotherapeut(?:in)?|Psychiater(?:in)?|Psychiatrie|psychiatrischen?\s+(?:Behandlung|Klinik)|im\s+Entzug|macht\s+(?:einen\s+)?Entzug|Drogenentzug|Alkoholentzug|Entgiftung|Entzugsklinik|Reha|psychotherapy|trauma\s+therapy|therapist|psychiatrist|psychiatric\s+(?:treatment|care|hospital|ward)|rehab`,
      String.raw`Pflegegrad\s?[1-5]|GdB\s?(?:von\s)?\d{2,3}|Schwerbehindertenausweis|Merkzeichen\s+(?:aG|G|H|Bl|Gl|B|RF)`,
    ],
  },
  // Words with other meanings: health data only as a statement about someone ("ist blind").
  {
    kind: "health",
    predicate: true,
    terms: [String.raw`blind|taub|stumm|deaf|blind|mute|krank|sick|ill|depressed|pregnant|behindert|in\s+Therapie|in\s+therapy|on\s+(?:insulin|medication|methadone|antidepressants)|auf\s+(?:Insulin|Drogen|Methadon|Entzug)|(?:an|in)\s+Behandlung`],
  },
  // ---- Health in Ukrainian, Russian, Arabic, Persian, Turkish (the common terms)
  {
    kind: "health",
    condition: true,
    terms: [
      String.raw`епілепсія|епілепсію|епілепсії|діабет|цукровий\s+діабет|депресія|депресію|депресії|рак|ВІЛ|інвалідність|ПТСР|травма|онкологія`,
      String.raw`эпилепсия|эпилепсию|эпилепсии|диабет|сахарный\s+диабет|депрессия|депрессию|депрессии|ВИЧ|СПИД|инвалидность|онкология|туберкулёз|туберкулез`,
      String.raw`الصرع|صرع|السكري|سكري|الاكتئاب|اكتئاب|السرطان|سرطان|الإيدز|الايدز|إعاقة|اعاقة|صدمة\s+نفسية`,
      String.raw`دیابت|افسردگی|معلولیت|ایدز|تروما`,
      String.raw`epilepsi|diyabet|şeker\s+hastası|seker\s+hastasi|depresyon|kanser|engelli|travma`,
    ],
  },
  {
    kind: "health",
    terms: [String.raw`вагітна|вагітність|беременна|беременность|інсулін|инсулин|حامل|حامله|باردار|انسولین|إنسولين|انسولين|hamile|insülin|insulin`],
  },
  // ---- Religion
  {
    kind: "religion",
    terms: [
      String.raw`Muslima|Muslimin|Muslime|Moslem|Moslemin|muslimisch|muslimische[rnms]?|muslimischen\s+Glaubens|Islam|islamischen\s+Glaubens|Christin|Christen|christlich|christliche[rnms]?|christlichen\s+Glaubens|Christentum`,
      String.raw`evangelisch|katholisch|orthodox|koptisch|Kopte|Koptin|jüdisch|Jüdin|Juden|jesidisch|Jeside|Jesidin|Jesiden|Jezide|Jezidin|Jeziden|jezidisch|Êzîdî|Êzîdîn|Eziden|Ezidin|Ezide|ezidisch|Yezide|Yezidin|yazidi|yezidi|alevitisch|Alevit|Alevitin|Aleviten|schiitisch|Schiit|Schiitin|Schiiten|sunnitisch|Sunnit|Sunnitin|Sunniten|Ahmadiyya|Bahai|Baha'i|Bahá'í|Hindu|Sikh|Buddhist(?:in)?|buddhistisch|Atheist(?:in)?|atheistisch|Zeugen\s+Jehovas`,
      String.raw`konvertiert|konvertierte|Konvertit(?:in)?|zum\s+Christentum\s+übergetreten|vom\s+Islam\s+abgefallen|Apostat(?:in)?|getauft|Taufe`,
      String.raw`Muslim|muslim|Catholic|catholic|Orthodox\s+Christian|Jewish|Shia|Shiite|Sunni|atheist|convert(?:ed)?\s+to\s+(?:Christianity|Islam)|apostate|baptised|baptized`,
      String.raw`trägt\s+(?:ein\s+)?Kopftuch|wears\s+a\s+(?:headscarf|hijab)|fastet|(?:geht|gehen|ging)\s+(?:\S+\s+)?(?:in\s+die|zur)\s+(?:Moschee|Kirche|Synagoge)|betet\s+fünfmal|prays\s+five\s+times|Freitagsgebet`,
      String.raw`мусульманин|мусульманка|християнин|християнка|христианин|христианка|مسلم|مسلمة|مسيحي|مسيحية|ایزدی|مسیحی|müslüman|hristiyan|alevi|ezidi`,
    ],
  },
  {
    kind: "religion",
    predicate: true,
    terms: [String.raw`Christ|Christian|Jude|Jew|Muslim|Hindu|Buddhist|Moslem|Atheist|Atheistin`],
  },
  // ---- Ethnic origin (not nationality, not language)
  {
    kind: "ethnicity",
    terms: [
      String.raw`Kurde|Kurdin|Kurden|kurdische[rnms]?\s+(?:Herkunft|Abstammung|Volkszugehörigkeit|Familie|Minderheit|Frau|Mann|Mutter|Vater)|kurdischstämmig|Kurdish\s+(?:origin|family|descent)|Kurd`,
      String.raw`Hazara|Hazaras|Paschtune|Paschtunin|Paschtunen|Pashtun|Tadschike|Tadschikin|Tajik|Usbeke|Usbekin|Uzbek|Belutsche|Turkmene|Turkmenin`,
      String.raw`Roma|Romni|Rom(?:a)?-Familie|Sinti|Sintiza|Romani|Aschkali|Ashkali|Tschetschene|Tschetschenin|Tschetschenen|Chechen|Uigure|Uigurin|Uiguren|Uyghur|Rohingya`,
      String.raw`Tamile|Tamilin|Oromo|Amhara|Tigrayer(?:in)?|Tigrayan|Berber|Amazigh|Tuareg|Assyrer(?:in)?|Assyrian|Aramäer(?:in)?|Armenier(?:in)?|Armenian|Drusin|Druse|Drusen|Druze|Tscherkesse|Circassian`,
      String.raw`(?:schwarze|dunkle)\s+Hautfarbe|Person\s+of\s+Colou?r|PoC|schwarze[rn]?\s+(?:Frau|Mann|Mensch)`,
      String.raw`курд|курдка|курди|ромка|هزاره|كردي|كردية|kürt|Kürt`,
    ],
  },
  // ---- Sexual orientation and gender identity
  {
    kind: "sexuality",
    terms: [
      String.raw`schwul|schwule[rnms]?|lesbisch|lesbische[rnms]?|Lesbe|bisexuell|homosexuell|homosexuelle[rnms]?|queer|trans|transgender|transsexuell|Transfrau|Transmann|trans\*|intersexuell|intergeschlechtlich|nicht-binär|nichtbinär|non-binary|nonbinary`,
      String.raw`gay|lesbian|bisexual|homosexual|LGBT\w*|LSBTI\w*|LGBTQ\w*|geoutet|Coming-?out|came\s+out|sexuelle[rn]?\s+Orientierung|sexual\s+orientation`,
      String.raw`гей|лесбіянка|лесбиянка|бісексуал|бисексуал|مثلي|مثلية|همجنسگرا|eşcinsel`,
    ],
  },
  // ---- Political opinion
  {
    kind: "politics",
    terms: [
      String.raw`politisch\s+verfolgt|politisch\s+aktiv|Regimegegner(?:in)?|Regimekritiker(?:in)?|Oppositionelle[rn]?|Dissident(?:in)?|Aktivist(?:in)?|Menschenrechtsaktivist(?:in)?|Kommunist(?:in)?|Monarchist(?:in)?|Separatist(?:in)?`,
      String.raw`(?:Mitglied|Anhänger(?:in)?|Unterstützer(?:in)?|Sympathisant(?:in)?|aktiv|engagiert)\s+(?:in\s+|bei\s+|der\s+|von\s+|für\s+)?(?:der\s+|die\s+)?(?:AfD|CDU|CSU|SPD|FDP|Grünen|Linken|Linkspartei|BSW|NPD|PKK|HDP|DEM-Partei|PYD|YPG|KDP|PUK|Muslimbruderschaft|Muslimbrüder|Hamas|Hisbollah|Baath-Partei|Baath|Taliban|Opposition|Oppositionspartei|Partei\s+\p{Lu}\w*)`,
      // "demonstriert" alone may be "shows": only against something, or "hat demonstriert".
      String.raw`(?<=gegen\s[^.!?\n]{0,40})(?:demonstriert|demonstrierte|demonstrierten|protestiert|protestierte)|(?:demonstriert|demonstrierte|protestiert|protestierte)(?=\s+gegen)|(?<=(?:hat|haben|hatte|hatten)\s+(?:\S+\s+){0,2})demonstriert(?=\s*(?:[.!?;]|$|\s(?:und|aber|weil|deshalb)\s))|an\s+Demonstrationen\s+teilgenommen|Demonstrant(?:in)?|Regierungskritiker(?:in)?|regimekritisch|(?:protested|demonstrated)\s+against\s+the\s+(?:regime|government)`,
      String.raw`political\s+activist|opposition\s+activist|dissident|communist|(?:member|supporter)\s+of\s+(?:the\s+)?(?:AfD|CDU|SPD|PKK|HDP|PYD|KDP|opposition|Muslim\s+Brotherhood|Hamas|Hezbollah|Baath\s+party|Taliban|\p{Lu}\w*\s+party)|politically\s+persecuted`,
      String.raw`Parteimitglied|Parteimitgliedschaft|(?:Mitglied|Anhänger(?:in)?|aktiv|engagiert)\s+(?:in\s+|bei\s+)?(?:der|einer)\s+(?:\p{L}+\s+)?Partei|(?:member|supporter)\s+of\s+(?:the|a)\s+(?:\p{L}+\s+)?party`,
      String.raw`wählt\s+(?:die\s+)?(?:AfD|CDU|CSU|SPD|FDP|Grünen|Linke|BSW)|votes?\s+for\s+(?:the\s+)?(?:AfD|CDU|SPD|Greens)`,
    ],
  },
  // ---- Trade-union membership
  {
    kind: "union",
    terms: [
      String.raw`Gewerkschaftsmitglied|Gewerkschafter(?:in)?|(?:Mitglied|organisiert|aktiv)\s+(?:in\s+der\s+|bei\s+der\s+|der\s+|bei\s+|in\s+)?(?:Gewerkschaft|IG\s+Metall|ver\.?di|Verdi|GEW|NGG|IG\s+BAU|IG\s+BCE|EVG|GdP)|in\s+der\s+Gewerkschaft|bei\s+(?:ver\.?di|Verdi|der\s+IG\s+Metall)`,
      String.raw`union\s+member|member\s+of\s+(?:a\s+|the\s+)?(?:trade\s+)?union|trade\s+unionist|joined\s+(?:a\s+|the\s+)?union`,
    ],
  },
];

/** Compounds that end like a health word but are not health data ("Sehnsucht", "Ruhestörung"). */
export const NOT_HEALTH_COMPOUNDS = new Set([
  "sehnsucht", "eifersucht", "habsucht", "selbstsucht", "tobsucht", "herrschsucht", "geltungssucht", "ruhestörung", "betriebsstörung",
  "netzstörung", "zahlungsstörung", "verkehrsbehinderung", "lieferstörung", "funkstörung", "störung", "netzwerkstörung", "sucht",
  "versorgungsstörung", "geschäftsstörung", "computerinfektion", "störungen", "tumore", "pflichtverletzung", "pflichtverletzungen",
  "menschenrechtsverletzung", "menschenrechtsverletzungen", "datenschutzverletzung", "mitwirkungspflichtverletzung", "rechtsverletzung",
  "behördenversagen", "staatsversagen", "marktversagen", "führungsschwäche", "konjunkturschwäche", "rettungsoperation", "militäroperation",
  "polizeioperation", "sicherheitsvorfall", "sehnsüchtig", "eifersüchtig", "habsüchtig", "selbstsüchtig", "herrschsüchtig", "geltungssüchtig",
  "gefallsüchtig", "rachsüchtig", "streitsüchtig", "verkehrsbehindert", "liebeskrank", "therapie", "operation", "allergie", "diabetes", "epilepsie", "hepatitis", "schmerzen",
]);
