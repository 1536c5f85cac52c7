import { describe, expect, it } from "vitest";
import { findPersonalData, ibanChecksumValid, PLACEHOLDERS, redact } from "../../src/privacy/redact.js";
import { expectFinds, expectNone, found, today } from "./redact/expect.js";
import { measureCorpus, readCorpus, TUNED_CORPUS } from "../../bench/redaction.js";

describe("phone numbers", () => {
  expectFinds("phone", [
    ["Handy +49 171 2345678, bitte zurückrufen", "+49 171 2345678"],
    ["Sie ist unter 0171/2345678 erreichbar.", "0171/2345678"],
    ["Festnetz 030 12345678", "030 12345678"],
    ["Bitte anrufen: (030) 123 456-78.", "(030) 123 456-78"],
    ["Rückruf an 0049 176 12345605, danke", "0049 176 12345605"],
    ["Mr. Jaber: +49 (0)176 12345608, after 4 pm", "+49 (0)176 12345608"],
    ["WhatsApp +90 532 123 45 67", "+90 532 123 45 67"],
    ["his number in Syria is +963 944 123 456.", "+963 944 123 456"],
    ["Tel. 0176-1234-5610", "0176-1234-5610"],
    ["Durchwahl 05361 12345-67", "05361 12345-67"],
    ["Nummer 01761234 5604", "01761234 5604"],
    ["tel: 0531-123456", "0531-123456"],
    ["Tel. 234567 (Durchwahl)", "234567"],
    ["Handy: 0176 12345678 ab 14 Uhr", "0176 12345678"],
  ]);
  expectNone("phone", [
    "Termin am 05.01.2027 um 10:00",
    "Frist bis 30.11.2026.",
    "Miete 650 Euro, Kaution 2.300 Euro, 0,85 € pro qm",
    "nach § 60a Abs. 2 AufenthG und § 25b",
    "Verordnung (EU) Nr. 604/2013, Richtlinie 2011/95/EU",
    "Die Familie lebt seit 2015 in 01067 Dresden.",
    "Hilfetelefon 0800 116 016, Notruf 112, Bereitschaftsdienst 116 117",
    "Der Kurs ist von 08:30-12:00 in Raum 0.12",
    "Az. 8123456-423",
  ]);
});

describe("e-mail addresses", () => {
  expectFinds("email", [
    ["schreibt an k.schulz@sozialamt.example.org, Betreff", "k.schulz@sozialamt.example.org"],
    ["Mail: olena.kovalenko.test@example.org.", "olena.kovalenko.test@example.org"],
    ["Kontakt max.muster+lotse@lotse.example.org bitte", "max.muster+lotse@lotse.example.org"],
    ["Mail an info(at)example.org", "info(at)example.org"],
  ]);
  expectNone("email", ["Wir sind per E-Mail erreichbar @ Beratungsstelle", "Treffen @ 14 Uhr im Café"]);
});

describe("IBANs", () => {
  expectFinds("iban", [
    ["IBAN DE40 1234 5678 0000 1234 56.", "DE40 1234 5678 0000 1234 56"],
    ["Konto DE29876543210123456789, Empfänger", "DE29876543210123456789"],
    ["IBAN: AT27 9999 9000 0012 3456 (Österreich)", "AT27 9999 9000 0012 3456"],
    ["IBAN NL19 ABCD 0123 4567 89 (her sister's account)", "NL19 ABCD 0123 4567 89"],
    ["TR26 9999 9000 0000 0012 3456 78 ist das alte Konto", "TR26 9999 9000 0000 0012 3456 78"],
    ["kleingeschrieben de67 1111 2222 3333 4444 55 geht auch", "de67 1111 2222 3333 4444 55"],
    // A mistyped IBAN right after "IBAN" is still bank data.
    ["IBAN DE12 3456 7890 1234 5678 90 (Tippfehler?)", "DE12 3456 7890 1234 5678 90"],
  ]);
  expectNone("iban", [
    "Code DE12345678901234567890 ist keine IBAN.",
    "Die Nummer DE40 1234 5678 0000 1234 567 ist zu lang",
    "Termin AB12 ist im Raum 3",
  ]);
  it("checks the ISO 13616 checksum", () => {
    expect(ibanChecksumValid("DE40123456780000123456")).toBe(true);
    expect(ibanChecksumValid("DE41123456780000123456")).toBe(false);
    expect(ibanChecksumValid("NL19ABCD0123456789")).toBe(true);
  });
});

