// The broader special-category lexicon (issue 19): everyday words and phrases around a diagnosis,
// disabilities, pregnancy stages, medication and treatment, other languages; religion, origin,
// orientation, politics and unions as they appear in asylum cases; and what must stay.
import { describe, expect, it } from "vitest";
import { redact } from "../../../src/privacy/redact.js";
import { findSpecialCategories } from "../../../src/privacy/redact/special.js";
import { expectFinds, expectNone, today } from "./expect.js";

describe("health: everyday words, phrases and unknown diagnoses", () => {
  expectFinds("health", [
    ["Sie hat Depri seit dem Umzug.", "Depri"],
    ["Yasin hat Epi-Anfälle.", "Epi-Anfälle"],
    ["Er nimmt Tabletten gegen Epilepsie.", "Tabletten gegen Epilepsie"],
    ["Herr Demir hat was mit dem Herz.", "was mit dem Herz"],
    ["Frau Sadeghi ist schwanger in der 20. Woche.", "schwanger in der 20. Woche"],
    ["Sie ist im dritten Monat schwanger.", "im dritten Monat schwanger"],
    ["Seit der Fehlgeburt ist Frau Noori sehr still.", "Fehlgeburt"],
    ["Herr Aziz ist an Lungenkrebs erkrankt.", "Lungenkrebs"],
    ["Bei ihm wurde letztes Jahr Diabetes festgestellt.", "Diabetes"],
    ["Frau Tahir hat eine Borderline-Diagnose.", "Borderline-Diagnose"],
    ["Ihr Mann leidet an einer seltenen Muskelkrankheit.", "seltenen Muskelkrankheit"],
    ["Seine Frau hat Rheuma und Osteoporose.", "Osteoporose"],
    ["Frau Hussein hat Schilddrüsenprobleme.", "Schilddrüsenprobleme"],
    ["Mein Klient ist wegen Depressionen in Behandlung.", "in Behandlung"],
    ["Die alte Dame sieht fast nichts mehr.", "sieht fast nichts mehr"],
    ["Herr Hakimi will nicht mehr leben, sagt er.", "will nicht mehr leben"],
    ["Der Junge hat eine spastische Lähmung.", "spastische Lähmung"],
    ["Er ist seit dem Krieg auf dem linken Auge blind.", "auf dem linken Auge blind"],
    ["Bei Familie Papazian ist das Kind krank.", "krank"],
    ["Mr Bashir is on blood thinners.", "on blood thinners"],
    ["His daughter has type 1 diabetes.", "type 1 diabetes"],
    ["Olga has been suffering from severe depression.", "severe depression"],
    ["Mrs Yusuf is seven months pregnant.", "seven months pregnant"],
    ["She's got stage 3 breast cancer.", "stage 3 breast cancer"],
    ["Her son is on ADHD medication.", "ADHD medication"],
    ["Мой клиент Иван болен диабетом.", "болен диабетом"],
    ["Він інвалід другої групи.", "інвалід другої групи"],
    ["زوجها مريض بالسكري.", "مريض بالسكري"],
    ["همسرش افسردگی شدید دارد.", "افسردگی"],
    ["Kızı engelli, tekerlekli sandalye kullanıyor.", "engelli"],
    // The writer about themselves.
    ["Ich bin schwanger und suche eine Hebamme.", "schwanger"],
  ]);
  it("generalises to a placeholder that names what the detail is", () => {
    expect(redact("Sie hat eine Risikoschwangerschaft.", { today }).text).toBe("Sie hat eine [Schwangerschaft].");
    expect(redact("Er hat eine Sehbehinderung.", { today }).text).toBe("Er hat eine [Behinderung].");
    expect(redact("Frau Yilmaz macht eine Chemotherapie.", { today }).text).toBe("Frau [Name] macht eine [Behandlung].");
    expect(redact("Er muss dreimal die Woche zur Dialyse.", { today }).text).toBe("Er muss dreimal die Woche zur [Behandlung].");
    expect(redact("Seit der Fehlgeburt ist sie still.", { today }).text).toBe("Seit der [Erkrankung] ist sie still.");
    expect(redact("She needs dialysis.", { today, lang: "en" }).text).toBe("She needs [a treatment].");
    expect(redact("Sie ist schwanger.", { today }).text).toBe("Sie ist [Gesundheitsangabe].");
  });
  it("does not redact a placeholder of a text redacted before", () => {
    const once = redact("Frau Rahimi hat Epilepsie.", { today }).text;
    expect(redact(once, { today }).text).toBe(once);
  });
  it("returns each detail once, not once per matching term", () => {
    const text = "Sie hat Epilepsie und ist schwanger.";
    expect(findSpecialCategories(text, []).map((f) => text.slice(f.start, f.end))).toEqual(["Epilepsie", "schwanger"]);
  });
});

