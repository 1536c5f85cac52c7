import fc from "fast-check";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { Lotse } from "../../src/app.js";
import { escape, mountKnowledgePages } from "../../src/http/knowledge-page.js";
import { createI18n } from "../../src/i18n/i18n.js";
import type { Entry } from "../../src/knowledge/types.js";
import { decodeEntities, readHtml } from "./html-reader.js";
import { placement, replyWith, RUNS, TRUSTED_HREF, userText } from "./arbitraries.js";

/**
 * /kb/<topic> shows a knowledge entry as HTML. Entries are curated, but the page escapes
 * anyway: whatever an entry says (a pasted "<script>", an "&" in a title) stays text.
 */

const TAGS = new Set(["h1", "h2", "h3", "p", "ul", "li", "a", "strong", "nav", "main", "footer"]);
/** The pages' own links: the index, the chat, this topic in another language. */
const OWN_HREF = /^\/(?:kb(?:\/thema)?\?lang=[a-z]{2})?$/;

/** Reads the page body like a browser would for our tag set, or throws on anything else. */
function readBody(html: string): { text: string; hrefs: string[] } {
  return readHtml(html, (name, attrs) => {
    if (!TAGS.has(name)) throw new Error(`unexpected <${name}>`);
    if (!/^(?: [a-z]+="[^"]*")*$/.test(attrs)) throw new Error(`attribute without a value on <${name}>`);
    let href: string | undefined;
    for (const [, key, value] of attrs.matchAll(/ ([a-z]+)="([^"]*)"/g)) {
      if (key === "href" && href === undefined) href = value!;
      else if (!((key === "class" && value === "note") || (key === "rel" && value === "noopener noreferrer") || (key === "lang" && /^[a-z]{2}$/.test(value!)) || (key === "dir" && /^(ltr|rtl)$/.test(value!)))) throw new Error(`unexpected attribute ${key}`);
    }
    return href;
  });
}

const { t } = createI18n();

function page(entry: Entry): Hono {
  const lotse = {
    knowledge: { kb: { topics: new Map([["thema", { id: "thema", entries: new Map([["de", entry]]) }]]) } },
    config: { DEFAULT_LANGUAGE: "de" },
    routing: { land: () => undefined },
    t,
  } as unknown as Lotse;
  const app = new Hono();
  mountKnowledgePages(app, lotse);
  return app;
}

describe("/kb/<topic>: entry text is always text", () => {
  it("escape() round-trips through an HTML reader and leaves no markup, in text and in attributes", () => {
    fc.assert(
      fc.property(userText, (text) => {
        const escaped = escape(text);
        expect(escaped).not.toMatch(/[<>"]/);
        expect(readBody(escaped).text).toBe(text);
        expect(readBody(`<a href="${escaped}">x</a>`).hrefs).toEqual([text]);
      }),
      RUNS,
    );
  });

  it("renders any title, body and source title as text under our own tags only", async () => {
    await fc.assert(
      fc.asyncProperty(userText, userText, placement, userText, async (title, body, where, sourceTitle) => {
        const entry = {
          id: "thema",
          lang: "de",
          title,
          reviewed: "2026-01-15",
          regions: {},
          sources: [{ title: sourceTitle, url: TRUSTED_HREF }],
          bodyBlocks: replyWith(body, where).blocks.slice(1),
          moreBlocks: [],
        } as unknown as Entry;
        const res = await page(entry).request("/kb/thema");
        expect(res.status).toBe(200);
        expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
        const html = await res.text();
        const head = /<title>([^<]*)<\/title>/.exec(html);
        expect(decodeEntities(head![1]!)).toBe(title);
        const bodyHtml = /<body>([\s\S]*)<\/body>/.exec(html)![1]!;
        const read = readBody(bodyHtml);
        for (const href of read.hrefs) if (!OWN_HREF.test(href)) expect(href).toBe(TRUSTED_HREF);
        for (const text of [title, body, sourceTitle]) expect(read.text).toContain(text);
      }),
      { numRuns: 200 },
    );
  });
});
