import type { Context } from "hono";

/**
 * Security headers of every desk response, as the web chat's: scripts only from our own files
 * (no inline script, so injected markup could not run even if it got in), no framing, no referrer
 * (a sign-in link's token must not travel on to another site), nothing cached.
 */
export function securityHeaders(c: Context): void {
  c.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "no-referrer");
  c.header("Cache-Control", "no-store");
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/**
 * A small page without script for the moments the desk itself cannot open: a sign-in link that
 * is used or expired, no session. Every text is escaped, though it only comes from locales.
 */
export function noticePage(c: Context, status: 401 | 410 | 400, notice: { lang: string; title: string; text: string }): Response {
  securityHeaders(c);
  const html = `<!doctype html>
<html lang="${escapeHtml(notice.lang)}" dir="ltr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(notice.title)}</title>
  <link rel="stylesheet" href="/desk/desk.css">
</head>
<body>
  <main class="notice">
    <h1>${escapeHtml(notice.title)}</h1>
    <p>${escapeHtml(notice.text)}</p>
  </main>
</body>
</html>
`;
  return c.html(html, status);
}
