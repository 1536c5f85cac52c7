import { silentLogger } from "../helpers.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SlackAdapter } from "../../src/adapters/slack/adapter.js";
import { ticketCard } from "../../src/adapters/slack/card.js";
import { escapeMrkdwn, replyToMrkdwn, sectionTexts } from "../../src/adapters/slack/render.js";
import type { Lotse } from "../../src/app.js";
import type { Reply } from "../../src/core/message.js";
import type { Sender } from "../../src/core/outbox/outbox.js";
import type { Ticket } from "../../src/escalation/tickets.js";
import { FakeSlack } from "../fakes/slack-api.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { hasLoneSurrogate, placement, replyWith, RUNS, TRUSTED_HREF, userText } from "./arbitraries.js";

/**
 * Slack has no escape for formatting (*, _, ~, `), only for its control characters & < >:
 * every <!channel>, <@U…>, <#C…> or <url|text> must come from us, never from user text,
 * and bare "@channel" only stays text in text objects marked `verbatim`.
 */

const { t } = createI18n();

/** What a Slack reader sees of mrkdwn text: &amp; &lt; &gt; decoded, nothing else. */
function shown(mrkdwn: string): string {
  return mrkdwn.replace(/&(amp|lt|gt);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">" })[e]!);
}

/** Every "<…>" control sequence in mrkdwn text (links, mentions, broadcasts, dates). */
function controlSequences(mrkdwn: string): string[] {
  return [...mrkdwn.matchAll(/<[^<>]*>/g)].map((m) => m[0]);
}

/** Escaped text is safe: no control character left, every "&" starts one of Slack's three entities. */
function expectInert(mrkdwn: string): void {
  expect(mrkdwn).not.toMatch(/[<>]/);
  expect(mrkdwn).not.toMatch(/&(?!(amp|lt|gt);)/);
}

function ticketWith(question: string, claimedBy?: string): Ticket {
  const at = "2026-03-02T09:00:00.000Z";
  return {
    id: "L-ABC234",
    status: claimedBy ? "claimed" : "open",
    priority: "normal",
    question,
    topic: "widerspruch",
    region: "berlin-pankow",
    lang: "de",
    origin: { platform: "telegram", chatId: "1", userId: "1" },
    createdAt: at,
    updatedAt: at,
    ...(claimedBy ? { claimedBy } : {}),
    messages: [],
    history: [],
  } as Ticket;
}

/** Every text object in a Block Kit tree. */
function textObjects(node: unknown, out: { type: string; text: string; verbatim?: boolean }[] = []): typeof out {
  if (Array.isArray(node)) for (const item of node) textObjects(item, out);
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if ((o.type === "mrkdwn" || o.type === "plain_text") && typeof o.text === "string") out.push(o as (typeof out)[number]);
    else for (const value of Object.values(o)) textObjects(value, out);
  }
  return out;
}

