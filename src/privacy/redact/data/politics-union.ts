import type { LexiconGroup } from "../lexicon-forms.js";

/**
 * Political opinion and trade-union membership (DSGVO Art. 9), as they appear in asylum
 * contexts: party and movement membership, taking part in protests, criticising a regime in
 * writing or online, activism; membership and activity in a union.
 */

// Parties, movements and armed groups whose membership or support is a political opinion.
const PARTY = String.raw`AfD|CDU|CSU|SPD|FDP|Grünen|Linken|Linkspartei|BSW|NPD|PKK|HDP|DEM-Partei|DEM|CHP|PYD|YPG|YPJ|KDP|PUK|PJAK|KDPI|Komala|MEK|Volksmudschahedin|Tudeh|Muslimbruderschaft|Muslimbrüder|Hamas|Hisbollah|Baath-Partei|Baath|Taliban|TPLF|OLF|ONLF|Fano|PFDJ|EPRP|Awami\s+League|BNP|PTI|Jamaat|Gülen-Bewegung|Hizmet|FSA|SDF|Opposition|Oppositionspartei|Nawalny|Navalny`;
// What a person can be for or against: "gegen das Regime", "Kritik an der Regierung".
const POWER = String.raw`Regime|Regierung|Präsidenten|Präsident|Diktatur|Militär|Militärregierung|Armee|Krieg|Taliban|Mullahs|Assad|Putin|Lukaschenko|Erdoğan|Erdogan|Junta|Machthaber|regime|government|president|dictatorship|military|junta|war|Taliban|Assad|Putin|Lukashenko|Erdogan`;
// Protests and their forms.
const PROTEST = String.raw`Protest|Proteste|Protesten|Demo|Demos|Demonstration|Demonstrationen|Kundgebung|Kundgebungen|Streik|Streiks|Aufstand|Aufständen|Protestaktion|Protestaktionen|Mahnwache|Mahnwachen`;
const MOVEMENT = String.raw`(?:Protest|Studenten|Widerstands|Oppositions|Frauen|Demokratie|Freiheits|Unabhängigkeits|Reform)bewegung|Grüne[n]?\s+Bewegung|Frau[\s,-]+Leben[\s,-]+Freiheit|Woman[\s,-]+Life[\s,-]+Freedom|Jin[\s,-]+Jiyan[\s,-]+Azadî`;
const ROLE = String.raw`Sprecher(?:in)?|Vorsitzende[rn]?|Gründer(?:in)?|Abgeordnete[rn]?|Kandidat(?:in)?|Mitglied|Mitglieder|Anhänger(?:in)?|Unterstützer(?:in)?|Sympathisant(?:in)?|Aktivist(?:in)?|Kämpfer(?:in)?|Funktionär(?:in)?`;
const ROLE_SUFFIX = String.raw`Kämpfer(?:in|innen)?|Kader|Kommandeur(?:in)?|Anhänger(?:in|innen)?|Mitglied(?:er|schaft)?|Unterstützer(?:in|innen)?|Sympathisant(?:in|en|innen)?|Aktivist(?:in|en|innen)?|Gegner(?:in|innen)?|Kritiker(?:in|innen)?|Politiker(?:in)?|nahe[rn]?`;
const ORGANISATION = String.raw`Partei|Bewegung|Opposition|Front|Widerstand|Widerstandsgruppe|Oppositionsgruppe|Untergrundorganisation|Untergrund`;

