import { arabic, cyrillic, type LexiconGroup, turkish } from "../lexicon-forms.js";

/**
 * Health data in Ukrainian, Russian, Arabic, Persian and Turkish: the common diagnoses,
 * disability, pregnancy, medication and treatment words, with their inflected forms (special.ts
 * applies every group to every message: a message in German may hold a Russian word, and the
 * person check decides).
 */
export const HEALTH_WORLD: LexiconGroup[] = [
  {
    kind: "health",
    variant: "condition",
    terms: [
      // Ukrainian
      cyrillic("діабет цукровий\\s+діабет епілепсі депресі рак онкологі пухлин гепатит туберкульоз астм інсульт інфаркт деменці травм психоз шизофрені аутизм аутист епілептик діабетик тривожн\\p{L}*\\s+розлад викид\\p{L}*"),
      String.raw`ВІЛ|СНІД|ПТСР|хворіє\s+на\s+\p{L}+|хвора|хворий|хворіють`,
      // Russian
      cyrillic("диабет сахарн\\p{L}*\\s+диабет эпилепси депресси онкологи опухол гепатит туберкулёз туберкулез астм инсульт инфаркт деменци психоз шизофрени аутизм аутист эпилептик диабетик выкидыш"),
      String.raw`(?:операці\p{L}*|операци\p{L}*)\s+на\s+\p{L}+|ВИЧ|СПИД|ПТСР|(?:болен|больна|болеет|болеют)(?:\s+\p{L}+(?:ом|ем|ой|ей|ью|ами|ию|ией))?|рак\p{L}*\s+(?:легенів|легких|груді|грудей|молочної\s+залози|молочной\s+железы|крові|крови|шлунка|желудка|кишечника|печінки|печени|мозку|мозга|шийки\s+матки|простати|простаты)`,
      // Arabic
      arabic("سكري صرع سرطان ايدز إيدز اكتئاب فصام توحد جلطة"),
      String.raw`التهاب\s+الكبد|ضغط\s+الدم|(?:مرض|أمراض|امراض)\s+(?:القلب|الكلى|نفسي|مزمن)|صدمة\s+نفسية|اضطراب\s+ما\s+بعد\s+الصدمة|(?:مريض|مريضة|مصاب|مصابة)\s+ب\p{L}+`,
      // Persian (Dari)
      String.raw`دیابت|قند\s+خون|صرع|سرطان|ایدز|افسردگی|اضطراب|اوتیسم|تروما|سکته|بیماری\s+(?:قلبی|روانی)|(?:بیمار|مریض)\s+است`,
      // Turkish
      turkish("diyabet epilepsi depresyon kanser tümör hepatit tüberküloz verem astım demans alzheimer şizofreni otizm travma felç"),
      String.raw`şeker\s+hastas\p{L}*|seker\s+hastas\p{L}*|kalp\s+krizi|(?:kanser|şeker|kalp|böbrek|akıl|ruh)\s+hasta(?:sı|lığı)|TSSB|HIV|bakıma\s+muhtaç|yatalak|ameliyat\p{L}*|عمل\s+جراحی|جراحة|عملية\s+جراحية`,
    ],
  },
  {
    kind: "health",
    variant: "disability",
    terms: [
      String.raw`(?:інвалідн\p{L}*|інвалід|инвалидн\p{L}*|инвалид)\s+(?:першої|другої|третьої|первой|второй|третьей|1|2|3|I|II|III)[-\s]?(?:ї\s+|й\s+)?групп?[иы]`,
      cyrillic("інвалідніст інвалід инвалидност инвалид"),
      arabic("إعاقة اعاقة معاق معاقة"),
      String.raw`معلول|معلولیت`,
      turkish("engelli özürlü"),
    ],
  },
  {
    kind: "health",
    terms: [
      cyrillic("вагітн беременн інсулін инсулин антидепресант психіатр психиатр діаліз диализ хіміотерапі химиотерапи"),
      String.raw`в\s+лікарні|у\s+лікарні|в\s+больнице|інвалідн\p{L}*\s+віз\p{L}*|инвалидн\p{L}*\s+коляск\p{L}*`,
      arabic("حامل حامله أنسولين إنسولين انسولين"),
      String.raw`كرسي\s+متحرك|غسيل\s+الكلى|(?:ال)?علاج\s+(?:ال)?كيميائي|مضادات\s+الاكتئاب|في\s+المستشفى`,
      String.raw`باردار|بارداری|حاملگی|انسولین|ویلچر|دیالیز|شیمی[\s\u200c]?درمانی|روانپزشک|روان[\s\u200c]پزشک|در\s+بیمارستان`,
      turkish("hamile insülin insulin diyaliz kemoterapi antidepresan psikiyatr"),
      String.raw`tekerlekli\s+sandalye\p{L}*|hastanede`,
    ],
  },
];
