import { describe, expect, it } from "vitest";
import { steuerIdValid } from "../../../src/privacy/redact.js";
import { findFileNumbers } from "../../../src/privacy/redact/file-numbers.js";
import { expectFinds, expectNone } from "./expect.js";

describe("file numbers: German personal numbers", () => {
  expectFinds("fileNumber", [
    // Kindergeldnummer: three digits, FK, six digits; with and without keyword and separators.
    ["Kindergeldnummer 123FK456789, keine Zahlung", "123FK456789"],
    ["Kindergeld-Nr. 215 FK 309876", "215 FK 309876"],
    ["der Brief mit 777FK000123 kam gestern", "777FK000123"],
    ["child benefit number 305FK771234", "305FK771234"],
    // Steuer-ID: eleven digits; bare only with a valid check digit.
    ["Seine Steuer-ID ist 86095742719.", "86095742719"],
    ["Steuer-IdNr. 47 150 938 622 steht oben", "47 150 938 622"],
    ["Er hat 26384917052 vom Finanzamt bekommen", "26384917052"],
    ["Steuer-ID 12345678901 (vielleicht falsch)", "12345678901"],
    // Sozial-/Rentenversicherungsnummer: area, birth date, initial, serial.
    ["Sozialversicherungsnummer 65 170839 J 003, bitte", "65 170839 J 003"],
    ["Rentenversicherungsnummer: 12150385M123", "12150385M123"],
    ["RV-Nr. 53-020294-A-041", "53-020294-A-041"],
    ["steht auf dem Ausweis: 49 230572 S 018.", "49 230572 S 018"],
    // Krankenversichertennummer: a letter and nine digits.
    ["Krankenversichertennummer A123456789", "A123456789"],
    ["Versichertennummer T 987 654 321, AOK", "T 987 654 321"],
    ["KVNR N123456780 ist ungültig", "N123456780"],
    // Jobcenter: BG-Nummer and Kundennummer.
    ["BG-Nummer 23104BG0012345.", "23104BG0012345"],
    ["Bedarfsgemeinschaft 31102 BG 0045678", "31102 BG 0045678"],
    ["BG 23104//0012345 laut Bescheid", "23104//0012345"],
    ["oben rechts steht 962D123456", "962D123456"],
    ["Jobcenter Kunden-Nr. 123 A 456789, Termin verpasst", "123 A 456789"],
    // Ausländerbehörde.
    ["Ausländerbehörde Az. 32.1-0815/2026, Termin", "32.1-0815/2026"],
    ["ABH-Nummer 2026-000471 auf der Fiktionsbescheinigung", "2026-000471"],
    ["Unser Zeichen: 123-SGB II-456/26, so steht es", "123-SGB II-456/26"],
  ]);
  expectNone("fileNumber", [
    "Ist die Steuer-ID dieselbe wie die Steuernummer?",
    "Die Miete beträgt 1.240,50 Euro, seit 2024.",
    "Sie hat 12345678901 Gründe, sagt sie (kein gültiger Prüfziffer-Zufall).",
    "Sprachkurs B1, Modul 3, Raum 204",
    "Pflegegrad 3, GdB 70, Kurs 2026-B1-07",
  ]);
  it("checks the Steuer-ID check digit (ISO 7064 MOD 11,10)", () => {
    expect(steuerIdValid("86095742719")).toBe(true);
    expect(steuerIdValid("86 095 742 719")).toBe(true);
    expect(steuerIdValid("86095742718")).toBe(false);
    expect(steuerIdValid("06095742719")).toBe(false);
  });
  it("works on its own", () => {
    const text = "Kindergeldnummer 123FK456789 und SV 12150385M123";
    expect([...new Set(findFileNumbers(text).map((f) => text.slice(f.start, f.end)))].sort()).toEqual(["12150385M123", "123FK456789"]);
  });
});

describe("file numbers in the forms issue 19 asks for", () => {
  expectFinds("fileNumber", [
    // Court file numbers, with and without a keyword.
    ["Aktenzeichen beim Verwaltungsgericht: 5 K 1234/25.A", "5 K 1234/25.A"],
    ["Die Klage läuft unter 3 A 567/26 beim VG Braunschweig.", "3 A 567/26"],
    ["Das LSG führt es unter L 7 AS 123/24.", "L 7 AS 123/24"],
    ["Beim VG München: M 12 K 21.12345", "M 12 K 21.12345"],
    // Labels in the volunteers' other languages.
    ["номер справи: 5 K 1234/25", "5 K 1234/25"],
    ["Dosya numarası: 32.1-4471/26", "32.1-4471/26"],
    ["رقم الملف 7654321-422", "7654321-422"],
    // Words between the keyword and a colon.
    ["Steuer-ID von Frau Yıldız: 12 345 678 901", "12 345 678 901"],
    // Separators inside the shapes.
    ["KG-Nr. 215 FK 654 321", "215 FK 654 321"],
    ["SV-Nummer 12 15.03.85 M 123", "12 15.03.85 M 123"],
    ["BAMF-Aktenzeichen: 8234567 – 423", "8234567 – 423"],
  ]);
  expectNone("fileNumber", ["Die Linie 560 fährt ab 6 Uhr.", "Nach § 60 Abs. 7 AufenthG kann ein Abschiebungsverbot bestehen.", "Steuer-ID habe ich nicht, Termin am 12.03."]);
});
