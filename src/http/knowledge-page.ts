import type { Context, Hono } from "hono";
import type { Lotse } from "../app.js";
import { disclaimerBlock, formatDate, localeSpans, pickEntry, topicTitle } from "../conversation/compose.js";
import { markdownToBlocks } from "../core/richtext.js";
import { catalogue } from "../conversation/topics-browse.js";
import { textDirection, type Block } from "../core/message.js";
import { UI_LANGUAGES, type UiLanguage } from "../i18n/detect.js";
import { loadAreas, type Area } from "../knowledge/areas.js";
import type { Entry } from "../knowledge/types.js";
import { blockHtml, escape, KB_CSP, ownLink, pageHtml } from "./kb-html.js";
import { pageLanguage } from "./page-language.js";

export { escape } from "./kb-html.js";

/**
 * /kb: what Lotse knows, as plain read-only pages: the index (areas and their topics) and one
 * page per topic (/kb/<topic>) with the same content as the answer in chat, every Land's rules,
 * the details, the Stand date and the sources. In the reader's language (`?lang=`, else the
 * browser's Accept-Language, else the default language). Shared from every answer's footer and
 * linked from the Slack ticket card. All text is escaped; the pages have no scripts.
 */
export function mountKnowledgePages(app: Hono, lotse: Lotse): void {
  const kb = lotse.knowledge.kb;
  // Read once, like the assistant does: the areas' order and titles.
  const areas = kb.dir ? loadAreas(kb.dir) : [];
  const language = (c: Context) => pageLanguage(c.req.query("lang"), c.req.header("Accept-Language"), lotse.config.DEFAULT_LANGUAGE);
  const send = (c: Context, lang: UiLanguage, title: string, body: string, status: 200 | 404 = 200) => {
    c.header("Content-Security-Policy", KB_CSP);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    // Without ?lang= the page depends on the browser's languages.
    if (c.req.query("lang") === undefined) c.header("Vary", "Accept-Language");
    return c.html(pageHtml(lang, title, body), status);
  };

  const index = (c: Context) => {
    const lang = language(c);
    return send(c, lang, lotse.t(lang, "browse.page.title"), indexBody(lotse, areas, lang));
  };
  app.get("/kb", index);
  app.get("/kb/", index);

  app.get("/kb/:id", (c) => {
    const lang = language(c);
    const id = c.req.param("id");
    const topic = kb.topics.get(id);
    const entry = topic && pickEntry(topic, lang);
    if (!entry) {
      const body = `${nav(lotse, lang)}<main><h1>${escape(lotse.t(lang, "browse.page.notFound"))}</h1><p>${ownLink(`/kb?lang=${lang}`, lotse.t(lang, "browse.page.index"))}</p></main>`;
      return send(c, lang, lotse.t(lang, "browse.page.notFound"), body, 404);
    }
    return send(c, lang, entry.title, topicBody(lotse, entry, lang, `/kb/${encodeURIComponent(id)}`));
  });
}

function nav(lotse: Lotse, lang: UiLanguage): string {
  return `<nav>${ownLink(`/kb?lang=${lang}`, lotse.t(lang, "browse.page.index"))} · ${ownLink("/", lotse.t(lang, "browse.page.ask"))}</nav>`;
}

/** Links to this page in every interface language, each named in its own language. */
function languages(lotse: Lotse, lang: UiLanguage, path: string): string {
  const links = UI_LANGUAGES.map((l) => (l === lang ? `<strong>${escape(lotse.t(l, "language.self"))}</strong>` : ownLink(`${path}?lang=${l}`, lotse.t(l, "language.self"), ` lang="${l}" dir="${textDirection(l)}"`)));
  return `<footer><p>${escape(lotse.t(lang, "browse.page.languages"))}: ${links.join(" ")}</p></footer>`;
}

function indexBody(lotse: Lotse, areas: Area[], lang: UiLanguage): string {
  const sections = catalogue(lotse.knowledge.kb, areas, lang).map(
    (area) => `<h2>${escape(area.title)}</h2><ul>${area.topics.map((topic) => `<li>${ownLink(`/kb/${encodeURIComponent(topic.id)}?lang=${lang}`, topic.title)}</li>`).join("")}</ul>`,
  );
  const intro = `<h1>${escape(lotse.t(lang, "browse.page.title"))}</h1><p>${escape(lotse.t(lang, "browse.page.intro"))}</p>`;
  return `${nav(lotse, lang)}<main>${intro}${sections.join("")}</main>${languages(lotse, lang, "/kb")}`;
}

/** The entry as the answer shows it, with every Land's rules instead of the reader's one. */
function topicBody(lotse: Lotse, entry: Entry, lang: UiLanguage, path: string): string {
  const { t, routing, knowledge } = lotse;
  const blocks: Block[] = [{ type: "heading", spans: [{ text: entry.title }] }];
  if (entry.lang !== lang) blocks.push({ type: "note", spans: localeSpans(t, lang, "answer.otherLanguage", { language: t(lang, `language.names.${entry.lang}`) }) });
  blocks.push(...entry.bodyBlocks);
  let html = blocks.map(blockHtml).join("");
  const lands = Object.entries(entry.regions ?? {});
  if (lands.length) {
    html += `<h2>${escape(t(entry.lang, "browse.page.regional"))}</h2>`;
    for (const [land, markdown] of lands) {
      html += `<h3>${escape(t(entry.lang, "answer.inLand", { land: routing?.land(land)?.name ?? land }))}</h3>${markdownToBlocks(markdown).map(blockHtml).join("")}`;
      // A source that belongs to this Land's block is shown with it, and only there.
      const own = entry.sources.filter((source) => regionOf(source) === land);
      if (own.length) html += `<p class="note">${escape(t(lang, "web.sources"))}: ${own.map((source) => sourceLink(source.url, source.title)).join(" · ")}</p>`;
    }
  }
  if (entry.moreBlocks.length) html += blockHtml({ type: "more", title: t(entry.lang, "answer.more"), blocks: entry.moreBlocks });
  if (entry.translatedFrom) html += blockHtml({ type: "note", spans: localeSpans(t, entry.lang, "original.note", { date: formatDate(entry.translatedFrom, entry.lang) }) });
  html += blockHtml(disclaimerBlock(t, lang, entry.reviewed));
  const sources = entry.sources.filter((source) => !regionOf(source) || !entry.regions?.[regionOf(source)!]).map((s) => `<li>${sourceLink(s.url, s.title)}</li>`).join("");
  html += `<h2>${escape(t(lang, "web.sources"))}</h2><ul>${sources}</ul>`;
  const related = (entry.related ?? []).filter((id) => knowledge.kb.topics.has(id));
  if (related.length) {
    html += `<h2>${escape(t(lang, "browse.page.related"))}</h2><ul>${related.map((id) => `<li>${ownLink(`/kb/${encodeURIComponent(id)}?lang=${lang}`, topicTitle(knowledge.kb, id, lang))}</li>`).join("")}</ul>`;
  }
  // The content keeps its own language and direction (an English entry shown for lack of a translation).
  return `${nav(lotse, lang)}<main lang="${escape(entry.lang)}" dir="${textDirection(entry.lang)}">${html}</main>${languages(lotse, lang, path)}`;
}

/** The Land a source belongs to (`region` in the entry's front matter), if any. */
function regionOf(source: { region?: string }): string | undefined {
  return source.region;
}

/** A source: a link when its URL is a web address, else its title as text. */
function sourceLink(url: string, title: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escape(url)}" rel="noopener noreferrer">${escape(title)}</a>` : escape(title);
}