describe("dates of birth", () => {
  expectFinds("birthdate", [
    ["Frau R. (geb. 12.03.1990) braucht Hilfe", "12.03.1990"],
    ["geboren am 04.07.1988 in Asmara", "04.07.1988"],
    ["Geburtsdatum laut Pass 1.1.1992", "1.1.1992"],
    ["Die Tochter (*21.09.2015) braucht einen Schulplatz", "21.09.2015"],
    ["ist am 3. Mai 1987 geboren", "3. Mai 1987"],
    ["geb. am 7. Juli 1968, bekommt Grundsicherung", "7. Juli 1968"],
    ["Sie hat am 20.11. Geburtstag", "20.11."],
    ["Seine Frau ist noch in Kabul, geb. 1993.", "1993"],
    ["Mrs. Haddad (DOB 03/07/1985) needs", "03/07/1985"],
    ["Mr. Tesfaye was born on 12 March 1990 in Eritrea", "12 March 1990"],
    ["date of birth 1990-05-14, needs a copy", "1990-05-14"],
    ["D.O.B. 05.05.1982, phone", "05.05.1982"],
    ["born March 12, 1990", "March 12, 1990"],
    ["He was born in 1985 and came in 2015.", "1985"],
    // The age rule: an old full date in a message about age or birth.
    ["Er ist 39 Jahre alt, laut Pass 1.1.1987, laut Bescheid 1.1.1986.", "1.1.1986"],
  ]);
  expectNone("birthdate", [
    "am 12.03. hat sie einen Termin",
    "Frist bis 30.11.2026",
    "Die Bescheide vom 02.03.2025 und 14.07.2025 sind unterschiedlich.",
    "Gesetz vom 30.07.2004; Genfer Flüchtlingskonvention vom 28.07.1951",
    "Die Geburtsurkunde fehlt, Termin beim Standesamt am 12.03.2027.",
    "Sie ist seit dem 15.08.1998 in Deutschland und 45 Jahre alt.",
    "Die Familie kam 2015, die Kinder sind 6 und 9 Jahre alt.",
    "Geburtsdatum fehlt im Bescheid vom 12.03.2026",
  ]);
});

describe("file numbers", () => {
  expectFinds("fileNumber", [
    ["Brief vom BAMF, Az. 8123456-423, er wohnt", "8123456-423"],
    ["Az.: 5 K 1234/24 A, Klage läuft", "5 K 1234/24 A"],
    ["Aktenzeichen 5 Cs 123 Js 4567/26.", "5 Cs 123 Js 4567/26"],
    ["Aktenzeichen lautet 8765432-439.", "8765432-439"],
    ["die BAMF-Nummer 7345612-439 steht oben rechts", "7345612-439"],
    ["Geschäftszeichen: 32.1-4471/26. Er soll", "32.1-4471/26"],
    ["AZR-Nummer 123456789012, Tel.", "123456789012"],
    ["AZR-Nr. 1234 5678 9012", "1234 5678 9012"],
    ["her AZR no. is 456789012345 and", "456789012345"],
    ["BG-Nummer 23104BG0012345.", "23104BG0012345"],
    ["Kundennummer 123A456789, Sperre", "123A456789"],
    ["Kunden-Nr.: 962D123456", "962D123456"],
    ["Steuer-ID (12 345 678 901) an den Arbeitgeber", "12 345 678 901"],
    ["Steuer-Identifikationsnummer 12 345 678 901", "12 345 678 901"],
    ["Tax ID: 98 765 432 109.", "98 765 432 109"],
    ["SV-Nummer 12 150385 M 123", "12 150385 M 123"],
    ["Pass-Nr. N1234567 ist auch weg", "N1234567"],
    ["passport number is P12345678 and", "P12345678"],
    ["Aktenzeichen ABH-2026-04711.", "ABH-2026-04711"],
    ["Ihr Zeichen: M-2026-0042", "M-2026-0042"],
    ["case number 6543210-439, hearing", "6543210-439"],
    ["Reference number: 2026/BS/04711 (from the copy)", "2026/BS/04711"],
    ["Kassenzeichen 5.0123.456789.1, Mahnung", "5.0123.456789.1"],
    // Document numbers need no keyword: one or two capitals and six to nine digits.
    ["lost his Aufenthaltstitel; the number was Y12345678.", "Y12345678"],
  ]);
  expectNone("fileNumber", [
    "Az. habe ich nicht, Termin am 12.03.2026",
    "nach § 25b AufenthG, Art. 16a GG",
    "Case 3: mother with 2 kids. Case number unknown.",
    "Sprachkurs B1, Modul 3, Raum 204, Kurs 2026-B1-07",
    "Die Miete beträgt 1.240,50 Euro, seit 2024.",
    "az önce aradı, 15 dakika sonra",
    "Sie macht den B1-Kurs, danach C1, Linie M10 oder U2",
  ]);
});

