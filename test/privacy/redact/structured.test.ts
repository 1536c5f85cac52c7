// The detectors for shapes: e-mail addresses, IBANs, phone numbers, dates of birth, street addresses
// (more cases in test/privacy/redact.test.ts). Each detector is also called on its own here.
import { describe, expect, it } from "vitest";
import { findAddresses } from "../../../src/privacy/redact/addresses.js";
import { findBirthdates } from "../../../src/privacy/redact/birthdates.js";
import { findEmails } from "../../../src/privacy/redact/email.js";
import { findIbans } from "../../../src/privacy/redact/iban.js";
import { findPhones } from "../../../src/privacy/redact/phones.js";
import type { Finding } from "../../../src/privacy/redact/shared.js";
import { expectFinds, expectNone } from "./expect.js";

// Detectors propose candidates that may repeat or overlap; findPersonalData resolves them.
const values = (text: string, findings: Finding[]) => [...new Set(findings.map((f) => text.slice(f.start, f.end)))];

describe("e-mail detector", () => {
  it("finds plain and spam-proof addresses on its own", () => {
    const text = "Mail an amina.h@example.org oder info (at) beratung (dot) de";
    expect(values(text, findEmails(text))).toEqual(["amina.h@example.org", "info (at) beratung (dot) de"]);
  });
  expectNone("email", ["Treffen @ 14 Uhr", "Frau Haddad hat Epilepsie."]);
});

describe("IBAN detector", () => {
  it("finds an IBAN in groups on its own", () => {
    const text = "IBAN DE40 1234 5678 0000 1234 56, danke";
    expect(values(text, findIbans(text))).toEqual(["DE40 1234 5678 0000 1234 56"]);
  });
  expectNone("iban", ["Steuer-ID 86095742719", "Kindergeldnummer 123FK456789"]);
});

describe("phone detector", () => {
  it("finds mobile numbers on its own", () => {
    const text = "Handy 0176 12345678, WhatsApp +963 944 123 456";
    expect(values(text, findPhones(text))).toEqual(["0176 12345678", "+963 944 123 456"]);
  });
  expectNone("phone", ["Steuer-ID 86095742719", "BG-Nummer 23104BG0012345", "SV-Nummer 12 150385 M 123"]);
});

describe("date-of-birth detector", () => {
  it("finds a date after a birth word on its own", () => {
    const text = "Amina, geb. 12.03.1990, hat Epilepsie";
    expect(values(text, findBirthdates(text, 2026))).toEqual(["12.03.1990"]);
  });
  expectFinds("birthdate", [["Yonas (geb. 1.1.2001) hat Asthma", "1.1.2001"]]);
});

describe("address detector", () => {
  it("finds a street and postcode on its own", () => {
    const text = "Olena wohnt in der Lindenstraße 14, 38100 Braunschweig";
    expect(values(text, findAddresses(text))).toContain("Lindenstraße 14, 38100 Braunschweig");
  });
  expectNone("address", ["Pflegegrad 3 und GdB 70 sind beantragt", "Sie ist im 5. Monat schwanger."]);
});