describe("religion, origin, orientation, politics and unions in asylum cases", () => {
  expectFinds("religion", [
    ["Herr Jafari ist vom Islam zum Christentum konvertiert.", "vom Islam zum Christentum konvertiert"],
    ["Sie geht jeden Sonntag in die Kirche.", "geht jeden Sonntag in die Kirche"],
    ["Herr Ali ist Mitglied der evangelischen Gemeinde.", "Mitglied der evangelischen Gemeinde"],
    ["Die Familie ist Bahá'í.", "Bahá'í"],
    ["Der Klient ist gläubiger Muslim.", "gläubiger Muslim"],
    ["Mr Yousef converted to Christianity last year.", "converted to Christianity"],
    ["Он принял христианство.", "принял христианство"],
  ]);
  expectFinds("ethnicity", [
    ["Die Familie Hassan ist kurdisch.", "kurdisch"],
    ["Die Kinder sind Roma.", "Roma"],
    ["He is ethnically Armenian.", "ethnically Armenian"],
    ["Die Familie gehört zur Volksgruppe der Tigray.", "Volksgruppe der Tigray"],
  ]);
  expectFinds("sexuality", [
    ["Herr Nabil wurde wegen seiner Homosexualität verfolgt.", "Homosexualität"],
    ["Die Klientin ist eine trans Frau.", "trans Frau"],
    ["Her daughter came out as lesbian.", "came out as lesbian"],
    ["Она лесбиянка.", "лесбиянка"],
  ]);
  expectFinds("politics", [
    ["Herr Rezai war bei den Protesten und wurde verhaftet.", "war bei den Protesten"],
    ["Sie hat an Demos gegen die Regierung teilgenommen.", "an Demos gegen die Regierung teilgenommen"],
    ["Mein Klient hat als Journalist kritisch über das Regime berichtet.", "kritisch über das Regime berichtet"],
    ["Herr Aslan wird als Gülen-Anhänger verfolgt.", "Gülen-Anhänger"],
    ["Mein Mandant ist Mitglied der oppositionellen Partei CHP.", "Mitglied der oppositionellen Partei CHP"],
    ["Her brother was an opposition journalist.", "opposition journalist"],
    ["He took part in anti-government protests.", "took part in anti-government protests"],
  ]);
  expectFinds("union", [
    ["Herr Mensah ist in der IG Metall.", "in der IG Metall"],
    ["Sie ist bei ver.di organisiert.", "bei ver.di organisiert"],
    ["He was a trade union leader in Iran.", "trade union leader"],
  ]);
});

describe("what stays: general questions and words with other meanings", () => {
  expectNone("any", [
    "Was bedeutet Verfolgung wegen Religion im Asylverfahren?",
    "Gibt es Beratungsstellen für queere Geflüchtete?",
    "Wie beantragt man einen Schwerbehindertenausweis?",
    "Welche Rechte haben Schwangere in einer Gemeinschaftsunterkunft?",
    "Die Demo gegen Rassismus ist am Samstag um 14 Uhr.",
    "Dürfen Asylbewerber Mitglied in einer Gewerkschaft werden?",
    "Wie kann man Mitglied in der Kirche werden?",
    "Ich habe eine Frage zu Depressionen bei Kindern.",
    "Can pregnant women be deported?",
    "We are planning an outing to the lake.",
  ]);
  expectNone("health", [
    "Er hat Rechtsmittel gegen den Bescheid eingelegt.",
    "Er ist arbeitslos, die Steckdose in seinem Zimmer ist kaputt.",
    "My client Fatima was referred by the trauma centre.",
    "Sie ist mit Hochdruck auf Wohnungssuche.",
  ]);
  expectNone("religion", ["Er soll ins Kirchenasyl gehen.", "Should he go into church asylum?", "Er geht zur Gemeinde, um sich anzumelden."]);
  expectNone("ethnicity", ["Sie spricht Englisch und Igbo.", "Er braucht einen Dolmetscher für Oromo."]);
  expectNone("politics", ["Der Soldat hat nicht auf Demonstranten geschossen, sagt er."]);
});