describe("street addresses", () => {
  expectFinds("address", [
    ["er wohnt in der Lindenstraße 14, 38100 Braunschweig, Handy", "Lindenstraße 14, 38100 Braunschweig"],
    ["wohnt in der Hauptstr. 5a in Berlin", "Hauptstr. 5a"],
    ["neue Adresse: Berliner Allee 10, 40212 Düsseldorf.", "Berliner Allee 10, 40212 Düsseldorf"],
    ["sie wohnen Am Markt 3, 06108 Halle (Saale).", "Am Markt 3, 06108 Halle (Saale)"],
    ["wohnt seit März Unter den Linden 5, 2. OG", "Unter den Linden 5"],
    ["Karl-Marx-Straße 112, 12043 Berlin", "Karl-Marx-Straße 112, 12043 Berlin"],
    ["Unterkunft Hafenweg 7, Zimmer 12, hat Schimmel", "Hafenweg 7, Zimmer 12"],
    ["aus der GU in der Salzdahlumer Str. 190 hat", "Salzdahlumer Str. 190"],
    ["Neue Adresse ist Alte Poststraße 7a, 01067 Dresden", "Alte Poststraße 7a, 01067 Dresden"],
    ["Adresse: Hannoversche Straße 60, 38116 Braunschweig", "Hannoversche Straße 60, 38116 Braunschweig"],
    ["Familie B. zieht nach 38226 Salzgitter, sagt sie", "38226 Salzgitter"],
    ["lives in the shelter at Am Stadtpark 9, room 12, and", "Am Stadtpark 9, room 12"],
    ["He lives at 12 Baker Street, London.", "12 Baker Street"],
    ["wohnt in der Goethestr.12 in 38106 BS", "38106 BS"],
  ]);
  expectNone("address", [
    "Die Straße vor der Unterkunft ist gesperrt.",
    "Am Montag 3 Termine, im Januar 2 Kurse, Am Ende 5 Leute.",
    "Der Fußweg 10 Minuten zur Schule, Kitaplatz 3 von 5, Bahnsteig 4",
    "Weg 3 ist gesperrt, Platz 1 beim Wettbewerb",
    "In 10115 Fällen wurde abgelehnt. 20000 Menschen demonstrierten.",
    "Wir treffen uns in Berlin, Hamburg oder München.",
    "wohnt in der Hauptstraße, Hausnummer weiß ich nicht.",
    "Sie wohnen Im Jahr 2026 noch dort.",
  ]);
});

describe("names", () => {
  expectFinds("name", [
    ["Herr Ahmadi hat einen Brief", "Ahmadi"],
    ["Kann jemand Herrn Ahmed Karimi am Montag begleiten?", "Ahmed Karimi"],
    ["Frau Haidari Rezai hat angerufen", "Haidari Rezai"],
    ["Familie Al-Hassan hat 2 Kinder", "Al-Hassan"],
    ["Kannst du Frau M. zurückrufen?", "M."],
    ["Hr. Sultani hat", "Sultani"],
    ["Fr. Öztürk hat Probleme", "Öztürk"],
    ["Bitte Frau Dr. med. Schulze anrufen", "Schulze"],
    ["Familie von der Leyen", "von der Leyen"],
    ["Mrs. Haddad needs", "Haddad"],
    ["Mr Nouri's IBAN is", "Nouri"],
    ["The Petrenko family moved", "Petrenko"],
    ["ihr Sohn Omar (8) geht zur Schule", "Omar"],
    ["Her husband Karim is still in Syria", "Karim"],
    ["Frau Yilmaz Bescheid geben", "Yilmaz"],
    ["Hab mit Hr Wolff telefoniert", "Wolff"],
    ["Er heißt Mohammed Al-Sayed und ist 1991 geboren.", "Mohammed Al-Sayed"],
    ["her name is Amina and she is 7", "Amina"],
  ]);
  expectNone("name", [
    "Die Frau vom Jobcenter hat gesagt, die Familie soll warten.",
    "Herr der Lage war niemand.",
    "Eine Frau aus unserer Unterkunft fragt etwas.",
    "Frau und Kinder sind noch in der Türkei.",
    "Mit der Familie Kontakt aufnehmen und der Frau Bescheid sagen.",
    "Sehr geehrte Frau Ministerin, sehr geehrter Herr Präsident",
    "Meine Damen und Herren, liebe Familie",
    "The Family Reunification visa takes 12 months.",
    "Das heißt Montag um 10 Uhr, Mo-Fr Sprechstunde, Fr 14 Uhr geschlossen.",
  ]);
  it("stops at a possessive and at European particles after the first word", () => {
    expect(found("Mrs Amini's son Omar")).toEqual([
      { kind: "name", value: "Amini" },
      { kind: "name", value: "Omar" },
    ]);
    expect(found("Frau Weber von der Beratungsstelle")).toEqual([{ kind: "name", value: "Weber" }]);
  });
});