describe("Slack mrkdwn: any user text is literal text and pings nobody", () => {
  it("escapeMrkdwn leaves no control sequence and shows the text unchanged", () => {
    fc.assert(
      fc.property(userText, (text) => {
        const escaped = escapeMrkdwn(text);
        expectInert(escaped);
        expect(shown(escaped)).toBe(text);
      }),
      RUNS,
    );
  });

  it("sectionTexts stay under Slack's limit, split neither an entity nor an emoji, and together show the whole text", () => {
    fc.assert(
      fc.property(userText, (text) => {
        const sections = sectionTexts(text);
        for (const section of sections) {
          expect(section.length).toBeLessThanOrEqual(3000);
          expectInert(section);
          expect(hasLoneSurrogate(section)).toBe(false);
        }
        expect(sections.map(shown).join("")).toBe(text);
      }),
      RUNS,
    );
  });

  it("the ticket card shows the volunteer's question verbatim, and only our own mention", () => {
    fc.assert(
      fc.property(userText, fc.boolean(), (text, claimed) => {
        // A marker no locale string contains, to find every place the question shows up.
        const question = `⟦Q⟧${text}`;
        const card = ticketCard(ticketWith(question, claimed ? "U0COORD" : undefined), {
          t,
          lang: "de",
          now: new Date("2026-03-02T10:00:00.000Z"),
          topicTitle: "Widerspruch <gegen> Bescheid",
          topicUrl: TRUSTED_HREF,
          regionLabel: "Pankow (Berlin)",
        });
        // The notification text carries no user text at all.
        expect(card.text).not.toContain(question);
        const objects = textObjects(card.blocks);
        const questionSections = objects.filter((o) => o.type === "mrkdwn" && sectionTexts(question).includes(o.text));
        expect(questionSections.map((o) => shown(o.text)).join("")).toBe(question);
        for (const o of questionSections) expectInert(o.text);
        for (const o of objects) {
          // Without verbatim Slack itself turns "@channel" in the text into a broadcast.
          if (o.type === "mrkdwn" && o.text.includes("⟦Q⟧")) expect(o.verbatim).toBe(true);
          if (o.type === "plain_text") expect(o.text).not.toContain("⟦Q⟧");
          for (const sequence of controlSequences(o.text)) expect([`<${TRUSTED_HREF}|Widerspruch &lt;gegen&gt; Bescheid>`, "<@U0COORD>"]).toContain(sequence);
        }
        for (const o of objects.filter((x) => x.type === "mrkdwn" && /L-ABC234|Pankow|Thema/.test(x.text))) expect(o.verbatim).toBe(true);
      }),
      RUNS,
    );
  });

  it("thread messages (answers, follow-ups, reminders) escape every span and link only where the reply links", () => {
    fc.assert(
      fc.property(userText, placement, (text, where) => {
        const mrkdwn = replyToMrkdwn(replyWith(text, where));
        for (const sequence of controlSequences(mrkdwn)) expect(sequence).toMatch(new RegExp(`^<${TRUSTED_HREF.replace(/[.?*+^$()[\]\\|{}]/g, "\\$&")}\\|(BAMF|Quelle)>$`));
        const withoutLinks = mrkdwn.replace(/<[^<>]*\|([^<>]*)>/g, "$1");
        expectInert(withoutLinks);
        expect(shown(withoutLinks)).toContain(text); // whole: a message takes 40,000 characters
      }),
      RUNS,
    );
  });

  it("posts thread messages without link_names or parse=full, so bare @channel stays text", async () => {
    const slack = await FakeSlack.start();
    let sender: Sender | undefined;
    const lotse = {
      outbox: { register: (_platform: string, s: Sender) => (sender = s) },
      tickets: { on: () => undefined },
      relay: { add: () => undefined },
      // The per-channel send limit is not this test's subject: every send may go at once.
      store: { sendWithin: async () => undefined },
      config: { DEFAULT_LANGUAGE: "de" },
      logger: silentLogger,
    } as unknown as Lotse;
    new SlackAdapter(lotse, { botToken: slack.botToken, signingSecret: "secret", apiUrl: slack.apiUrl });
    try {
      await fc.assert(
        fc.asyncProperty(userText, placement, async (text, where) => {
          const reply: Reply = replyWith(text, where);
          slack.calls.length = 0;
          await sender!.send({ platform: "slack", chatId: "C1", threadId: "1.0", userId: "coordinators" }, reply);
          const posted = slack.calls.filter((c) => c.method === "chat.postMessage");
          expect(posted).toHaveLength(1);
          expect(posted[0]!.body.text).toBe(replyToMrkdwn(reply));
          expect(posted[0]!.body.link_names).not.toBe(true);
          expect(String(posted[0]!.body.link_names ?? "")).not.toMatch(/^(1|true)$/);
          expect(posted[0]!.body.parse).not.toBe("full");
        }),
        { numRuns: 60 },
      );
    } finally {
      await slack.stop();
    }
  });
});

describe("Slack regressions found by the properties", () => {
  it("does not split an entity at the section limit", () => {
    expect(sectionTexts(`${"x".repeat(2898)}&&&`)).toEqual(["x".repeat(2898), "&amp;&amp;&amp;"]);
  });

  it("does not split an emoji at the section limit", () => {
    expect(sectionTexts(`${"x".repeat(2899)}😀😀`)).toEqual(["x".repeat(2899), "😀😀"]);
  });

  it("splits a long question at a space near the limit, and the card shows all of it", () => {
    const question = Array.from({ length: 1500 }, (_, i) => `Wort${i}`).join(" ");
    const sections = sectionTexts(question);
    expect(sections.length).toBeGreaterThan(3);
    for (const section of sections.slice(0, -1)) expect(section.endsWith(" ")).toBe(true);
    const card = ticketCard(ticketWith(question), { t, lang: "de", now: new Date("2026-03-02T10:00:00.000Z") });
    const shownText = textObjects(card.blocks).filter((o) => o.type === "mrkdwn" && o.text.includes("Wort")).map((o) => o.text).join("");
    expect(shownText).toBe(question);
  });

  it("marks the question and the fields of a ticket card verbatim", () => {
    const card = ticketCard(ticketWith("@channel bitte alle lesen"), { t, lang: "de", now: new Date("2026-03-02T10:00:00.000Z") });
    const question = textObjects(card.blocks).find((o) => o.text === "@channel bitte alle lesen");
    expect(question?.verbatim).toBe(true);
  });

  it("keeps list items and links of a reminder in the Slack message", () => {
    const text = replyToMrkdwn({
      lang: "de",
      blocks: [{ type: "paragraph", spans: [{ text: "Jour fixe <!here>", bold: true }] }, { type: "list", items: [[{ text: "Dienstag, 18 Uhr" }], [{ text: "Online", href: "https://meet.example/x?a=1|2" }]] }],
      links: [{ title: "Kalender", url: "https://lotse.example/events/berlin.ics" }],
    });
    expect(text).toBe("*Jour fixe &lt;!here&gt;*\n\n• Dienstag, 18 Uhr\n• <https://meet.example/x?a=1%7C2|Online>\n\n• <https://lotse.example/events/berlin.ics|Kalender>");
  });
});