export const POLITICS_UNION: LexiconGroup[] = [
  {
    kind: "politics",
    terms: [
      String.raw`politisch\s+(?:verfolgt|aktiv|engagiert|tätig)|Regimegegner(?:in)?|Regimekritiker(?:in)?|Regierungskritiker(?:in)?|Oppositionelle[rn]?|oppositionelle[rn]?|Dissident(?:in)?|(?:Menschenrechts|Frauenrechts|Umwelt|Friedens|Polit)?[Aa]ktivist(?:in|en|innen)?|Frauenrechtler(?:in)?|Menschenrechtler(?:in)?|Kommunist(?:in)?|Monarchist(?:in)?|Separatist(?:in)?|politische[rn]?\s+Gefangene[rn]?|Kriegsdienstverweigerer|Wehrdienstverweigerer|Deserteur|desertiert|Oppositionsgruppe|Widerstandsgruppe|Untergrundorganisation`,
      // Membership and support: "Mitglied der HDP", "Anhänger der Opposition", "Mitglied einer oppositionellen Partei", "PKK-Anhänger".
      String.raw`(?:${ROLE}|aktiv|engagiert|organisiert)\s+(?:in\s+|bei\s+|von\s+|für\s+)?(?:der\s+|die\s+|den\s+|einer\s+|eine\s+)?(?:${PARTY})`,
      String.raw`Parteimitglied|Parteimitgliedschaft|Parteifunktionär(?:in)?`,
      String.raw`(?:${PARTY}|Regime|Regierungs|Oppositions|Partei|Kriegs|Putin|Erdoğan|Erdogan|Gülen|Taliban|Assad)-?(?:${ROLE_SUFFIX})|Gülenist(?:in)?|Gülen-Bewegung`,
      String.raw`(?:(?:in|bei)\s+(?:der|einer)\s+)?(?:${MOVEMENT})(?:\s+(?:aktiv|engagiert|organisiert|tätig))?`,
      String.raw`(?:\p{Lu}\p{Ll}+\s+(?:der|für\s+die|bei\s+der|in\s+der)\s+)?Opposition`,
      // Protests: "war bei den Protesten", "hat an Demos gegen die Regierung teilgenommen", "demonstrierte gegen …".
      String.raw`(?:war|waren|ist|sind|wurde|wurden)\s+(?:\S+\s+){0,2}?(?:bei|auf)\s+(?:(?:den|der|einer|einem|vielen|mehreren|allen|diesen)\s+)?(?:${PROTEST})(?:\s+(?:gegen|für)\s+(?:(?:die|das|den|der)\s+)?\p{L}+)?(?:\s+(?:dabei|aktiv|gewesen))?`,
      String.raw`(?:an|bei)\s+(?:(?:den|der|einer|einem|vielen|mehreren)\s+)?(?:${PROTEST})(?:\s+[^.!?,;\n]{1,50}?)?\s+(?:teilgenommen|teil|mitgemacht|beteiligt|dabei)|an\s+Demonstrationen\s+teilgenommen|ging\s+(?:\S+\s+)?auf\s+die\s+Straße`,
      // "demonstriert" alone may be "shows": only against something, or "hat demonstriert".
      String.raw`(?<=gegen\s[^.!?\n]{0,40})(?:demonstriert|demonstrierte|demonstrierten|protestiert|protestierte)|(?:demonstriert|demonstrierte|protestiert|protestierte)(?=\s+gegen)|(?<=(?:hat|haben|hatte|hatten)\s+(?:\S+\s+){0,2})demonstriert(?=\s*(?:[.!?;]|$|\s(?:und|aber|weil|deshalb)\s))`,
      // Against or critical of those in power: "gegen das Regime", "kritisch über die Regierung berichtet", "regimekritische Beiträge".
      String.raw`gegen\s+(?:(?:das|die|den|der)\s+)?(?:${POWER})(?:\s+(?:gekämpft|geschrieben|gepostet|protestiert|demonstriert|gesprochen|aktiv|engagiert))?|(?:Flugblätter|Flugblättern|Flyer|Plakate|Parolen|Graffiti|Slogans)\s+(?:gegen|für)\s+(?:(?:die|das|den|der)\s+)?\p{L}+(?:\s+(?:\S+\s+){0,3}?(?:verteilt|geklebt|gesprüht|aufgehängt|geschrieben|gemalt))?`,
      String.raw`(?<=(?:hat|haben|hatte|hatten)\s+(?:\S+\s+){0,8})protestiert|(?:${ROLE})\s+(?:der|einer|eines)\s+(?:verbotenen|oppositionellen|politischen|kommunistischen|islamistischen|separatistischen|illegalen|regimekritischen|linken|linksradikalen|bewaffneten|kurdischen|studentischen|monarchistischen)\s+(?:\p{L}+\s+)?\p{L}*(?:gruppe|organisation|verein|partei|bewegung|zelle|miliz|Gruppe|Organisation|Partei|Bewegung|Miliz)`,
      String.raw`kritisch\s+über\s+(?:(?:die|das|den|der)\s+)?(?:\p{L}+\s+)?(?:${POWER})\s+(?:berichtet|geschrieben|gepostet|gesprochen|geäußert)|(?:die|das|den)\s+(?:${POWER})\s+(?:öffentlich\s+)?kritisiert|Kritik\s+an\s+(?:der|dem|den)\s+(?:${POWER})|(?:regime|regierungs|system|kriegs|putin|erdoğan|erdogan|taliban)kritisch(?:e[rnms]?)?(?:\s+\p{Lu}\p{Ll}+)?`,
      String.raw`(?:unterstützt|unterstützte|unterstützen|unterstützten|sympathisiert(?:e)?\s+mit|kämpft(?:e)?\s+für|arbeitet(?:e)?\s+für|supports?|supported|sympathi[sz]es?\s+with|worked\s+for|fought\s+for)\s+(?:die\s+|der\s+|den\s+|the\s+)?(?:${PARTY})|(?:politische|oppositionelle|regimekritische)[nr]?\s+(?:Gruppe|Organisation|Partei|Bewegung|Zeitung|Blog|Webseite)|(?:über|about)\s+(?:\S+\s+){0,4}?(?:${POWER}|Korruption|Menschenrechtsverletzungen|Folter|corruption|human\s+rights\s+abuses|torture)[^.!?\n]{0,30}?\s(?:berichtet|geschrieben|gepostet|recherchiert|veröffentlicht|reported|wrote|written|posted|published|blogged)`,
      String.raw`politische[nrms]?\s+(?:Meinung|Überzeugung(?:en)?|Ansicht(?:en)?|Einstellung|Haltung|Aktivität(?:en)?|Arbeit|Engagement|Tätigkeit|Gründen|Äußerungen|Posts|Beiträge)|für\s+(?:Frauenrechte|Menschenrechte|Demokratie|die\s+Opposition|Freiheit|die\s+Unabhängigkeit)\s+(?:engagiert|eingesetzt|gekämpft|demonstriert|aktiv|gestritten)|Wahlkampf(?:helfer(?:in)?)?\s+(?:für|der|bei)\s+(?:die\s+|der\s+)?(?:${PARTY})`,
      String.raw`(?:für|bei)\s+(?:(?:die|der|den)\s+)?(?:${PARTY}|${MOVEMENT})\s+(?:\S+\s+){0,2}?(?:gemacht|gearbeitet|aktiv|engagiert|geworben|verteilt|gekämpft|kandidiert)|(?:[\p{L}-]+\s+)?critical\s+of\s+the\s+(?:${POWER})`,
      String.raw`wählt\s+(?:die\s+)?(?:AfD|CDU|CSU|SPD|FDP|Grünen|Linke|BSW)|votes?\s+for\s+(?:the\s+)?(?:AfD|CDU|SPD|Greens)`,
      // English
      String.raw`(?:political|opposition|pro-democracy|anti-government|anti-regime|anti-war|human\s+rights|women'?s\s+rights|student)\s+(?:activist|activists|activism|journalist|blogger|politician|member|supporter|figure|leader|party|movement|organi[sz]er)|political\s+(?:views|opinions?|beliefs|activities|activity|work|engagement|prisoner|reasons)|politically\s+(?:persecuted|active)|dissident|communist|critic\s+of\s+(?:the\s+)?(?:${POWER}|\p{Lu}\p{L}+)|critical\s+of\s+the\s+(?:${POWER})`,
      String.raw`(?:member|members|supporter|supporters|activist|leader)\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\p{L}'’-]+\s+){0,3}?(?:(?:opposition|political|rebel|resistance|underground|student|dissident|pro-democracy)\s+(?:group|organi[sz]ation|network)|party|movement|opposition|front|resistance|${PARTY})|(?:opposition|rebel|resistance|underground|dissident|pro-democracy)\s+(?:group|organi[sz]ation|network)|(?:PKK|HDP|Taliban|Navalny|Gülen|opposition)\s+(?:supporter|member|activist|sympathi[sz]er)s?`,
      String.raw`(?:(?:took\s+part|participated|was|were|got\s+arrested|was\s+arrested)\s+(?:in|at)|joined|attended|led|went\s+to)\s+(?:(?:the|a|an|many|several)\s+)?(?:[\p{L}-]+\s+)?(?:protests?|demonstrations?|demos?|rally|rallies|uprising|strikes?)|organi[sz]ed\s+(?:the\s+|a\s+)?(?:protests?|demonstrations?|rally|rallies|strikes?)|protested\s+against|demonstrated\s+against\s+the\s+(?:${POWER})`,
      String.raw`critici[sz]ed\s+(?:the\s+)?(?:${POWER})|(?:posts?|articles?|leaflets|flyers|pamphlets)\s+(?:against|criticising|criticizing)\s+(?:the\s+)?(?:${POWER})|conscientious\s+objector|draft\s+(?:evader|dodger)|deserter|refused\s+to\s+(?:join|serve\s+in)\s+the\s+(?:army|military)|refused\s+(?:military|army)\s+service|(?:activist|Aktivist(?:in)?)\s+(?:for|für)\s+(?:\p{L}+\s+)?(?:rights|Rechte)|(?:weigerte|geweigert|verweigerte|refused)[^.!?\n]{0,25}?(?:zu\s+schießen|zu\s+kämpfen|Militärdienst|Wehrdienst|Kriegsdienst|to\s+shoot|to\s+fight|military\s+service)|deserted\s+from\s+the\s+army`,
      // Ukrainian, Russian, Arabic, Persian, Turkish
      String.raw`(?:участвовал|участвовала|участвовали|брав\s+участь|брала\s+участь)\s+(?:в|у)\s+(?:протест|митинг|демонстрац|акци)\p{L}*|оппозиционер\p{L}*|опозиціонер\p{L}*|активіст\p{L}*|активист\p{L}*|член\p{L}*\s+партії|член\p{L}*\s+партии|сторонни\p{L}*\s+Навальн\p{L}*|против\s+войны|проти\s+війни`,
      String.raw`معارض|معارضة|ناشط(?:ة)?\s+سياسي(?:ة)?|شارك(?:ت)?\s+في\s+(?:المظاهرات|الاحتجاجات|مظاهرات|احتجاجات)|عضو\s+في\s+حزب|فعال\s+سیاسی|مخالف\s+(?:رژیم|حکومت|طالبان)|در\s+اعتراضات|زندانی\s+سیاسی|عضو\s+حزب`,
      String.raw`(?:HDP|CHP|DEM|PKK|parti|partinin)\s+üyesi|muhalif|eyleme\s+katıldı|protestolara\s+katıldı|siyasi\s+(?:tutuklu|görüş)`,
    ],
  },
  // Taking part in protests as a role: "war Demonstrant", "is a protester" (not "auf Demonstranten schießen").
  { kind: "politics", predicate: true, terms: [String.raw`Demonstrant(?:in)?|Demonstranten|protester|protesters|demonstrator`] },
  // "Mitglied einer oppositionellen Partei", "Anhänger der Partei CHP": case-sensitive, so that only a capitalised name follows.
  {
    kind: "politics",
    cased: true,
    terms: [String.raw`(?:${ROLE}|[Aa]ktiv|[Ee]ngagiert|[Oo]rganisiert)\s+(?:in\s+|bei\s+|für\s+)?(?:der|die|einer|eine|den)\s+(?:\p{L}+\s+){0,2}?(?:${ORGANISATION})(?:\s+(?:\p{Lu}[\p{L}-]*))?`],
  },
  // ---- Trade-union membership
  {
    kind: "union",
    terms: [
      String.raw`Gewerkschaftsmitglied|Gewerkschafter(?:in)?|Gewerkschafts(?:aktivist|führer|sekretär|vertreter|funktionär)(?:in)?|(?:Mitglied|organisiert|aktiv|engagiert)\s+(?:in\s+der\s+|bei\s+der\s+|der\s+|bei\s+|in\s+|einer\s+)?(?:\p{L}+\s+)?(?:Gewerkschaft|\p{L}+gewerkschaft|IG\s+Metall|ver\.?di|Verdi|GEW|NGG|IG\s+BAU|IG\s+BCE|EVG|GdP)`,
      String.raw`(?:in|bei)\s+(?:der\s+)?(?:Gewerkschaft|\p{L}+gewerkschaft|IG\s+Metall|IG\s+BAU|IG\s+BCE|ver\.?di|Verdi|GEW|NGG)(?:\s+(?:organisiert|aktiv|engagiert|Mitglied|eingetreten))?|\p{L}+gewerkschaft`,
      String.raw`gewerkschaftlich\s+(?:organisiert|aktiv|engagiert)|Streikgeld|Streikposten|hat\s+(?:\S+\s+)?gestreikt|on\s+strike|went\s+on\s+strike|strike\s+pay|(?:organi[sz]ed|founded|formed|set\s+up|started)\s+(?:a|the)\s+(?:trade\s+)?union|(?:eine|die)\s+Gewerkschaft\s+(?:gegründet|aufgebaut|organisiert)`,
      String.raw`(?:trade\s+)?union\s+(?:member|leader|activist|organi[sz]er|representative|rep|official)|shop\s+steward|(?:member|members)\s+of\s+(?:a\s+|the\s+|an\s+)?(?:[\p{L}'’-]+\s+){0,3}?union|trade\s+unionist|joined\s+(?:a\s+|the\s+)?(?:trade\s+)?union`,
      String.raw`член\p{L}*\s+профс\p{L}+|профспілк\p{L}*|профсоюз\p{L}*|عضو\s+(?:في\s+)?(?:نقابة|النقابة)|نقابي|سندیکا|sendika\s+üyesi|sendikacı`,
    ],
  },
];
