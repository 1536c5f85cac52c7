import { createHash } from "node:crypto";
import { textDirection, type Block, type Span } from "../core/message.js";

/**
 * HTML for the public /kb pages: escaped text under a few tags of our own, no scripts, one
 * stylesheet allowed by its hash (the CSP admits nothing else), readable on a phone.
 */

export function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Only web and mail links become links (a `javascript:` href in an entry stays text). */
function safeHref(href: string | undefined): string | undefined {
  return href && /^(https?:|mailto:)/i.test(href) ? href : undefined;
}

export function spansHtml(list: Span[]): string {
  return list
    .map((s) => {
      let out = escape(s.text);
      const href = safeHref(s.href);
      if (href) out = `<a href="${escape(href)}" rel="noopener noreferrer">${out}</a>`;
      return s.bold ? `<strong>${out}</strong>` : out;
    })
    .join("");
}

/** The entry's title is the page's h1; "Mehr" is an h2, and headings inside it go one below. */
export function blockHtml(b: Block): string {
  switch (b.type) {
    case "heading":
      return `<h1>${spansHtml(b.spans)}</h1>`;
    case "paragraph":
      return `<p>${spansHtml(b.spans)}</p>`;
    case "note":
      return `<p class="note">${spansHtml(b.spans)}</p>`;
    case "list":
      return `<ul>${b.items.map((i) => `<li>${spansHtml(i)}</li>`).join("")}</ul>`;
    case "more":
      return `<h2>${escape(b.title)}</h2>${b.blocks.map((inner) => (inner.type === "heading" ? `<h3>${spansHtml(inner.spans)}</h3>` : blockHtml(inner))).join("")}`;
  }
}

/** A link to one of our own pages (a path with a query we built): escaped all the same. */
export function ownLink(path: string, text: string, attributes = ""): string {
  return `<a href="${escape(path)}"${attributes}>${escape(text)}</a>`;
}

const STYLE =
  "body{font:17px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:42rem;margin:0 auto;padding:1rem;color:#1f2937;background:#fff}" +
  "h1{font-size:1.45rem;line-height:1.25;margin:.6rem 0 1rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}h3{font-size:1rem;margin:1.1rem 0 .3rem}" +
  "a{color:#1d4ed8;overflow-wrap:anywhere}ul{padding-inline-start:1.3rem}li{margin:.25rem 0}.note{color:#4b5563;font-size:.92rem}" +
  "nav,footer{font-size:.95rem;color:#4b5563}nav{border-bottom:1px solid #e5e7eb;padding-bottom:.6rem}footer{border-top:1px solid #e5e7eb;margin-top:2rem;padding-top:.6rem}" +
  "footer a{display:inline-block;margin:.15rem .5rem .15rem 0}";

/** The strict policy of these pages: nothing but the stylesheet above, no framing, no forms. */
export const KB_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A whole page: `lang` is the interface language (direction, navigation); the content may set its own. */
export function pageHtml(lang: string, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${escape(lang)}" dir="${textDirection(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">` +
    `<title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`
  );
}
