import { arabic, cyrillic, type LexiconGroup } from "../lexicon-forms.js";

/**
 * Religion, ethnic origin and sexual orientation (DSGVO Art. 9), as they appear in asylum
 * contexts, where they are often the reason for persecution: conversion and baptism, church or
 * mosque membership and attendance, belonging to a faith or a people, coming out.
 */

// "gläubiger Muslim", "praktizierende Christin", "devout Muslim": the adjective belongs to the detail.
const DEVOUT = String.raw`(?:(?:gläubige|praktizierende|strenggläubige|strenge|fromme|überzeugte|orthodoxe)[rns]?\s+|(?:streng|tief|sehr|devout|practising|practicing|observant|strict|deeply)\s+)?`;
// "Gemeinde" alone is also the municipality, "Messe" also a trade fair: only with a word that makes them religious.
const CONGREGATION = String.raw`(?:christliche|evangelische|katholische|muslimische|persische|iranische|afghanische|arabische|orthodoxe|freie|lutherische|koptische|jesidische)n?\s+Gemeinde`;
const RELIGIONS = String.raw`Christentum|Islam|Katholizismus|Judentum|Buddhismus|Protestantismus|Hinduismus|Christianity|Catholicism|Judaism|Buddhism|Hinduism|Protestantism`;
const PLACE_OF_WORSHIP = String.raw`Kirche|Moschee|Synagoge|Gottesdienst|Gottesdienste|Sonntagsmesse|Heilige\s+Messe|Freitagsgebet|Gebet|Bibelkreis|Bibelstunde|Bibelkurs|Koranschule|Koranunterricht|${CONGREGATION}|Kirchengemeinde|Freikirche|Hauskirche|Tempel|Cemevi|Gurdwara|Taufkurs|Taufunterricht`;
// Peoples and ethnic groups of the countries people seek protection from (not nationalities).
const PEOPLE = String.raw`Kurde|Kurdin|Kurden|Kurd|Hazara|Hazaras|Paschtune|Paschtunin|Paschtunen|Pashtun|Pashtuns|Tadschike|Tadschikin|Tajik|Usbeke|Usbekin|Uzbek|Belutsche|Belutschin|Belutschen|Baloch|Baluch|Turkmene|Turkmenin|Aimak`;
const PEOPLE_2 = String.raw`Roma|Romni|Rom(?:a)?-Familie|Sinti|Sintiza|Romani|Jenische[rn]?|Aschkali|Ashkali|Tschetschene|Tschetschenin|Tschetschenen|Chechen|Inguschen?|Tscherkesse|Tscherkessin|Circassian|Krimtatar(?:e|in|en)|Crimean\s+Tatar|Uigure|Uigurin|Uiguren|Uyghur|Rohingya|Tibeter(?:in)?|Tibetan`;
const PEOPLE_3 = String.raw`Tamile|Tamilin|Tamilen|Oromo|Amhara|Tigrayer(?:in)?|Tigrayan|Tigriner(?:in)?|Afar|Berber|Amazigh|Kabyle|Tuareg|Sahraui|Sahrawi|Nubier(?:in)?|Masalit|Zaghawa|Dinka|Nuer|Igbo|Yoruba|Hausa|Fulani|Fulbe|Peul|Ogoni|Bihari`;
const PEOPLE_4 = String.raw`Lesgier(?:in)?|Awaren|Osseten|Abchasen|Talyschen|Kumyken|Tigray|Tigre|Kunama|Saho|Bilen|Hadiya|Sidama|Somali-Bantu|Bantu|Benadiri|Assyrer(?:in)?|Assyrian|Chaldäer(?:in)?|Chaldean|Aramäer(?:in)?|Suryoye|Armenier(?:in)?|Armenian|Drusin|Druse|Drusen|Druze|Mandäer(?:in)?|Gorani|Bosniake|Bosniakin|Feyli|Faili|Yarsan|Kakai`;
const ETHNIC_ADJECTIVE = String.raw`kurdisch|kurdish|paschtunisch|pashtun|hazara|belutschisch|baloch|tschetschenisch|chechen|tscherkessisch|armenisch|armenian|assyrisch|assyrian|aramäisch|uigurisch|uyghur|tamilisch|tamil|oromo|amharisch|amhara|tigrinisch|tigrayan|romani|turkmenisch|turkmen|usbekisch|uzbek|tadschikisch|tajik|berberisch|jesidisch|yazidi`;

