import { beforeAll, describe, expect, it } from "vitest";
import { realKnowledge, understoodKnowledge } from "../helpers.js";
import type { Triage } from "../../src/knowledge/triage.js";

// Questions written for these tests (not taken from the evaluation sets or knowledge/examples).
const k = realKnowledge();
let triage: Triage;
beforeAll(async () => {
  triage = (await understoodKnowledge()).triage;
}, 120_000);
const decide = (q: string) => triage.decide(q);

describe("search", () => {
  it("finds topics despite typos, missing umlauts and lower case", () => {
    expect(k.index.search("wohnsitzauflage aufheben wegen arbeit").hits[0]?.topic).toBe("wohnsitzauflage");
    expect(k.index.search("kindergeld beantragen fuer die kinder").hits[0]?.topic).toBe("kindergeld-elterngeld");
    expect(k.index.search("integratonskurs anmelden").hits[0]?.topic).toBe("integrationskurs");
    expect(k.index.search("FÜHRERSCHEIN UMSCHREIBEN").hits[0]?.topic).toBe("fuehrerschein");
  });

  it("finds topics described in everyday words", () => {
    expect(k.index.search("Er darf keine Arbeit annehmen, die Ausländerbehörde sagt nein. Wie bekommt er die Erlaubnis zu arbeiten?").hits[0]?.topic).toBe("arbeitserlaubnis");
    expect(k.index.search("Where can the kids learn German at school when they just arrived?").hits[0]?.topic).toBe("schulpflicht-willkommensklassen");
  });

  it("finds topics from questions in Ukrainian, Arabic and Russian", () => {
    expect(k.index.search("Як отримати дозвіл на роботу?").hits.map((h) => h.topic)).toContain("arbeitserlaubnis");
    expect(k.index.search("كيف أسجل في دورة الاندماج؟").hits.map((h) => h.topic)).toContain("integrationskurs");
    expect(k.index.search("Что такое Duldung?").hits.map((h) => h.topic)).toContain("duldung");
  });
});

describe("triage", () => {
  it("answers a clear topic question", () => {
    const d = decide("Wie finde ich einen Kita-Platz für ein dreijähriges Kind?");
    expect(d).toMatchObject({ action: "answer", topic: "kita" });
  });

  it("puts danger to life first", () => {
    expect(decide("Er hat Tabletten geschluckt und reagiert nicht mehr").action).toBe("emergency");
    expect(decide("She says she wants to kill herself tonight").action).toBe("emergency");
    expect(decide("Jemand hat gerade ein Messer gezogen in der Unterkunft").action).toBe("emergency");
  });

  it("answers general questions about emergencies with the emergency topic, without raising an emergency", () => {
    expect(decide("Welche Nummer hat die Telefonseelsorge?")).toMatchObject({ action: "answer", topic: "notfall-krise" });
  });

  it("escalates requests for a person", () => {
    expect(decide("Ich will bitte mit einem Menschen sprechen").action).toBe("escalate");
    expect(decide("Can someone from the team call me back?").action).toBe("escalate");
  });

  it("escalates individual cases that ask what to do, but not the volunteer's own conduct", () => {
    const d = decide("Frau K. hat eine Ablehnung vom Jobcenter bekommen. Soll sie Widerspruch einlegen oder lieber nicht?");
    expect(d.action).toBe("escalate");
    expect(d.reason).toBe("individual");
    expect(decide("Should he accept the job offer or wait for the integration course? What are his chances?").action).toBe("escalate");
    expect(decide("Wie viel Zeit sollte ich für eine Patenschaft einplanen?").action).toBe("answer");
  });

  it("escalates urgent topics with the topic attached", () => {
    const d = decide("Der Asylantrag wurde abgelehnt, wie lange ist die Frist für die Klage?");
    expect(d).toMatchObject({ action: "escalate", topic: "ablehnung-klage-fristen" });
  });

  it("falls back kindly for questions outside its field", () => {
    for (const q of ["Wer gewinnt heute das Spiel in der Bundesliga?", "Give me a recipe for apple cake", "xkcd qwrtz plmk", "🙂🙂🙂", "Welcher Film läuft heute im Kino?"]) {
      expect(decide(q).action, q).toBe("fallback");
    }
  });
});
