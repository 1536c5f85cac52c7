import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../src/adapters/discord/adapter.js";
import { escapeDiscord, renderDiscord, renderDiscordParts } from "../../src/adapters/discord/render.js";
import type { Lotse } from "../../src/app.js";
import type { Incoming, Reply } from "../../src/core/message.js";
import type { Sender } from "../../src/core/outbox/outbox.js";
import { createI18n } from "../../src/i18n/i18n.js";
import { hasLoneSurrogate, placement, replyWith, RUNS, TRUSTED_HREF, userText, type Placement } from "./arbitraries.js";

/**
 * Discord: user text shows as itself (after Discord's backslash escapes), never as formatting,
 * a mention, a timestamp or a masked link; and no payload we send can ping anyone but the
 * configured announcement role.
 */

/** Discord's escape: a backslash before anything but a letter, digit or whitespace shows that character. */
const ESCAPABLE = /[^0-9A-Za-z\s]/;
/** Markup at the start of a line: headings, subtext, quotes, lists. */
const BLOCK_MARKUP = /^[ \t]*(#{1,3}\s|-#\s|>>>\s|>\s|[-*+]\s|\d+[.)]\s)/;
/** Characters that mean something to Discord when not escaped; "*" is read separately (our own bold and italics). */
const MARKUP = new Set(["_", "~", "`", "|", "<", ">", "@", "[", "]", "#", "\\"]);

/**
 * What a Discord reader sees of a description, as far as this renderer can produce it:
 * escapes resolved, our "**"/"*" runs removed (and checked), our masked links to trusted
 * URLs read as their text. Anything else that Discord would interpret is reported.
 */
function readDiscord(markdown: string, { truncated }: { truncated: boolean }): string {
  let text = "";
  let bold = false;
  let italic = false;
  let lineStart = true;
  let i = 0;
  while (i < markdown.length) {
    if (lineStart && BLOCK_MARKUP.test(markdown.slice(i, i + 12))) throw new Error(`block markup at ${i}: ${JSON.stringify(markdown.slice(i, i + 12))}`);
    lineStart = false;
    const c = markdown[i]!;
    if (c === "\\" && i + 1 < markdown.length && ESCAPABLE.test(markdown[i + 1]!)) {
      text += markdown[i + 1];
      i += 2;
    } else if (markdown.startsWith("**", i) || c === "*") {
      const marker = markdown.startsWith("**", i) ? "**" : "*";
      const opening = marker === "**" ? !bold : !italic;
      // Discord only formats "*text*" when the text neither starts nor ends with whitespace.
      const neighbour = opening ? markdown[i + marker.length] : markdown[i - 1];
      if (neighbour === undefined || /\s/.test(neighbour)) throw new Error(`"${marker}" next to whitespace at ${i}`);
      if (marker === "**") bold = !bold;
      else italic = !italic;
      i += marker.length;
    } else if (c === "[") {
      const link = /^\[((?:\\.|[^\\\]])*)\]\(([^)\s]*)\)/.exec(markdown.slice(i, i + 500));
      if (!link || link[2] !== TRUSTED_HREF) throw new Error(`masked link not from us at ${i}: ${JSON.stringify(markdown.slice(i, i + 40))}`);
      text += link[1]!.replace(/\\([^0-9A-Za-z\s])/g, "$1");
      i += link[0].length;
    } else if (MARKUP.has(c)) {
      throw new Error(`unescaped ${JSON.stringify(c)} at ${i}: ${JSON.stringify(markdown.slice(Math.max(0, i - 10), i + 10))}`);
    } else {
      if (c === "\n" || c === "\r") lineStart = true;
      text += c;
      i++;
    }
  }
  if (!truncated && (bold || italic)) throw new Error("unclosed bold or italics");
  return text;
}

/** What the description of `replyWith(user, where)` shows, block by block. */
function expectedDescription(user: string, where: Placement): string {
  const carrier = where === "list" ? `• Dienstag 18 Uhr\n• ${user}` : where === "more" ? `Mehr\n${user}` : user;
  return ["Antwort von Asylverfahrensberatung BAMF", carrier, "Keine Rechtsberatung"].join("\n\n");
}