describe("redact", () => {
  it("replaces each finding with its placeholder and keeps the rest", () => {
    const input = "Herr Ahmadi, Az. 8123456-423, wohnt in der Lindenstraße 14, Handy 0176 12345678, geb. 12.03.1990, IBAN DE40 1234 5678 0000 1234 56, Mail a.b@example.org";
    const { text, findings } = redact(input, { today });
    expect(text).toBe(
      "Herr [Name], Az. [Aktenzeichen], wohnt in der [Adresse], Handy [Telefon], geb. [Geburtsdatum], IBAN [IBAN], Mail [E-Mail]",
    );
    expect(findings.map((f) => f.kind)).toEqual(["name", "fileNumber", "address", "phone", "birthdate", "iban", "email"]);
    expect(Object.values(PLACEHOLDERS)).toEqual(["[Telefon]", "[E-Mail]", "[IBAN]", "[Geburtsdatum]", "[Aktenzeichen]", "[Adresse]", "[Name]"]);
  });

  it("returns text without personal data unchanged", () => {
    const input = "Die Familie hat am 12.03. einen Termin, Frist bis 30.11.2026, 160 Euro, § 25b AufenthG.";
    expect(redact(input, { today })).toEqual({ text: input, findings: [] });
  });

  it("lets the higher-priority kind win an overlap without leaving anything uncovered", () => {
    // The e-mail address contains a name-like part and digits; it stays one e-mail finding.
    expect(found("Frau Haddad: Haddad.1990@example.org")).toEqual([
      { kind: "name", value: "Haddad" },
      { kind: "email", value: "Haddad.1990@example.org" },
    ]);
  });
});

describe("robustness", () => {
  it("handles long and adversarial input (speed is measured in npm run bench -- redaction)", () => {
    const inputs = [
      "0" + "1".repeat(8000) + "x",
      "Az. " + "1a-".repeat(3000) + "!",
      "Frau " + "Aaaa-".repeat(3000) + "1",
      "Karl-".repeat(3000) + "x 5",
      "a".repeat(5000) + "@" + "b.".repeat(2000),
    ];
    for (const input of inputs) expect(() => findPersonalData(input, { today })).not.toThrow();
    const repeated = "Herr Ahmadi, Lindenstraße 14, 0176 12345678, Az. 8123456-423. ".repeat(200);
    const { text } = redact(repeated, { today });
    expect(text).not.toMatch(/Ahmadi|Lindenstraße 14|0176 12345678|8123456-423/);
  });
});

// ---------------------------------------------------------------------------------------------
// The corpus: recall and over-redaction on realistic messages

// The tuned corpus, measured as the redaction bench measures it (bench/redaction.ts).
const corpus = readCorpus(TUNED_CORPUS);

describe("redaction corpus", () => {
  it("is realistic in size and every planted value occurs in its message", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(120);
    expect(corpus.filter((l) => l.pii.length === 0).length).toBeGreaterThanOrEqual(25);
    for (const line of corpus) for (const item of line.pii) expect(line.text).toContain(item.value);
  });

  it("finds at least 95 % of the planted items and redacts at most 5 % of ordinary words", () => {
    const m = measureCorpus(corpus);
    console.log(
      `redaction corpus: ${corpus.length} messages, ${m.planted} planted items, recall ${(m.recall * 100).toFixed(1)} %, ` +
        `over-redaction ${(m.overRedaction * 100).toFixed(2)} % of ${m.ordinary} ordinary words`,
    );
    if (m.missed.length) console.log(`missed:\n  ${m.missed.join("\n  ")}`);
    if (m.overWords.length) console.log(`over-redacted:\n  ${m.overWords.join("\n  ")}`);
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
    expect(m.overRedaction).toBeLessThanOrEqual(0.05);
  });

  it("finds nothing in the messages without personal data", () => {
    const flagged = corpus.filter((l) => l.pii.length === 0).flatMap((l) => found(l.text).map((f) => `${f.kind} ${f.value} in ${l.text}`));
    expect(flagged).toEqual([]);
  });

  it("returns sorted, non-overlapping findings with offsets into the input", () => {
    for (const { text } of corpus) {
      const findings = findPersonalData(text, { today });
      for (const [i, f] of findings.entries()) {
        expect(f.start).toBeLessThan(f.end);
        expect(f.end).toBeLessThanOrEqual(text.length);
        if (i > 0) expect(f.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
      }
    }
  });
});
