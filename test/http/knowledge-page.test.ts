import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import type { Lotse } from "../../src/app.js";
import { mountKnowledgePages } from "../../src/http/knowledge-page.js";
import { KB_CSP } from "../../src/http/kb-html.js";
import { pageLanguage } from "../../src/http/page-language.js";
import { testLotse } from "../helpers.js";

/** /kb and /kb/<topic>: what Lotse knows, as public pages in the reader's language. */

let app: Hono;
let lotse: Lotse;
beforeAll(async () => {
  ({ lotse } = await testLotse());
  app = new Hono();
  mountKnowledgePages(app, lotse);
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers });
  return { res, html: await res.text() };
};

/** The text of the page a reader sees: tags dropped, the four entities we emit decoded. */
const visible = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("/kb: the index", () => {
  it("lists every area and every topic with links to their pages, in German by default", async () => {
    const { res, html } = await get("/kb");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(KB_CSP);
    expect(KB_CSP).toMatch(/default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(res.headers.get("vary")).toBe("Accept-Language");
    expect(html).toMatch(/^<!doctype html><html lang="de" dir="ltr">/);
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    expect(visible(html)).toContain("Was Lotse weiß");
    expect(html).toContain("<h2>Asylverfahren &amp; Aufenthalt</h2>");
    const links = [...html.matchAll(/href="\/kb\/([a-z0-9-]+)\?lang=de"/g)].map((m) => m[1]);
    expect(new Set(links)).toEqual(new Set(lotse.knowledge.kb.topics.keys()));
    // The other languages, each named in its own.
    expect(html).toContain('href="/kb?lang=ar" lang="ar" dir="rtl">العربية</a>');
    expect((await get("/kb/")).res.status).toBe(200);
  });

  it("follows Accept-Language without ?lang=, and ?lang= wins", async () => {
    const { html } = await get("/kb", { "Accept-Language": "fr-FR, uk;q=0.9, en;q=0.8" });
    expect(html).toMatch(/<html lang="uk" dir="ltr">/);
    expect(visible(html)).toContain("Що знає Lotse");
    expect((await get("/kb?lang=en", { "Accept-Language": "uk" })).html).toMatch(/<html lang="en"/);
    expect(pageLanguage("xx", "tr-TR,de;q=0.5", "de")).toBe("tr");
    expect(pageLanguage(undefined, "en;q=0.2, fa;q=0.7", "de")).toBe("fa");
    expect(pageLanguage(undefined, "fr, es", "de")).toBe("de");
    expect(pageLanguage(undefined, "ar;q=0", "en")).toBe("en");
  });
});

describe("/kb/<topic>", () => {
  it("shows a topic in German with the same content as the answer, every Land's rules, the details, the Stand date and the sources", async () => {
    const topic = [...lotse.knowledge.kb.topics.values()].find((t) => Object.keys(t.entries.get("de")!.regions).length >= 2 && t.entries.get("de")!.more)!;
    const entry = topic.entries.get("de")!;
    const { res, html } = await get(`/kb/${topic.id}?lang=de`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(KB_CSP);
    expect(res.headers.get("vary")).toBeNull();
    const text = visible(html);
    expect(html).toContain(`<h1>${entry.title.replace(/&/g, "&amp;")}</h1>`);
    expect(text).toContain(entry.bodyBlocks.flatMap((b) => ("spans" in b ? b.spans : [])).map((s) => s.text).join("").slice(0, 40));
    expect(text).toContain("Regeln in einzelnen Bundesländern");
    for (const land of Object.keys(entry.regions)) expect(text).toContain(`In ${lotse.routing.land(land)!.name}:`);
    expect(html).toContain("<h2>Mehr</h2>");
    expect(text).toMatch(/Stand: \d+\. \w+ \d{4} · Allgemeine Information, keine Rechtsberatung\./);
    expect(html).toContain("<h2>Quellen</h2>");
    for (const source of entry.sources) expect(html).toContain(`<a href="${source.url.replace(/&/g, "&amp;")}" rel="noopener noreferrer">`);
    // Back to the index, on to related topics, and the page in other languages.
    expect(html).toContain('href="/kb?lang=de"');
    expect(html).toContain(`href="/kb/${topic.id}?lang=en"`);
    expect(html).not.toMatch(/<script/i);
  });

  it("shows a source that belongs to a Land's block with that block, not among the general sources", async () => {
    const entry = lotse.knowledge.kb.topics.get("kita")!.entries.get("de")!;
    const regional = entry.sources.find((s) => (s as { region?: string }).region === "berlin");
    expect(regional, "kita has a Berlin source").toBeDefined();
    const { html } = await get("/kb/kita?lang=de");
    const berlin = html.slice(html.indexOf("<h3>In Berlin:</h3>"));
    const general = html.slice(html.indexOf("<h2>Quellen</h2>"));
    expect(berlin.slice(0, berlin.indexOf("<h3>", 4) > 0 ? berlin.indexOf("<h3>", 4) : berlin.indexOf("<h2>"))).toContain(escapeUrl(regional!.url));
    expect(general).not.toContain(escapeUrl(regional!.url));
    expect(general).toContain(escapeUrl(entry.sources.find((s) => !(s as { region?: string }).region)!.url));
  });

  it("shows the Arabic translation right to left, with its note on the German original and the sources", async () => {
    const { res, html } = await get("/kb/kita?lang=ar");
    expect(res.status).toBe(200);
    const ar = lotse.knowledge.kb.topics.get("kita")!.entries.get("ar")!;
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(html).toContain('<main lang="ar" dir="rtl">');
    expect(html).toContain(`<title>${ar.title}</title>`);
    const text = visible(html);
    expect(text).toContain("المصادر");
    for (const source of ar.sources) expect(html).toContain(`href="${source.url.replace(/&/g, "&amp;")}"`);
    expect(text).toContain("النسخة الألمانية"); // the note that the German version is the binding one
    expect(text).toContain("كل المواضيع"); // the way back to the index, in Arabic
  });

  it("answers an unknown topic with 404 and a way to the index", async () => {
    const { res, html } = await get("/kb/gibt-es-nicht?lang=en");
    expect(res.status).toBe(404);
    expect(visible(html)).toContain("This topic does not exist (any more).");
    expect(html).toContain('href="/kb?lang=en"');
    const odd = await get(`/kb/${encodeURIComponent('<script>alert("x")</script>')}`);
    expect(odd.res.status).toBe(404);
    expect(odd.html).not.toContain("<script>");
  });
});

function escapeUrl(url: string): string {
  return url.replace(/&/g, "&amp;");
}