describe("Discord: any user text is literal text and pings nobody", () => {
  it("escapeDiscord leaves nothing for Discord to interpret and shows the text unchanged", () => {
    fc.assert(
      fc.property(userText, (text) => {
        expect(readDiscord(escapeDiscord(text), { truncated: false })).toBe(text);
      }),
      RUNS,
    );
  });

  it("renders replies whose description shows exactly the user text, and never mentions anyone", () => {
    fc.assert(
      fc.property(userText, placement, (text, where) => {
        const payload = renderDiscord(replyWith(text, where));
        expect(payload.allowed_mentions).toEqual({ parse: [] });
        // Embeds never ping; user text never reaches the message content, which could.
        expect(payload).not.toHaveProperty("content");
        const [embed] = payload.embeds;
        expect(embed!.title).toBe("Vorgang L-ABC234");
        expect(embed!.description.length).toBeLessThanOrEqual(4096);
        expect(hasLoneSurrogate(embed!.description)).toBe(false);
        const expected = expectedDescription(text, where);
        // Shortened to 3,999 characters and "…", less a dangling backslash or half an emoji.
        const truncated = embed!.description.length >= 3998 && embed!.description.endsWith("…");
        const shown = readDiscord(embed!.description, { truncated });
        if (truncated) expect(expected.startsWith(shown.slice(0, -1))).toBe(true);
        else expect(shown).toBe(expected);
      }),
      RUNS,
    );
  });

  it("every payload the adapter sends restricts mentions; only a reminder may ping, and only the announce role", async () => {
    const { t } = createI18n();
    let sender: Sender | undefined;
    const lotse = { outbox: { register: (_p: string, s: Sender) => (sender = s) }, t, config: { DEFAULT_LANGUAGE: "de" }, store: memoryStore() } as unknown as Lotse;
    const adapter = new DiscordAdapter(lotse, { token: "test-token", applicationId: "1", announceRoleId: "999" });
    const bodies: Record<string, unknown>[] = [];
    (adapter.client.rest as unknown as { post: (route: string, options: { body: Record<string, unknown> }) => Promise<unknown> }).post = async (route, options) => {
      if (route.endsWith("/users/@me/channels")) return { id: "dm-1" };
      bodies.push(options.body);
      return { id: String(bodies.length) };
    };
    try {
      await fc.assert(
        fc.asyncProperty(userText, placement, fc.constantFrom("answer", "reminder", "coordinator-answer"), fc.boolean(), async (text, where, kind, direct) => {
          bodies.length = 0;
          const reply: Reply = { ...replyWith(text, where), meta: { kind } };
          await sender!.send({ platform: "discord", chatId: direct ? "u1" : "c1", userId: "u1" }, reply);
          // A text longer than one message goes out in parts (nothing is cut): every part restricts
          // mentions, and a reminder pings the role once, with its first part.
          expect(bodies.length).toBeGreaterThanOrEqual(1);
          bodies.forEach((body, i) => {
            if (kind === "reminder" && i === 0) {
              expect(body.content).toBe("<@&999>");
              expect(body.allowed_mentions).toEqual({ parse: [], roles: ["999"] });
            } else {
              expect(body).not.toHaveProperty("content");
              expect(body.allowed_mentions).toEqual({ parse: [] });
            }
            expect(JSON.stringify(body.embeds)).not.toContain("<@&999>");
          });
        }),
        { numRuns: 100 },
      );
    } finally {
      await adapter.client.destroy();
    }
  });

  it("interaction answers and admin replies restrict mentions too", async () => {
    const { t } = createI18n();
    let replies: Reply[] = [];
    const lotse = {
      outbox: { register: () => undefined },
      t,
      config: { DEFAULT_LANGUAGE: "de" },
      store: memoryStore(),
      receive: async (_incoming: Incoming) => replies,
      calendar: { findEvent: async () => undefined, add: async () => undefined },
      logger: { info: () => undefined },
    } as unknown as Lotse;
    const adapter = new DiscordAdapter(lotse, { token: "test-token", applicationId: "1" });
    const sent: Record<string, unknown>[] = [];
    const interaction = (options: Record<string, unknown>, allowed = true) => ({
      locale: "de",
      user: { id: "u1" },
      guildId: "g1",
      channelId: "c1",
      memberPermissions: { has: () => allowed },
      isButton: () => false,
      isChatInputCommand: () => true,
      commandName: "ask",
      options: {
        getString: (name: string) => options[name] as string,
        getInteger: (name: string) => options[name] as number,
        getSubcommand: () => "add",
      },
      reply: async (payload: Record<string, unknown>) => void sent.push(payload),
      followUp: async (payload: Record<string, unknown>) => void sent.push(payload),
      update: async (payload: Record<string, unknown>) => void sent.push(payload),
    });
    const internals = adapter as unknown as {
      answer(interaction: unknown, incoming: Incoming): Promise<void>;
      manageEvent(interaction: unknown): Promise<void>;
    };
    try {
      await fc.assert(
        fc.asyncProperty(userText, placement, userText, fc.boolean(), async (text, where, title, allowed) => {
          sent.length = 0;
          replies = [replyWith(text, where), { ...replyWith(text, "note"), meta: { kind: "feedback" } }];
          await internals.answer(interaction({}), { kind: "text", address: { platform: "discord", chatId: "c1", userId: "u1" }, text });
          await internals.manageEvent(interaction({ id: "treffen-1", termin: "2026-05-04T18:00", minuten: 90, typ: "stammtisch", region: "berlin", titel: title }, allowed));
          // Each reply in as many messages as its text needs (nothing is cut), and the admin's confirmation.
          expect(sent).toHaveLength(replies.reduce((n, r) => n + renderDiscordParts(r).length, 0) + 1);
          for (const payload of sent) {
            expect(payload.allowedMentions).toEqual({ parse: [] });
            // Only the admin's own ephemeral confirmation has content, and it carries no user-controlled title.
            if ("content" in payload) expect(payload.content).not.toContain(title.length > 3 ? title : "\u0000never");
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      await adapter.client.destroy();
    }
  });
});

describe("Discord regressions found by the properties", () => {
  it("escapes block markup at the start of a line, which discord.js's escapeMarkdown left alone", () => {
    expect(escapeDiscord("# Überschrift\n> Zitat\n- Punkt\n-# klein\n1. erstens")).toBe("\\# Überschrift\n\\> Zitat\n\\- Punkt\n\\-\\# klein\n1\\. erstens");
  });

  it("shows @, < and e-mail addresses exactly, without inserted zero-width spaces", () => {
    expect(escapeDiscord("info@beratung.example <@123>")).toBe("info\\@beratung.example \\<\\@123\\>");
  });

  it("keeps italics working around a quoted question with edge whitespace, and drops markers around nothing", () => {
    const note = renderDiscord({ lang: "de", blocks: [{ type: "note", spans: [{ text: "  Frage mit Leerzeichen \n" }] }, { type: "paragraph", spans: [{ text: " ", bold: true }] }] });
    expect(note.embeds[0]!.description).toBe("  *Frage mit Leerzeichen* \n\n\n ");
  });

  it("drops brackets from a link's text without leaving a backslash that would break the link", () => {
    const payload = renderDiscord({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text: "Quelle [1]", href: TRUSTED_HREF }] }], links: [{ title: "BAMF [PDF]", url: TRUSTED_HREF }] });
    expect(payload.embeds[0]!.description).toBe(`[Quelle 1](${TRUSTED_HREF})`);
    expect(payload.embeds[0]!.fields![0]!.value).toBe(`• [BAMF PDF](${TRUSTED_HREF})`);
  });

  it("does not cut an escape or an emoji in half when the description is shortened", () => {
    const escapes = renderDiscord({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text: `${"x".repeat(3998)}***` }] }] });
    expect(escapes.embeds[0]!.description).toBe(`${"x".repeat(3998)}…`);
    const emoji = renderDiscord({ lang: "de", blocks: [{ type: "paragraph", spans: [{ text: `${"x".repeat(3998)}😀😀` }] }] });
    expect(emoji.embeds[0]!.description).toBe(`${"x".repeat(3998)}…`);
  });
});

/** Just enough of a store for the sender's record of delivered parts. */
function memoryStore() {
  const values = new Map<string, unknown>();
  return { ns: () => ({ get: async (key: string) => values.get(key), set: async (key: string, value: unknown) => void values.set(key, value), delete: async (key: string) => values.delete(key) }) };
}
