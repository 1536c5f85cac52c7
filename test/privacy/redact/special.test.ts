// Special categories of personal data (DSGVO Art. 9): found when said about a person in the
// message, left alone in general questions.
import { describe, expect, it } from "vitest";
import { findSpecialCategories } from "../../../src/privacy/redact/special.js";
import { expectFinds, expectNone } from "./expect.js";

describe("health details about a person", () => {
  expectFinds("health", [
    ["Frau X hat Epilepsie.", "Epilepsie"],
    ["ihr Sohn ist Autist", "Autist"],
    ["he is on insulin", "on insulin"],
    ["sie ist schwanger", "schwanger"],
    ["Sie ist im 5. Monat schwanger.", "im 5. Monat schwanger"],
    ["Herr K. hat Zucker.", "Zucker"],
    ["Die Mutter hat es mit den Nerven.", "es mit den Nerven"],
    ["Er hat Diabetes Typ 2.", "Diabetes Typ 2"],
    ["Ihr Mann ist HIV-positiv.", "HIV-positiv"],
    ["Der Vater sitzt im Rollstuhl.", "im Rollstuhl"],
    ["Meine Klientin hat eine PTBS-Diagnose.", "PTBS-Diagnose"],
    ["Sie leidet an Sichelzellanämie.", "Sichelzellanämie"],
    ["He was diagnosed with tuberculosis.", "tuberculosis"],
    ["Frau Nazari hat Brustkrebs.", "Brustkrebs"],
    ["Sein Kind ist mehrfachbehindert.", "mehrfachbehindert"],
    ["Er hatte zwei Suizidversuche.", "Suizidversuche"],
    ["Die Oma ist pflegebedürftig, Pflegegrad 3.", "Pflegegrad 3"],
    ["Frau Petrenko hat GdB 70.", "GdB 70"],
    ["Her son has epilepsy.", "epilepsy"],
    ["She is pregnant.", "pregnant"],
    ["Frau Yilmaz ist blind.", "blind"],
    ["Der Sohn stottert stark.", "stottert"],
    // Misspellings.
    ["Die Tochter hat Diabetis.", "Diabetis"],
    ["Fatima ist schwanga.", "schwanga"],
    ["Er hat Epilebsie.", "Epilebsie"],
    ["Sie hat Schizophenie.", "Schizophenie"],
    // Other languages.
    ["Олена вагітна, їй потрібен лікар.", "вагітна"],
    ["Ahmet'in annesi hamile.", "hamile"],
  ]);
  expectNone("health", [
    "Zahlt das Sozialamt Insulin?",
    "Was ist eine Schwangerschaftsberatung?",
    "Wo gibt es Psychotherapie auf Arabisch?",
    "Wo gibt es Therapie für Menschen mit Depression?",
    "Kann eine Frau mit HIV eingebürgert werden?",
    "Können Sie mir sagen, ob Epilepsie ein Grund für ein Abschiebungsverbot ist?",
    "Welche Ärzte behandeln Diabetes ohne Krankenschein?",
    "Deutschkurse für Schwangere und junge Mütter gibt es beim Familienzentrum.",
    "Is therapy covered for refugees in the first 18 months?",
    "Sie ist manchmal eifersüchtig und hat Sehnsucht nach der Familie.",
    "Der Schwager von Frau Haddad kommt morgen.",
    "Er sucht eine Wohnung.",
    "Die Tafel gibt Zucker und Mehl nur am Dienstag aus.",
    "Er ist unabhängig und arbeitet als Fahrer.",
  ]);
});

describe("religion, ethnic origin, sexual orientation, politics, trade unions", () => {
  expectFinds("religion", [
    ["Sie ist Jesidin.", "Jesidin"],
    ["Er ist zum Christentum konvertiert.", "zum Christentum konvertiert"],
    ["Die Tochter ist Muslima.", "Muslima"],
    ["He is a Christian.", "Christian"],
  ]);
  expectFinds("ethnicity", [
    ["Er ist Kurde aus Syrien.", "Kurde"],
    ["Die Familie sind Hazara.", "Hazara"],
  ]);
  expectFinds("sexuality", [
    ["Herr Haidari ist schwul.", "schwul"],
    ["Her brother is bisexual.", "bisexual"],
  ]);
  expectFinds("politics", [
    ["Mein Klient ist Mitglied der HDP.", "Mitglied der HDP"],
    ["Er ist politisch verfolgt worden.", "politisch verfolgt"],
  ]);
  expectFinds("union", [
    ["Herr Okafor ist Mitglied bei Verdi.", "Mitglied bei Verdi"],
    ["She is a union member.", "union member"],
  ]);
  expectNone("any", [
    "Gibt es eine Moschee oder Kirche in der Nähe der Erstaufnahme?",
    "Wie viele Kurden und Jesiden leben in Niedersachsen?",
    "Gibt es queere Beratungsstellen für Geflüchtete in Hannover?",
    "Die Gewerkschaft bietet eine Beratung zum Arbeitsrecht an.",
    "Christian hat angerufen, er kommt später.",
    "Er spricht Kurdisch und Arabisch.",
  ]);
});

describe("the special-category detector on its own", () => {
  it("marks findings as special and diagnoses as conditions", () => {
    const text = "Sie hat Epilepsie und ist schwanger.";
    const findings = findSpecialCategories(text, []);
    expect(findings.map((f) => [text.slice(f.start, f.end), f.category, f.variant])).toEqual([
      ["Epilepsie", "special", "condition"],
      ["schwanger", "special", undefined],
    ]);
  });
  it("takes a name finding as the person the detail is about", () => {
    const text = "Amina: Epilepsie.";
    expect(findSpecialCategories(text, []).length).toBe(0);
    expect(findSpecialCategories(text, [{ kind: "name", start: 0, end: 5 }]).length).toBe(1);
  });
});
