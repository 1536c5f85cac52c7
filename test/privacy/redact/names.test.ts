// Names in every form: with and without a form of address, in Cyrillic and Arabic script, and
// the ordinary words that must stay (German capitalises every noun).
import { describe, expect, it } from "vitest";
import { findNames } from "../../../src/privacy/redact/names.js";
import { expectFinds, expectNone, found } from "./expect.js";

describe("names without a form of address", () => {
  expectFinds("name", [
    ["Amina's interview at the BAMF is on Tuesday", "Amina"],
    ["Ich war gestern bei Yonas, die Heizung geht nicht.", "Yonas"],
    ["Mohammed hat den Bescheid bekommen.", "Mohammed"],
    ["Olena Petrenko sucht eine Wohnung", "Olena Petrenko"],
    ["Yonas Tesfaye und sein Bruder suchen eine Wohnung", "Yonas Tesfaye"],
    ["Aminas Termin beim Kinderarzt ist am Montag", "Aminas"],
    ["Bitte ruf Yusuf zurück.", "Yusuf"],
    ["Ich war mit Ghulam Sakhi beim Amt", "Ghulam Sakhi"],
    ["Abdulrahman Al Sheikh kam später", "Abdulrahman Al Sheikh"],
    ["Mehmet Yılmaz hat seinen Job verloren", "Mehmet Yılmaz"],
    ["Von Ayşe habe ich gehört, dass", "Ayşe"],
    ["Die Kinder von Oksana gehen in die Grundschule", "Oksana"],
    // Surname endings the gazetteer need not know.
    ["Frau Hrytsiuk und Bohdan Kravchuk kommen morgen", "Bohdan Kravchuk"],
    ["Das Zimmer von Stanikzai ist nass", "Stanikzai"],
    // Cyrillic and Arabic script, inflected Cyrillic.
    ["Олена Коваленко просить допомоги з листом від Jobcenter.", "Олена Коваленко"],
    ["Brief für محمد أحمد vom Jobcenter", "محمد أحمد"],
    ["Я говорила з Оленою вчора.", "Оленою"],
    // A message typed without capitals.
    ["yonas hat morgen frei und kann beim umzug helfen, sagt er", "yonas"],
    ["mr ahmadi needs a lift to the BAMF interview, his phone is 0176 12345609", "ahmadi"],
    // A name that is also a word, next to another name.
    ["Rose Haddad hat angerufen", "Rose Haddad"],
  ]);
  it("keeps a possessive out of the name", () => {
    expect(found("Halyna's daughter wants to study")).toEqual([{ kind: "name", value: "Halyna" }]);
  });
  it("works on its own, after the other detectors' findings", () => {
    const text = "Amina schreibt an amina.test@example.org";
    const email = { kind: "email" as const, start: text.indexOf("amina.test"), end: text.length };
    expect(findNames(text, [email]).map((f) => text.slice(f.start, f.end))).toEqual(["Amina"]);
  });
});

describe("ordinary words that look like names", () => {
  expectNone("name", [
    "Rose und Hoffnung: so heißt das neue Café für Geflüchtete.",
    "Said the officer: come back tomorrow.",
    "Die Tafel gibt Zucker und Mehl nur am Dienstag aus.",
    "Nur noch eine Frage zum Kindergeld.",
    "Will the Jobcenter pay for the course?",
    "Am Freitag ist Ramadan-Fest im Gemeindehaus.",
    "Die Kosten sind einkommensabhängig, sagt die Beratung.",
    "Schimmel in der Wohnung: wer ist zuständig?",
    "Wir treffen uns in Berlin, Hamburg oder Kabul.",
    "Engel, Sonne und Stern hängen an der Tür.",
    "Mark my words, the deadline is Friday.",
    "Der Richter hat die Klage abgewiesen.",
    "Bauer, Koch und Fischer sind Berufe mit Zukunft.",
    "Новий лист від Jobcenter прийшов вчора.",
    "پیام شما ارسال شد.",
    "Teltow und Pankow sind Ortsteile.",
    "Berufsschule zu schwer, gibt es Nachhilfe wie AsA flex?",
    "Sehr geehrte Frau Koordinatorin, ich melde mich wegen des Treffens.",
    "Wo beantragt man BuT-Leistungen, wenn die Familie Asylbewerberleistungen bekommt?",
    "Подопечная из Турции с детьми живёт в Gemeinschaftsunterkunft.",
    "Мы живём в Германии уже два года.",
    "was schenk ich meiner mutter zum geburtstag, hat jemand eine idee",
    "The Afghan family I mentor needs a flat.",
    "Busfahrkarte: wenn ich die Familie zu Amt begleite, bekomme ich Geld zurück?",
  ]);
});

describe("names in the forms issue 19 asks for", () => {
  expectFinds("name", [
    // A name at the start of a sentence, in the genitive, after a preposition.
    ["Yusra ist 16 und möchte eine Ausbildung machen.", "Yusra"],
    ["Dawits Schwester ist noch in Äthiopien.", "Dawits"],
    ["Heute war ich mit Goli beim Zahnarzt.", "Goli"],
    // Titles: "Dr" without a full stop, "Frau Dr. med.", an initial.
    ["Dr Nasser at the clinic wrote the report.", "Nasser"],
    ["Frau Dr. med. Okonjo hat das Attest ausgestellt.", "Okonjo"],
    ["Herr A. hat seinen Termin verpasst.", "A."],
    // A long double name, Turkish forms of address and case endings.
    ["Sehr geehrte Frau Schulte-Bäumer, anbei die Unterlagen.", "Schulte-Bäumer"],
    ["Mehmet Bey hat angerufen, er kommt später.", "Mehmet"],
    ["Ahmet'in annesi hamile.", "Ahmet"],
    // A name that is also a word, next to a name or introduced as one.
    ["Das Kind von Aliyu und Blessing wurde geboren.", "Blessing"],
    ["Hi, it's Grace from the Monday group.", "Grace"],
    // Surname endings, Arabic script on its own, a message typed in lower case.
    ["Mr Nikolaev is waiting for his permit.", "Nikolaev"],
    ["أحمد لا يستطيع الحضور غدا إلى الموعد.", "أحمد"],
    ["frau jawadi hat krebs, wer kann sie fahren?", "jawadi"],
  ]);
  it("leaves a Turkish form of address and a case ending out of the name", () => {
    expect(found("Ayşe Hanım braucht Hilfe.")).toEqual([{ kind: "name", value: "Ayşe" }]);
    expect(found("Ahmet'in annesi kommt morgen.").filter((f) => f.kind === "name")).toEqual([{ kind: "name", value: "Ahmet" }]);
  });
  expectNone("name", ["Können Asylbewerber eine Reha bekommen?", "Grace period: the deadline is Friday.", "Rostov und Pskov liegen in Russland."]);
});
