import fc from "fast-check";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { Lotse } from "../../src/app.js";
import { escape, mountKnowledgePages } from "../../src/http/knowledge-page.js";
import { createI18n } from "../../src/i18n/i18n.js";
import type { Entry } from "../../src/knowledge/types.js";
import { placement, replyWith, RUNS, TRUSTED_HREF, userText } from "./arbitraries.js";

/**
 * /kb/<topic> shows a knowledge entry as HTML. Entries are curated, but the page escapes
 * anyway: whatever an entry says (a pasted "<script>", an "&" in a title) stays text.
 */

const TAGS = new Set(["h1", "h2", "p", "ul", "li", "a", "strong"]);
const TAG = /<(\/?)([a-z0-9]+)((?: [a-z]+="[^"<>]*")*)>/y;

/** Reads the page body like a browser would for our tag set, or throws on anything else. */
function readBody(html: string): { text: string; hrefs: string[] } {
  const hrefs: string[] = [];
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === "<") {
      TAG.lastIndex = i;
      const tag = TAG.exec(html);
      if (!tag) throw new Error(`stray "<" at ${i}: ${JSON.stringify(html.slice(i, i + 30))}`);
      const [raw, closing, name, attrs] = tag as unknown as [string, string, string, string];
      if (!TAGS.has(name)) throw new Error(`unexpected <${name}>`);
      if (closing) {
        if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
      } else {
        for (const [, key, value] of attrs.matchAll(/ ([a-z]+)="([^"]*)"/g)) {
          if (key === "href") hrefs.push(decode(value!));
          else if (!((key === "class" && value === "note") || (key === "rel" && value === "noopener noreferrer"))) throw new Error(`unexpected attribute ${key}`);
        }
        stack.push(name);
      }
      i += raw.length;
    } else if (c === "&") {
      const entity = /^&(amp|lt|gt|quot);/.exec(html.slice(i, i + 6));
      if (!entity) throw new Error(`broken entity at ${i}`);
      text += decode(entity[0]);
      i += entity[0].length;
    } else if (c === ">") throw new Error(`stray ">" at ${i}`);
    else {
      text += c;
      i++;
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.join("><")}>`);
  return { text, hrefs };
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[e]!);
}

const { t } = createI18n();

function page(entry: Entry): Hono {
  const lotse = {
    knowledge: { kb: { topics: new Map([["thema", { id: "thema", entries: new Map([["de", entry]]) }]]) } },
    config: { DEFAULT_LANGUAGE: "de" },
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
        expect(decode(head![1]!)).toBe(title);
        const bodyHtml = /<body>([\s\S]*)<\/body>/.exec(html)![1]!;
        const read = readBody(bodyHtml);
        for (const href of read.hrefs) expect(href).toBe(TRUSTED_HREF);
        for (const text of [title, body, sourceTitle]) expect(read.text).toContain(text);
      }),
      { numRuns: 200 },
    );
  });
});
