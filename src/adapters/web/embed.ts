import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import type { Translate } from "../../i18n/i18n.js";
import { UI_LANGUAGES } from "../../i18n/detect.js";
import { WEB_PUBLIC_DIR } from "../../paths.js";

const MARKER = "/*LOTSE_STRINGS*/ {}";

/**
 * The web chat's Content-Security-Policy. `frame-ancestors` lists the websites allowed to show
 * the chat in a frame (EMBED_ORIGINS, validated as plain origins in config); none: 'none'.
 */
export function chatCsp(embedOrigins: readonly string[]): string {
  const ancestors = embedOrigins.length ? embedOrigins.join(" ") : "'none'";
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors ${ancestors}; base-uri 'none'; form-action 'none'`;
}

/** The widget script with its labels in every interface language: the host page picks by its own `lang`. */
export function embedScript(t: Translate): string {
  const source = readFileSync(join(WEB_PUBLIC_DIR, "embed.js"), "utf8");
  if (!source.includes(MARKER)) throw new Error("embed.js: the strings marker is missing");
  const strings = Object.fromEntries(
    UI_LANGUAGES.map((lang) => [lang, { open: t(lang, "web.embedOpen"), close: t(lang, "web.embedClose"), newWindow: t(lang, "web.embedNewWindow"), title: t(lang, "web.title") }]),
  );
  return source.replace(MARKER, JSON.stringify(strings));
}

/**
 * GET /embed.js, the one line an NGO puts on its website. Served to any page: it only adds a
 * button, and the chat itself refuses to be framed by an origin not in EMBED_ORIGINS. Without
 * EMBED_ORIGINS it is not served at all, so a forgotten snippet fails visibly (404) instead of
 * opening a panel that stays empty.
 */
export function mountEmbedScript(app: Hono, t: Translate, embedOrigins: readonly string[]): void {
  if (!embedOrigins.length) return;
  const body = embedScript(t);
  app.get("/embed.js", (c) =>
    c.body(body, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      // Loaded by other sites: allowed for them even where they isolate themselves (COEP).
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Cache-Control": "public, max-age=3600",
    }),
  );
}
