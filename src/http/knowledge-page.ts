import type { Hono } from "hono";
import type { Lotse } from "../app.js";
import type { Block, Span } from "../core/message.js";
import { entryBlocks, disclaimerBlock, pickEntry } from "../core/compose.js";

/**
 * /kb/<topic>: a knowledge entry as a plain, read-only page (for the link on a Slack ticket card
 * and for coordinators). All text is escaped; the page has no scripts.
 */
export function mountKnowledgePages(app: Hono, lotse: Lotse): void {
  app.get("/kb/:id", (c) => {
    const topic = lotse.knowledge.kb.topics.get(c.req.param("id"));
    const lang = c.req.query("lang") ?? lotse.config.DEFAULT_LANGUAGE;
    const entry = topic && pickEntry(topic, lang);
    if (!entry) return c.json({ error: "unknown topic" }, 404);
    const blocks = [...entryBlocks(lotse.t, entry, entry.lang, undefined, undefined), disclaimerBlock(lotse.t, entry.lang, entry.reviewed)];
    const sources = entry.sources.map((s) => `<li><a href="${escape(s.url)}" rel="noopener noreferrer">${escape(s.title)}</a></li>`).join("");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(
      `<!doctype html><html lang="${escape(entry.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(entry.title)}</title>` +
        `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}.note{color:#555;font-size:.9rem}</style></head>` +
        `<body>${blocks.map(html).join("")}<h2>${escape(lotse.t(entry.lang, "web.sources"))}</h2><ul>${sources}</ul></body></html>`,
    );
  });
}

export function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function spans(list: Span[]): string {
  return list
    .map((s) => {
      let out = escape(s.text);
      if (s.href && /^(https?:|mailto:)/i.test(s.href)) out = `<a href="${escape(s.href)}">${out}</a>`;
      return s.bold ? `<strong>${out}</strong>` : out;
    })
    .join("");
}

function html(b: Block): string {
  switch (b.type) {
    case "heading":
      return `<h1>${spans(b.spans)}</h1>`;
    case "paragraph":
      return `<p>${spans(b.spans)}</p>`;
    case "note":
      return `<p class="note">${spans(b.spans)}</p>`;
    case "list":
      return `<ul>${b.items.map((i) => `<li>${spans(i)}</li>`).join("")}</ul>`;
    case "more":
      return `<h2>${escape(b.title)}</h2>${b.blocks.map(html).join("")}`;
  }
}
