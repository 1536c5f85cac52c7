import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Lotse } from "../../app.js";
import type { DeskAccount } from "../../escalation/accounts.js";
import { noticePage, securityHeaders } from "./pages.js";
import { preferredLanguage } from "../../http/page-language.js";

/**
 * Signing in to the web desk: a one-time link trades its token for a session cookie, and every
 * other desk route asks for that session. The cookie is HttpOnly (no script reads it),
 * SameSite=Strict and limited to /desk; state-changing requests must also come from our own
 * origin with a JSON body, which a foreign page cannot send without CORS.
 */

export const DESK_COOKIE = "lotse_desk";
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
/** Languages the desk's words exist in (locales/<lang>/desk.json). */
export const DESK_LANGUAGES = ["de", "en"] as const;

export type DeskEnv = { Variables: { account: DeskAccount; session: string; lang: string } };

/** The desk's language: asked for (?lang=), else the browser's first desk language, else German. */
export function deskLanguage(c: Context): string {
  const offered = (lang: string | undefined) => lang !== undefined && (DESK_LANGUAGES as readonly string[]).includes(lang);
  const asked = c.req.query("lang");
  if (offered(asked)) return asked!;
  return preferredLanguage(c.req.header("accept-language"), offered) ?? "de";
}

function secureRequest(lotse: Lotse, c: Context): boolean {
  return (lotse.config.PUBLIC_URL?.startsWith("https://") ?? false) || new URL(c.req.url).protocol === "https:";
}

/** GET /desk/sign-in?token=…: redeems the invite once, sets the session cookie, and leaves the token out of the address. */
export function signIn(lotse: Lotse) {
  return async (c: Context): Promise<Response> => {
    const lang = deskLanguage(c);
    const t = (key: string) => lotse.t(lang, key);
    const token = c.req.query("token") ?? "";
    const sessionMs = lotse.config.DESK_SESSION_HOURS * 3600_000;
    const redeemed = TOKEN.test(token) ? await lotse.accounts.redeem(token, sessionMs) : undefined;
    if (!redeemed) {
      lotse.logger.info("desk sign-in refused: link unknown, used or expired");
      return noticePage(c, 401, { lang, title: t("desk.signIn.invalidTitle"), text: t("desk.signIn.invalidText") });
    }
    setCookie(c, DESK_COOKIE, redeemed.session, { httpOnly: true, sameSite: "Strict", secure: secureRequest(lotse, c), path: "/desk", maxAge: Math.floor(sessionMs / 1000) });
    lotse.logger.info({ account: redeemed.account.id }, "desk sign-in");
    securityHeaders(c);
    return c.redirect("/desk", 303);
  };
}

/** POST /desk/sign-out: ends the session here and in the store. */
export function signOut(lotse: Lotse) {
  return async (c: Context): Promise<Response> => {
    const token = getCookie(c, DESK_COOKIE);
    if (token && TOKEN.test(token)) await lotse.accounts.endSession(token);
    deleteCookie(c, DESK_COOKIE, { path: "/desk", secure: secureRequest(lotse, c), httpOnly: true, sameSite: "Strict" });
    return c.json({ ok: true });
  };
}

/**
 * Requests that change something: JSON only, and from our own origin (the Origin header names
 * the host the request went to, or PUBLIC_URL behind a proxy). A form or a foreign page is refused.
 */
export function sameOriginJson(lotse: Lotse): MiddlewareHandler<DeskEnv> {
  const publicOrigin = lotse.config.PUBLIC_URL ? new URL(lotse.config.PUBLIC_URL).origin : undefined;
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const lang = deskLanguage(c);
    const origin = c.req.header("origin");
    let same = false;
    try {
      same = Boolean(origin) && (new URL(origin!).host === new URL(c.req.url).host || new URL(origin!).origin === publicOrigin);
    } catch {
      same = false;
    }
    if (!same) return c.json({ error: lotse.t(lang, "desk.errors.foreignOrigin") }, 403);
    if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) return c.json({ error: lotse.t(lang, "desk.errors.jsonOnly") }, 415);
    return next();
  };
}

/**
 * Every desk route past this needs a session: the API and the feed answer 401 JSON, the page
 * shows how to sign in.
 */
export function requireSession(lotse: Lotse, isPage: (path: string) => boolean): MiddlewareHandler<DeskEnv> {
  return async (c, next) => {
    const lang = deskLanguage(c);
    const token = getCookie(c, DESK_COOKIE);
    const account = token && TOKEN.test(token) ? await lotse.accounts.session(token) : undefined;
    if (!account || !token) {
      if (c.req.method === "GET" && isPage(c.req.path)) {
        return noticePage(c, 401, { lang, title: lotse.t(lang, "desk.signIn.neededTitle"), text: lotse.t(lang, "desk.signIn.neededText") });
      }
      securityHeaders(c);
      return c.json({ error: lotse.t(lang, "desk.errors.signedOut") }, 401);
    }
    c.set("account", account);
    c.set("session", token);
    c.set("lang", lang);
    return next();
  };
}