export const BELIEF_ORIGIN: LexiconGroup[] = [
  // ---- Religion
  {
    kind: "religion",
    terms: [
      String.raw`${DEVOUT}(?:Muslima|Muslimin|Muslime|Moslem|Moslemin|Moslems|muslimisch|muslimische[rnms]?|Islam|islamischen\s+Glaubens|Christin|Christen|christlich|christliche[rnms]?|christlichen\s+Glaubens|Christentum)`,
      String.raw`${DEVOUT}(?:evangelisch|evangelische[rnms]?|katholisch|katholische[rnms]?|orthodox|koptisch(?:-orthodox)?|Kopte|Koptin|Kopten|jüdisch|jüdische[rnms]?|Jüdin|Juden|jesidisch|jesidische[rnms]?|Jeside|Jesidin|Jesiden|Jezide|Jezidin|Jeziden|jezidisch|Êzîdî|Êzîdîn|Eziden|Ezidin|Ezide|ezidisch|Yezide|Yezidin|yazidi|yezidi|ezidi)`,
      String.raw`alevitisch|Alevit|Alevitin|Aleviten|Alawit(?:in|en)?|alawitisch|schiitisch|Schiit|Schiitin|Schiiten|sunnitisch|Sunnit|Sunnitin|Sunniten|Ismailit(?:in|en)?|Ahmadiyya|Ahmadis|Bahai|Baha'i|Bahá'í|Bahá’í|Baha’i|Bahais|Baha['’]is|Bahá['’]ís|Hindu|Hindus|Sikh|Sikhs|Buddhist(?:in)?|buddhistisch|Atheist(?:in)?|atheistisch|Zeugen\s+Jehovas|Mandäer(?:in)?|Zoroastrier(?:in)?|zoroastrisch|Zarathustrier(?:in)?|Baptist(?:in)?|Evangelikale[rn]?|Freikirchler(?:in)?|Mormone|Mormonin|Salafist(?:in)?|Sufi`,
      String.raw`(?:(?:vom|von\s+der)\s+(?:${RELIGIONS})\s+)?(?:zum|zur)\s+(?:${RELIGIONS}|(?:\p{L}+en\s+)?(?:Kirche|Glauben))\s+(?:konvertiert|übergetreten)|konvertiert|konvertierte|Konvertit(?:in)?|Konversion|Konvertierung|Glaubenswechsel|Religionswechsel|Übertritt\s+zum\s+(?:${RELIGIONS})|vom\s+(?:Islam|Glauben)\s+abgefallen|Abfall(?:s|es)?\s+vom\s+(?:Islam|Glauben)|Apostat(?:in)?|Apostasie|Blasphemie|Gotteslästerung|${CONGREGATION}|(?:ist|wurde)\s+Christ(?:in)?\s+geworden`,
      String.raw`getauft|taufen|Taufe|Taufen|Taufkurs|Taufunterricht|Taufbescheinigung|Taufurkunde|Taufschein|Taufpate|Taufpatin|Gemeindemitglied|Kirchenmitglied|Freikirche|Hauskirche|Bibelkreis|Koranschule`,
      String.raw`(?:geht|gehen|ging|gingen|besucht|besuchen|besuchte|besuchten)\s+(?:(?:jeden|jede|regelmäßig|oft|immer|sonntags|freitags|wöchentlich|seit\s+\S+|auch|noch|schon|hier|dort|Sonntag|Freitag|Woche)\s+)*(?:in\s+die|in\s+eine|zur|zum|die|den|das|eine|einen|in\s+den)\s+(?:\p{L}+\s+)?(?:${PLACE_OF_WORSHIP})`,
      String.raw`(?:Mitglied|Mitglieder|aktiv|engagiert)\s+(?:(?:in|bei|der|einer|in\s+der|in\s+einer|bei\s+der|einer)\s+)+(?:\p{L}+\s+){0,2}?(?:${CONGREGATION}|Kirchengemeinde|Freikirche|Kirche|Moscheegemeinde|Moscheeverein|Hauskirche)`,
      String.raw`trägt\s+(?:ein\s+|kein\s+|einen\s+)?(?:Kopftuch|Hidschab|Hijab|Niqab|Burka|Kippa|Turban)(?:\s+mehr)?|(?:hat\s+das\s+)?Kopftuch\s+abgelegt|fastet|betet\s+(?:fünfmal|täglich|regelmäßig|viel)|hält\s+den\s+Ramadan|Freitagsgebet`,
      String.raw`(?<=(?:seines|ihres|seinen|ihren|wegen\s+des|wegen\s+ihres|wegen\s+seines)\s+)(?:\p{Ll}+en\s+)?Glaubens|(?<=(?:seiner|ihrer|wegen\s+der)\s+)(?:\p{Ll}+en\s+)?Religion(?:szugehörigkeit)?`,
      // English
      String.raw`${DEVOUT}(?:Muslim|muslim|Catholic|catholic|Protestant|Evangelical|Orthodox\s+Christian|Coptic(?:\s+Christian)?|Jewish|Shia|Shiite|Sunni|Alawite|Alevi|Yazidi|Yezidi|Ezidi|Zoroastrian|Mandaean|Ahmadi\s+Muslim|atheist|agnostic)`,
      String.raw`convert(?:ed|s)?\s+(?:from\s+(?:${RELIGIONS})\s+)?to\s+(?:${RELIGIONS})|conversion\s+to\s+(?:${RELIGIONS})|(?:left|renounced|abandoned)\s+(?:Islam|his\s+faith|her\s+faith|the\s+faith)|apostate|apostasy|blasphemy|baptised|baptized|baptism|christened|became\s+a\s+Christian`,
      String.raw`(?:goes|go|went|attends|attend|attended)\s+(?:(?:to|the|a|an|regularly|every\s+\p{L}+)\s+)*(?:[\p{L}-]+\s+)?(?:church|mosque|synagogue|temple|services|mass|Friday\s+prayers?|Bible\s+study|Quran\s+school)(?!\s+asylum)|(?:member|members)\s+of\s+(?:a|an|the)\s+(?:[\p{L}']+\s+){0,2}?(?:church|congregation|mosque|parish|house\s+church)|wears\s+a\s+(?:headscarf|hijab|niqab|burqa|kippah|turban)`,
      // Ukrainian, Russian, Arabic, Persian, Turkish
      String.raw`мусульманин|мусульманка|християнин|християнка|христианин|христианка|(?:прийня\p{L}*|приня\p{L}*)\s+(?:християнство|христианство|іслам|ислам)|хрести\p{L}*|охрести\p{L}*|крести\p{L}*|крещени\p{L}*|хрещенн\p{L}*`,
      String.raw`${arabic("مسلم مسلمة مسيحي مسيحية يزيدي إيزيدي ايزيدي بهائي")}|اعتنق\s+(?:المسيحية|الإسلام)|تنصر|مرتد|مرتدة`,
      String.raw`ایزدی|مسیحی\s+شد|مسیحی|بهائی|نوکیش|ارتداد|کلیسا|müslüman|Hristiyan\s+oldu|hristiyan|din\s+değiştirdi|alevi|ezidi|süryani|kiliseye\s+gidiyor`,
    ],
  },
  // Words with other meanings ("Christ" is also a name, "Ahmadi" a surname): only as a statement.
  {
    kind: "religion",
    predicate: true,
    terms: [String.raw`${DEVOUT}(?:Christ|Christian|Jude|Jew|Muslim|Hindu|Buddhist|Moslem|Atheist|Atheistin|Ahmadi|Bahai|evangelikal|religiös|religious|gläubig)`],
  },
  // ---- Ethnic origin (not nationality, not language)
  {
    kind: "ethnicity",
    terms: [
      String.raw`${PEOPLE}|${PEOPLE_2}|${PEOPLE_3}|${PEOPLE_4}`,
      String.raw`(?:${ETHNIC_ADJECTIVE})e[rnms]?\s+(?:Herkunft|Abstammung|Volkszugehörigkeit|Minderheit|Volksgruppe|Familie|Frau|Mann|Mutter|Vater|Junge|Mädchen|Eltern|Wurzeln)|(?:${ETHNIC_ADJECTIVE})(?:-?stämmig|stämmige[rnms]?)`,
      String.raw`ethnisch(?:e[rnms]?)?\s+(?:${ETHNIC_ADJECTIVE})|ethnische[rn]?\s+Minderheit|(?:Kurdish|Hazara|Pashtun|Tajik|Uzbek|Baloch|Yazidi|Roma|Tigrayan|Oromo|Amhara|Armenian|Assyrian|Chechen|Uyghur|Tamil)\s+(?:origin|family|descent|minority|community|woman|man|boy|girl)|ethnic\s+minority`,
      String.raw`(?:schwarze|dunkle)\s+Hautfarbe|Person\s+of\s+Colou?r|PoC|schwarze[rn]?\s+(?:Frau|Mann|Mensch)|Afro-?Deutsche[rn]?`,
      String.raw`${cyrillic("курд курдк чеченц чеченк черкес уйгур роми ромк ромів циган цыган")}|кримськ\p{L}*\s+татар\p{L}*|крымск\p{L}*\s+татар\p{L}*|${arabic("كردي كردية أكراد اكراد تركماني تركمانية آشوري أمازيغي")}|هزاره|پشتون|تاجیک|ازبک|بلوچ|kürt|Kürt|Kürdüm|Çerkez|Süryani|Ermeni`,
    ],
  },
  // Capitalised: "ethnically Armenian", "of Tigrayan descent" (not "ethnically diverse", "of unknown origin").
  {
    kind: "ethnicity",
    cased: true,
    terms: [
      String.raw`(?:Volksgruppe|Minderheit|Ethnie|ethnischen\s+Gruppe|Clan|Stamm)\s+der\s+\p{Lu}\p{Ll}+|(?:Minderheitenclan|Minderheiten-Clan)`,String.raw`(?:[Ee]thnisch(?:e[rnms]?)?|[Ee]thnic(?:ally)?)\s+\p{Lu}\p{Ll}+|(?:of|with)\s+\p{Lu}\p{Ll}+\s+(?:descent|origin|heritage|background|ethnicity)|\p{Lu}\p{Ll}+-stämmig(?:e[rnms]?)?`],
  },
  {
    kind: "ethnicity",
    predicate: true,
    terms: [String.raw`(?:ethnisch\s+|ethnically\s+)?(?:${ETHNIC_ADJECTIVE})|Araber|Araberin|Arab|Perser|Perserin|Turkmen|Kurdish`],
  },
  // ---- Sexual orientation and gender identity
  {
    kind: "sexuality",
    terms: [
      String.raw`trans\*?\s+(?:Frau|Mann|Person|Mensch|Jugendliche[rn]?)|Trans-Frau|Trans-Mann|transgender|transsexuell|transident|Transfrau|Transmann|Transperson|trans\*|trans|schwul|schwule[rnms]?|Schwuler|lesbisch|lesbische[rnms]?|Lesbe|Lesben|bisexuell|bisexuelle[rnms]?|homosexuell|homosexuelle[rnms]?|queer|queere[rnms]?|intersexuell|intergeschlechtlich|nicht-binär|nichtbinär|non-binary|nonbinary|genderqueer`,
      String.raw`Homosexualität|Bisexualität|Transsexualität|Transidentität|Intersexualität|Geschlechtsangleichung|geschlechtsangleichende\s+(?:Operation|Behandlung)|(?:sexuelle[rn]?|geschlechtliche[rn]?)\s+(?:Orientierung|Identität)|Geschlechtsidentität|gleichgeschlechtliche[rnms]?\s+(?:Partner(?:in)?|Beziehung|Paar|Ehe)`,
      String.raw`(?:als\s+(?:schwul|lesbisch|bi(?:sexuell)?|trans|queer|homosexuell)\s+)?geoutet|Coming-?out|gay|lesbian|bisexual|homosexual|homosexuality|transgender|trans\s+(?:woman|man|person)|LGBT\w*[+*]?|LSBTI\w*[+*]?|LGBTQ\w*[+*]?|LGBTI\w*[+*]?`,
      String.raw`(?:openly|out\s+as)\s+(?:gay|lesbian|bi(?:sexual)?|trans(?:gender)?|queer)|(?:queer|LGBTQ?\w*[+*]?|gay|lesbian|schwule[nr]?|lesbische[nr]?)\s+(?:refugee\s+|Geflüchteten-?)?(?:group|community|association|organi[sz]ation|Gruppe|Verein|Community|Treff|Stammtisch|Beratung|Selbsthilfegruppe)|came\s+out(?:\s+as\s+(?:gay|lesbian|bi(?:sexual)?|trans(?:gender)?|queer|non-binary))?|same-sex\s+(?:partner|relationship|couple|marriage)|sexual\s+(?:orientation|identity)|gender\s+identity`,
      String.raw`гей|геї|лесбіянка|лесбійка|лесбиянка|бісексуал\p{L}*|бисексуал\p{L}*|трансгендер\p{L}*|гомосексуал\p{L}*|ЛГБТ\p{L}*|مثلي|مثلية|مثليي\s+الجنس|المثلية|متحول(?:ة)?\s+جنسيا|همجنسگرا|همجنس[\s\u200c]?گرا|دگرباش|ترنس|eşcinsel|escinsel|lezbiyen|biseksüel|LGBTİ\p{L}*`,
    ],
  },
];
